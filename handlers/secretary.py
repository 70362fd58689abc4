"""Secretary commands: add actions by message, undo, edit, cancel, link the group, people."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from domain.errors import DomainError, NotSecretary, Usage
from domain.model import Action, ChatRef, Team, UserRef
from domain.text import plain_text
from handlers.callbacks import ActionButton, ActionOp, MoveButton, UndoButton, decode, pattern
from handlers.common import (
    ANSWER_LIMIT,
    ANY_TEXT,
    ReplyToBot,
    chat_ref,
    command_args,
    number_and_rest,
    person_ref,
    reply,
    sender,
)
from handlers.context import BotContext
from handlers.membership import as_member
from services.actions import Added
from services.teams import GroupLink

NEW = filters.UpdateType.MESSAGE  # edits of state-changing commands are ignored
log = logging.getLogger(__name__)


async def nieuw(update: Update, context: BotContext) -> None:
    """Add actions from the text after /nieuw, or ask for them as a reply."""
    text = command_args(update)
    if not text:
        user, chat = sender(update), chat_ref(update)
        await as_member(update, context, lambda: context.actions.check_can_add(user, chat))
        await reply(update, texts.NEW_PROMPT_FULL, force_reply=True)
        return
    await add_actions(update, context, text)


async def free_text(update: Update, context: BotContext) -> None:
    """Read a secretary's private message (or reply to the bot in the group) as actions."""
    message = update.effective_message
    assert message is not None
    try:
        await add_actions(update, context, message.text or "")
    except NotSecretary:
        await reply(update, texts.NOT_FOR_SECRETARY_ONLY)


async def add_actions(
    update: Update, context: BotContext, text: str, team_id: int | None = None
) -> Added:
    """Store what a secretary's text holds and confirm it with cards and an undo button.

    `team_id`: the team it is for when the caller knows (a guided add privately, by a
    secretary of several teams); else the chat decides."""
    message = update.effective_message
    assert message is not None
    user, chat = sender(update), chat_ref(update)
    added = await as_member(
        update,
        context,
        lambda: context.actions.add_from_message(
            user, chat, text, message.date, message.message_id, team_id=team_id
        ),
    )
    team_id = added.actions[0].team_id
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.BTN_UNDO, callback_data=UndoButton(team_id, added.batch).encode()
                )
            ]
        ]
    )
    await reply(update, texts.added(added.actions, context.actions.today()), markup)
    if added.tentative:
        await reply(update, texts.tentative_meetings(added.tentative))
    if added.estimated:
        await reply(update, texts.estimated_meetings(added.estimated))
    return added


async def undo_button(update: Update, context: BotContext) -> None:
    """Withdraw what one message added (the button under the confirmation)."""
    query = update.callback_query
    assert query is not None
    pressed = decode(query.data)
    if not isinstance(pressed, UndoButton):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    user, chat = sender(update), chat_ref(update)
    try:
        numbers = await as_member(
            update,
            context,
            lambda: context.actions.undo(user, chat, pressed.team_id, pressed.batch),
        )
    except DomainError as err:
        await query.answer(plain_text(texts.error_text(err), ANSWER_LIMIT), show_alert=True)
        return
    await query.answer(plain_text(texts.undone(numbers), ANSWER_LIMIT))
    await query.edit_message_reply_markup(reply_markup=None)
    await reply(update, texts.undone(numbers))


async def wijzig(update: Update, context: BotContext) -> None:
    """Change one field: /wijzig N veld: waarde."""
    user, chat = sender(update), chat_ref(update)
    number, rest = number_and_rest(update, "wijzig")
    field, sep, value = rest.partition(":")
    if not sep or not field.strip():
        raise Usage("wijzig")
    done = await as_member(
        update, context, lambda: context.actions.edit(user, chat, number, field, value)
    )
    await reply(update, texts.edited(done.action, context.actions.today()))


