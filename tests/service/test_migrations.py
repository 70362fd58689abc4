"""The schema comes from the migrations: they apply from scratch and match the models."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from alembic import command
from alembic.util.exc import CommandError

from storage.db import alembic_config, current_revision, upgrade


def test_models_and_migrations_do_not_drift(db_url):
    try:
        command.check(alembic_config(db_url))
    except CommandError as err:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"models and migrations differ: {err}") from err


def test_upgrade_is_idempotent_and_sets_pragmas(db_url, tmp_path):
    before = current_revision(db_url)
    upgrade(db_url)
    assert current_revision(db_url) == before is not None
    with closing(sqlite3.connect(tmp_path / "otbot.sqlite3")) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(db_url):
    from datetime import UTC, datetime

    import pytest
    from sqlalchemy.exc import IntegrityError

    from storage.db import make_engine, session_factory
    from storage.models import MemberRow

    engine = make_engine(db_url)
    factory = session_factory(engine)
    with pytest.raises(IntegrityError), factory() as s, s.begin():
        s.add(
            MemberRow(
                team_id=4242,
                name="x",
                source="named",
                is_secretary=False,
                is_group=False,
                created_at=datetime.now(UTC),
            )
        )
    engine.dispose()
