"""One rate limiter for every call the bot makes: Telegram's flood limits, kept before they bite.

PTB's AIORateLimiter is the starting point, but it falls short here (PITFALLS.md): it has no
limit per private chat, it counts every call that names a chat (a `getChatMember` would eat
the group's 20 messages a minute), and one 429 anywhere pauses every request of the bot. This
limiter counts only messages (sends and edits), keeps a bucket per chat and one overall, and
when Telegram still answers 429 it pauses only that chat, waits `retry_after` and sends again,
so a confirmed reply is never dropped. A call that passes `rate_limit_args=NO_RETRY` is paced
but not retried: reminders, whose outbox reschedules them (bot/reminders.py).
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

# Just under Telegram's limits, so that our pacing, not Telegram, decides.
OVERALL = (28, 1.0)  # messages, seconds
GROUP = (19, 60.0)
PRIVATE = (3, 3.3)  # about one a second, bursts of three
MAX_WAIT_SECONDS = 600.0  # a reply is retried until Telegram made it wait this long in all
MESSAGE_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "copymessage",
        "forwardmessage",
        "editmessagetext",
        "editmessagereplymarkup",
        "editmessagecaption",
    }
)

Result = bool | JSONDict | list[JSONDict]
# PTB drops a falsy rate_limit_args (`if not rate_limit_args`), so "no retries" is -1.
NO_RETRY = -1


def retry_seconds(err: RetryAfter) -> float:
    """Read RetryAfter's wait: an int in PTB 22, a timedelta later (PITFALLS)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = err.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class FloodLimiter(BaseRateLimiter[int]):
    """Pace messages per chat and overall; wait out a 429 for that chat and send again."""

    def __init__(
        self,
        *,
        overall: tuple[int, float] = OVERALL,
        group: tuple[int, float] = GROUP,
        private: tuple[int, float] = PRIVATE,
        max_wait: float = MAX_WAIT_SECONDS,
    ) -> None:
        self._overall = AsyncLimiter(*overall)
        self._group, self._private = group, private
        self._chats: dict[int, AsyncLimiter] = {}
        self._paused_until: dict[int, float] = {}  # chat id -> loop time
        self.max_wait = max_wait
        self.retries = 0  # 429s waited out (for logs and the benchmark)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def _limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            if len(self._chats) > 2048:  # forget chats whose bucket is full again
                for key, old in list(self._chats.items()):
                    if old.has_capacity(old.max_rate):
                        del self._chats[key]
            limiter = AsyncLimiter(*(self._group if chat_id < 0 else self._private))
            self._chats[chat_id] = limiter
        return limiter

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send one request: paced when it is a message; after a 429, wait and send again
        (every call but the long poll, which PTB retries itself)."""
        method = endpoint.lower()
        if method == "getupdates":
            return await callback(*args, **kwargs)
        chat_id = _chat_id(data.get("chat_id"))
        paced = chat_id if method in MESSAGE_METHODS else None
        retries_left = None if rate_limit_args is None else max(0, rate_limit_args)
        waited = 0.0
        loop = asyncio.get_running_loop()
        while True:
            if paced is not None:
                pause = self._paused_until.get(paced, 0.0) - loop.time()
                if pause > 0:
                    await asyncio.sleep(pause)
            try:
                if paced is None:
                    return await callback(*args, **kwargs)
                async with self._limiter(paced), self._overall:
                    return await callback(*args, **kwargs)
            except RetryAfter as err:
                wait = retry_seconds(err)
                waited += wait
                if retries_left is not None:
                    if retries_left <= 0:
                        if paced is not None:
                            self._paused_until[paced] = loop.time() + wait
                        raise
                    retries_left -= 1
                if waited > self.max_wait:
                    log.warning("gave up a %s after %.0f s of flood control", endpoint, waited)
                    raise
                self.retries += 1
                log.info("flood control on %s: sending again in %.1f s", endpoint, wait)
                if paced is not None:
                    self._paused_until[paced] = loop.time() + wait  # this chat waits
                else:
                    await asyncio.sleep(wait)


def _chat_id(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None
