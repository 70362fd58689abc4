"""The SQLite file and the folder the bot creates for it are its owner's alone."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import make_engine, upgrade


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what most servers have: files 0644 unless the bot says otherwise
    yield
    os.umask(old)


def test_a_new_database_is_private(tmp_path: Path) -> None:
    db = tmp_path / "data" / "otbot.sqlite3"
    url = f"sqlite:///{db}"
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO scheduler_state (key, value) VALUES ('x', 'y')"))
        wal, shm = db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")
        assert wal.exists() and shm.exists()  # WAL mode: SQLite made them
        assert mode(wal) == 0o600 and mode(shm) == 0o600
    engine.dispose()
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700


def test_an_existing_readable_database_is_tightened(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    db = folder / "otbot.sqlite3"
    url = f"sqlite:///{db}"
    upgrade(url)
    db.chmod(0o644)
    caplog.set_level(logging.WARNING)
    make_engine(url).dispose()
    assert mode(db) == 0o600
    assert any("readable by others" in r.getMessage() for r in caplog.records)
    assert mode(folder) == 0o755  # a folder the bot did not create is left as it was


def test_memory_databases_still_work() -> None:
    engine = make_engine("sqlite:///:memory:")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
