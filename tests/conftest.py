"""Fixtures every tier shares: a migrated SQLite file and a clock the test controls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.db import upgrade


@dataclass
class FrozenClock:
    """A clock that only moves when the test moves it."""

    at: datetime

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def clock() -> FrozenClock:
    # 18 March 2027, 16:00 in Amsterdam: the evening of the seed's OT meeting.
    return FrozenClock(datetime(2027, 3, 18, 15, 0, tzinfo=UTC))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'otbot.sqlite3'}"
    upgrade(url)
    return url
