"""Logging that never shows the bot token (httpx logs request URLs, which contain it)."""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    """Replace the token wherever it appears in a log record."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message with the token masked; always keep the record."""
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg = message.replace(self.token, "<token>")
                record.args = ()
        return True


# Libraries whose INFO lines say nothing an operator acts on: httpx logs every request (with
# the token in the URL), Alembic its plugins and "Context impl SQLiteImpl", APScheduler and
# PTB their start and stop. Their warnings and errors still show.
QUIET_LOGGERS = ("httpx", "httpcore", "alembic", "apscheduler", "telegram")


def setup(token: str, level: int = logging.INFO) -> None:
    """Log to stderr with the token redacted, without the libraries' INFO chatter."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))