def series_buttons(action: Action) -> InlineKeyboardMarkup:
    """The question to a secretary cancelling an occurrence: this one, or the series."""
    one = ActionButton(ActionOp.CANCEL_ONE, action.team_id, action.number)
    series = ActionButton(ActionOp.CANCEL_SERIES, action.team_id, action.number)
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.BTN_SERIES_ONE, callback_data=one.encode())],
            [InlineKeyboardButton(texts.BTN_SERIES_ALL, callback_data=series.encode())],
        ]
    )


async def vervallen(update: Update, context: BotContext) -> None:
    """Cancel an action: /vervallen N [reden]."""
    user, chat = sender(update), chat_ref(update)
    number, reason = number_and_rest(update, "vervallen")
    done = await as_member(
        update,
        context,
        lambda: context.actions.cancel(user, chat, number, reason, scope="ask"),
    )
    if done.ask_series:
        await reply(update, texts.series_question(done.action), series_buttons(done.action))
        return
    await reply(update, texts.cancelled(done.action, done.changed, done.following))


async def koppel(update: Update, context: BotContext) -> None:
    """Link this group to the secretary's team (or ask the current group to confirm a move)."""
    user, chat = sender(update), chat_ref(update)
    if chat is None or chat.is_private:
        await reply(update, texts.KOPPEL_IN_GROUP)
        return
    args = command_args(update)
    move = args.casefold() in ("verhuis", "verhuizen")
    link = context.teams.link_group(user, chat, "" if move else args, move=move)
    if link.pending:
        await _ask_to_move(update, context, link, chat.chat_id, chat.title)
        return
    # Who counts as a member may have changed (a provisional secretary of a team that had no
    # group must now be in it): ask Telegram again on everyone's next private request.
    context.services.verified.clear()
    await reply(update, texts.linked(link.team, _start_link(context, link.team)))
    if link.old_chat_id is not None and link.old_chat_id != chat.chat_id:
        await _tell_old_group(context, link)


async def _ask_to_move(
    update: Update, context: BotContext, link: GroupLink, new_chat: int, title: str
) -> None:
    """Post the move question in the team's current group; the buttons carry the target."""
    assert link.old_chat_id is not None
    ok, no = (MoveButton(confirm, link.team.id, new_chat).encode() for confirm in (True, False))
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BTN_MOVE_CONFIRM, callback_data=ok),
                InlineKeyboardButton(texts.BTN_MOVE_REFUSE, callback_data=no),
            ]
        ]
    )
    who = sender(update).full_name
    try:
        await context.bot.send_message(
            link.old_chat_id, texts.move_requested(link.team, who, title), reply_markup=markup
        )
    except TelegramError as err:  # the old group is gone: only a secretary by id can move
        log.info("could not ask the current group to confirm a move: %s", err)
        await reply(update, texts.MOVE_CURRENT_GONE)
        return
    await reply(update, texts.move_waiting(link.team))


async def move_button(update: Update, context: BotContext) -> None:
    """A secretary in the team's current group confirms or refuses a move (MoveButton)."""
    query = update.callback_query
    assert query is not None
    pressed = decode(query.data)
    user, chat = sender(update), chat_ref(update)
    if not isinstance(pressed, MoveButton) or chat is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    team_id, new_chat = pressed.team_id, pressed.chat_id
    try:
        if not pressed.confirm:
            team = await as_member(
                update, context, lambda: context.teams.refuse_move(user, chat, team_id, new_chat)
            )
            await query.answer()
            await query.edit_message_reply_markup(reply_markup=None)
            await reply(update, texts.move_refused(team))
            return
        target = await _group(context, new_chat)
        if target is None:
            await query.answer(texts.MOVE_TARGET_GONE, show_alert=True)
            return
        link = await as_member(
            update, context, lambda: context.teams.confirm_move(user, chat, team_id, target)
        )
    except DomainError as err:
        await query.answer(plain_text(texts.error_text(err), ANSWER_LIMIT), show_alert=True)
        return
    context.services.verified.clear()
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    await reply(update, texts.team_moved(link.team))
    await context.bot.send_message(
        new_chat, texts.linked(link.team, _start_link(context, link.team))
    )


