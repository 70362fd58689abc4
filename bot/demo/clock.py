"""The demo's clock: real time that runs on from a chosen moment, and can be moved forward."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta


def _real_now() -> datetime:
    return datetime.now(UTC)


class DemoClock:
    """A `services.base.Clock` that ticks with real time, shifted by an offset.

    The bot, the fake Bot API (message dates) and the page all read this one clock, so a
    reminder sent after `advance_to` carries the moment it was due.
    """

    def __init__(
        self, start: datetime | None = None, *, real: Callable[[], datetime] = _real_now
    ) -> None:
        self._real = real
        self._lock = threading.Lock()
        self._offset = timedelta(0) if start is None else start - real()

    def __call__(self) -> datetime:
        with self._lock:
            return self._real() + self._offset

    def unix(self) -> float:
        """The clock's moment as Unix seconds (for message dates)."""
        return self().timestamp()

    def advance_to(self, moment: datetime) -> None:
        """Jump forward to `moment` (never back: what was sent stays in the past)."""
        if moment.tzinfo is None:
            raise ValueError("an aware datetime is required")
        with self._lock:
            now = self._real() + self._offset
            if moment > now:
                self._offset += moment - now
