"""Benchmark of the reminder scheduler (issue 3): what one run costs on a large database.

    python bench/reminders.py [--actions 100000] [--teams 100] [--due 1000] [--small 10000]

Builds migrated SQLite files in a temporary folder and fills them with SQLAlchemy Core
executemany inserts (the services are for use cases, not for bulk loading): teams of 12 members
who all started a private chat and meet every other Thursday, three years of actions (most of
them closed), the open ones with a consistent reminder state (everything the policy planned
before `NOW` is in the outbox as sent, `next_remind_at` is the policy's next moment, actions of a
passed OT carried over to the next one), plus `--due` actions whose first reminder is due at
`NOW` (one owner each, so `--due` reminders).

With the clock frozen at `NOW` it measures the time and the number of SQL statements (a
`before_cursor_execute` listener; an executemany counts once) of one scheduler run as the job
does it: `plan()`, then `claim()` until it hands out nothing (each call is one tick's batch of at
most 25 messages), each delivery through `start()` and `sent()`. Then the same at the same
moment (nothing new), on a copy of the database where nothing is due, and at a smaller database,
to show that the cost follows what is due, not what is stored.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, event, func, insert, select, text  # noqa: E402

from domain.model import DeadlineKind, Status  # noqa: E402
from domain.owners import normalize_name  # noqa: E402
from domain.reminders import (  # noqa: E402
    ActionFacts,
    Planned,
    ReminderKind,
    ReminderSettings,
    next_reminder,
)
from services.reminders import MAX_PER_CLAIM, Delivery, ReminderService, TickReport  # noqa: E402
from storage.db import make_engine, session_factory, upgrade  # noqa: E402
from storage.models import (  # noqa: E402
    ActionOwnerRow,
    ActionRow,
    MeetingRow,
    MemberNameRow,
    MemberRow,
    ReminderRow,
    SchedulerStateRow,
    TeamRow,
    UserRow,
)

AMS = ZoneInfo("Europe/Amsterdam")
SETTINGS = ReminderSettings()  # the defaults of issue 3, no holidays
# Tuesday 23 March 2027, 09:30 in Amsterdam: a working day, inside the send window.
NOW = datetime(2027, 3, 23, 9, 30, tzinfo=AMS).astimezone(UTC)
TODAY = NOW.astimezone(AMS).date()
MEMBERS_PER_TEAM = 12
HISTORY_DAYS = 3 * 365
PLANNED_AHEAD_DAYS = 63  # meetings are planned this far ahead
REPEAT = 5  # runs that find nothing due are timed as the median of this many
MONTHS = ("jan", "feb", "maart", "april", "mei", "juni", "juli", "aug", "sep", "okt", "nov", "dec")
T = TypeVar("T")


def local(day: date, hh: int, mm: int = 0) -> datetime:
    """Amsterdam wall-clock time on `day`, as aware UTC."""
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=AMS).astimezone(UTC)


# --- building the database ---------------------------------------------------------------


@dataclass
class History:
    """What the policy did for one action up to a moment: sent occurrences, next moment."""

    sent: list[Planned]
    next_at: datetime | None
    nudges: int = 0
    last_nudge_at: datetime | None = None


NO_HISTORY = History([], None)
_history_cache: dict[tuple[Any, ...], History] = {}


def history(
    kind: DeadlineKind, due: date | None, opened: datetime, activity: datetime, until: datetime
) -> History:
    """Run the reminder policy from `opened` to `until` as a bot that never stopped would."""
    key = (kind, due, opened, activity, until)
    if key in _history_cache:
        return _history_cache[key]
    facts = ActionFacts(deadline_kind=kind, due=due, opened_at=opened, last_activity_at=activity)
    sent: list[Planned] = []
    planned = next_reminder(facts, SETTINGS)
    while planned is not None and planned.at <= until:
        sent.append(planned)
        nudges, last = facts.asap_nudges_since_activity, facts.last_asap_nudge_at
        if planned.kind is ReminderKind.ASAP:
            nudges, last = nudges + 1, planned.at
        facts = replace(
            facts,
            sent_keys=facts.sent_keys | {planned.key},
            asap_nudges_since_activity=nudges,
            last_asap_nudge_at=last,
        )
        planned = next_reminder(facts, SETTINGS)
    out = History(
        sent,
        planned.at if planned else None,
        facts.asap_nudges_since_activity,
        facts.last_asap_nudge_at,
    )
    _history_cache[key] = out
    return out


@dataclass
class Team:
    id: int
    member_ids: list[int]  # index 0 is the secretary
    telegram_of: dict[int, int]  # member id -> telegram id
    user_of: dict[int, int]  # member id -> user id
    meeting_days: list[date] = field(default_factory=list)
    regular: int = 0  # actions of the base database
    slots: int = 0  # actions added per variant (due now, or not)


@dataclass
class Base:
    path: Path
    teams: list[Team]
    next_action_id: int
    meetings: dict[tuple[int, date], int]  # (team id, day) -> meeting id
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def deadline_text(kind: DeadlineKind, due: date | None) -> str:
    if kind is DeadlineKind.ASAP:
        return "ASAP"
    if kind is DeadlineKind.ONGOING:
        return "Continu proces"
    if kind is DeadlineKind.MEETING:
        return f"OT {due.day} {MONTHS[due.month - 1]}" if due else "volgend OT"
    if kind is DeadlineKind.DATE and due is not None:
        return f"{due.day} {MONTHS[due.month - 1]}"
    return ""


def action_row(
    team: Team,
    action_id: int,
    number: int,
    kind: DeadlineKind,
    due: date | None,
    created: datetime,
    status: Status,
    closed_at: datetime | None,
    activity: datetime,
    hist: History,
    meeting_id: int | None = None,
    carried_from_id: int | None = None,
    decision: bool = False,
) -> dict[str, Any]:
    return {
        "id": action_id,
        "team_id": team.id,
        "number": number,
        "kind": "decision" if decision else "action",
        "topic": f"Onderwerp {number % 40}",
        "text": f"Actie {number} van team {team.id}: iets uitzoeken en terugkoppelen aan het OT",
        "note": "",
        "owners_text": "",
        "deadline_kind": kind.value,
        "deadline_text": deadline_text(kind, due),
        "due_date": due,
        "criteria": "",
        "interests": "",
        "status": status.value,
        "batch": f"t{team.id}-{created:%Y%m%d}",
        "created_at": created,
        "created_by_id": team.member_ids[0],
        "updated_at": closed_at or activity,
        "closed_at": closed_at,
        "closed_by_id": team.member_ids[0] if closed_at else None,
        "closed_note": "",
        "next_remind_at": hist.next_at if status.is_open else None,
        "meeting_id": meeting_id,
        "carried_from_id": carried_from_id,
        "last_activity_at": activity,
        "snoozed_until": None,
        "asap_nudges": hist.nudges,
        "last_asap_nudge_at": hist.last_nudge_at,
    }


def owner_row(action_id: int, member_id: int, position: int, added: datetime, claimed: Any):
    return {
        "action_id": action_id,
        "member_id": member_id,
        "position": position,
        "claimed_at": claimed,
        "added_at": added,
    }


def sent_rows(team: Team, action_id: int, owners: list[int], sent: list[Planned]):
    """The outbox rows of the reminders this action already got, all sent on time."""
    rows = []
    for p in sent:
        for member_id in [team.member_ids[0]] if p.to_secretary else owners:
            rows.append(
                {
                    "team_id": team.id,
                    "action_id": action_id,
                    "recipient_id": member_id,
                    "user_id": team.user_of[member_id],
                    "about": "",
                    "kind": p.kind.value,
                    "dedupe": f"a{action_id}|{p.key}|{member_id}",
                    "status": "sent",
                    "due_at": p.at,
                    "next_attempt_at": p.at,
                    "attempts": 1,
                    "late": False,
                    "chat_id": team.telegram_of[member_id],
                    "message_id": action_id,
                    "created_at": p.at,
                    "sent_at": p.at,
                    "error": "",
                }
            )
    return rows


def meeting_row(meeting_id: int, team_id: int, day: date, created: datetime) -> dict[str, Any]:
    return {
        "id": meeting_id,
        "team_id": team_id,
        "day": day,
        "start": "14:00",
        "place": "Plein 40-45",
        "chair": "",
        "status": "held" if day < TODAY else "planned",
        "created_at": created,
        "updated_at": created,
    }


def people(n_teams: int) -> tuple[list[Team], dict[Any, list[dict[str, Any]]]]:
    """Teams, their users, members (the first one secretary) and the members' names."""
    created0 = NOW - timedelta(days=HISTORY_DAYS)
    rows: dict[Any, list[dict[str, Any]]] = {TeamRow: [], UserRow: [], MemberRow: []}
    rows[MemberNameRow] = []
    teams = []
    uid = 0
    for t in range(1, n_teams + 1):
        team = Team(t, [], {}, {})
        rows[TeamRow].append(
            {
                "id": t,
                "name": f"OT {t:03d}",
                "chat_id": -1_000_000_000 - t,
                "chat_title": f"OT {t:03d}",
                "next_number": 1,
                "created_at": created0,
                "linked_at": created0,
            }
        )
        for k in range(MEMBERS_PER_TEAM):
            uid += 1
            name = f"Lid {t}-{k + 1}"
            rows[UserRow].append(
                {
                    "id": uid,
                    "telegram_id": 10_000_000 + uid,
                    "username": f"lid_{t}_{k + 1}",
                    "first_name": name,
                    "last_name": "",
                    "private_chat": True,
                    "unreachable_at": None,
                    "reminders_on": True,
                    "digest_on": True,
                    "current_team_id": t,
                    "created_at": created0,
                }
            )
            rows[MemberRow].append(
                {
                    "id": uid,
                    "team_id": t,
                    "user_id": uid,
                    "name": name,
                    "is_secretary": k == 0,
                    "is_group": False,
                    "source": "config" if k == 0 else "seen",
                    "left_at": None,
                    "merged_into_id": None,
                    "created_at": created0,
                }
            )
            rows[MemberNameRow].append(
                {
                    "id": uid,
                    "team_id": t,
                    "member_id": uid,
                    "name": name,
                    "key": normalize_name(name),
                    "created_at": created0,
                }
            )
            team.member_ids.append(uid)
            team.telegram_of[uid] = 10_000_000 + uid
            team.user_of[uid] = uid
        teams.append(team)
    return teams, rows


