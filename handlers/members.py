"""Start, help, names and teams, and what the group itself tells us about its members."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from domain.errors import DomainError, NotAMember, Usage
from domain.model import UserRef
from handlers.common import (
    as_member,
    chat_ref,
    command_args,
    prove_membership,
    reply,
    sender,
    user_ref,
)
from handlers.context import BotContext

NEW = filters.UpdateType.MESSAGE


async def start(update: Update, context: BotContext) -> None:
    """Greet a member (deep link from the group or plain Start); refuse strangers."""
    user, chat = sender(update), chat_ref(update)
    if chat is not None and not chat.is_private:
        await help_cmd(update, context)
        return
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
    teams = context.teams.teams_of(user)
    if not teams and await prove_membership(update, context):
        teams = context.teams.teams_of(user)
    if not teams:
        raise NotAMember()
    await reply(update, texts.your_teams(teams))


async def record_presence(update: Update, context: BotContext) -> None:
    """Whoever writes in a team's group is a member: the group proves it (even if the
    command itself is then refused)."""
    chat, user = update.effective_chat, user_ref(update)
    if chat is None or chat.type == "private" or user is None:
        return
    key = (chat.id, user.telegram_id)
    if key not in context.services.present and context.teams.join_group_chat(chat.id, user):
        context.services.present.add(key)


async def members_joined(update: Update, context: BotContext) -> None:
    """People added to a linked group are members: the group proves it."""
    message = update.effective_message
    chat = chat_ref(update)
    if message is None or chat is None or context.teams.team_for_chat(chat.chat_id) is None:
        return
    team = context.teams.team_for_chat(chat.chat_id)
    assert team is not None
    for person in message.new_chat_members or ():
        if not person.is_bot:
            ref = UserRef(
                person.id, person.first_name or "", person.last_name or "", person.username
            )
            context.teams.join_seen(team.id, ref)


async def member_left(update: Update, context: BotContext) -> None:
    """Someone left the group: they stop being a member (their history stays)."""
    message = update.effective_message
    chat = chat_ref(update)
    person = message.left_chat_member if message else None
    if person is None or chat is None or person.is_bot:
        return
    ref = UserRef(person.id, person.first_name or "", person.last_name or "", person.username)
    context.teams.member_left(chat.chat_id, ref)
    context.services.present.discard((chat.chat_id, person.id))


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
    await reply(update, texts.reminder_settings(*state))


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
    app.add_handler(CommandHandler("team", team, filters=NEW))
    app.add_handler(CommandHandler("herinneringen", herinneringen, filters=NEW))
    app.add_handler(MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, members_joined))
    app.add_handler(MessageHandler(filters.StatusUpdate.LEFT_CHAT_MEMBER, member_left))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
    # Edits: in a private chat any edited text, in a group an edited command.
    app.add_handler(
        MessageHandler(
            filters.UpdateType.EDITED_MESSAGE
            & filters.TEXT
            & (filters.ChatType.PRIVATE | filters.COMMAND),
            edited,
        )
    )
