"""Start, help, names and teams, and what the group itself tells us about its members."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from domain.errors import DomainError, NotAMember, Usage
from domain.model import NameOffer
from domain.text import plain_text
from handlers.callbacks import NameOfferButton, decode, pattern
from handlers.common import (
    ANSWER_LIMIT,
    chat_ref,
    command_args,
    person_ref,
    reply,
    sender,
    user_ref,
)
from handlers.context import BotContext
from handlers.membership import as_member, in_group, prove_membership, recheck

NEW = filters.UpdateType.MESSAGE
log = logging.getLogger(__name__)


async def start(update: Update, context: BotContext) -> None:
    """Greet a member (deep link from the group or plain Start); refuse strangers."""
    user, chat = sender(update), chat_ref(update)
    if chat is not None and not chat.is_private:
        await help_cmd(update, context)
        return
    await recheck(update, context)
    teams = context.teams.start_private(user)
    if not teams and await prove_membership(update, context, fresh=True):
        teams = context.teams.start_private(user)
    if not teams:
        raise NotAMember()
    await reply(update, texts.welcome(user.first_name or user.full_name, teams))


async def help_cmd(update: Update, context: BotContext) -> None:
    """Explain the bot and the commands that fit the sender's role."""
    user, chat = user_ref(update), chat_ref(update)
    text = texts.HELP_MEMBER
    if user is not None:
        try:
            actor = context.teams.actor(user, chat)
        except DomainError:  # help is for everyone, members or not
            actor = None
        if actor is not None and actor.is_secretary:
            text += texts.HELP_SECRETARY
    await reply(update, text)


async def ikben(update: Update, context: BotContext) -> None:
    """Link the sender's account to a name in the list: /ikben Marloes."""
    user, chat = sender(update), chat_ref(update)
    name = command_args(update)
    if not name:
        raise Usage("ikben")
    person, moved = await as_member(
        update, context, lambda: context.teams.claim_name(user, chat, name)
    )
    await reply(update, texts.name_linked(person, moved > 0))


def name_offer_buttons(
    offers: tuple[NameOffer, ...], telegram_id: int, multi_team: bool
) -> InlineKeyboardMarkup | None:
    """One "Ja, ik ben Jan" button per offered name, for the person it is offered to."""
    if not offers:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.name_offer_button(o, multi_team),
                    callback_data=NameOfferButton(o.team_id, o.member_id, telegram_id).encode(),
                )
            ]
            for o in offers
        ]
    )


async def name_button(update: Update, context: BotContext) -> None:
    """Link the name /mijnacties offered, as /ikben does; only for whom it was offered to."""
    query = update.callback_query
    assert query is not None
    pressed = decode(query.data)
    if not isinstance(pressed, NameOfferButton):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    team_id, member_id = pressed.team_id, pressed.member_id
    user, chat = sender(update), chat_ref(update)
    if pressed.telegram_id != user.telegram_id:  # offered to someone else: change nothing
        await query.answer(texts.NAME_OFFER_NOT_YOURS, show_alert=True)
        return
    try:
        linked = await as_member(
            update,
            context,
            lambda: context.teams.claim_offered_name(user, chat, team_id, member_id),
        )
    except DomainError as err:  # linked meanwhile by someone else, no longer in the team
        await query.answer(plain_text(texts.error_text(err), ANSWER_LIMIT), show_alert=True)
        return
    if linked is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    person, moved = linked
    text = texts.name_linked(person, moved > 0)
    await query.answer(plain_text(text, ANSWER_LIMIT))
    await query.edit_message_reply_markup(reply_markup=None)
    await reply(update, text)


async def team(update: Update, context: BotContext) -> None:
    """Show the sender's teams, or choose the one private commands act on."""
    user, chat = sender(update), chat_ref(update)
    name = command_args(update)
    if chat is not None and not chat.is_private:
        # In a group only its own team is named: other teams stay private.
        actor = await as_member(update, context, lambda: context.teams.actor(user, chat))
        await reply(update, texts.group_team(actor.team_name))
        return
    if name:
        chosen = await as_member(update, context, lambda: context.teams.choose_team(user, name))
        await reply(update, texts.team_chosen(chosen))
        return
    await recheck(update, context)
    teams = context.teams.teams_of(user)
    if not teams and await prove_membership(update, context):
        teams = context.teams.teams_of(user)
    if not teams:
        raise NotAMember()
    await reply(update, texts.your_teams(teams))


async def record_presence(update: Update, context: BotContext) -> None:
    """Whoever writes in a team's group is a member: the group proves it (even if the
    command itself is then refused). Only messages count: a button can be pressed by
    someone merely looking at a public group (handlers/membership.py asks Telegram then)."""
    chat, user, message = update.effective_chat, user_ref(update), update.message
    if chat is None or chat.type == "private" or user is None or message is None:
        return
    gone = message.left_chat_member
    if gone is not None and gone.id == user.telegram_id:
        return  # "X left the group", sent by X
    key = (chat.id, user.telegram_id)
    if key not in context.services.present and context.teams.join_group_chat(chat.id, user):
        context.services.present.add(key)


