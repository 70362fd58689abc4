"""Starting against Telegram: a network failure is retried for a while, a refused token not.

`serve()` runs its three start-up calls (getMe, setMyCommands, deleteWebhook) through
`start_step`. What cannot be fixed by waiting ends in a `StartupError`, which `otbot run`
turns into one line and an exit code (bot/cli.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from enum import Enum

log = logging.getLogger(__name__)

DEFAULT_STARTUP_RETRY_SECONDS = 120.0
BACKOFF_FIRST = 1.0
BACKOFF_CAP = 30.0  # PTB's own cap for a failing long poll while running


class StartupFailure(Enum):
    TOKEN = "token"  # Telegram refused the token: 401 (or 404 for a malformed one)
    NETWORK = "network"  # no connection, no DNS, or a 5xx answer, until the budget ran out
    TIMEOUT = "timeout"  # no answer in time, until the budget ran out


class StartupError(Exception):
    """Starting failed in a way waiting does not fix; `detail` is Telegram's or httpx's
    reason (never the token: PTB's own InvalidToken message contains it)."""

    def __init__(self, failure: StartupFailure, step: str, detail: str, seconds: float) -> None:
        super().__init__(f"{failure.value} at {step}: {detail}")
        self.failure = failure
        self.step = step
        self.detail = detail
        self.seconds = seconds


class StartupBudget:
    """How long start-up keeps trying to reach Telegram, counted from its creation; a set
    `stop` (SIGTERM) ends a wait at once. Tests override `now` and `pause`."""

    def __init__(self, seconds: float, stop: asyncio.Event | None = None) -> None:
        self.seconds = seconds
        self.stop = stop
        self.deadline = self.now() + seconds

    def now(self) -> float:
        """The clock the budget is counted on."""
        return time.monotonic()

    def left(self) -> float:
        """Seconds left to keep trying."""
        return max(0.0, self.deadline - self.now())

    async def pause(self, seconds: float) -> bool:
        """Wait `seconds`; True when the bot was told to stop meanwhile."""
        if self.stop is None:
            await asyncio.sleep(seconds)
            return False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop.wait(), seconds)
        return self.stop.is_set()


async def start_step(
    step: str, call: Callable[[], Awaitable[object]], budget: StartupBudget
) -> bool:
    """Run one start-up call. A network failure or timeout is retried after 1, 2, 4 ... 30 s
    (one warning each) while the budget lasts; a refused token is not. False when told to
    stop while waiting."""
    # Imported here: the CLI's other commands use cli_texts (which imports this module for
    # StartupFailure) without loading Telegram.
    from telegram.error import BadRequest, InvalidToken, NetworkError, TimedOut

    from bot import cli_texts

    wait = BACKOFF_FIRST
    while True:
        try:
            await call()
            return True
        except InvalidToken as err:
            # Bot.initialize() wraps the server's answer in a message that holds the token.
            reason = str(err.__cause__ or "Unauthorized")
            raise StartupError(StartupFailure.TOKEN, step, reason, budget.seconds) from None
        except BadRequest:  # a NetworkError in PTB, but waiting will not change the answer
            raise
        except NetworkError as err:  # TimedOut included; PTB maps a 5xx answer to it too
            failure = (
                StartupFailure.TIMEOUT if isinstance(err, TimedOut) else StartupFailure.NETWORK
            )
            left = budget.left()
            if left <= 0:
                raise StartupError(failure, step, str(err), budget.seconds) from None
            pause = min(wait, left)
            log.warning(cli_texts.startup_retry(failure, step, str(err), pause))
            if await budget.pause(pause):
                return False
            wait = min(wait * 2, BACKOFF_CAP)