async def _group(context: BotContext, chat_id: int) -> ChatRef | None:
    """The group a move goes to, as Telegram knows it now (None: the bot is not in it)."""
    try:
        chat = await context.bot.get_chat(chat_id)
    except TelegramError as err:
        log.info("the group to move to is out of reach: %s", err)
        return None
    if chat.type == "private":
        return None
    return ChatRef(chat.id, is_private=False, title=chat.title or "")


def _start_link(context: BotContext, team: Team) -> str:
    return f"https://t.me/{context.bot.username}?start=t{team.id}"


async def _tell_old_group(context: BotContext, link: GroupLink) -> None:
    assert link.old_chat_id is not None
    try:
        await context.bot.send_message(link.old_chat_id, texts.team_moved(link.team))
    except TelegramError as err:  # the old group may be gone; the move stands
        log.info("could not tell the old group about the move: %s", err)


async def secretaris(update: Update, context: BotContext) -> None:
    """Appoint a secretary: as a reply to their message, or /secretaris @naam."""
    user, chat = sender(update), chat_ref(update)
    target, name = _target(update), command_args(update)
    if target is None and not name:
        raise Usage("secretaris")
    # Only a secretary who is in the group now may appoint: ask Telegram, whatever it said
    # a minute ago.
    person = await as_member(
        update,
        context,
        lambda: context.teams.appoint_secretary(user, chat, target, name),
        fresh=True,
    )
    await reply(update, texts.secretary_appointed(person))


async def lid(update: Update, context: BotContext) -> None:
    """Add a member by name; as a reply, link that person's account to the name."""
    user, chat = sender(update), chat_ref(update)
    target, name = _target(update), command_args(update)
    if target is None and not name:
        raise Usage("lid")
    person = await as_member(
        update, context, lambda: context.teams.add_member(user, chat, name, target)
    )
    await reply(update, texts.member_added(person))


async def leden(update: Update, context: BotContext) -> None:
    """List the team's members (secretaries only: it shows who is reachable)."""
    user, chat = sender(update), chat_ref(update)
    team, people = await as_member(update, context, lambda: context.teams.members(user, chat))
    await reply(update, texts.members(team, people))


def _target(update: Update) -> UserRef | None:
    """Return the author of the message replied to, when that is a person."""
    message = update.effective_message
    original = message.reply_to_message if message else None
    person = original.from_user if original else None
    if person is None or person.is_bot:
        return None
    return person_ref(person)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the secretary commands, the undo button and the free-text reader."""
    app.add_handler(CommandHandler("nieuw", nieuw, filters=NEW))
    app.add_handler(CommandHandler("wijzig", wijzig, filters=NEW))
    app.add_handler(CommandHandler("vervallen", vervallen, filters=NEW))
    app.add_handler(CommandHandler("koppel", koppel, filters=NEW))
    app.add_handler(CommandHandler("secretaris", secretaris, filters=NEW))
    app.add_handler(CommandHandler("lid", lid, filters=NEW))
    app.add_handler(CommandHandler("leden", leden, filters=NEW))
    app.add_handler(CallbackQueryHandler(undo_button, pattern=pattern(UndoButton)))
    app.add_handler(CallbackQueryHandler(move_button, pattern=pattern(MoveButton)))
    # Free text is actions only in a private chat, or as a reply to the bot in a group
    # (privacy mode hides other group messages anyway). Registered after the update-prompt
    # replies in handlers.actions, which must win.
    prompt = ReplyToBot(ANY_TEXT)
    app.add_handler(
        MessageHandler(
            NEW & filters.TEXT & ~filters.COMMAND & (filters.ChatType.PRIVATE | prompt),
            free_text,
        )
    )