async def members_joined(update: Update, context: BotContext) -> None:
    """People added to a linked group are members: the group proves it."""
    message = update.effective_message
    chat = chat_ref(update)
    if message is None or chat is None:
        return
    team = context.teams.team_for_chat(chat.chat_id)
    if team is None:
        return
    for person in message.new_chat_members or ():
        if not person.is_bot:
            context.teams.join_seen(team.id, person_ref(person))


async def member_left(update: Update, context: BotContext) -> None:
    """Someone left the group, or was removed: they stop being a member (history stays)."""
    message = update.effective_message
    chat = chat_ref(update)
    person = message.left_chat_member if message else None
    if message is None or person is None or chat is None or person.is_bot:
        return
    by_self = message.from_user is not None and message.from_user.id == person.id
    _left(context, chat.chat_id, person, "left_chat_member", "left" if by_self else "removed")


async def chat_member_changed(update: Update, context: BotContext) -> None:
    """A member's status changed (Telegram sends this to a bot that is an administrator):
    left, banned or restricted out of the group ends the membership; joining starts it."""
    change = update.chat_member
    if change is None or change.chat.type == "private":
        return
    new = change.new_chat_member
    person = new.user
    if person.is_bot:
        return
    if in_group(new):
        if context.teams.join_group_chat(change.chat.id, person_ref(person)):
            context.services.present.add((change.chat.id, person.id))
    else:
        _left(context, change.chat.id, person, "chat_member", new.status)


async def bot_membership(update: Update, context: BotContext) -> None:
    """The bot's own membership: blocked or unblocked in a private chat, or removed from a
    team's group (then nobody's membership can be checked; the secretaries must know)."""
    change = update.my_chat_member
    if change is None:
        return
    new = change.new_chat_member
    if change.chat.type == "private":
        context.teams.private_chat_status(person_ref(change.from_user), in_group(new))
        return
    if not in_group(new) and context.teams.bot_removed(change.chat.id, new.status):
        log.warning("the bot was removed from the group of a team (chat %s)", change.chat.id)


def _left(context: BotContext, chat_id: int, person: User, via: str, status: str) -> None:
    context.teams.member_left(chat_id, person_ref(person), via, status)
    context.services.present.discard((chat_id, person.id))
    context.services.verified.pop(person.id, None)


async def migrated(update: Update, context: BotContext) -> None:
    """A group became a supergroup: follow its new chat id."""
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        context.teams.migrate_chat(message.chat.id, message.migrate_to_chat_id)


async def herinneringen(update: Update, context: BotContext) -> None:
    """Show or switch reminders and the weekly digest for the sender."""
    user, chat = sender(update), chat_ref(update)
    words = command_args(update).casefold().split()
    switch = {"aan": True, "uit": False}
    reminders_on: bool | None = None
    digest_on: bool | None = None
    if len(words) == 1 and words[0] in switch:
        reminders_on = switch[words[0]]
    elif len(words) == 2 and words[0] in ("overzicht", "digest") and words[1] in switch:
        digest_on = switch[words[1]]
    elif words:
        raise Usage("herinneringen")
    state = await as_member(
        update,
        context,
        lambda: context.teams.reminder_switches(user, chat, reminders_on, digest_on),
    )
    await reply(update, texts.reminder_settings(state))


async def edited(update: Update, context: BotContext) -> None:
    """An edited message changes nothing; say so, or people think their fix was saved."""
    await reply(update, texts.EDIT_IGNORED)


async def unknown_button(update: Update, context: BotContext) -> None:
    """A button no handler knows (an old keyboard, a tampered one): say so, so the user's
    button does not keep spinning."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts.STALE_BUTTON, show_alert=True)


def register_last(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """What handles updates no other handler took; registered after all others."""
    app.add_handler(CallbackQueryHandler(unknown_button))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add start/help/names/teams and the group's service messages."""
    # Group -1 runs before every other handler and never stops them.
    app.add_handler(TypeHandler(Update, record_presence), group=-1)
    app.add_handler(CommandHandler("start", start, filters=NEW))
    app.add_handler(CommandHandler("help", help_cmd, filters=NEW))
    app.add_handler(CommandHandler("ikben", ikben, filters=NEW))
    app.add_handler(CallbackQueryHandler(name_button, pattern=pattern(NameOfferButton)))
    app.add_handler(CommandHandler("team", team, filters=NEW))
    app.add_handler(CommandHandler("herinneringen", herinneringen, filters=NEW))
    app.add_handler(MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, members_joined))
    app.add_handler(MessageHandler(filters.StatusUpdate.LEFT_CHAT_MEMBER, member_left))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
    app.add_handler(ChatMemberHandler(chat_member_changed, ChatMemberHandler.CHAT_MEMBER))
    app.add_handler(ChatMemberHandler(bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    # Edits: in a private chat any edited text, in a group an edited command.
    app.add_handler(
        MessageHandler(
            filters.UpdateType.EDITED_MESSAGE
            & filters.TEXT
            & (filters.ChatType.PRIVATE | filters.COMMAND),
            edited,
        )
    )
