"""Kill the bot with SIGKILL at random moments while members write and reminders go out.

`otbot run` runs as a real process against the fake Telegram server. Each round starts it on
the same database, pushes a stream of writes (claims, updates and closes in the group,
actions added by the secretary privately or with /nieuw), and SIGKILLs it right after a
randomly chosen Telegram call (the N-th sendMessage of the round: a confirmation or a
reminder). A last round stops it cleanly. Then the database must agree with what Telegram
delivered:

- every write whose confirmation reached the user is stored, and no write is stored twice;
- every reminder row is sent (its message is in Telegram's log, once) or `uncertain` (the
  process died between marking it and recording it: delivered at most once, at most one
  delivery per kill) or cancelled because its action was closed; nobody got one reminder
  twice, and every open action that is due has its reminder.

The plan comes from `random.Random(SEED)`; the exact interleaving depends on timing, so the
seed is in every failure message. Set OTBOT_CRASH_SEED to try another plan.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from string import ascii_lowercase
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.demo.fake_telegram import Call, FakeTelegram
from domain.model import ChatRef, TeamSetup, UserRef
from services.actions import ActionService
from services.teams import TeamService
from storage.db import make_engine, session_factory, upgrade
from storage.models import (
    ActionOwnerRow,
    ActionRow,
    ActionUpdateRow,
    EventRow,
    MemberRow,
    ReminderRow,
    UserRow,
)
from tests.conftest import FrozenClock

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("OTBOT_CRASH_SEED", "20270424"))
KILLS = 5
PEOPLE = 12
GROUP_ID = -100100
TEAM = "OT Wonen"
SECRETARY = UserRef(900, "Marloes", "", "marloes_npsnw")
TZ = ZoneInfo("Europe/Amsterdam")
WAIT = 30.0  # seconds any single event may take on a slow machine


def name(i: int) -> str:
    """Return a first name without digits ("Lidaa", "Lidab", ...)."""
    return "Lid" + ascii_lowercase[i // 26] + ascii_lowercase[i % 26]


def dmy(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def prepare(url: str) -> list[UserRef]:
    """Ten days ago: each member got action #i+1, due today (its reminder is due now)."""
    upgrade(url)
    clock = FrozenClock(datetime.now(UTC) - timedelta(days=10))
    setups = (TeamSetup(name=TEAM, secretary_usernames=frozenset({"marloes_npsnw"})),)
    engine = make_engine(url)
    factory = session_factory(engine)
    teams = TeamService(factory, setups=setups, clock=clock)
    actions = ActionService(factory, setups=setups, clock=clock)
    teams.sync_config()
    group = ChatRef(GROUP_ID, is_private=False, title=TEAM)
    teams.link_group(SECRETARY, group)
    people = [UserRef(1000 + i, name(i)) for i in range(PEOPLE)]
    due = dmy(datetime.now(TZ).date())
    lines = [f"{name(i)}: actie {i} ({due})" for i in range(PEOPLE)]
    actions.add_from_message(SECRETARY, group, "\n".join(lines), clock())
    for person in people + [SECRETARY]:
        teams.join_seen(1, person)
        private = ChatRef(person.telegram_id, is_private=True)
        if person is not SECRETARY:
            teams.claim_name(person, private, person.first_name)
        teams.reminder_switches(person, private, digest_on=False)
    engine.dispose()
    return people


def start(tmp_path: Path, fake: FakeTelegram, url: str, log: Path) -> subprocess.Popen[bytes]:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\nbase_url = "{fake.base_url}"\nbase_file_url = "{fake.base_file_url}"\n'
        f'poll_timeout = 1\n[storage]\nurl = "{url}"\n'
        f'[team]\nname = "{TEAM}"\nsecretaries = ["@marloes_npsnw"]\n'
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
    with log.open("wb") as err:  # a file, not a pipe: a killed bot never blocks on it
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )


