"""`otbot run` as a real process against the fake Bot API: starts, answers, stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.demo.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_otbot_run_serves_and_stops_on_sigterm(tmp_path: Path, fake: FakeTelegram) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        "[telegram]\n"
        f'base_url = "{fake.base_url}"\n'
        f'base_file_url = "{fake.base_file_url}"\n'
        "poll_timeout = 2\n"
        "[storage]\n"
        f'url = "sqlite:///{tmp_path / "data" / "otbot.sqlite3"}"\n'
        '[team]\nname = "OT Wonen"\nsecretaries = ["@marloes_npsnw"]\n'
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "OTBOT_CONFIG": str(config),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        fake.wait_for_call("getUpdates", timeout=30)
        marloes = fake.user(900, "Marloes", username="marloes_npsnw")
        mark = fake.mark()
        fake.push_message(fake.private_chat(marloes), marloes, "Jan: data doorsturen (ASAP)")
        call = fake.wait_for_call("sendMessage", after=mark, timeout=30)
        assert "Opgeslagen: 1 actie." in call.params["text"]
        assert [c["command"] for c in fake.commands(None, "nl")][0] == "mijnacties"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    # The migrations ran on start, and the token never reached the log.
    assert (tmp_path / "data" / "otbot.sqlite3").exists()
    assert fake.token not in err and fake.token not in out
    # The log says what the operator needs, once, and none of the libraries' chatter.
    messages = [line.split(": ", 1)[1] for line in err.splitlines()]
    assert messages == [
        f"database: SQLite file {(tmp_path / 'data' / 'otbot.sqlite3').resolve()}",
        f"database schema migrated from empty to {head_revision()}",
        "bot @ot_actie_bot is running",
        "bot stopped",
    ], err
