"""The reminder job: the JobQueue is only a clock; what is due comes from the database."""

from __future__ import annotations

import logging
import warnings
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, ContextTypes
from telegram.warnings import PTBDeprecationWarning

from bot import texts
from handlers.context import Services
from handlers.membership import still_member
from services.reminders import DIGEST, PING, Delivery, TickReport

log = logging.getLogger(__name__)
MAX_BUTTON_ROWS = 20


async def reminder_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The scheduled job: plan, then deliver what is due."""
    await run_reminders(context.application)


async def run_reminders(app: Application[Any, Any, Any, Any, Any, Any]) -> TickReport:
    """One scheduler run; safe to overlap with another (claims are exclusive)."""
    services: Services = app.bot_data["services"]
    report = services.reminders.plan()
    sent = 0
    departed: set[int] = set()
    for delivery in services.reminders.claim():
        if delivery.chat_id in departed:
            continue
        personal = delivery.kind != PING and delivery.chat_id > 0
        if personal and not await still_member(app.bot, services, delivery.chat_id):
            # They left a team's group: nothing more goes to them in this run; the next one
            # sends that team's reminders to the secretary and digests without it.
            departed.add(delivery.chat_id)
            continue
        sent += await deliver(app.bot, services, delivery)
    if report.planned or report.folded or report.pings or report.digests or sent:
        log.info(
            "reminders: %d planned, %d folded, %d pings, %d digests, %d messages sent",
            report.planned,
            report.folded,
            report.pings,
            report.digests,
            sent,
        )
    return report


def render(delivery: Delivery, bot_username: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """Turn a delivery into the message text and its buttons."""
    if delivery.kind == PING:
        return texts.group_ping(delivery), None
    if delivery.kind == DIGEST:
        return texts.digest(delivery), None
    link = f"https://t.me/{bot_username}?start=t{delivery.team_id}"
    rows = []
    for item in delivery.items[:MAX_BUTTON_ROWS]:
        if item.kind == "asap_stuck":
            continue
        ref = f"{item.action.team_id}:{item.action.number}"
        n = item.action.number
        rows.append(
            [
                InlineKeyboardButton(f"✅ #{n}", callback_data=f"a:close:{ref}"),
                InlineKeyboardButton(f"📝 #{n}", callback_data=f"a:upd:{ref}"),
                InlineKeyboardButton(f"{texts.BTN_LATER} #{n}", callback_data=f"a:later:{ref}"),
            ]
        )
    return texts.reminder_message(delivery, link), InlineKeyboardMarkup(rows) if rows else None


def retry_seconds(err: RetryAfter) -> float:
    """Read RetryAfter's wait: an int in PTB 22, a timedelta later (PITFALLS)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = err.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


async def deliver(bot: Bot, services: Services, delivery: Delivery) -> int:
    """Send one delivery; record the outcome in its own short transaction."""
    reminders = services.reminders
    text, markup = render(delivery, bot.username)
    if not reminders.start(delivery):
        return 0  # another scheduler run is sending these
    try:
        message = await bot.send_message(
            delivery.chat_id,
            text[:4096],
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            disable_web_page_preview=True,
        )
    except RetryAfter as err:
        reminders.retry(delivery, retry_seconds(err), "429 Too Many Requests")
        return 0
    except ChatMigrated as err:
        services.teams.migrate_chat(delivery.chat_id, err.new_chat_id)
        reminders.retry(delivery, 0, "group became a supergroup")
        return 0
    except Forbidden as err:
        if delivery.chat_id > 0:
            reminders.unreachable(delivery, str(err))  # falls back to the group next tick
        else:
            reminders.failed(delivery, str(err))  # the bot was removed from the group
        return 0
    except BadRequest as err:
        log.error("Telegram refused a reminder for good: %s", err)
        reminders.failed(delivery, str(err))
        return 0
    except NetworkError as err:  # timeouts, resets and 5xx: try again later
        reminders.backoff(delivery, str(err))
        return 0
    except TelegramError as err:
        log.error("unexpected Telegram error while sending a reminder: %s", err)
        reminders.backoff(delivery, str(err))
        return 0
    reminders.sent(delivery, message.message_id)
    return 1