@dataclass
class Write:
    """One message that changes something, and what the bot must have stored for it."""

    kind: str  # claim, update, close, add
    user: dict[str, Any]
    chat: dict[str, Any]
    text: str
    number: int = 0  # the action a member's write is about
    items: tuple[str, ...] = ()  # add: the action texts (unique), update: the update text
    owners: tuple[str, ...] = ()  # add: the owner of each item
    round: int = 0
    message_id: int = 0  # once pushed

    def describe(self) -> str:
        return f"round {self.round} {self.kind} {self.text.splitlines()[0]!r}"


@dataclass
class Plan:
    """The random plan: which member writes what, and when the bot dies."""

    rng: random.Random
    people: list[dict[str, Any]]
    secretary: dict[str, Any]
    group: dict[str, Any]
    overdue: str  # a due date that has passed: added actions get an overdue reminder at once
    closing: set[int] = field(default_factory=set)
    serial: int = 0

    def writes(self, round_no: int, count: int) -> list[Write]:
        out = []
        for _ in range(count):
            self.serial += 1
            kind = self.rng.choices(["claim", "update", "close", "add"], [3, 4, 1, 2])[0]
            open_ones = [n for n in range(1, PEOPLE + 1) if n not in self.closing]
            if kind == "close" and len(self.closing) >= PEOPLE // 2:
                kind = "update"
            if kind == "add":
                out.append(self._add(round_no))
                continue
            number = self.rng.choice(open_ones)
            owner = self.people[number - 1]
            tag = f"r{round_no}w{self.serial}"
            if kind == "claim":
                text = f"/claim {number}"
                items: tuple[str, ...] = ()
            elif kind == "update":
                items = (f"voortgang {tag}",)
                text = f"/update {number} {items[0]}"
            else:
                self.closing.add(number)
                text, items = f"/sluit {number}", ()
            out.append(Write(kind, owner, self.group, text, number, items, round=round_no))
        return out

    def _add(self, round_no: int) -> Write:
        count = self.rng.choice([1, 1, 2])
        owners = tuple(self.rng.choice(self.people)["first_name"] for _ in range(count))
        items = tuple(f"stuk r{round_no}w{self.serial}i{k} regelen" for k in range(count))
        lines = "\n".join(
            f"{owner}: {item} ({self.overdue})" for owner, item in zip(owners, items, strict=True)
        )
        if self.rng.random() < 0.5:  # privately, as free text
            chat = {"id": self.secretary["id"], "type": "private", "first_name": "Marloes"}
            text = lines
        else:  # in the group, with /nieuw
            chat, text = self.group, "/nieuw\n" + lines
        return Write("add", self.secretary, chat, text, 0, items, owners, round=round_no)


def reply_texts(fake: FakeTelegram, write: Write) -> list[str]:
    """What the bot answered to this write and Telegram delivered (in any round)."""
    return [c.result["text"] for c in fake.calls_of("sendMessage") if is_reply_to(c, write)]


def is_reply_to(call: Call, write: Write) -> bool:
    result = call.result
    if not call.ok or not isinstance(result, dict) or result["chat"]["id"] != write.chat["id"]:
        return False
    if write.chat["type"] == "private":  # nothing quoted: the answer names what it stored
        return all(item in result["text"] for item in write.items)
    quoted = result.get("reply_to_message") or {}  # in the group, answers quote the message
    return bool(quoted.get("message_id") == write.message_id)


def reply_or_nth(trigger: NthCall, write: Write) -> Callable[[Call], bool]:
    def check(call: Call) -> bool:
        return trigger.hit(call) or is_reply_to(call, write)  # count every call first

    return check


def confirmed(write: Write, texts: list[str]) -> bool:
    """Did a delivered answer confirm the change? Answers the plan cannot cause fail."""
    n = write.number
    wanted = {
        "claim": (f"jij pakt #{n} op", f"Je had #{n} al opgepakt"),
        "close": (f"#{n} is afgerond", f"#{n} was al afgerond"),
        "update": (f"Update bij #{n} opgeslagen",),
        "add": ("Opgeslagen:",),
    }[write.kind]
    # Nothing is claimed after its close is sent, so this comes only from a claim handled
    # again after a restart, when the close had been stored too: no confirmation, no harm.
    refused = (f"#{n} is al afgerond",) if write.kind == "claim" else ()
    ok = False
    for text in texts:
        if any(w in text for w in wanted):
            ok = True
        else:
            assert any(w in text for w in refused), (
                f"seed {SEED}: unexpected answer to {write.describe()}: {text!r}"
            )
    return ok