def build_base(folder: Path, n_actions: int, n_teams: int, n_slots: int) -> Base:
    """Everything but the `n_slots` actions that differ per variant, in a migrated file."""
    start = time.perf_counter()
    path = folder / f"base-{n_actions}.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    rng = random.Random(3)
    teams, rows = people(n_teams)
    for i in range(n_actions):
        teams[i % n_teams].regular += 1
    for i in range(n_slots):
        teams[i % n_teams].slots += 1
    for team in teams:
        team.regular -= team.slots
        if team.regular < 0:
            raise SystemExit("--due is larger than --actions")
        rows[TeamRow][team.id - 1]["next_number"] = team.regular + team.slots + 1

    # Every team meets every other Thursday: held in the past, planned for the coming weeks.
    day = TODAY - timedelta(days=HISTORY_DAYS)
    day += timedelta(days=(3 - day.weekday()) % 7)
    thursdays = []
    while day <= TODAY + timedelta(days=PLANNED_AHEAD_DAYS):
        thursdays.append(day)
        day += timedelta(days=7)
    meetings: dict[tuple[int, date], int] = {}
    rows[MeetingRow] = []
    for team in teams:
        team.meeting_days = [d for i, d in enumerate(thursdays) if i % 2 == team.id % 2]
        for d in team.meeting_days:
            meetings[team.id, d] = len(meetings) + 1
            created = min(local(d, 16) - timedelta(days=28), NOW)
            rows[MeetingRow].append(meeting_row(meetings[team.id, d], team.id, d, created))

    actions, owners, reminders = [], [], []
    action_id = 1
    kinds = [DeadlineKind.ASAP] * 35 + [DeadlineKind.DATE] * 30 + [DeadlineKind.MEETING] * 15
    kinds += [DeadlineKind.ONGOING] * 12 + [DeadlineKind.NONE] * 8
    for team in teams:
        held = [d for d in team.meeting_days if d < TODAY]
        coming = [d for d in team.meeting_days if d >= TODAY]
        for number in range(1, team.regular + 1):
            # Actions are added the evening of a meeting; more of them in recent years.
            meeting = held[int(len(held) * rng.random() ** 0.7)]
            created = local(meeting, 16)
            age = (NOW - created).days
            kind = rng.choice(kinds)
            due: date | None = None
            if kind is DeadlineKind.DATE:
                due = meeting + timedelta(days=rng.randint(7, 90))
            elif kind is DeadlineKind.MEETING and rng.random() < 0.8:
                due = meeting + timedelta(days=14 * rng.randint(1, 3))  # one of the team's OTs
            decision = rng.random() < 0.05
            p_open = 0.9 if age < 30 else 0.5 if age < 120 else 0.06
            status, closed_at = Status.OPEN, None
            if decision or rng.random() >= p_open:
                status = Status.DONE if decision or rng.random() < 0.85 else Status.CANCELLED
                closed_at = min(local(meeting + timedelta(days=7 * rng.randint(0, 8)), 20), NOW)
            elif rng.random() < 0.3:
                status = Status.CLAIMED
            activity = created
            if status is Status.CLAIMED:
                activity = min(local(meeting + timedelta(days=2), 11), NOW)
            until = closed_at or NOW
            meeting_id = meetings[team.id, due] if kind is DeadlineKind.MEETING and due else None
            carried_from = None
            if decision:
                hist, meeting_id = NO_HISTORY, meetings[team.id, meeting]
            elif kind is DeadlineKind.MEETING and due and due < TODAY and status.is_open:
                # Not finished by its OT: carried over to the team's next one.
                first = history(kind, due, created, activity, local(due, 23))
                carried_from, due = meeting_id, coming[0]
                meeting_id = meetings[team.id, due]
                then = history(kind, due, created, activity, until)
                hist = replace(then, sent=first.sent + then.sent)
            else:
                hist = history(kind, due, created, activity, until)
            actions.append(
                action_row(
                    team,
                    action_id,
                    number,
                    kind,
                    due,
                    created,
                    status,
                    closed_at,
                    activity,
                    hist,
                    meeting_id,
                    carried_from,
                    decision,
                )
            )
            picked = rng.sample(team.member_ids, 2 if rng.random() < 0.25 else 1)
            claimed = activity if status is Status.CLAIMED else None
            for position, member_id in enumerate(picked):
                owners.append(owner_row(action_id, member_id, position, created, claimed))
            reminders.extend(sent_rows(team, action_id, picked, hist.sent))
            action_id += 1
    rows[ActionRow] = actions
    rows[ActionOwnerRow] = owners
    rows[ReminderRow] = reminders
    # This week's Monday digest went out on Monday: a Tuesday tick has none to make.
    year, week, _ = TODAY.isocalendar()
    rows[SchedulerStateRow] = [{"key": "digest_week", "value": f"{year}-W{week:02d}"}]

    engine = make_engine(url)
    with engine.begin() as conn:
        for table, table_rows in rows.items():
            conn.execute(insert(table), table_rows)
    with engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    base = Base(path, teams, action_id, meetings)
    base.rows = {
        "open": sum(1 for a in actions if Status(a["status"]).is_open),
        "meetings": len(meetings),
        "owners": len(owners),
        "history": len(reminders),
    }
    base.seconds = time.perf_counter() - start
    return base


