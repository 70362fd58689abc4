"""The reminder job: the JobQueue is only a clock; what is due comes from the database."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, ContextTypes, ExtBot

from bot import texts
from bot.ratelimit import NO_RETRY, retry_seconds
from handlers.callbacks import ActionButton, ActionOp
from handlers.context import Services
from handlers.membership import still_member
from services.reminders import DIGEST, PING, Delivery, TickReport

log = logging.getLogger(__name__)
MAX_BUTTON_ROWS = 20
MAX_ROUNDS = 1000  # claims in one drain: a bound, far above 1000 reminders at 200 a claim
MAX_PLANS = 100  # planning batches in one run (2,000 actions each)


async def reminder_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The scheduled job: plan, then deliver what is due."""
    await run_reminders(context.application)


async def run_reminders(app: Application[Any, Any, Any, Any, Any, Any]) -> TickReport:
    """One scheduler run: plan, then send everything due, claim after claim, as fast as the
    rate limiter allows; safe to overlap with another run (deliveries are exclusive).

    One message is in flight at a time, so a crash leaves at most one delivery in doubt
    (ARCHITECTURE.md); the pace is then the limiter's (28/s) or one per round trip.
    """
    services: Services = app.bot_data["services"]
    services.guided.purge_expired()  # guided adds left a day past their expiry
    report = TickReport(more=True)
    sent = 0
    for _ in range(MAX_PLANS):  # a full planning batch: plan the rest once these are out
        if not report.more:
            break
        report += services.reminders.plan()
        sent += await _drain(app, services)
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


async def _drain(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> int:
    """Send what is due, claim after claim, one message in flight; return how many."""
    sent = 0
    departed: set[int] = set()
    for _ in range(MAX_ROUNDS):
        progress = 0
        for delivery in services.reminders.claim():
            if delivery.chat_id in departed:
                continue
            personal = delivery.kind != PING and delivery.chat_id > 0
            if personal and not await still_member(app.bot, services, delivery.chat_id):
                # They left a team's group: nothing more goes to them now; the next claim
                # sends that team's reminders to the secretary, and digests without it.
                departed.add(delivery.chat_id)
                progress += 1
                continue
            done = await deliver(app.bot, services, delivery)
            sent += done
            progress += done
        if not progress:
            break  # nothing due, or only retries for later: the next run goes on
    return sent


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
        team_id, n = item.action.team_id, item.action.number
        rows.append(
            [
                InlineKeyboardButton(label, callback_data=ActionButton(op, team_id, n).encode())
                for label, op in (
                    (f"✅ #{n}", ActionOp.CLOSE),
                    (f"📝 #{n}", ActionOp.UPDATE),
                    (f"{texts.BTN_LATER} #{n}", ActionOp.LATER),
                )
            ]
        )
    return texts.reminder_message(delivery, link), InlineKeyboardMarkup(rows) if rows else None


async def deliver(bot: ExtBot[Any], services: Services, delivery: Delivery) -> int:
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
            rate_limit_args=NO_RETRY,  # paced by the limiter; a 429 goes back to the outbox
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