class NthCall:
    """A predicate for wait_for_call that also counts: true from the n-th call on."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.seen: set[int] = set()

    def hit(self, call: Call) -> bool:
        self.seen.add(id(call))  # wait_for_call may look at a call again in a later wait
        return self.reached

    @property
    def reached(self) -> bool:
        return len(self.seen) >= self.n


@dataclass
class Run:
    tmp_path: Path
    fake: FakeTelegram
    url: str
    logs: list[Path] = field(default_factory=list)

    def start(self) -> subprocess.Popen[bytes]:
        log = self.tmp_path / f"bot-{len(self.logs)}.log"
        self.logs.append(log)
        mark = self.fake.mark()
        proc = start(self.tmp_path, self.fake, self.url, log)
        self.fake.wait_for_call("getUpdates", after=mark, timeout=WAIT)
        return proc

    def push(self, write: Write) -> None:
        write.message_id = self.fake.push_message(write.chat, write.user, write.text)["message_id"]

    def barrier(self) -> None:
        """Wait until the bot handled every update pushed so far (it handles one sender's
        updates in order, so a press from every sender settles them all)."""
        self.fake.settle_senders(WAIT)


def reminder_messages(fake: FakeTelegram) -> list[tuple[int, int, frozenset[int]]]:
    """(chat, message id, action numbers) of every reminder message Telegram delivered."""
    out = []
    for call in fake.calls_of("sendMessage"):
        if not call.ok:
            continue
        result = call.result
        rows = (result.get("reply_markup") or {}).get("inline_keyboard", [])
        numbers = {
            int(button["callback_data"].rsplit(":", 1)[1])
            for row in rows
            for button in row
            if str(button.get("callback_data", "")).startswith("a:later:")
        }
        if numbers:
            out.append((result["chat"]["id"], result["message_id"], frozenset(numbers)))
    return out


def kill(proc: subprocess.Popen[bytes], pause: float) -> None:
    if pause:
        time.sleep(pause)  # a little after the chosen call, sometimes
    proc.send_signal(signal.SIGKILL)
    proc.wait(WAIT)


def drain(run: Run, factory: Callable[[], Any]) -> None:
    """Wait (on the bot's polls, about one a second) until no reminder is due or in flight."""
    deadline = time.monotonic() + WAIT
    while True:
        mark = run.fake.mark()
        now = datetime.now(UTC)
        with factory() as s:
            busy = s.scalars(
                select(ReminderRow.id).where(ReminderRow.status.in_(("pending", "sending")))
            ).all()
            due = s.scalars(select(ActionRow.id).where(ActionRow.next_remind_at <= now)).all()
        if not busy and not due:
            return
        assert time.monotonic() < deadline, (
            f"seed {SEED}: reminders never went out: rows {busy}, actions {due}"
        )
        run.fake.wait_for_call("getUpdates", after=mark, timeout=WAIT)


def test_sigkill_at_random_moments_keeps_every_confirmed_write_once(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    began = time.monotonic()
    rng = random.Random(SEED)
    url = f"sqlite:///{tmp_path / 'otbot.sqlite3'}"
    people_refs = prepare(url)
    group = fake.group(GROUP_ID, TEAM)
    people = []
    for person in people_refs:
        user = fake.user(person.telegram_id, person.first_name)
        fake.set_member(group, user, "member")
        fake.mark_started(user)  # they all pressed Start once
        people.append(user)
    secretary = fake.user(900, "Marloes", username="marloes_npsnw")
    fake.set_member(group, secretary, "administrator")
    fake.mark_started(secretary)
    overdue = dmy(datetime.now(TZ).date() - timedelta(days=1))
    plan = Plan(rng, people, secretary, group, overdue)
    run = Run(tmp_path, fake, url)
    writes: list[Write] = []
    kills: list[str] = []

    for round_no in range(1, KILLS + 1):
        batch = plan.writes(round_no, rng.randint(8, 14))
        # Die right after the n-th sendMessage of the round (a confirmation or a reminder):
        # every write gets an answer, so there are at least len(batch) of them.
        trigger = NthCall(rng.randint(1, len(batch)))
        pause = rng.choice([0.0, 0.0, rng.uniform(0.0, 0.02)])
        paced = [rng.random() < 0.5 for _ in batch]
        proc = run.start()
        mark = fake.mark()
        try:
            for write, wait in zip(batch, paced, strict=True):
                run.push(write)  # after the kill: waits for the next round, like on Telegram
                writes.append(write)
                if wait and proc.poll() is None:  # alone: the bot fetches, stores, answers it
                    fake.wait_for_call(
                        "sendMessage",
                        reply_or_nth(trigger, write),
                        after=mark,
                        timeout=WAIT,
                    )
                if trigger.reached and proc.poll() is None:
                    kill(proc, pause)
            if proc.poll() is None:
                fake.wait_for_call("sendMessage", trigger.hit, after=mark, timeout=WAIT)
                kill(proc, pause)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(WAIT)
        last = fake.calls_of("sendMessage", after=mark)[trigger.n - 1]
        kills.append(f"round {round_no}: after sendMessage #{trigger.n} {last.short()[:90]}")

    # The last round: a few more writes, then everything settles and the bot stops cleanly.
    proc = run.start()
    try:
        for write in plan.writes(KILLS + 1, 4):
            run.push(write)
            writes.append(write)
        fake.wait_idle(WAIT)
        run.barrier()
        engine = make_engine(url)
        drain(run, session_factory(engine))
        engine.dispose()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(WAIT)
    assert proc.returncode == 0, run.logs[-1].read_text()
    logs = [log.read_text() for log in run.logs]
    for text in logs:
        first = text.find(" ERROR ")
        assert first < 0, f"seed {SEED}: the bot logged errors:\n" + text[first - 30 :][:4000]

    engine = make_engine(url)
    factory = session_factory(engine)
    with factory() as s:
        member_of = {
            u.telegram_id: m.id
            for m, u in s.execute(select(MemberRow, UserRow).join(UserRow, MemberRow.user))
        }
        actions = {a.number: a for a in s.scalars(select(ActionRow))}
        by_id = {a.id: a for a in actions.values()}
        owners = {(o.action_id, o.member_id): o for o in s.scalars(select(ActionOwnerRow))}
        updates = list(s.scalars(select(ActionUpdateRow)))
        events = list(s.scalars(select(EventRow)))
        reminders = list(s.scalars(select(ReminderRow)))
        members = {m.id: m for m in s.scalars(select(MemberRow))}
    engine.dispose()

    # 1. Writes: confirmed ones are stored; nothing is stored twice.
    stored_texts = Counter(a.text for a in actions.values())
    update_texts = Counter(u.text for u in updates)
    confirmed_count = 0
    for write in writes:
        ok = confirmed(write, reply_texts(fake, write))
        confirmed_count += ok
        where = f"seed {SEED}: {write.describe()}"
        if write.kind == "add":
            counts = {stored_texts[item] for item in write.items}
            assert counts in ({0}, {1}), f"{where}: stored {counts} times (partly or twice)"
            assert counts == {1} or not ok, f"{where}: confirmed but not stored"
            for item, owner in zip(write.items, write.owners, strict=True):
                row = next((a for a in actions.values() if a.text == item), None)
                if row is not None:
                    assert row.batch.endswith(f"m{write.message_id}"), where
                    names = [members[m].name for (a, m) in owners if a == row.id]
                    assert names == [owner], f"{where}: owners {names}"
            continue
        action = actions[write.number]
        member = member_of[write.user["id"]]
        if write.kind == "update":
            (item,) = write.items
            assert update_texts[item] <= 1, f"{where}: stored {update_texts[item]} times"
            assert update_texts[item] == 1 or not ok, f"{where}: confirmed but not stored"
            row_u = next((u for u in updates if u.text == item), None)
            if row_u is not None:
                assert (row_u.action_id, row_u.author_id) == (action.id, member), where
        elif write.kind == "claim" and ok:
            link = owners.get((action.id, member))
            assert link is not None and link.claimed_at is not None, f"{where}: not claimed"
        elif write.kind == "close" and ok:
            assert action.status == "done" and action.closed_by_id == member, (
                f"{where}: status {action.status}"
            )
    twice = Counter((e.action_id, e.actor_id, e.kind) for e in events if e.kind != "updated")
    assert not [k for k, n in twice.items() if n > 1], f"seed {SEED}: events twice: {twice}"
    added = sum(stored_texts[t] for w in writes if w.kind == "add" for t in w.items)
    assert len(actions) == PEOPLE + added
    assert stored_texts.most_common(1)[0][1] == 1, f"seed {SEED}: an action stored twice"

    # 2. Reminders: sent once, or uncertain (at most once, at most one delivery per kill),
    # or cancelled because the action was closed; nothing pending, nobody reminded twice.
    delivered = reminder_messages(fake)
    seen = Counter((chat, n) for chat, _, numbers in delivered for n in numbers)
    assert max(seen.values(), default=0) <= 1, f"seed {SEED}: twice: {seen.most_common(3)}"
    by_message: dict[tuple[int, int], set[int]] = {}
    statuses = Counter(r.status for r in reminders)
    assert set(statuses) <= {"sent", "uncertain", "cancelled", "folded"}, (
        f"seed {SEED}: {statuses}"
    )
    uncertain: set[tuple[int | None, int]] = set()
    for r in reminders:
        subject = by_id.get(r.action_id or 0)
        assert subject is not None, f"seed {SEED}: reminder {r.dedupe} is about no action"
        if r.status == "sent":
            assert r.chat_id is not None and r.message_id is not None
            by_message.setdefault((r.chat_id, r.message_id), set()).add(subject.number)
        elif r.status == "uncertain":
            uncertain.add((r.chat_id, subject.number))
        elif r.status == "cancelled":  # closed before its turn came
            assert subject.status == "done", f"seed {SEED}: {r.dedupe} cancelled"
        else:  # the week-before stage of the first actions: long past, left for the digest
            assert r.kind == "date_before" and subject.number <= PEOPLE, r.dedupe
    orphans = []
    for chat, message_id, numbers in delivered:
        if (chat, message_id) in by_message:
            assert by_message.pop((chat, message_id)) == set(numbers), f"seed {SEED}: {numbers}"
        else:  # delivered, but the bot died before it recorded so
            assert {(chat, n) for n in numbers} <= uncertain, f"seed {SEED}: {chat} {numbers}"
            orphans.append((chat, numbers))
    assert not by_message, f"seed {SEED}: recorded as sent, never delivered: {by_message}"
    assert len(orphans) <= KILLS
    assert len({chat for chat, _ in uncertain}) <= KILLS, f"seed {SEED}: {uncertain}"
    recovered = sum(
        int(n) for text in logs for n in re.findall(r"(\d+) reminders were being sent", text)
    )
    assert recovered == statuses["uncertain"], f"seed {SEED}: {recovered} {statuses}"
    # Every open action that was due has its reminder, to each owner.
    for action in actions.values():
        if action.status == "done":
            continue
        got = {
            r.recipient_id
            for r in reminders
            if r.action_id == action.id and r.status in ("sent", "uncertain")
        }
        wanted = {m for (a, m) in owners if a == action.id}
        assert got == wanted, f"seed {SEED}: #{action.number} reminded {got}, owners {wanted}"

    unanswered = sum(1 for w in writes if not reply_texts(fake, w))
    print(
        f"\nseed {SEED}: {len(kills)} kills, {len(writes)} writes, {confirmed_count} confirmed, "
        f"{unanswered} unanswered; {len(reminders)} reminder rows {dict(statuses)}, "
        f"{len(delivered)} reminder messages, {len(orphans)} of them delivered in doubt; "
        f"{time.monotonic() - began:.1f} s"
    )
    for line in kills:
        print("  " + line)
