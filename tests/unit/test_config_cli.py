"""Configuration, the CLI's refusal without a token, and the token never reaching the logs."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEFAULT_BASE_URL, ConfigError, load
from bot.logging_setup import RedactToken

TOKEN = "123456789:AAH-secret-token-value"


def test_example_config_loads_and_documents_every_key(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    cfg = load(example, env={})
    assert cfg.token == ""
    assert cfg.base_url == DEFAULT_BASE_URL
    assert cfg.db_url == "sqlite:///data/otbot.sqlite3"
    assert [t.name for t in cfg.teams] == ["OT Wonen en Leefomgeving"]
    assert cfg.teams[0].secretary_usernames == frozenset({"secretaris_npsnw"})
    text = example.read_text()
    assert cfg.concurrent_updates == 16
    keys = ("token", "base_url", "base_file_url", "url", "timezone", "secretaries", "chat_id")
    assert cfg.startup_retry_seconds == 120
    for key in (*keys, "concurrent_updates", "startup_retry_seconds"):
        assert f"{key} =" in text


def test_environment_wins_and_teams_parse(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[telegram]\ntoken = "from-file"\n'
        '[team]\nname = "OT A"\nsecretaries = [42, "@Sec", "77"]\nchat_id = -1001\n'
        '[[teams]]\nname = "OT B"\n'
    )
    cfg = load(path, env={"TELEGRAM_BOT_TOKEN": TOKEN, "OTBOT_DB_URL": "sqlite:///x.db"})
    assert cfg.token == TOKEN
    assert cfg.db_url == "sqlite:///x.db"
    a, b = cfg.teams
    assert (a.name, a.chat_id, a.secretary_ids, a.secretary_usernames) == (
        "OT A",
        -1001,
        frozenset({42, 77}),
        frozenset({"sec"}),
    )
    assert b.name == "OT B" and b.chat_id is None
    assert TOKEN not in repr(cfg)


def test_startup_retry_seconds_may_be_a_fraction(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[telegram]\nstartup_retry_seconds = 0.5\n")
    assert load(path, env={}).startup_retry_seconds == 0.5


@pytest.mark.parametrize(
    "content",
    [
        "[team]\nsecretaries = [1]\n",
        '[team]\nname = "A"\n[[teams]]\nname = "a"\n',
        "[team",
        "[bot]\nconcurrent_updates = 0\n",
        "[bot]\nconcurrent_updates = 1000\n",
        '[bot]\nconcurrent_updates = "16"\n',
        "[bot]\nconcurrent_updates = true\n",
        "[telegram]\nstartup_retry_seconds = -1\n",
        '[telegram]\nstartup_retry_seconds = "2 minutes"\n',
        "[telegram]\nstartup_retry_seconds = true\n",
    ],
)
def test_bad_config_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ConfigError):
        load(path, env={})


def test_run_without_token_explains_and_exits_nonzero(tmp_path: Path) -> None:
    env = {"PATH": "", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "@BotFather" in result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Geen bot-token gevonden" in result.stderr and "No bot token found" in result.stderr


def test_db_upgrade_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'bot.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "upgrade"],
        cwd=tmp_path,
        env={"OTBOT_DB_URL": url, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert f"database up to date: {head}" in result.stdout
    assert (tmp_path / "data" / "bot.sqlite3").exists()


def test_token_is_redacted_from_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("httpx-like")
    caplog.handler.addFilter(RedactToken(TOKEN))
    logger.warning("POST https://bot-api.example/bot%s/getUpdates failed", TOKEN)
    assert TOKEN not in caplog.text
    assert "bot<token>/getUpdates" in caplog.text


def test_team_problems_name_what_to_edit(tmp_path: Path) -> None:
    from bot import cli_texts
    from bot.config import team_problems

    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    [(problem, team)] = team_problems(load(example, env={}))
    assert (problem, team) == ("example", "OT Wonen en Leefomgeving")
    line = cli_texts.team_problem(problem, team, "/etc/otbot/config.toml")
    dutch, english = line.split(" / ", 1)
    assert "@secretaris_npsnw" in dutch and "/etc/otbot/config.toml" in dutch
    assert "secretaries" in dutch and "name" in dutch
    assert "example secretary @secretaris_npsnw" in english and "name" in english

    path = tmp_path / "config.toml"
    path.write_text('[team]\nname = "OT A"\nsecretaries = ["@secretaris_npsnw", 42]\n')
    [(problem, team)] = team_problems(load(path, env={}))
    assert (problem, team) == ("example", "OT A")
    assert "team's name" not in cli_texts.team_problem(problem, team, str(path))

    path.write_text('[team]\nname = "OT A"\n[[teams]]\nname = "OT B"\nsecretaries = [42]\n')
    assert team_problems(load(path, env={})) == [("no_secretary", "OT A")]
    assert "OT A" in cli_texts.team_problem("no_secretary", "OT A", str(path))

    path.write_text("[storage]\n")
    assert team_problems(load(path, env={})) == [("none", "")]
    assert f"No team in {path}" in cli_texts.team_problem("none", "", str(path))
    assert "copy config.example.toml" in cli_texts.team_problem("none", "", None)
    assert team_problems(load(None, env={})) == [("none", "")]

    path.write_text('[team]\nname = "OT A"\nsecretaries = [42, "@marloes"]\n')
    assert team_problems(load(path, env={})) == []


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    from bot.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"otbot {version('otbot')}"


@pytest.mark.parametrize(
    ("command", "variables"),
    [
        ([], ["TELEGRAM_BOT_TOKEN", "OTBOT_CONFIG", "OTBOT_DB_URL"]),
        (["run"], ["TELEGRAM_BOT_TOKEN", "OTBOT_CONFIG", "OTBOT_DB_URL"]),
        (["db"], ["OTBOT_CONFIG", "OTBOT_DB_URL"]),
        (["db", "upgrade"], ["OTBOT_CONFIG", "OTBOT_DB_URL"]),
        (["db", "current"], ["OTBOT_CONFIG", "OTBOT_DB_URL"]),
        (["import"], ["OTBOT_CONFIG", "OTBOT_DB_URL"]),
        (["export"], ["OTBOT_CONFIG", "OTBOT_DB_URL"]),
    ],
)
def test_help_lists_the_environment_variables_read(
    capsys: pytest.CaptureFixture[str], command: list[str], variables: list[str]
) -> None:
    from bot.cli import main

    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    epilog = capsys.readouterr().out.split("environment variables:\n", 1)[1]
    listed = [line.split()[0] for line in epilog.splitlines() if line[2:3].isupper()]
    assert listed == variables
    if command == ["run"]:
        assert "3  Telegram refused the token" in epilog


def test_demo_help_says_it_needs_no_token(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    out = capsys.readouterr().out
    assert "--seed" in out and "--port" in out and "--db" in out
    assert "reads no token and no config file" in out


def test_the_database_is_described_without_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.db import describe

    monkeypatch.chdir(tmp_path)
    assert describe("sqlite:///data/otbot.sqlite3") == (
        f"SQLite file {tmp_path.resolve() / 'data' / 'otbot.sqlite3'}"
    )
    assert describe(f"sqlite:///{tmp_path}/x.db") == f"SQLite file {tmp_path.resolve()}/x.db"
    assert describe("sqlite://") == "SQLite in memory"
    shown = describe("postgresql+psycopg://otbot:s3cret-pw@db.example:5432/otbot")
    assert shown == "postgresql+psycopg://otbot:***@db.example:5432/otbot"


def test_setup_quiets_the_libraries_but_not_their_warnings() -> None:
    from bot.logging_setup import QUIET_LOGGERS, setup

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    saved = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    try:
        setup(TOKEN)
        for name in ("alembic.runtime.migration", "apscheduler.scheduler", "telegram.ext"):
            assert logging.getLogger(name).getEffectiveLevel() == logging.WARNING
        assert logging.getLogger("bot.app").level == logging.NOTSET  # the bot's own: as set
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
        for name, old in saved.items():
            logging.getLogger(name).setLevel(old)
