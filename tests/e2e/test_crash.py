"""Kill the bot with SIGKILL while reminders go out, restart it: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from string import ascii_lowercase
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.demo.fake_telegram import FakeTelegram
from domain.model import ChatRef, TeamSetup, UserRef
from services.actions import ActionService
from services.teams import TeamService
from storage.db import make_engine, session_factory, upgrade
from storage.models import ReminderRow
from tests.conftest import FrozenClock

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 40
GROUP = ChatRef(-100100, is_private=False, title="OT Wonen")
SECRETARY = UserRef(900, "Marloes", "", "marloes_npsnw")


def name(i: int) -> str:
    """Return a first name without digits ("Lidaa", "Lidab", ...)."""
    return "Lid" + ascii_lowercase[i // 26] + ascii_lowercase[i % 26]


def prepare(url: str) -> list[UserRef]:
    """Ten days ago: 40 members each got an action that is due today (a reminder is due now)."""
    upgrade(url)
    clock = FrozenClock(datetime.now(UTC) - timedelta(days=10))
    setups = (TeamSetup(name="OT Wonen", secretary_usernames=frozenset({"marloes_npsnw"})),)
    engine = make_engine(url)
    factory = session_factory(engine)
    teams = TeamService(factory, setups=setups, clock=clock)
    actions = ActionService(factory, setups=setups, clock=clock)
    teams.sync_config()
    teams.link_group(SECRETARY, GROUP)
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    people = [UserRef(1000 + i, name(i)) for i in range(PEOPLE)]
    due = f"{today.day}-{today.month}-{today.year}"
    lines = [f"{name(i)}: actie {i} ({due})" for i in range(PEOPLE)]
    actions.add_from_message(SECRETARY, GROUP, "\n".join(lines), clock())
    for person in people + [SECRETARY]:
        teams.join_seen(1, person)
        private = ChatRef(person.telegram_id, is_private=True)
        if person is not SECRETARY:
            teams.claim_name(person, private, person.first_name)
        teams.reminder_switches(person, private, digest_on=False)
    engine.dispose()
    return people


def start(tmp_path: Path, fake: FakeTelegram, url: str) -> subprocess.Popen[str]:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\nbase_url = "{fake.base_url}"\nbase_file_url = "{fake.base_file_url}"\n'
        f'poll_timeout = 1\n[storage]\nurl = "{url}"\n'
        '[team]\nname = "OT Wonen"\nsecretaries = ["@marloes_npsnw"]\n'
        # Always inside the send window, so the test does not depend on the hour it runs.
        '[reminders]\ntick_seconds = 0.2\nwindow_start = "00:00"\nwindow_end = "23:59:59"\n'
        "working_days = [1, 2, 3, 4, 5, 6, 7]\nholidays = []\ncatch_up_days = 30\n"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "OTBOT_CONFIG": str(config),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def delivered(fake: FakeTelegram, chat_id: int) -> int:
    return sum(
        1
        for c in fake.calls_of("sendMessage")
        if c.params.get("chat_id") == chat_id and c.status == 200
    )


def test_sigkill_between_send_and_record_loses_nothing_sends_nothing_twice(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    url = f"sqlite:///{tmp_path / 'otbot.sqlite3'}"
    people = prepare(url)
    for person in people:  # they all pressed Start once
        fake.mark_started(fake.user(person.telegram_id, person.first_name))

    with start(tmp_path, fake, url) as first:  # and its stderr pipe closed when it is gone
        try:
            fake.wait_for_call("sendMessage", lambda c: c.status == 200, timeout=30)
            # Hold Telegram's answer to the next reminder: delivered, the bot never hears so.
            hold = fake.hold_next("sendMessage")
            assert hold.arrived.wait(30)
            first.send_signal(signal.SIGKILL)
            first.wait(30)
        finally:
            if first.poll() is None:
                first.kill()
            hold.release.set()
    sent_before = {p.telegram_id for p in people if delivered(fake, p.telegram_id)}
    assert 2 <= len(sent_before) < PEOPLE

    mark = fake.mark()
    second = start(tmp_path, fake, url)
    try:
        fake.wait_for_call("getUpdates", after=mark, timeout=30)
        for person in people:  # everyone's reminder arrives, whenever it was sent
            fake.wait_for_call(
                "sendMessage",
                lambda c, chat=person.telegram_id: c.params.get("chat_id") == chat,
                timeout=30,
            )
        fake.wait_idle()
    finally:
        second.send_signal(signal.SIGTERM)
        _, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "not sent again" in err  # the one in doubt was reported at start

    counts = {p.telegram_id: delivered(fake, p.telegram_id) for p in people}
    assert set(counts.values()) == {1}, counts  # nothing lost, nothing twice
    engine = make_engine(url)
    with session_factory(engine)() as s:
        statuses = [
            r.status for r in s.scalars(select(ReminderRow).where(ReminderRow.kind == "date_due"))
        ]
    engine.dispose()
    assert sorted(statuses) == ["sent"] * (PEOPLE - 1) + ["uncertain"]