def make_variant(base: Base, name: str, n_due: int) -> str:
    """Copy the base file and add its slot actions, the first `n_due` of them due at NOW.

    Due: ASAP opened Thursday 18 March (first nudge today 09:00), dated today (opened on the
    18th, so "a week before" had already passed), or asked for an update before an OT on Friday
    26 March (three working days before it: today 09:00; its group ping is on Thursday). Not
    due: the same kinds opened Monday 22 March, with their dates later this week or next.
    """
    path = base.path.with_name(f"{base.path.stem}-{name}.sqlite3")
    shutil.copyfile(base.path, path)
    url = f"sqlite:///{path}"
    rng = random.Random(7)
    due_plan = [
        (DeadlineKind.ASAP, None, date(2027, 3, 18)),
        (DeadlineKind.DATE, date(2027, 3, 23), date(2027, 3, 18)),
        (DeadlineKind.MEETING, date(2027, 3, 26), date(2027, 3, 18)),
    ]
    idle_plan = [
        (DeadlineKind.ASAP, None, date(2027, 3, 22)),
        (DeadlineKind.DATE, date(2027, 3, 26), date(2027, 3, 22)),
        (DeadlineKind.MEETING, date(2027, 4, 1), date(2027, 3, 22)),
    ]
    actions: list[dict[str, Any]] = []
    owners: list[dict[str, Any]] = []
    meetings: list[dict[str, Any]] = []
    action_id = base.next_action_id
    i = 0
    for slot in range(max(t.slots for t in base.teams)):
        for team in base.teams:
            if slot >= team.slots:
                continue
            is_due = i < n_due
            kind, due, opened_on = (due_plan if is_due else idle_plan)[i % 3]
            created = local(opened_on, 16)
            hist = history(kind, due, created, created, created)  # nothing sent yet
            if hist.next_at is None or (hist.next_at <= NOW) != is_due:
                raise AssertionError(f"slot {i} ({kind}) is not {'due' if is_due else 'idle'}")
            meeting_id = None
            if kind is DeadlineKind.MEETING and due is not None:
                if (team.id, due) not in base.meetings:  # an extra OT for this team
                    meeting_id = len(base.meetings) + len(meetings) + 1
                    meetings.append(meeting_row(meeting_id, team.id, due, created))
                    base.meetings[team.id, due] = meeting_id
                meeting_id = base.meetings[team.id, due]
            number = team.regular + slot + 1
            actions.append(
                action_row(
                    team,
                    action_id,
                    number,
                    kind,
                    due,
                    created,
                    Status.OPEN,
                    None,
                    created,
                    hist,
                    meeting_id,
                )
            )
            owners.append(owner_row(action_id, rng.choice(team.member_ids), 0, created, None))
            action_id += 1
            i += 1
    # The extra meetings exist in this copy only.
    for m in meetings:
        del base.meetings[m["team_id"], m["day"]]
    engine = make_engine(url)
    with engine.begin() as conn:
        for table, table_rows in ((MeetingRow, meetings), (ActionRow, actions)):
            if table_rows:
                conn.execute(insert(table), table_rows)
        if owners:
            conn.execute(insert(ActionOwnerRow), owners)
    engine.dispose()
    return url


