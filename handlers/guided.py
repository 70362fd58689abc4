"""The guided add: `/nieuw` without text in a private chat asks onderwerp, actie, wie and
wanneer with buttons (each can be typed), then shows a preview. A secretary's Opslaan stores
the action through the message path; a member's becomes a proposal, shown in the team's
group with buttons only a secretary can use."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters
from telegram.ext.filters import MessageFilter

from bot import texts
from domain import guided
from domain.errors import DomainError
from domain.guided import Chose, Edit, Event, Next, Save, Step, Toggle, Typed
from domain.text import plain_text
from handlers.callbacks import (
    GuidedButton,
    GuidedEdit,
    GuidedList,
    GuidedOp,
    GuidedPick,
    ProposalButton,
    decode,
    pattern,
)
from handlers.common import ANSWER_LIMIT, chat_ref, reply, sender
from handlers.context import BotContext, Services
from handlers.membership import as_member
from handlers.secretary import add_actions
from services.guided import Choices, FlowDone, FlowGone, FlowView

log = logging.getLogger(__name__)
NEW = filters.UpdateType.MESSAGE
NEXT = GuidedButton(GuidedOp.NEXT)


def _button(label: str, data: GuidedButton | GuidedPick | GuidedEdit) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.encode())


def _cancel_row() -> list[InlineKeyboardButton]:
    return [_button(texts.BTN_GUIDED_CANCEL, GuidedButton(GuidedOp.CANCEL))]


def _keyboard(view: FlowView, today_choice: str) -> InlineKeyboardMarkup:
    step, choices = view.flow.step, view.choices
    rows: list[list[InlineKeyboardButton]] = []
    if step is Step.TOPIC:
        rows += [
            [_button(t[:60], GuidedPick(GuidedList.TOPIC, i))]
            for i, t in enumerate(choices.topics)
        ]
        rows.append([_button(texts.BTN_GUIDED_NO_TOPIC, NEXT)])
    elif step is Step.OWNERS:
        chosen = set(view.flow.draft.owners)
        names = [
            _button(("✔ " if n in chosen else "") + n[:40], GuidedPick(GuidedList.OWNER, i))
            for i, n in enumerate(choices.owners)
        ]
        rows += [names[i : i + 2] for i in range(0, len(names), 2)]
        done = texts.BTN_GUIDED_DONE if chosen else texts.BTN_GUIDED_NOBODY
        rows.append([_button(done, NEXT)])
    elif step is Step.WHEN:
        rows += [
            [_button(texts.meeting_choice(d), GuidedPick(GuidedList.MEETING, i))]
            for i, d in enumerate(choices.meetings)
        ]
        rows.append(
            [
                _button(texts.BTN_GUIDED_ASAP, GuidedButton(GuidedOp.ASAP)),
                _button(today_choice, GuidedButton(GuidedOp.MONTH_END)),
            ]
        )
        rows.append([_button(texts.BTN_GUIDED_NO_WHEN, NEXT)])
    elif step is Step.PREVIEW:
        rows.append(
            [
                _button(texts.BTN_GUIDED_SAVE, GuidedButton(GuidedOp.SAVE)),
                _button(texts.BTN_GUIDED_EDIT, GuidedButton(GuidedOp.EDIT_MENU)),
            ]
        )
    rows.append(_cancel_row())
    return InlineKeyboardMarkup(rows)


def _edit_keyboard() -> InlineKeyboardMarkup:
    fields = [
        _button(label, GuidedEdit(Step(step))) for step, label in texts.GUIDED_EDIT_LABELS.items()
    ]
    return InlineKeyboardMarkup(
        [fields[:2], fields[2:], [_button(texts.BTN_GUIDED_BACK, GuidedButton(GuidedOp.BACK))]]
    )


def _text(view: FlowView) -> str:
    d = view.flow.draft
    if view.flow.step is Step.PREVIEW:
        return texts.guided_preview(
            view.team_name, d.topic, d.text, d.owners_text, d.when, view.problem
        )
    chosen = d.owners if view.flow.step is Step.OWNERS else ()
    return texts.guided_step(view.team_name, view.flow.step.value, view.problem, chosen)


async def _show(update: Update, context: BotContext, view: FlowView, edit: bool) -> None:
    markup = _keyboard(view, texts.end_of_month_choice(context.actions.today()))
    query = update.callback_query
    if edit and query is not None and query.message is not None:
        try:
            await query.edit_message_text(_text(view), reply_markup=markup)
            return
        except TelegramError:  # too old to edit, or unchanged: ask in a new message
            pass
    sent = await reply(update, _text(view), markup)
    if sent is not None:
        context.services.guided.remember_prompt(sender(update).telegram_id, sent.message_id)


async def start(update: Update, context: BotContext) -> None:
    """`/nieuw` privately without text: begin the guided add."""
    user, chat = sender(update), chat_ref(update)
    assert chat is not None
    view = await as_member(update, context, lambda: context.services.guided.start(user, chat))
    await _show(update, context, view, edit=False)


def _event(
    pressed: GuidedButton | GuidedPick | GuidedEdit, choices: Choices, today_choice: str
) -> Event | None:
    """Turn a button into a flow input (None: a choice the flow no longer offers)."""
    match pressed:
        case GuidedButton(op=GuidedOp.NEXT):
            return Next()
        case GuidedButton(op=GuidedOp.SAVE):
            return Save()
        case GuidedPick(choice=GuidedList.TOPIC, index=i) if i < len(choices.topics):
            return Chose(choices.topics[i])
        case GuidedPick(choice=GuidedList.OWNER, index=i) if i < len(choices.owners):
            return Toggle(choices.owners[i])
        case GuidedButton(op=GuidedOp.ASAP):
            return Chose("ASAP")
        case GuidedButton(op=GuidedOp.MONTH_END):
            return Chose(today_choice)
        case GuidedPick(choice=GuidedList.MEETING, index=i) if i < len(choices.meetings):
            return Chose(texts.meeting_choice(choices.meetings[i]))
        case GuidedEdit(step=step):
            return Edit(step)
    return None


async def _apply(update: Update, context: BotContext, event: Event, edit: bool) -> None:
    user, chat = sender(update), chat_ref(update)
    assert chat is not None
    result = await as_member(
        update, context, lambda: context.services.guided.handle(user, chat, event)
    )
    if isinstance(result, FlowGone):
        # Annuleren ends the flow; any other input found none (expired, or an old button).
        cancelled = isinstance(event, guided.Cancel) and not result.expired
        await reply(update, texts.GUIDED_CANCELLED if cancelled else texts.GUIDED_GONE)
        return
    if isinstance(result, FlowView):
        await _show(update, context, result, edit)
        return
    await _finish(update, context, result)


async def _finish(update: Update, context: BotContext, done: FlowDone) -> None:
    query = update.callback_query
    if query is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    if done.proposal_id is None:  # a secretary: store it as their message would have
        await add_actions(update, context, guided.as_message(done.draft), done.team_id)
        return
    group = context.teams.group_of(done.team_id)
    # No group yet: the card goes to the secretaries who can be written to privately.
    chats = [group] if group is not None else context.teams.secretary_chats(done.team_id)
    accept, reject = (ProposalButton(done.proposal_id, a).encode() for a in (True, False))
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BTN_PROPOSAL_ACCEPT, callback_data=accept),
                InlineKeyboardButton(texts.BTN_PROPOSAL_REJECT, callback_data=reject),
            ]
        ]
    )
    d = done.draft
    author = sender(update).full_name
    card = texts.proposal_card(author, d.topic, d.text, d.owners_text, d.when)
    delivered = 0
    for chat_id in chats:
        try:
            await context.bot.send_message(chat_id, card, reply_markup=markup)
            delivered += 1
        except (Forbidden, BadRequest):  # blocked, removed, or the chat is gone
            log.info("proposal %s: chat %s not reachable", done.proposal_id, chat_id)
    await reply(update, texts.proposal_sent(done.team_name, group is not None, delivered > 0))


async def button(update: Update, context: BotContext) -> None:
    """A button of the guided add."""
    query = update.callback_query
    assert query is not None
    pressed = decode(query.data)
    if not isinstance(pressed, GuidedButton | GuidedPick | GuidedEdit):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    if pressed == GuidedButton(GuidedOp.CANCEL):
        await query.answer()
        await query.edit_message_reply_markup(reply_markup=None)
        await _apply(update, context, guided.Cancel(), edit=False)
        return
    if pressed == GuidedButton(GuidedOp.EDIT_MENU):
        await query.answer()
        await query.edit_message_reply_markup(reply_markup=_edit_keyboard())
        return
    if pressed == GuidedButton(GuidedOp.BACK):
        await query.answer()
        user, chat = sender(update), chat_ref(update)
        assert chat is not None
        now = await as_member(update, context, lambda: context.services.guided.current(user, chat))
        if isinstance(now, FlowGone):
            await reply(update, texts.GUIDED_GONE)
        else:
            await _show(update, context, now, edit=True)
        return
    user = sender(update)
    choices = context.services.guided.choices_of(user.telegram_id)
    event = _event(pressed, choices, texts.end_of_month_choice(context.actions.today()))
    if event is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    await _apply(update, context, event, edit=True)


async def typed(update: Update, context: BotContext) -> None:
    """A text in the private chat while a guided add is open: the answer to its step."""
    message = update.effective_message
    assert message is not None
    await _apply(update, context, Typed(message.text or ""), edit=False)


async def decide(update: Update, context: BotContext) -> None:
    """Overnemen / Afwijzen under a proposal (a secretary's buttons)."""
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    pressed = decode(query.data)
    if not isinstance(pressed, ProposalButton):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    user, chat = sender(update), chat_ref(update)
    proposal_id, accept = pressed.proposal_id, pressed.accept
    try:
        decided = await as_member(
            update,
            context,
            lambda: context.services.guided.decide(user, chat, proposal_id, accept),
        )
    except DomainError as err:
        await query.answer(plain_text(texts.error_text(err), ANSWER_LIMIT), show_alert=True)
        return
    if decided is None:
        await query.answer(texts.PROPOSAL_GONE, show_alert=True)
        return
    proposal, item = decided
    if item is None and not proposal.decided_now:
        await query.answer(texts.proposal_already(proposal.status), show_alert=True)
        return
    await query.answer()
    number = None
    if item is not None:
        # In the group, in the secretary's name; the card's message id makes a second press
        # (or Telegram delivering it again) add nothing.
        added = await add_actions(update, context, guided.as_message(proposal.draft))
        number = added.actions[0].number
        context.services.guided.link_proposal(proposal.id, added.actions[0].id)
    text = texts.proposal_decided(proposal.author, proposal.draft.text, number, user.full_name)
    await query.edit_message_text(text, reply_markup=None)
    if proposal.author_telegram_id is not None:
        try:
            await context.bot.send_message(proposal.author_telegram_id, text)
        except TelegramError:  # never pressed Start: the group card says it
            log.info("proposal %s: author not reachable privately", proposal.id)


class _ActiveFlow(MessageFilter):
    """Private texts of a person with an open guided add (asked of the database: the flow
    survives a restart)."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        super().__init__(name="ActiveFlow")
        self.app = app

    def filter(self, message: Message) -> bool:
        services = self.app.bot_data.get("services")
        person = message.from_user
        if not isinstance(services, Services) or person is None:
            return False
        return services.guided.has_flow(person.id)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the guided add; before the secretary's free-text reader, which it must win over."""
    private_new = filters.ChatType.PRIVATE & NEW
    app.add_handler(
        MessageHandler(
            private_new & filters.Regex(r"^/nieuw(@\w+)?\s*$"),
            start,
        )
    )
    app.add_handler(
        MessageHandler(
            private_new & filters.TEXT & ~filters.COMMAND & ~filters.REPLY & _ActiveFlow(app),
            typed,
        )
    )
    app.add_handler(CallbackQueryHandler(button, pattern=pattern(GuidedButton)))
    app.add_handler(CallbackQueryHandler(decide, pattern=pattern(ProposalButton)))


__all__ = ["register"]
