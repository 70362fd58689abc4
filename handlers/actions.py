"""Member commands on actions: list, show, claim, update, close, reopen, and their buttons."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from domain.errors import DomainError, EmptyText
from domain.model import Action, ItemKind
from domain.text import plain_text
from handlers.callbacks import ActionButton, ActionOp, decode, pattern
from handlers.common import (
    ANSWER_LIMIT,
    ReplyToBot,
    chat_ref,
    command_args,
    message_of,
    number_and_rest,
    number_arg,
    reply,
    send_parts,
    sender,
    small_int,
)
from handlers.context import BotContext
from handlers.members import name_offer_buttons
from handlers.membership import as_member

NEW = filters.UpdateType.MESSAGE  # edits of commands are ignored: they would run twice
GROUP_NOTE_EVERY = timedelta(minutes=1)  # "sent privately" notes in a group, at most
_CLOSE_SCOPES = {ActionOp.CLOSE: "ask", ActionOp.PART: "part", ActionOp.WHOLE: "whole"}


def action_buttons(action: Action) -> InlineKeyboardMarkup | None:
    """Buttons under an open action: claim, update, close."""
    if action.kind is ItemKind.DECISION or not action.status.is_open:
        return None
    return InlineKeyboardMarkup(
        [
            [
                _button(texts.BTN_CLAIM, ActionOp.CLAIM, action),
                _button(texts.BTN_UPDATE, ActionOp.UPDATE, action),
            ],
            [_button(texts.BTN_CLOSE, ActionOp.CLOSE, action)],
        ]
    )


def part_buttons(action: Action) -> InlineKeyboardMarkup:
    """The question to an owner of a joint action: their part done, or the whole."""
    return InlineKeyboardMarkup(
        [
            [_button(texts.BTN_PART_DONE, ActionOp.PART, action)],
            [_button(texts.BTN_WHOLE_DONE, ActionOp.WHOLE, action)],
        ]
    )


def _button(label: str, op: ActionOp, action: Action) -> InlineKeyboardButton:
    data = ActionButton(op, action.team_id, action.number).encode()
    return InlineKeyboardButton(label, callback_data=data)


async def mijnacties(update: Update, context: BotContext) -> None:
    """Show the sender's open actions, most urgent first. Asked in the group by someone the
    bot can write to privately, the answer goes there: at meeting time the whole team asks
    at once, and Telegram allows a group 20 messages a minute. The group gets one short
    note a minute instead of everyone's list."""
    user, chat = sender(update), chat_ref(update)
    result = await as_member(update, context, lambda: context.actions.mine(user, chat))
    text = texts.my_actions(result.actions, result.today, result.multi_team, result.offers)
    markup = name_offer_buttons(result.offers, user.telegram_id, result.multi_team)
    if chat is None or chat.is_private or not result.reachable:
        await reply(update, text, markup)
        return
    try:
        await send_parts(context.bot, user.telegram_id, text, markup)
    except Forbidden:  # blocked the bot since: answer here after all
        context.teams.private_chat_status(user, False)
        await reply(update, text, markup)
        return
    now = context.actions.now()
    last = context.services.group_notes.get(chat.chat_id)
    if last is None or now - last >= GROUP_NOTE_EVERY:
        context.services.group_notes[chat.chat_id] = now
        await reply(update, texts.MINE_SENT_PRIVATELY)


async def acties(update: Update, context: BotContext) -> None:
    """Show the team's open actions grouped by onderwerp, optionally filtered."""
    user, chat, flt = sender(update), chat_ref(update), command_args(update)
    page = small_int(flt) or 1
    if small_int(flt) is not None:
        flt = ""
    result = await as_member(
        update,
        context,
        lambda: context.actions.team_list(user, chat, flt, page, texts.PAGE_SIZE),
    )
    await reply(
        update,
        texts.team_actions(
            result.actions, result.today, flt, result.page, result.pages, result.total
        ),
    )


async def actie(update: Update, context: BotContext) -> None:
    """Show one action in full with buttons."""
    user, chat = sender(update), chat_ref(update)
    number = number_arg(update, "actie")
    action = await as_member(update, context, lambda: context.actions.get(user, chat, number))
    today = context.actions.today()
    await reply(update, texts.action_card(action, today), action_buttons(action))


async def claim(update: Update, context: BotContext) -> None:
    """Make the sender an owner who is on it."""
    user, chat = sender(update), chat_ref(update)
    number = number_arg(update, "claim")
    done = await as_member(update, context, lambda: context.actions.claim(user, chat, number))
    await reply(update, texts.claimed(done.action, done.changed))


async def sluit(update: Update, context: BotContext) -> None:
    """Close an action, with an optional note."""
    user, chat = sender(update), chat_ref(update)
    number, note = number_and_rest(update, "sluit")
    done = await as_member(
        update, context, lambda: context.actions.close(user, chat, number, note, scope="ask")
    )
    if done.ask_part:
        question = texts.part_question(done.action, note)
        await reply(update, question, markup=part_buttons(done.action))
        return
    await reply(update, texts.closed(done.action, done.changed, done.following))


