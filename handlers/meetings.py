"""Meeting and decision commands: /ot, /aanwezig, /agenda, /agenderen, /besluit(en)."""

from __future__ import annotations

import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot import texts
from domain.errors import DomainError, Usage
from domain.text import plain_text
from handlers.callbacks import RedirectButton, decode, pattern
from handlers.common import (
    ANSWER_LIMIT,
    chat_ref,
    command_args,
    message_of,
    parse_number,
    reply,
    sender,
)
from handlers.context import BotContext
from handlers.membership import as_member
from handlers.secretary import add_actions

NEW = filters.UpdateType.MESSAGE
_MOVE = re.compile(r"^(?:verplaats|verzet|verschuif)\s+(.+?)\s+naar\s+(.+)$", re.IGNORECASE)
_CANCEL = re.compile(r"^(?:annuleer|annuleren|vervalt|schrap)\s+(.+)$", re.IGNORECASE)


async def ot(update: Update, context: BotContext) -> None:
    """List, plan, move or cancel OT meetings."""
    user, chat, args = sender(update), chat_ref(update), command_args(update)
    meetings, message_id = context.services.meetings, message_of(update)
    if not args:
        found = await as_member(update, context, lambda: meetings.upcoming(user, chat))
        await reply(update, texts.meetings(found))
        return
    if move := _MOVE.match(args):
        old, new = move.group(1), move.group(2)
        change = await as_member(
            update, context, lambda: meetings.move(user, chat, old, new, message_id)
        )
        mentions = sorted(
            {(o.telegram_id, o.name) for a in change.moved for o in a.owners if o.telegram_id}
        )
        await _to_group_and_here(
            update, context, change.meeting.team_id, texts.meeting_moved(change, mentions)
        )
        return
    if cancel := _CANCEL.match(args):
        day = cancel.group(1)
        change = await as_member(
            update, context, lambda: meetings.cancel(user, chat, day, message_id)
        )
        buttons = [
            [
                InlineKeyboardButton(
                    texts.meeting_label_plain(m),
                    callback_data=RedirectButton(change.meeting.id, m.id).encode(),
                )
            ]
            for m in change.options
        ]
        if change.moved:
            buttons.append(
                [
                    InlineKeyboardButton(
                        texts.BTN_NO_DATE,
                        callback_data=RedirectButton(change.meeting.id, None).encode(),
                    )
                ]
            )
        markup = InlineKeyboardMarkup(buttons) if change.moved and buttons else None
        await reply(update, texts.meeting_cancelled(change), markup)
        return
    change = await as_member(update, context, lambda: meetings.plan(user, chat, args, message_id))
    await reply(update, texts.meeting_planned(change.meeting, change.attached))


async def _to_group_and_here(update: Update, context: BotContext, team_id: int, text: str) -> None:
    """Say it here, and in the team's group when the command came from elsewhere."""
    await reply(update, text)
    group = context.teams.group_of(team_id)
    chat = update.effective_chat
    if group is not None and chat is not None and chat.id != group:
        await context.bot.send_message(group, text)


async def redirect_button(update: Update, context: BotContext) -> None:
    """The secretary's choice where a cancelled OT's actions go (RedirectButton)."""
    query = update.callback_query
    assert query is not None
    pressed = decode(query.data)
    if not isinstance(pressed, RedirectButton):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    user, chat = sender(update), chat_ref(update)
    cancelled, target = pressed.cancelled_id, pressed.target_id
    try:
        change = await as_member(
            update,
            context,
            lambda: context.services.meetings.redirect(user, chat, cancelled, target),
        )
    except DomainError as err:
        await query.answer(plain_text(texts.error_text(err), ANSWER_LIMIT), show_alert=True)
        return
    await query.answer(plain_text(texts.meeting_redirected(change), ANSWER_LIMIT))
    await query.edit_message_reply_markup(reply_markup=None)
    await reply(update, texts.meeting_redirected(change))


async def aanwezig(update: Update, context: BotContext) -> None:
    """Record chair, attendees (with organisation) and place of an OT."""
    user, chat, text = sender(update), chat_ref(update), command_args(update)
    if not text:
        raise Usage("aanwezig")
    message_id = message_of(update)
    meeting = await as_member(
        update,
        context,
        lambda: context.services.meetings.record_meeting(user, chat, text, message_id),
    )
    await reply(update, texts.meeting_recorded(meeting))


async def agenda(update: Update, context: BotContext) -> None:
    """Show the draft actielijst of the next OT."""
    user, chat = sender(update), chat_ref(update)
    result = await as_member(update, context, lambda: context.services.meetings.agenda(user, chat))
    await reply(update, texts.agenda(result))


async def agenderen(update: Update, context: BotContext) -> None:
    """Put something on the next OT's agenda (any member)."""
    user, chat, text = sender(update), chat_ref(update), command_args(update)
    if not text:
        raise Usage("agenderen")
    message_id = message_of(update)
    meeting = await as_member(
        update,
        context,
        lambda: context.services.meetings.put_on_agenda(user, chat, text, message_id),
    )
    await reply(update, texts.agenda_item_added(meeting))


async def besluiten(update: Update, context: BotContext) -> None:
    """List the team's decisions per meeting."""
    user, chat = sender(update), chat_ref(update)
    found = await as_member(
        update, context, lambda: context.services.meetings.decisions(user, chat)
    )
    await reply(update, texts.decisions_list(found))


async def besluit(update: Update, context: BotContext) -> None:
    """Show decision N, or record a new decision from the lines that follow."""
    user, chat, args = sender(update), chat_ref(update), command_args(update)
    first = args.split(maxsplit=1)[0] if args else ""
    if first.lstrip("#").isdigit() and len(args.split()) == 1:
        number = parse_number(first)
        found = await as_member(
            update, context, lambda: context.services.meetings.decision(user, chat, number)
        )
        await reply(update, texts.decision_card(found))
        return
    if not args:
        raise Usage("besluit")
    body = args if re.search(r"(?im)^\W*besluit\s*:", args) else "Besluit: " + args
    await add_actions(update, context, body)


async def corrigeer(update: Update, context: BotContext) -> None:
    """Correct a decision (or make an action row a decision): a new version is kept."""
    user, chat, args = sender(update), chat_ref(update), command_args(update)
    first, _, rest = args.partition("\n") if "\n" in args else args.partition(" ")
    if not first.strip().lstrip("#").isdigit() or not rest.strip():
        raise Usage("corrigeer")
    number, message_id = parse_number(first), message_of(update)
    found = await as_member(
        update,
        context,
        lambda: context.services.meetings.correct(user, chat, number, rest, message_id),
    )
    await reply(update, texts.DECISION_CORRECTED + "\n\n" + texts.decision_card(found))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the meeting and decision commands."""
    app.add_handler(CommandHandler("ot", ot, filters=NEW))
    app.add_handler(CommandHandler("aanwezig", aanwezig, filters=NEW))
    app.add_handler(CommandHandler("agenda", agenda, filters=NEW))
    app.add_handler(CommandHandler("agenderen", agenderen, filters=NEW))
    app.add_handler(CommandHandler("besluiten", besluiten, filters=NEW))
    app.add_handler(CommandHandler("besluit", besluit, filters=NEW))
    app.add_handler(CommandHandler("corrigeer", corrigeer, filters=NEW))
    app.add_handler(CallbackQueryHandler(redirect_button, pattern=pattern(RedirectButton)))
