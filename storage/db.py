"""Engine setup and migrations: every connection gets the SQLite pragmas the bot relies on."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

SessionFactory = sessionmaker[Session]


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite, create the folder and turn on WAL and foreign keys."""
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        private_file(Path(parsed.database).expanduser())
    engine = create_engine(url, connect_args={"timeout": 5} if is_sqlite else {})
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def private_file(path: Path) -> None:
    """Make the database file readable by its owner only (it holds every team's actions and
    who is in them): every folder created here is 0700, the file is created 0600 before SQLite
    opens it (SQLite gives its -wal and -shm files the database file's mode), and an
    existing file readable by others is tightened, with a warning."""
    folder = path.parent
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    if missing:
        for made in reversed(missing):  # mkdir(parents=True) would make the parents 0755
            made.mkdir(mode=0o700, exist_ok=True)
    elif folder.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        log.warning("the database folder %s is writable by others", folder)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for file in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        if file.exists() and (old := stat.S_IMODE(file.stat().st_mode)) & 0o077:
            log.warning("%s was open to others (mode %03o); now 0600, owner only", file, old)
            file.chmod(0o600)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def session_factory(engine: Engine) -> SessionFactory:
    """Return the session factory the services use (objects stay readable after commit)."""
    return sessionmaker(engine, expire_on_commit=False)


if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig


def alembic_config(url: str) -> AlembicConfig:
    """Build the Alembic configuration in code, so it works from an installed package too."""
    from alembic.config import Config as AlembicConfig  # imported late: ~0.5 s at start-up

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def describe(url: str) -> str:
    """Say where the database is, for the log: an SQLite file as its absolute path (a
    relative URL is relative to the working directory, which surprises under systemd),
    any other URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return "SQLite in memory"
        return f"SQLite file {Path(parsed.database).expanduser().resolve()}"
    return parsed.render_as_string(hide_password=True)


def upgrade(url: str, revision: str = "head") -> None:
    """Apply the migrations up to `revision` (the newest by default); log one line when the
    schema changed (Alembic's own lines are left to its logger, quiet in `otbot run`)."""
    from alembic import command

    make_engine(url).dispose()  # creates the data folder for SQLite files
    before = current_revision(url)
    command.upgrade(alembic_config(url), revision)
    after = current_revision(url)
    if after != before:
        log.info("database schema migrated from %s to %s", before or "empty", after)


def current_revision(url: str) -> str | None:
    """Return the revision the database is at, or None when it was never migrated."""
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