async def heropen(update: Update, context: BotContext) -> None:
    """Reopen a closed action."""
    user, chat = sender(update), chat_ref(update)
    number = number_arg(update, "heropen")
    done = await as_member(update, context, lambda: context.actions.reopen(user, chat, number))
    await reply(update, texts.reopened(done.action))


async def update_cmd(update: Update, context: BotContext) -> None:
    """Add a progress update: /update N tekst."""
    user, chat = sender(update), chat_ref(update)
    number, text = number_and_rest(update, "update")
    if not text:
        raise EmptyText()
    sent_as = message_of(update)
    done = await as_member(
        update,
        context,
        lambda: context.actions.add_update(user, chat, number, text, message_id=sent_as),
    )
    await reply(update, texts.update_saved(done.action))


async def update_reply(update: Update, context: BotContext) -> None:
    """Take a reply to the bot's "Update voor #N" prompt as the update text."""
    message = update.effective_message
    assert message is not None and message.reply_to_message is not None
    match = texts.UPDATE_PROMPT_RE.match(message.reply_to_message.text or "")
    if match is None:
        await reply(update, texts.NO_UPDATE_CONTEXT)
        return
    user, chat, number = sender(update), chat_ref(update), int(match.group(1))
    team_name, text = match.group(2), message.text or ""
    done = await as_member(
        update,
        context,
        lambda: context.actions.add_update(
            user, chat, number, text, team_name=team_name, message_id=message.message_id
        ),
    )
    await reply(update, texts.update_saved(done.action))


async def button(update: Update, context: BotContext) -> None:
    """Handle the buttons under an action, a question or a reminder (ActionButton)."""
    query = update.callback_query
    assert query is not None
    pressed = decode(query.data)
    if not isinstance(pressed, ActionButton):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    op, team_id, number = pressed.op, pressed.team_id, pressed.number
    user, chat = sender(update), chat_ref(update)
    acts = context.actions
    try:
        if op is ActionOp.CLAIM:
            done = await as_member(
                update, context, lambda: acts.claim(user, chat, number, team_id=team_id)
            )
            text = texts.claimed(done.action, done.changed)
        elif op in _CLOSE_SCOPES:
            scope = _CLOSE_SCOPES[op]
            done = await as_member(
                update,
                context,
                lambda: acts.close(user, chat, number, team_id=team_id, scope=scope),
            )
            if done.ask_part:
                await query.answer()
                await reply(
                    update, texts.part_question(done.action), markup=part_buttons(done.action)
                )
                return
            if done.part:
                text = texts.part_closed(done.action)
            else:
                text = texts.closed(done.action, done.changed, done.following)
        elif op in (ActionOp.CANCEL_ONE, ActionOp.CANCEL_SERIES):
            scope = "one" if op is ActionOp.CANCEL_ONE else "series"
            done = await as_member(
                update,
                context,
                lambda: acts.cancel(user, chat, number, team_id=team_id, scope=scope),
            )
            text = texts.cancelled(done.action, done.changed, done.following)
        elif op is ActionOp.LATER:
            done = await as_member(
                update, context, lambda: acts.snooze(user, chat, number, team_id=team_id)
            )
            text = texts.snoozed(done.action)
        else:  # ActionOp.UPDATE
            team_name = await as_member(
                update, context, lambda: context.teams.actor_in(user, chat, team_id).team_name
            )
            await query.answer()
            await reply(
                update,
                texts.update_prompt(number, team_name, user.telegram_id, user.first_name),
                force_reply=True,
            )
            return
    except DomainError as err:
        await query.answer(plain_text(texts.error_text(err), ANSWER_LIMIT), show_alert=True)
        return
    await query.answer(plain_text(text, ANSWER_LIMIT))
    await reply(update, text)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the member commands and the action buttons."""
    app.add_handler(CommandHandler("mijnacties", mijnacties, filters=NEW))
    app.add_handler(CommandHandler("acties", acties, filters=NEW))
    app.add_handler(CommandHandler("actie", actie, filters=NEW))
    app.add_handler(CommandHandler(["claim", "pak"], claim, filters=NEW))
    app.add_handler(CommandHandler(["sluit", "klaar"], sluit, filters=NEW))
    app.add_handler(CommandHandler("heropen", heropen, filters=NEW))
    app.add_handler(CommandHandler("update", update_cmd, filters=NEW))
    app.add_handler(CallbackQueryHandler(button, pattern=pattern(ActionButton)))
    # Replies to the "Update voor #N" prompt; registered before the secretary's free text.
    app.add_handler(
        MessageHandler(
            NEW & filters.TEXT & ~filters.COMMAND & ReplyToBot(texts.UPDATE_PROMPT_RE),
            update_reply,
        )
    )