# --- measuring -----------------------------------------------------------------------------


class StatementCounter:
    """Counts what reaches the database driver (an executemany counts once)."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        self.shapes: Counter[str] = Counter()
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.count += 1
        self.shapes[shape(statement)] += 1

    def reset(self) -> None:
        self.count = 0
        self.shapes = Counter()


def shape(statement: str) -> str:
    """'SELECT reminders', 'UPDATE actions', ...: the verb and the main table."""
    verb = statement.split(None, 1)[0].upper()
    pattern = {"SELECT": r"\bFROM\s+(\w+)", "INSERT": r"INTO\s+(\w+)", "UPDATE": r"UPDATE\s+(\w+)"}
    match = re.search(pattern.get(verb, r"^$"), statement, re.IGNORECASE)
    return f"{verb} {match.group(1)}" if match else verb


@dataclass
class Cost:
    ms: float = 0.0
    statements: int = 0
    calls: int = 0
    shapes: Counter[str] = field(default_factory=Counter)

    def add(self, other: Cost) -> None:
        self.ms += other.ms
        self.statements += other.statements
        self.calls += other.calls
        self.shapes.update(other.shapes)


def measure(counter: StatementCounter, fn: Callable[[], T], repeat: int = 1) -> tuple[T, Cost]:
    """Time and count one call; with `repeat`, the median time of that many calls."""
    times, counts = [], []
    for _ in range(repeat):
        counter.reset()
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
        counts.append(counter.count)
    return result, Cost(statistics.median(times), max(counts), 1, counter.shapes)


@dataclass
class Run:
    size: int
    due: int
    label: str
    report: TickReport
    plan: Cost
    claim: Cost
    first_claim: Cost
    deliver: Cost  # start() and sent() of every delivery
    deliveries: int
    reminders: int


@dataclass
class Clock:
    at: datetime

    def __call__(self) -> datetime:
        return self.at


def service_for(url: str) -> tuple[ReminderService, StatementCounter]:
    engine = make_engine(url)
    counter = StatementCounter(engine)
    clock = Clock(NOW - timedelta(days=1))
    service = ReminderService(session_factory(engine), clock=clock, reminders=SETTINGS)
    # Warm up (connection, compiled statements) as in a running bot: a tick on Monday 09:30,
    # when nothing is due yet.
    service.plan()
    service.claim()
    clock.at = NOW
    return service, counter


def scheduler_run(
    service: ReminderService, counter: StatementCounter, size: int, due: int, label: str
) -> Run:
    """plan(), then claim() until nothing is handed out, each delivery started and sent.

    When nothing is due, every call is repeated and timed as the median of REPEAT calls.
    """
    repeat = 1 if due else REPEAT
    report, plan = measure(counter, service.plan, repeat)
    claim, first, deliver = Cost(), Cost(), Cost()
    deliveries: list[Delivery] = []
    while True:
        got, cost = measure(counter, service.claim, repeat)
        claim.add(cost)
        if claim.calls == 1:
            first = cost
        if not got:
            break
        if claim.calls > 10 * max(due, 1):
            raise AssertionError(f"claim() keeps handing out deliveries ({claim.calls} calls)")
        for delivery in got:
            started, cost = measure(counter, partial(service.start, delivery))
            deliver.add(cost)
            if started:
                _, cost = measure(counter, partial(service.sent, delivery, 1))
                deliver.add(cost)
                deliveries.append(delivery)
    reminders = sum(len(d.reminder_ids) for d in deliveries)
    return Run(size, due, label, report, plan, claim, first, deliver, len(deliveries), reminders)


def check(run: Run, expected: int, problems: list[str]) -> None:
    r = run.report
    got = (r.planned, r.folded, r.pings, r.digests, run.reminders)
    want = (expected, 0, 0, 0, expected)
    if got != want:
        problems.append(
            f"{run.size:,} actions, {run.label}: planned/folded/pings/digests/delivered = "
            f"{got}, expected {want}"
        )


def outbox_made_now(url: str) -> Counter[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(ReminderRow.status, func.count())
            .where(ReminderRow.created_at == NOW)
            .group_by(ReminderRow.status)
        )
        out = Counter({status: n for status, n in rows})
    engine.dispose()
    return out


def bench_size(
    folder: Path, size: int, n_teams: int, n_due: int, problems: list[str]
) -> tuple[Base, list[Run]]:
    base = build_base(folder, size, n_teams, n_due)
    start = time.perf_counter()
    due_url = make_variant(base, "due", n_due)
    idle_url = make_variant(base, "idle", 0)
    base.seconds += time.perf_counter() - start
    runs = []
    service, counter = service_for(due_url)
    runs.append(scheduler_run(service, counter, size, n_due, "due at NOW"))
    check(runs[-1], n_due, problems)
    runs.append(scheduler_run(service, counter, size, 0, "again, same NOW"))
    check(runs[-1], 0, problems)
    made = outbox_made_now(due_url)
    if made != Counter({"sent": n_due} if n_due else {}):
        problems.append(f"{size:,} actions: outbox rows made at NOW, by status: {dict(made)}")
    service, counter = service_for(idle_url)
    runs.append(scheduler_run(service, counter, size, 0, "copy, none due"))
    check(runs[-1], 0, problems)
    return base, runs


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--small", type=int, default=10_000, help="the smaller database")
    args = parser.parse_args()
    problems: list[str] = []
    results: list[tuple[Base, list[Run]]] = []
    print(
        f"reminder scheduler, clock at {NOW.astimezone(AMS):%a %Y-%m-%d %H:%M} Amsterdam;"
        f" {args.teams} teams of {MEMBERS_PER_TEAM} members, all with a private chat"
    )
    with tempfile.TemporaryDirectory(prefix="otbot-bench-") as tmp:
        for size in dict.fromkeys((args.actions, args.small)):
            base, runs = bench_size(Path(tmp), size, args.teams, args.due, problems)
            results.append((base, runs))
            print(
                f"setup {size:,} actions: {base.seconds:.1f} s ({base.rows['open']:,} open"
                f" besides the {args.due:,} variant ones, {base.rows['owners']:,} owners,"
                f" {base.rows['meetings']:,} meetings, {base.rows['history']:,} sent reminders"
                " in the outbox)",
                flush=True,
            )
    print()
    head = (
        f"{'db actions':>10} {'due':>5}  {'run':<16} {'plan ms':>8} {'plan stmts':>10}"
        f" {'claim ms':>9} {'claim stmts':>11} {'claims':>6} {'msgs':>5}"
        f" {'deliver ms':>10} {'deliver stmts':>13}"
    )
    print(head)
    print("-" * len(head))
    for _, runs in results:
        for r in runs:
            print(
                f"{r.size:>10,} {r.due:>5}  {r.label:<16}"
                f" {r.plan.ms:>8.1f} {r.plan.statements:>10}"
                f" {r.claim.ms:>9.1f} {r.claim.statements:>11} {r.claim.calls:>6}"
                f" {r.deliveries:>5} {r.deliver.ms:>10.1f} {r.deliver.statements:>13}"
            )
    print(
        f"claims: claim() calls until one handed out nothing (at most {MAX_PER_CLAIM} messages"
        " each); msgs: deliveries; deliver: start() + sent() of every delivery;"
        f" rows with 0 due: median time of {REPEAT} calls"
    )
    for _, runs in results:
        r = runs[0]
        if not r.due:
            continue
        print()
        print(f"{r.size:,} actions, {r.due:,} due:")
        print(
            f"  one claim() call: {r.first_claim.ms:.1f} ms, {r.first_claim.statements} statements"
        )
        print(
            f"  statements per due reminder: plan {r.plan.statements / r.due:.2f},"
            f" claim {r.claim.statements / r.due:.2f}, deliver {r.deliver.statements / r.due:.2f}"
        )
        for name, cost in (("plan", r.plan), ("claim", r.claim), ("deliver", r.deliver)):
            top = ", ".join(f"{k} {n}" for k, n in cost.shapes.most_common())
            print(f"  {name} statements: {top}")
    if problems:
        print()
        for p in problems:
            print(f"PROBLEM: {p}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
