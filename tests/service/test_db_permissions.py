"""The SQLite file and the folders the bot creates for it are its owner's alone."""

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
    wal, shm = db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")
    # The last connection removed them: SQLite itself makes them below, not private_file().
    assert not wal.exists() and not shm.exists()
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO scheduler_state (key, value) VALUES ('x', 'y')"))
        assert wal.exists() and shm.exists()  # WAL mode: SQLite made them
        assert mode(wal) == 0o600 and mode(shm) == 0o600  # copied from the database file
    engine.dispose()
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700


def test_every_folder_the_bot_creates_is_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    db = tmp_path / "srv" / "otbot" / "data" / "otbot.sqlite3"
    upgrade(f"sqlite:///{db}")
    assert mode(db) == 0o600
    assert [mode(f) for f in (db.parents[2], db.parents[1], db.parent)] == [0o700] * 3
    assert mode(tmp_path) == 0o755  # the folder that was already there is not touched


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
    caplog.set_level(logging.WARNING, logger="storage.db")
    make_engine(url).dispose()
    assert mode(db) == 0o600
    [warning] = [r.getMessage() for r in caplog.records]
    assert "mode 644" in warning and "now 0600" in warning and str(db) in warning
    assert mode(folder) == 0o755  # a folder the bot did not create is left as it was


def test_a_folder_others_can_write_to_is_reported_and_left_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o777)
    caplog.set_level(logging.WARNING, logger="storage.db")
    make_engine(f"sqlite:///{folder / 'otbot.sqlite3'}").dispose()
    assert any("writable by others" in r.getMessage() for r in caplog.records)
    assert mode(folder) == 0o777
    assert mode(folder / "otbot.sqlite3") == 0o600


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://"])
def test_memory_databases_still_work(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
    assert list(tmp_path.iterdir()) == []  # no file called ":memory:" or the like
