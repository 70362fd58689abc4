"""The one error handler: domain errors become friendly Dutch replies, bugs get logged."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import ContextTypes

from bot import texts
from domain.errors import DomainError
from domain.text import plain_text
from handlers.common import ANSWER_LIMIT

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the user who caused the error; log everything that is not their doing."""
    err = context.error
    if isinstance(err, DomainError):
        text = texts.error_text(err)
    elif isinstance(err, BadRequest):
        # A bug on our side (bad HTML, a message too long), not the network: say so loudly.
        log.error("Telegram refused our reply: %s", err, exc_info=err)
        return
    elif isinstance(err, Forbidden | RetryAfter | TimedOut | NetworkError | ChatMigrated):
        log.warning("Telegram refused or failed a call: %s", err)
        return
    else:
        log.error("unexpected error while handling an update", exc_info=err)
        text = texts.GENERIC_ERROR
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            plain = plain_text(text, ANSWER_LIMIT)
            await update.callback_query.answer(plain, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(
                text, parse_mode=ParseMode.HTML, disable_web_page_preview=True
            )
    except BadRequest:  # our reply was malformed: a bug
        log.exception("could not tell the user about an error")
    except (Forbidden, ChatMigrated, RetryAfter, NetworkError) as reply_err:
        # Blocked, moved to a supergroup, rate-limited or offline: nobody to tell right now.
        log.warning("could not tell the user about an error: %s", reply_err)
    except Exception:  # the reply itself failed: log it, never loop on it
        log.exception("could not tell the user about an error")
