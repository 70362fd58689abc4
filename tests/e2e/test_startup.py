"""Start-up against a Telegram that refuses the token, is unreachable or fails for a while.

The real `otbot run` as a process for what the operator reads (one line, an exit code, no
traceback, no token); the real bot in this process, with a virtual clock for the waits, for
the retries themselves.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import build_application, serve
from bot.config import Config
from bot.demo.fake_telegram import FakeTelegram
from bot.startup import StartupBudget, StartupError, StartupFailure

ROOT = Path(__file__).resolve().parents[2]
WRONG_TOKEN = "987654:WRONG-secret-token-value"


def otbot_run(
    tmp_path: Path, base_url: str, token: str, retry_seconds: float
) -> subprocess.Popen[str]:
    config = tmp_path / "config.toml"
    config.write_text(
        "[telegram]\n"
        f'base_url = "{base_url}"\n'
        "poll_timeout = 2\n"
        f"startup_retry_seconds = {retry_seconds}\n"
        "[storage]\n"
        f'url = "sqlite:///{tmp_path / "data" / "otbot.sqlite3"}"\n'
        '[team]\nname = "OT Wonen"\nsecretaries = ["@marloes_npsnw"]\n'
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": token,
        "OTBOT_CONFIG": str(config),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def failure_line(err: str, token: str) -> str:
    """The one line `otbot run` printed: the last, and the only one that is no log line."""
    assert "Traceback" not in err
    assert token not in err
    lines = err.splitlines()
    printed = [line for line in lines if not line[:4].isdigit()]  # log lines start with a date
    assert len(printed) == 1, err
    assert lines[-1] == printed[0]
    assert " / " in printed[0]  # Dutch / English
    return printed[0]


def test_the_example_config_warns_what_to_edit(tmp_path: Path, fake: FakeTelegram) -> None:
    config = tmp_path / "config.toml"  # the example as copied, pointed at the fake
    example = (ROOT / "config.example.toml").read_text()
    config.write_text(example.replace('base_url = ""', f'base_url = "{fake.base_url}"', 1))
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--config", str(config), "run"],
        cwd=tmp_path,
        env={**env, "TELEGRAM_BOT_TOKEN": WRONG_TOKEN},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3
    [warning] = [x for x in result.stderr.splitlines() if "WARNING" in x]
    assert (
        f"Team ‘OT Wonen en Leefomgeving’ in {config} heeft nog de voorbeeldsecretaris" in warning
    )
    assert "@secretaris_npsnw" in warning and "put your own Telegram id" in warning
    failure_line(result.stderr, WRONG_TOKEN)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_refused_token_is_one_line_exit_3_and_not_retried(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    proc = otbot_run(tmp_path, fake.base_url, WRONG_TOKEN, retry_seconds=60)
    code, out, err = finished(proc)
    assert code == 3
    line = failure_line(err, WRONG_TOKEN)
    assert "Telegram weigert het bot-token (Unauthorized)" in line
    assert "Telegram rejected the bot token (Unauthorized)" in line
    assert "TELEGRAM_BOT_TOKEN" in line and str(tmp_path / "config.toml") in line
    assert WRONG_TOKEN not in out and "987654" not in err
    assert "retrying" not in err  # a 401 is final: no wait, no second getMe
    assert [(c.method, c.status) for c in fake.calls] == [("getMe", 401)]


def test_an_unreachable_telegram_is_retried_then_one_line_exit_4(tmp_path: Path) -> None:
    proc = otbot_run(tmp_path, f"http://127.0.0.1:{closed_port()}/bot", WRONG_TOKEN, 0.3)
    code, out, err = finished(proc)
    assert code == 4
    line = failure_line(err, WRONG_TOKEN)
    assert line.startswith("Telegram niet bereikbaar bij het starten (getMe, 0.3 s geprobeerd")
    assert "Telegram unreachable while starting (getMe, tried for 0.3 s" in line
    assert "ConnectError" in line and "[telegram] startup_retry_seconds" in line
    retries = [x for x in err.splitlines() if "WARNING" in x and "retrying in" in x]
    assert retries and all("getMe" in x and "opnieuw over" in x for x in retries)
    assert WRONG_TOKEN not in out


def test_a_sigterm_while_retrying_stops_quietly(tmp_path: Path) -> None:
    proc = otbot_run(tmp_path, f"http://127.0.0.1:{closed_port()}/bot", WRONG_TOKEN, 600)
    assert proc.stderr is not None
    for line in proc.stderr:  # wait for the first retry warning, then stop
        if "retrying in" in line:
            break
    proc.send_signal(signal.SIGTERM)
    code, _out, err = finished(proc)
    assert code == 0
    assert "Traceback" not in err and "Telegram unreachable while starting" not in err


class VirtualBudget(StartupBudget):
    """A start-up budget on a clock that moves only by the waits it is asked for."""

    def __init__(self, seconds: float) -> None:
        self.clock = 0.0
        self.pauses: list[float] = []
        super().__init__(seconds)

    def now(self) -> float:
        return self.clock

    async def pause(self, seconds: float) -> bool:
        self.pauses.append(seconds)
        self.clock += seconds
        return False


def serve_until_polling(cfg: Config, fake: FakeTelegram, budget: StartupBudget) -> None:
    """Run the real bot until it polls, then stop it; StartupError propagates."""
    app = build_application(cfg)

    async def polled() -> None:
        while not any(c.method == "getUpdates" for c in fake.calls):
            await asyncio.sleep(0.01)

    async def main() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(serve(app, stop, poll_timeout=1, budget=budget))
        polling = asyncio.create_task(polled())
        await asyncio.wait((task, polling), timeout=30, return_when=asyncio.FIRST_COMPLETED)
        stop.set()
        await task

    asyncio.run(main())


def test_failures_at_each_start_up_call_are_retried(
    cfg: Config, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    fake.drop_connection_next("getMe")
    fake.fail_next("setMyCommands", 502, "Bad Gateway", count=2)
    fake.drop_connection_next("deleteWebhook")
    budget = VirtualBudget(120)
    with caplog.at_level(logging.WARNING):
        serve_until_polling(cfg, fake, budget)
    # Each call waits 1 s after its first failure, then 2 s after a second one.
    assert budget.pauses == [1, 1, 2, 1]
    methods = [c.method for c in fake.calls if c.method != "getUpdates"]
    assert methods[:2] == ["getMe", "getMe"] and methods[-2:] == ["deleteWebhook"] * 2
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert [w.split(" (")[1].split(":")[0] for w in warnings] == [
        "getMe",
        "setMyCommands",
        "setMyCommands",
        "deleteWebhook",
    ]
    # PTB's own "Bootstrap ... Aborting" traceback is not logged: the retry said it all.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert fake.commands(None, "nl")  # the menu was published in the end


def test_the_budget_bounds_the_retries_with_growing_waits(cfg: Config, fake: FakeTelegram) -> None:
    fake.fail_next("getMe", 500, "Internal Server Error", count=1000)
    budget = VirtualBudget(40)
    with pytest.raises(StartupError) as caught:
        serve_until_polling(cfg, fake, budget)
    assert caught.value.failure is StartupFailure.NETWORK
    assert caught.value.step == "getMe" and caught.value.detail == "Internal Server Error"
    assert budget.pauses == [1, 2, 4, 8, 16, 9]  # doubling, the last cut to the budget
    assert len([c for c in fake.calls if c.method == "getMe"]) == 7
