"""Reminders at Telegram's flood limits, and the meeting-time burst in a group.

The real bot (built by `build_application`, as `otbot run` builds it) runs against the fake
Bot API with `flood_limits=True`: Telegram's limits enforced, every 429 counted. For each size,
N members each own an ASAP action whose first nudge is due at the same minute; one scheduler run
sends them all. Printed per size:
- messages/s, and that as a fraction of Telegram's 30/s;
- time to drain;
- 429s (flood violations).
Then the group burst: 25 members type /mijnacties in the group at once. Printed: how many were
answered, the slowest answer, and how many messages the group got.

    python bench/broadcast.py [--sizes 100 1000 5000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Config  # noqa: E402
from bot.demo.fake_telegram import FakeTelegram  # noqa: E402
from domain.holidays import dutch_holidays  # noqa: E402
from domain.model import ChatRef, TeamSetup, UserRef  # noqa: E402
from domain.reminders import ReminderSettings  # noqa: E402
from services.actions import ActionService  # noqa: E402
from services.teams import TeamService  # noqa: E402
from storage.db import make_engine, session_factory, upgrade  # noqa: E402
from tests.conftest import FrozenClock  # noqa: E402
from tests.e2e.conftest import BotThread  # noqa: E402

TEAM = "OT Wonen en Leefomgeving"
GROUP = ChatRef(-100100, is_private=False, title=TEAM)
SECRETARY = UserRef(900, "Marloes", "", "marloes_npsnw")
SETUPS = (TeamSetup(name=TEAM, secretary_usernames=frozenset({"marloes_npsnw"})),)
AGREED = datetime(2027, 3, 18, 15, 0, tzinfo=UTC)  # the OT of 18 March
NUDGE = datetime(2027, 3, 23, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # 3 working days on


def name(i: int) -> str:
    """A first name without digits: "Lidaaa", "Lidaab", ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "Lid" + letters[i // 676 % 26] + letters[i // 26 % 26] + letters[i % 26]


def prepare(url: str, fake: FakeTelegram, n: int) -> list[UserRef]:
    """N members in the group who pressed Start, each owning one ASAP action."""
    upgrade(url)
    clock = FrozenClock(AGREED)
    factory = session_factory(make_engine(url))
    teams = TeamService(factory, setups=SETUPS, clock=clock)
    actions = ActionService(factory, setups=SETUPS, clock=clock)
    teams.sync_config()
    teams.link_group(SECRETARY, GROUP)
    group = fake.group(GROUP.chat_id, TEAM)
    people = [UserRef(10_000 + i, name(i)) for i in range(n)]
    for start in range(0, n, 200):  # a message holds at most 200 actions
        chunk = people[start : start + 200]
        text = "\n".join(f"{p.first_name}: actie van {p.first_name} (ASAP)" for p in chunk)
        actions.add_from_message(SECRETARY, GROUP, text, clock())
    for person in [*people, SECRETARY]:
        tg_user = fake.user(person.telegram_id, person.first_name, username=person.username)
        fake.set_member(group, tg_user, "member")
        fake.mark_started(tg_user)
        teams.join_seen(1, person)
        teams.start_private(person)
        private = ChatRef(person.telegram_id, is_private=True)
        if person is not SECRETARY:
            teams.claim_name(person, private, person.first_name)
        teams.reminder_switches(person, private, digest_on=False)
    return people


def config(fake: FakeTelegram, url: str) -> Config:
    return Config(
        token=fake.token,
        base_url=fake.base_url,
        base_file_url=fake.base_file_url,
        db_url=url,
        teams=SETUPS,
        poll_timeout=5,
        tick_seconds=3600,  # this script runs the scheduler itself
        reminders=ReminderSettings(holidays=dutch_holidays(2027)),
    )


def broadcast(n: int, folder: Path) -> None:
    with FakeTelegram(flood_limits=True) as fake:
        url = f"sqlite:///{folder / f'broadcast-{n}.sqlite3'}"
        started = time.perf_counter()
        people = prepare(url, fake, n)
        built = time.perf_counter() - started
        bot = BotThread(config(fake, url), FrozenClock(NUDGE.astimezone(UTC)))
        bot.start()
        try:
            fake.wait_for_call("getUpdates")
            mark = fake.mark()
            began = time.monotonic()
            bot.tick(timeout=1800)
            drained = time.monotonic() - began
        finally:
            bot.stop()
        wanted = {p.telegram_id for p in people}
        sends = [
            c
            for c in fake.calls_of("sendMessage", after=mark)
            if c.ok and c.params.get("chat_id") in wanted
        ]
        reached = {c.params["chat_id"] for c in sends}
        span = (sends[-1].time - sends[0].time) if len(sends) > 1 else 0.0
        rate = (len(sends) - 1) / span if span else 0.0
        print(
            f"{n:>6} due: {len(reached):>5} delivered ({len(sends)} messages) in {drained:6.1f} s,"
            f" {rate:5.1f} messages/s = {rate / 30:4.0%} of 30/s,"
            f" {len(fake.flood_violations)} flood violations  (setup {built:.0f} s)",
            flush=True,
        )


def group_burst(folder: Path, members: int = 25) -> None:
    with FakeTelegram(flood_limits=True) as fake:
        url = f"sqlite:///{folder / 'burst.sqlite3'}"
        people = prepare(url, fake, members)
        bot = BotThread(config(fake, url), FrozenClock(NUDGE.astimezone(UTC)))
        bot.start()
        try:
            fake.wait_for_call("getUpdates")
            group = fake.group(GROUP.chat_id, TEAM)
            mark = fake.mark()
            pushed = time.monotonic()
            for p in people:
                user = fake.user(p.telegram_id, p.first_name)
                fake.push_message(group, user, "/mijnacties")
            bot.settle(fake)
        finally:
            bot.stop()
        answers = {}
        for call in fake.calls_of("sendMessage", after=mark):
            chat = call.params.get("chat_id")
            if call.ok and chat not in answers and chat != GROUP.chat_id:
                answers[chat] = call.time - pushed
        in_group = [
            c
            for c in fake.calls_of("sendMessage", after=mark)
            if c.params.get("chat_id") == GROUP.chat_id
        ]
        slowest = max(answers.values(), default=0.0)
        print(
            f"group burst: {members} members typed /mijnacties at once: {len(answers)} answered,"
            f" slowest {slowest:.1f} s, {len(in_group)} message(s) in the group,"
            f" {len(fake.flood_violations)} flood violations"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    sizes = parser.parse_args().sizes
    print("reminders due at the same minute, one scheduler run, against the enforcing fake")
    with tempfile.TemporaryDirectory(prefix="otbot-broadcast-") as tmp:
        for n in sizes:
            broadcast(n, Path(tmp))
        group_burst(Path(tmp))


if __name__ == "__main__":
    main()
