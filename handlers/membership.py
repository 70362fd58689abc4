"""Who is in a team's group. The group is the truth: Telegram is asked when in doubt (a
private chat not checked for a minute, a button pressed by someone never seen in the group)
and its answer is remembered briefly; what the group told us (joins, leaves, bans) is stored
by the services."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from telegram import Bot, ChatMember, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from domain.errors import NotAMember
from domain.model import UserRef
from handlers.common import user_ref
from handlers.context import BotContext, Services

log = logging.getLogger(__name__)
T = TypeVar("T")

# How long Telegram's word on a private-chat user's membership stands before it is asked
# again. chat_member and left_chat_member updates end a membership at once; this bounds how
# long someone removed without either (a bot that is no admin, hidden service messages)
# keeps access: one getChatMember per person per team a minute at most.
MEMBERSHIP_TTL = timedelta(seconds=60)
STRANGER_TTL = timedelta(seconds=60)  # a stranger is not asked about again within this
IN_GROUP = {
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.OWNER,
}


def in_group(member: ChatMember) -> bool:
    """Return True when a ChatMember is in the chat (a restricted member still is)."""
    if member.status in IN_GROUP:
        return True
    return member.status == ChatMemberStatus.RESTRICTED and bool(
        getattr(member, "is_member", False)
    )


async def group_status(bot: Bot, chat_id: int, user_id: int) -> ChatMember | None:
    """Ask Telegram about one member of one group; None when it cannot say (a network error,
    the bot no longer in the group): then what the bot knows stands."""
    try:
        return await bot.get_chat_member(chat_id, user_id)
    except TelegramError as err:
        log.info("membership check in chat %s failed: %s", chat_id, err)
        return None


async def still_member(bot: Bot, services: Services, telegram_id: int) -> bool:
    """Before a private reminder or digest: False when Telegram says the person left one of
    their teams' groups (recorded, so the next run sends that team's reminders to the
    secretary and leaves it out of the digest). A check of the last minute stands."""
    checked = services.verified.get(telegram_id)
    if checked is not None and services.teams.now() - checked < MEMBERSHIP_TTL:
        return True
    return await _check_groups(bot, services, UserRef(telegram_id))


async def _check_groups(bot: Bot, services: Services, ref: UserRef) -> bool:
    """Ask Telegram about each linked team the user is a member of; record who left.
    Return True when they are still in all of them (or Telegram could not say)."""
    still = True
    for team_id, chat_id in services.teams.groups_of(ref):
        member = await group_status(bot, chat_id, ref.telegram_id)
        if member is not None and not in_group(member):
            services.teams.left_team(team_id, ref, via="getChatMember", status=member.status)
            still = False
    services.verified[ref.telegram_id] = services.teams.now()
    return still


async def prove_membership(update: Update, context: BotContext, *, fresh: bool = False) -> bool:
    """Ask Telegram whether a private-chat user is in one of the teams' groups.

    A short memory spares Telegram repeated questions about the same stranger; `fresh`
    (used by /start) skips it, so someone who just joined is let in at once.
    """
    ref = user_ref(update)
    if ref is None:
        return False
    now = context.teams.now()
    seen = context.services.strangers.get(ref.telegram_id)
    if not fresh and seen is not None and now - seen < STRANGER_TTL:
        return False
    found = False
    for team in context.teams.linked_teams():
        assert team.chat_id is not None
        member = await group_status(context.bot, team.chat_id, ref.telegram_id)
        if member is not None and in_group(member):
            context.teams.join_seen(team.id, ref)
            found = True
    if found:
        context.services.strangers.pop(ref.telegram_id, None)
        context.services.verified[ref.telegram_id] = now
    else:
        context.services.strangers[ref.telegram_id] = now
    return found


async def recheck(update: Update, context: BotContext, *, fresh: bool = False) -> None:
    """Before a private-chat request: when the user's groups were not asked about for a
    minute (or `fresh`), ask Telegram whether they are still in each; who left loses access
    to that team now, with the departure in the audit trail."""
    ref = user_ref(update)
    if ref is None:
        return
    checked = context.services.verified.get(ref.telegram_id)
    if not fresh and checked is not None and context.teams.now() - checked < MEMBERSHIP_TTL:
        return
    await _check_groups(context.bot, context.services, ref)


async def check_presser(update: Update, context: BotContext) -> None:
    """A button in a group pressed by someone the bot has not seen write there (in a public
    group anyone may look and press): ask Telegram first; refuse who is not in it."""
    chat, ref = update.effective_chat, user_ref(update)
    if update.callback_query is None or chat is None or chat.type == "private" or ref is None:
        return
    key = (chat.id, ref.telegram_id)
    if key in context.services.present:
        return
    member = await group_status(context.bot, chat.id, ref.telegram_id)
    if member is not None and not in_group(member):
        raise NotAMember()
    context.services.present.add(key)


async def as_member(
    update: Update, context: BotContext, call: Callable[[], T], *, fresh: bool = False
) -> T:
    """Run a service call for a member: membership checked first when in doubt (`fresh`:
    always, for what only someone in the group may do); a private-chat stranger gets one
    check with Telegram before being refused."""
    chat = update.effective_chat
    private = chat is not None and chat.type == "private"
    if private:
        await recheck(update, context, fresh=fresh)
    else:
        await check_presser(update, context)
    try:
        return call()
    except NotAMember:
        if private and await prove_membership(update, context):
            return call()
        raise
