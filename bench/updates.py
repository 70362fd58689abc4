"""Benchmark of update handling (issue 6): the real bot against a bare PTB bot, same fake API.

    python bench/updates.py [--actions 10000] [--updates 2000] [--members 200] [--teams 4]
                            [--profile FILE]                       # ~3.5 min (+2 with --profile)
    python bench/updates.py --scale [--scale-updates 400]          # ~4.5 min

(times on 2 vCPUs.)

The bot is started exactly as production starts it: `python -m bot.cli --config FILE run`
(= `otbot run`: migrations, `build_application`, `serve`, reminders on with their default
one-minute tick) in its own process, polling a FakeTelegram (bot/demo/fake_telegram.py) that
this process serves on 127.0.0.1. Bot and fake run in different processes, as the bot and
Telegram do, so the fake's work is not charged to the bot's interpreter (GIL) and the bot's peak
RSS is its own.

The database is a fresh SQLite file migrated with `storage.db.upgrade` and bulk-loaded with
SQLAlchemy Core executemany (as bench/reminders.py does): `--teams` teams, each with a linked
group, `--members` people spread over them (first one of each team its secretary, all with a
private chat, all members of their group), a group owner "OT" per team, and `--actions` actions
created over three years (open with an age-dependent chance: 90 % under 30 days, 50 % under
120, else 6 %; a third of the open ones claimed), 1-2 owners each, an update on every fifth,
the audit events "added"/"claimed"/"closed". Open actions have their next reminder weeks ahead
and this week's digest is marked done, so no reminder falls due during the run.

The update mix (`--updates`, after 30 warm-up updates of the same mix that are not measured):
20 % /mijnacties, 10 % /acties, 20 % /actie N, 15 % /claim N, 10 % /sluit N (on an open action
the sender owns), 15 % button presses (callback "a:claim:<team>:<n>" under a bot message in the
sender's private chat), 10 % secretary messages of 3-5 short lines ("Naam: tekst (ASAP)") in
the secretary's private chat. Commands come 3/4 from private chats, 1/4 from the team's group.
Claims and closes take distinct open actions while there are enough (at 1,000 actions there
are not: some then claim or close a closed action, outcome "again" or "refused").

Two runs per bot, each on a fresh copy of the database and a fresh bot process:

* latency: push one update, wait for the bot's first reply call for it (sendMessage to its chat,
  or answerCallbackQuery for its query), then settle (`barrier()`: our bot handles updates
  concurrently, one sender's in order, so every sender since the last settle presses a button
  the bot does not know; all answered = all handled), so the bot is idle before the next
  update. Latency = the fake's arrival time
  of the reply call (`time.monotonic()`) minus the time just before the push: "first" is what
  the user sees first, "last" is the last reply call for the update (long lists come in parts).
* throughput: push all updates at once, then settle; updates/s = updates / (time of the last
  reply call - time before the first push). The bare bot's burst takes a few seconds and varies
  run to run, so it is pushed three times (same process) and its median is used. "CPU ms per
  update" is the bot process's user + system time over the burst(s) per update (settling
  included): unlike updates/s, it hardly depends on what else the machine is doing.
* `--rtt MS` (default 50): the burst again, on fresh processes, with the fake answering every
  call but getUpdates after MS: the real Telegram is a round trip away, loopback is not.

The bare bot (`--bare-child`, started the same way) is a plain PTB Application that answers
every message with reply_text("ok") and every button with answer("ok"), over the same fake,
same update mix. Our figures are printed as ratios of its. Goals (issue 6): throughput at least
half the bare bot's, p99 latency (first reply) under 50 ms.

Start-up: from spawning the process to its first getUpdates (imports, migrations, post_init,
getMe, setMyCommands). Peak RSS: the bot process's high-water mark (VmHWM in /proc/PID/status)
after the throughput run. (Not the child's ru_maxrss: Linux carries the RSS of the forked
parent, this process with the fake's call log, over into the child's ru_maxrss across exec.)

`--scale` measures our bot at 1,000 / 10,000 / 100,000 actions instead, with `--scale-updates`
updates each (fewer, to keep it under five minutes: /acties alone sends ~110 messages at
100,000 actions), the bare bot once.
`--profile FILE` also runs our bot's throughput run under cProfile (a separate, unmeasured run)
and prints where the time goes.

Timestamps compared with the fake's are `time.monotonic()` (the fake records calls with it);
other durations use `time.perf_counter()`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AMS = ZoneInfo("Europe/Amsterdam")
TOKEN = "123456:BENCH-TOKEN"
BARRIER_ID = 1  # a stranger whose /help answer marks "the bot handled everything before"
USER_BASE = 10_000_000
GROUP_BASE = -1_001_000_000_000
POLL_TIMEOUT = 10
WARMUP = 30
HISTORY_DAYS = 3 * 365
SCALE_SIZES = (1_000, 10_000, 100_000)
REPLY_METHODS = frozenset(
    {"sendmessage", "answercallbackquery", "editmessagetext", "editmessagereplymarkup"}
)
MIX = (
    ("mijnacties", 20),
    ("acties", 10),
    ("actie", 20),
    ("claim", 15),
    ("sluit", 10),
    ("button", 15),
    ("secretary", 10),
)
KINDS = [k for k, _ in MIX]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Charlotte",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanna",
    "Ilias",
    "Jesse",
    "Karim",
    "Lotte",
    "Mehmet",
    "Noor",
    "Olaf",
    "Priya",
    "Quinten",
    "Roos",
    "Sem",
    "Tessa",
    "Umut",
    "Vera",
    "Wouter",
    "Yara",
    "Zeynep",
]
LAST_NAMES = [
    "Bakker",
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Kramer",
    "Postma",
    "Koster",
    "Prins",
    "Huisman",
    "Kok",
    "Schouten",
]
TOPICS = [
    "Gezonde leefomgeving en bewegen",
    "Organisatiestructuur",
    "Voedselpark Lutkemeer",
    "Kennis en inspiratie",
    "Krachten bundelen: schoon, heel en veilig",
    "Gerichte aanpak vocht en schimmel",
    "Maatschappelijke voorzieningen",
    "Evaluatie",
    "Terugkeren naar de buurt",
    "Werkend leren",
    "Financiën",
    "Communicatie",
    "Blije doos",
    "Doorstroming",
    "Jongerenhuisvesting",
    "Groen in de wijk",
    "Energiearmoede",
    "Buurtbudget",
    "Verkeersveiligheid",
    "Armoedebestrijding",
]
VERBS = [
    "Uitzoeken",
    "Delen",
    "Agenderen",
    "Nagaan",
    "Doorsturen",
    "Uitwerken",
    "Bespreken",
    "Opvragen",
]
OBJECTS = [
    "hoe de financiële governance in de praktijk werkt en terugkoppelen aan het OT",
    "de data van de rondleidingen Expofette met de partners",
    "het voorstel voor de stadsdeelcommissie over bewegen in Nieuw-West",
    "wie er vanuit de corporaties aansluit bij de werkgroep doorstroming",
    "de offerte voor de haalbaarheidsstudie en de planning daarvan",
    "wat er al loopt in Nieuw-West en waar we op kunnen aansluiten",
]
NOTES = (
    "Besproken in het OT; eerst met de betrokken partners afstemmen.",
    "Volgt uit de evaluatie van de vorige ronde.",
    "Zie het memo van de corporaties.",
)
TASKS = (
    "data doorsturen",
    "voorstel uitwerken",
    "offerte opvragen",
    "memo delen met het OT",
    "presentatie inplannen",
    "partners uitnodigen",
    "planning bijwerken",
)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


# --- the database ----------------------------------------------------------------------------


@dataclass
class Person:
    member_id: int
    telegram_id: int
    name: str
    team_id: int
    secretary: bool
    tg: dict[str, Any] = field(default_factory=dict)  # the fake's User dict
    private: dict[str, Any] = field(default_factory=dict)  # the fake's private chat


@dataclass
class Team:
    id: int
    name: str
    chat_id: int
    people: list[Person] = field(default_factory=list)
    group_member_id: int = 0
    actions: int = 0
    open: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)  # number, owners
    group: dict[str, Any] = field(default_factory=dict)


@dataclass
class Loaded:
    path: Path
    teams: list[Team]
    rows: dict[str, int]
    seconds: float


def deadline_text(kind: str, due: date | None) -> str:
    if kind == "asap":
        return "ASAP"
    if kind == "ongoing":
        return "Continu proces"
    if kind == "date" and due is not None:
        return f"{due.day} {MONTHS[due.month - 1]}"
    return ""


def make_teams(n_members: int, n_teams: int) -> list[Team]:
    """The teams and their people (the first of each team its secretary): the same each time."""
    if n_members > len(FIRST_NAMES) * len(LAST_NAMES):
        raise SystemExit(f"at most {len(FIRST_NAMES) * len(LAST_NAMES)} members")
    if n_members < 2 * n_teams:
        raise SystemExit("need at least two members per team")
    teams = [Team(t, f"OT Bench {t}", GROUP_BASE - t) for t in range(1, n_teams + 1)]
    names = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
    random.Random(6).shuffle(names)
    for k in range(n_members):
        team = teams[k % n_teams]
        uid = k + 1
        team.people.append(Person(uid, USER_BASE + uid, names[k], team.id, not team.people))
    for team in teams:
        team.group_member_id = n_members + team.id
    return teams


def build_db(
    folder: Path, n_actions: int, people: list[Team], now: datetime, seed: int = 6
) -> Loaded:
    """A migrated SQLite file with `people` and their actions, bulk-loaded with SQLAlchemy Core.

    Returns fresh Team objects (sharing the Person objects) with their action counts and open
    actions.
    """
    from sqlalchemy import insert, text

    from domain.owners import normalize_name
    from storage.db import make_engine, upgrade
    from storage.models import (
        ActionOwnerRow,
        ActionRow,
        ActionUpdateRow,
        EventRow,
        MemberNameRow,
        MemberRow,
        SchedulerStateRow,
        TeamRow,
        UserRow,
    )

    start = time.perf_counter()
    rng = random.Random(seed)
    path = folder / f"base-{n_actions}.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    created0 = now - timedelta(days=HISTORY_DAYS + 30)
    teams = [
        Team(t.id, t.name, t.chat_id, t.people, t.group_member_id, group=t.group) for t in people
    ]
    rows: dict[Any, list[dict[str, Any]]] = {
        TeamRow: [],
        UserRow: [],
        MemberRow: [],
        MemberNameRow: [],
        ActionRow: [],
        ActionOwnerRow: [],
        ActionUpdateRow: [],
        EventRow: [],
    }
    for team in teams:
        for person in team.people:
            uid = person.member_id
            first, last = person.name.split(" ", 1)
            rows[UserRow].append(
                {
                    "id": uid,
                    "telegram_id": person.telegram_id,
                    "username": f"lid{uid}",
                    "first_name": first,
                    "last_name": last,
                    "private_chat": True,
                    "unreachable_at": None,
                    "reminders_on": True,
                    "digest_on": True,
                    "current_team_id": team.id,
                    "created_at": created0,
                }
            )
            rows[MemberRow].append(
                {
                    "id": uid,
                    "team_id": team.id,
                    "user_id": uid,
                    "name": person.name,
                    "is_secretary": person.secretary,
                    "is_group": False,
                    "source": "config" if person.secretary else "seen",
                    "left_at": None,
                    "merged_into_id": None,
                    "created_at": created0,
                }
            )
    for team in teams:
        rows[TeamRow].append(
            {
                "id": team.id,
                "name": team.name,
                "chat_id": team.chat_id,
                "chat_title": team.name,
                "next_number": 1,
                "created_at": created0,
                "linked_at": created0,
            }
        )
        rows[MemberRow].append(
            {
                "id": team.group_member_id,
                "team_id": team.id,
                "user_id": None,
                "name": "OT",
                "is_secretary": False,
                "is_group": True,
                "source": "named",
                "left_at": None,
                "merged_into_id": None,
                "created_at": created0,
            }
        )
    for row in rows[MemberRow]:
        rows[MemberNameRow].append(
            {
                "id": row["id"],
                "team_id": row["team_id"],
                "member_id": row["id"],
                "name": row["name"],
                "key": normalize_name(row["name"]),
                "created_at": created0,
            }
        )

    for i in range(n_actions):
        teams[i % len(teams)].actions += 1
    action_id = 0
    kinds = ["asap"] * 40 + ["date"] * 30 + ["ongoing"] * 15 + ["none"] * 15
    for team in teams:
        secretary = team.people[0].member_id
        for number in range(1, team.actions + 1):
            action_id += 1
            # Oldest first, spread over three years; the newest were added this month.
            age = HISTORY_DAYS * (1 - number / team.actions) + rng.uniform(0, 2)
            created = now - timedelta(days=age)
            p_open = 0.9 if age < 30 else 0.5 if age < 120 else 0.06
            status, closed_at, activity = "open", None, created
            if rng.random() >= p_open:
                status = "done" if rng.random() < 0.85 else "cancelled"
                closed_at = min(created + timedelta(days=rng.uniform(1, 60)), now)
            elif rng.random() < 1 / 3:
                status = "claimed"
                activity = min(created + timedelta(days=rng.uniform(0.1, 10)), now)
            is_open = status in ("open", "claimed")
            kind = rng.choice(kinds)
            due = None
            if kind == "date":
                # Open ones are due weeks from now: no reminder falls due during the run.
                base = now.date() if is_open else created.date()
                due = base + timedelta(days=rng.randint(30, 120))
            if rng.random() < 0.05:
                owners: tuple[int, ...] = (team.group_member_id,)
            else:
                picked = rng.sample(team.people, 2 if rng.random() < 0.25 else 1)
                owners = tuple(p.member_id for p in picked)
            rows[ActionRow].append(
                {
                    "id": action_id,
                    "team_id": team.id,
                    "number": number,
                    "kind": "action",
                    "topic": rng.choice(TOPICS),
                    "text": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                    "note": rng.choice(NOTES) if rng.random() < 0.3 else "",
                    "owners_text": "",
                    "deadline_kind": kind,
                    "deadline_text": deadline_text(kind, due),
                    "due_date": due,
                    "criteria": "",
                    "interests": "",
                    "status": status,
                    "batch": f"t{team.id}b{number // 12}",
                    "created_at": created,
                    "created_by_id": secretary,
                    "updated_at": closed_at or activity,
                    "closed_at": closed_at,
                    "closed_by_id": owners[0] if closed_at else None,
                    "closed_note": "",
                    "next_remind_at": (
                        now + timedelta(days=rng.uniform(20, 60)) if is_open else None
                    ),
                    "meeting_id": None,
                    "carried_from_id": None,
                    "last_activity_at": activity,
                    "snoozed_until": None,
                    "asap_nudges": 0,
                    "last_asap_nudge_at": None,
                }
            )
            for position, member_id in enumerate(owners):
                rows[ActionOwnerRow].append(
                    {
                        "action_id": action_id,
                        "member_id": member_id,
                        "position": position,
                        "claimed_at": activity if status == "claimed" else None,
                        "added_at": created,
                    }
                )
            events = [("added", created, secretary)]
            if status == "claimed":
                events.append(("claimed", activity, owners[0]))
            if closed_at is not None:
                events.append(("closed", closed_at, owners[0]))
            for event_kind, at, actor in events:
                rows[EventRow].append(
                    {
                        "team_id": team.id,
                        "action_id": action_id,
                        "actor_id": actor,
                        "kind": event_kind,
                        "detail": "",
                        "created_at": at,
                    }
                )
            if rng.random() < 0.2:
                rows[ActionUpdateRow].append(
                    {
                        "action_id": action_id,
                        "author_id": owners[0],
                        "text": "Loopt; eerste gesprek gevoerd, vervolg staat gepland.",
                        "created_at": min(created + timedelta(days=3), now),
                    }
                )
            if is_open:
                team.open.append((number, owners))
        rows[TeamRow][team.id - 1]["next_number"] = team.actions + 1
    year, week, _ = now.astimezone(AMS).isocalendar()
    engine = make_engine(url)
    with engine.begin() as conn:
        for table, table_rows in rows.items():
            if table_rows:
                conn.execute(insert(table), table_rows)
        # This week's Monday digest went out already: the scheduler has nothing to make.
        conn.execute(
            insert(SchedulerStateRow), [{"key": "digest_week", "value": f"{year}-W{week:02d}"}]
        )
    with engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    counts = {
        "actions": len(rows[ActionRow]),
        "open": sum(len(t.open) for t in teams),
        "owners": len(rows[ActionOwnerRow]),
        "events": len(rows[EventRow]),
        "updates": len(rows[ActionUpdateRow]),
    }
    return Loaded(path, teams, counts, time.perf_counter() - start)


def copy_db(loaded: Loaded, name: str) -> str:
    target = loaded.path.with_name(f"{loaded.path.stem}-{name}.sqlite3")
    shutil.copyfile(loaded.path, target)
    return f"sqlite:///{target}"


# --- the update mix ----------------------------------------------------------------------------


@dataclass
class Upd:
    kind: str
    person: Person
    chat: dict[str, Any]
    text: str = ""
    data: str = ""


def make_mix(teams: list[Team], n: int, now: datetime, seed: int = 16) -> list[Upd]:
    """`n` updates in the issue's mix; claims and closes take distinct open actions."""
    rng = random.Random(seed)
    pools: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for team in teams:
        pool = list(team.open)
        rng.shuffle(pool)
        pools[team.id] = pool
    people = [p for t in teams for p in t.people]
    by_team = {t.id: t for t in teams}
    later = (now + timedelta(days=60)).astimezone(AMS)
    deadlines = ["ASAP", "ASAP", "zsm", "Continu proces", f"eind {MONTHS[later.month - 1]}"]
    out: list[Upd] = []
    weights = [w for _, w in MIX]
    for _ in range(n):
        kind = rng.choices(KINDS, weights)[0]
        person = rng.choice(people)
        team = by_team[person.team_id]
        chat = person.private if rng.random() < 0.75 else team.group
        if kind == "mijnacties":
            out.append(Upd(kind, person, chat, "/mijnacties"))
        elif kind == "acties":
            out.append(Upd(kind, person, chat, "/acties"))
        elif kind == "actie":
            out.append(Upd(kind, person, chat, f"/actie {rng.randint(1, team.actions)}"))
        elif kind == "sluit":
            pool = pools[team.id]
            pick = next((a for a in pool if team.group_member_id not in a[1]), None)
            if pick is None:  # no open action left: close one again ("al afgerond")
                pick = rng.choice(team.open)
            else:
                pool.remove(pick)
            owner = next((p for p in team.people if p.member_id in pick[1]), person)
            out.append(Upd(kind, owner, chat if chat is team.group else owner.private))
            out[-1].text = f"/sluit {pick[0]}"
        elif kind in ("claim", "button"):
            pool = pools[team.id]
            pick = pool.pop() if pool else rng.choice(team.open)
            others = [p for p in team.people if p.member_id not in pick[1]]
            claimer = rng.choice(others) if others else person
            if kind == "claim":
                where = chat if chat is team.group else claimer.private
                out.append(Upd(kind, claimer, where, f"/claim {pick[0]}"))
            else:
                data = f"a:claim:{team.id}:{pick[0]}"
                out.append(Upd(kind, claimer, claimer.private, data=data))
        else:
            secretary = team.people[0]
            lines = []
            for _ in range(rng.randint(3, 5)):
                owner = rng.choice(team.people)
                lines.append(f"{owner.name}: {rng.choice(TASKS)} ({rng.choice(deadlines)})")
            out.append(Upd(kind, secretary, secretary.private, "\n".join(lines)))
    return out


# --- driving the fake --------------------------------------------------------------------------


def setup_fake(fake: Any, teams: list[Team]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Register users, private chats and groups; return the barrier's user and chat."""
    for team in teams:
        team.group = fake.group(team.chat_id, team.name, "supergroup")
        for person in team.people:
            first, last = person.name.split(" ", 1)
            person.tg = fake.user(
                person.telegram_id, first, username=f"lid{person.member_id}", last_name=last
            )
            person.private = fake.private_chat(person.tg)
            fake.mark_started(person.tg)
            fake.set_member(team.group, person.tg, "member")
    barrier = fake.user(BARRIER_ID, "Barrier")
    return barrier, fake.private_chat(barrier)


def push(fake: Any, upd: Upd) -> str | None:
    """Push one update; return the callback query id for a button press."""
    if upd.kind == "button":
        card = {
            "message_id": 1,
            "from": dict(fake.bot_user),
            "chat": dict(upd.chat),
            "date": fake.now,
            "text": "Actie",
        }
        return fake.push_callback(upd.person.tg, card, upd.data)
    fake.push_message(upd.chat, upd.person.tg, upd.text)
    return None


def is_reply(call: Any, upd: Upd, query_id: str | None) -> bool:
    method = call.method.lower()
    if method == "answercallbackquery":
        return query_id is not None and call.params.get("callback_query_id") == query_id
    return method in REPLY_METHODS and call.params.get("chat_id") == upd.chat["id"]


def first_wanted(upd: Upd, query_id: str | None) -> tuple[str, Any]:
    if query_id is not None:
        return "answerCallbackQuery", lambda c: c.params.get("callback_query_id") == query_id
    chat_id = upd.chat["id"]
    return "sendMessage", lambda c: c.params.get("chat_id") == chat_id


def reply_text(call: Any) -> str:
    return str(call.params.get("text") or "")


def outcome(upd: Upd, first: Any, bare: bool) -> str:
    """ok / again (already claimed or closed) / refused (an error text) for our bot."""
    text = reply_text(first)
    if bare:
        return "ok" if text == "ok" else "refused"
    if upd.kind in ("claim", "button"):
        if "Genoteerd" in text:
            return "ok"
        return "again" if "al opgepakt" in text else "refused"
    if upd.kind == "sluit":
        if "is afgerond" in text:
            return "ok"
        return "again" if "al afgerond" in text else "refused"
    if upd.kind == "secretary":
        return "ok" if text.startswith("✅ Opgeslagen") else "refused"
    if upd.kind == "mijnacties":
        return "ok" if "open acties" in text or "Voor het hele team" in text else "refused"
    if upd.kind == "acties":
        return "ok" if "Open acties (" in text else "refused"
    return "ok" if f"#{upd.text.split()[-1]}" in text else "refused"


@dataclass
class Sample:
    kind: str
    first_ms: float
    last_ms: float
    replies: int
    outcome: str
    text: str


@dataclass
class BotRun:
    label: str
    startup_ms: float = 0.0
    first_call_ms: float = 0.0
    rss_start_mb: float = 0.0
    peak_rss_mb: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    throughput: float = 0.0
    burst_seconds: float = 0.0
    bursts: list[float] = field(default_factory=list)
    burst_replies: int = 0
    latency_replies: int = 0
    stray: int = 0
    log_warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_ms_per_update: float = 0.0  # the bot process's CPU time (user + system) in the burst


class BotProcess:
    """One bot process (ours via `otbot run`, or the bare bot) polling the fake."""

    def __init__(
        self,
        fake: Any,
        folder: Path,
        name: str,
        *,
        bare: bool,
        db_url: str = "",
        teams: list[Team] | None = None,
        profile: Path | None = None,
        config_extra: str = "",
    ) -> None:
        self.fake = fake
        self.name = name
        self.log_path = folder / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTBOT_")}
        env["TELEGRAM_BOT_TOKEN"] = fake.token
        env["PYTHONUNBUFFERED"] = "1"
        if bare:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--bare-child", fake.base_url]
        else:
            config = folder / f"{name}.toml"
            text = bot_config(fake, db_url, teams or []) + config_extra
            config.write_text(text, encoding="utf-8")
            cmd = [sys.executable]
            if profile is not None:
                cmd += ["-m", "cProfile", "-o", str(profile)]
            cmd += ["-m", "bot.cli", "--config", str(config), "run"]
        self.mark = fake.mark()
        self.spawned = time.monotonic()
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self._log, stderr=self._log)

    def wait_ready(self) -> tuple[float, float]:
        """Milliseconds from spawning to the first call (getMe) and the first getUpdates."""
        try:
            polled = self.fake.wait_for_call("getUpdates", after=self.mark, timeout=120)
        except AssertionError as err:
            self.stop()
            log = self.log_path.read_text()
            raise SystemExit(f"{self.name} did not start polling:\n{log}") from err
        first = self.fake.calls[self.mark]
        return (first.time - self.spawned) * 1000, (polled.time - self.spawned) * 1000

    def peak_rss_mb(self) -> float:
        """The process's RSS high-water mark (since exec), in MB."""
        return self._status_mb("VmHWM:")

    def rss_mb(self) -> float:
        return self._status_mb("VmRSS:")

    def cpu_seconds(self) -> float:
        """CPU time the process used so far (user + system, /proc/PID/stat)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _status_mb(self, key: str) -> float:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        """Stop with SIGTERM (as systemd would), SIGKILL after a minute."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()

    def problems(self) -> tuple[list[str], list[str]]:
        """Error and warning lines the bot logged."""
        lines = self.log_path.read_text(errors="replace").splitlines()
        errors = [ln for ln in lines if " ERROR " in ln or ln.startswith("Traceback")]
        warnings = [ln for ln in lines if " WARNING " in ln]
        return errors, warnings


def bot_config(fake: Any, db_url: str, teams: list[Team]) -> str:
    lines = [
        "[telegram]",
        f'base_url = "{fake.base_url}"',
        f'base_file_url = "{fake.base_file_url}"',
        f"poll_timeout = {POLL_TIMEOUT}",
        "",
        "[storage]",
        f'url = "{db_url}"',
        "",
    ]
    for team in teams:
        secretaries = [p.telegram_id for p in team.people if p.secretary]
        lines += [
            "[[teams]]",
            f'name = "{team.name}"',
            f"secretaries = {json.dumps(secretaries)}",
            f"chat_id = {team.chat_id}",
            "",
        ]
    return "\n".join(lines)


def barrier(fake: Any, who: tuple[dict[str, Any], dict[str, Any]], timeout: float) -> set[str]:
    """Wait until the bot has handled every update pushed so far; return the barrier's own
    callback query ids (their answers are no replies to anyone).

    Our bot handles updates concurrently, one sender's in order (bot/ordering.py), so a /help
    from a stranger answered proves nothing about the others: every sender who pushed
    something presses a button the bot does not know, and once all those presses are
    answered, everything before them is handled (the fake's `settle_senders`). The stranger's
    /help is kept so that there is at least one.
    """
    user, chat = who
    mark = fake.mark()
    fake.push_message(chat, user, "/help")
    fake.wait_for_call(
        "sendMessage", lambda c: c.params.get("chat_id") == BARRIER_ID, after=mark, timeout=timeout
    )
    return set(fake.settle_senders(timeout))


def is_barrier(call: Any, settle: set[str]) -> bool:
    """A call that answers the barrier (the stranger's /help, or a settle press)."""
    return (
        call.params.get("chat_id") == BARRIER_ID or call.params.get("callback_query_id") in settle
    )


def latency_run(
    fake: Any, updates: list[Upd], who: tuple[dict[str, Any], dict[str, Any]], bare: bool
) -> tuple[list[Sample], int, int]:
    """One update at a time; returns the samples, the reply calls and the stray calls."""
    samples: list[Sample] = []
    replies = stray = 0
    for upd in updates:
        mark = fake.mark()
        before = time.monotonic()
        query_id = push(fake, upd)
        method, predicate = first_wanted(upd, query_id)
        first = fake.wait_for_call(method, predicate, after=mark, timeout=120)
        settle = barrier(fake, who, timeout=120)
        calls = fake.calls[mark : fake.mark()]
        mine = [c for c in calls if is_reply(c, upd, query_id) and not is_barrier(c, settle)]
        others = [
            c
            for c in calls
            if c.method.lower() in REPLY_METHODS
            and not is_reply(c, upd, query_id)
            and not is_barrier(c, settle)
        ]
        replies += len(mine)
        stray += len(others)
        samples.append(
            Sample(
                upd.kind,
                (first.time - before) * 1000,
                (max(c.time for c in mine) - before) * 1000,
                len(mine),
                outcome(upd, first, bare),
                reply_text(first)[:80],
            )
        )
    return samples, replies, stray


def burst_run(
    fake: Any, updates: list[Upd], who: tuple[dict[str, Any], dict[str, Any]]
) -> tuple[float, int]:
    """Push everything at once; seconds until the last reply, and the number of replies."""
    mark = fake.mark()
    before = time.monotonic()
    query_ids = [push(fake, upd) for upd in updates]
    settle = barrier(fake, who, timeout=900)
    calls = fake.calls[mark : fake.mark()]
    replies = [c for c in calls if c.method.lower() in REPLY_METHODS and not is_barrier(c, settle)]
    answered = {c.params.get("callback_query_id") for c in replies}
    missing = [q for q in query_ids if q is not None and q not in answered]
    per_chat: dict[Any, int] = {}
    for c in replies:
        per_chat[c.params.get("chat_id")] = per_chat.get(c.params.get("chat_id"), 0) + 1
    wanted: dict[Any, int] = {}
    for upd, query_id in zip(updates, query_ids, strict=True):
        if query_id is None:
            wanted[upd.chat["id"]] = wanted.get(upd.chat["id"], 0) + 1
    short = {chat: n for chat, n in wanted.items() if per_chat.get(chat, 0) < n}
    if missing or short:
        raise SystemExit(
            f"burst: {len(missing)} buttons unanswered; chats short of replies {short}"
        )
    return max(c.time for c in replies) - before, len(replies)


def run_bot(
    fake: Any,
    folder: Path,
    name: str,
    updates: list[Upd],
    warmup: list[Upd],
    who: tuple[dict[str, Any], dict[str, Any]],
    *,
    bare: bool,
    loaded: Loaded | None = None,
) -> BotRun:
    """Latency run and throughput run, each on a fresh database copy and a fresh process."""
    started = time.perf_counter()
    run = BotRun(name)
    for phase in ("latency", "burst"):
        db_url = copy_db(loaded, f"{name}-{phase}") if loaded else ""
        teams = loaded.teams if loaded else None
        bot = BotProcess(fake, folder, f"{name}-{phase}", bare=bare, db_url=db_url, teams=teams)
        try:
            first_call, polled = bot.wait_ready()
            if phase == "latency":
                run.first_call_ms, run.startup_ms = first_call, polled
                run.rss_start_mb = bot.rss_mb()
            latency_run(fake, warmup, who, bare)
            if phase == "latency":
                run.samples, run.latency_replies, run.stray = latency_run(fake, updates, who, bare)
            else:
                # The bare bot's burst is short and noisy: its median of three.
                cpu = bot.cpu_seconds()
                for _ in range(3 if bare else 1):
                    seconds, run.burst_replies = burst_run(fake, updates, who)
                    run.bursts.append(seconds)
                cpu = bot.cpu_seconds() - cpu
                run.cpu_ms_per_update = cpu * 1000 / (len(updates) * len(run.bursts))
                run.burst_seconds = statistics.median(run.bursts)
                run.throughput = len(updates) / run.burst_seconds
                run.peak_rss_mb = bot.peak_rss_mb()
        finally:
            bot.stop()
        errors, warnings = bot.problems()
        if errors:
            raise SystemExit(f"{bot.name} logged errors:\n" + "\n".join(errors[:20]))
        run.log_warnings += warnings
    run.seconds = time.perf_counter() - started
    return run


def rtt_run(
    fake: Any,
    folder: Path,
    loaded: Loaded,
    updates: list[Upd],
    who: tuple[dict[str, Any], dict[str, Any]],
    rtt_ms: float,
) -> None:
    """Throughput when every Bot API call takes `rtt_ms` to answer, as the real Telegram
    does from a server in Europe (loopback answers in a fraction of a millisecond)."""
    fake.answer_delay = rtt_ms / 1000
    try:
        rates = {}
        for label, bare in (("ours", False), ("bare PTB", True)):
            name = f"rtt-{'bare' if bare else 'ours'}"
            db_url = "" if bare else copy_db(loaded, name)
            bot = BotProcess(
                fake, folder, name, bare=bare, db_url=db_url, teams=None if bare else loaded.teams
            )
            try:
                bot.wait_ready()
                seconds, _replies = burst_run(fake, updates, who)
                rates[label] = len(updates) / seconds
            finally:
                bot.stop()
    finally:
        fake.answer_delay = 0.0
    print(
        f"\nwith {rtt_ms:.0f} ms per Bot API call ({len(updates)} updates pushed at once):"
        f" ours {rates['ours']:.0f} updates/s, bare PTB {rates['bare PTB']:.0f} updates/s,"
        f" ours/bare {rates['ours'] / rates['bare PTB']:.2f}"
        " (ours overlaps the waits of different senders; the bare bot, PTB's default,"
        " handles one update at a time)"
    )


def profile_run(
    fake: Any,
    folder: Path,
    loaded: Loaded,
    updates: list[Upd],
    warmup: list[Upd],
    who: tuple[dict[str, Any], dict[str, Any]],
    out: Path,
) -> None:
    """The throughput run once more, under cProfile; print the top functions."""
    import pstats

    bot = BotProcess(
        fake,
        folder,
        "profile",
        bare=False,
        db_url=copy_db(loaded, "profile"),
        teams=loaded.teams,
        profile=out,
    )
    try:
        bot.wait_ready()
        latency_run(fake, warmup, who, False)
        seconds, _ = burst_run(fake, updates, who)
    finally:
        bot.stop()
    print(
        f"\nprofile: the burst run under cProfile ({len(updates)} updates in {seconds:.1f} s;"
        f" times are inflated by the profiler), saved to {out}"
    )
    profile_report(pstats.Stats(str(out)))


def profile_report(stats: Any) -> None:
    """Where the bot's time went: handlers, services, rendering, HTTP; then the hottest."""
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    total = sum(
        v[3]
        for k, v in raw.items()
        if k[2] == "process_update" and k[0].endswith("_baseupdateprocessor.py")
    )
    print(f"  process_update (all handling): {total:.1f} s = 100 %")
    ours = []
    for (path, line, name), (_cc, calls, _tt, cum, _callers) in raw.items():
        rel = path.split(str(ROOT) + "/", 1)[-1]
        if rel.startswith(("handlers/", "services/", "storage/repo", "bot/texts", "domain/")):
            if not name.startswith("<"):
                ours.append((cum, calls, f"{rel}:{line} {name}"))
        elif name == "_post" and rel.endswith("telegram/_bot.py"):
            ours.append((cum, calls, "telegram Bot._post (one Bot API request, PTB + httpx)"))
        elif name == "current_async_library" and "httpcore" in rel:
            ours.append((cum, calls, "httpcore current_async_library (failed `import sniffio`)"))
        elif name == "urlencode" and rel.endswith("urllib/parse.py"):
            ours.append((cum, calls, "urllib urlencode (httpx form-encoding request bodies)"))
    ours.sort(reverse=True)
    print(f"  {'cumulative s':>12} {'%':>5} {'calls':>7}  function")
    for cum, calls, label in ours[:32]:
        print(f"  {cum:>12.2f} {100 * cum / total:>5.1f} {calls:>7}  {label}")
    print("  (calls of coroutines count each resumption)")


# --- the bare bot ------------------------------------------------------------------------------


def bare_child(base_url: str) -> None:
    """A plain PTB Application: "ok" to every message, answer("ok") to every button."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder, CallbackQueryHandler, MessageHandler, filters

    async def on_message(update: Update, context: Any) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("ok")

    async def on_button(update: Update, context: Any) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer("ok")

    app = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(base_url).build()
    app.add_handler(MessageHandler(filters.ALL, on_message))
    app.add_handler(CallbackQueryHandler(on_button))

    async def main() -> None:
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await app.initialize()
        assert app.updater is not None
        await app.updater.start_polling(timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
        await app.start()
        await stop.wait()
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    asyncio.run(main())


# --- reporting ---------------------------------------------------------------------------------


def latency_table(runs: list[BotRun]) -> None:
    head = (
        f"{'bot':<11} {'update':<11} {'n':>5} {'first p50':>9} {'first p99':>9}"
        f" {'last p50':>8} {'last p99':>8} {'max':>7} {'replies':>7}  outcomes"
    )
    print(head)
    print("-" * len(head))
    for run in runs:
        groups = [(kind, [s for s in run.samples if s.kind == kind]) for kind in KINDS]
        groups.append(("all", run.samples))
        for kind, samples in groups:
            if not samples:
                continue
            first = [s.first_ms for s in samples]
            last = [s.last_ms for s in samples]
            outcomes: dict[str, int] = {}
            for s in samples:
                outcomes[s.outcome] = outcomes.get(s.outcome, 0) + 1
            print(
                f"{run.label:<11} {kind:<11} {len(samples):>5}"
                f" {statistics.median(first):>9.1f} {pct(first, 0.99):>9.1f}"
                f" {statistics.median(last):>8.1f} {pct(last, 0.99):>8.1f} {max(last):>7.1f}"
                f" {sum(s.replies for s in samples) / len(samples):>7.2f}  "
                + " ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
            )
    print(
        "ms from pushing the update to the fake until the bot's reply call arrived there:"
        " first = its first reply, last = its last one; replies = reply calls per update;"
        " outcomes: ok, again = already claimed/closed, refused = an error text"
    )


@dataclass
class Figures:
    actions: int
    open: int
    throughput: float
    ratio: float
    p50: float
    p99: float
    p99_no_acties: float
    acties_p99: float
    startup_ms: float
    peak_rss_mb: float


def figures(ours: BotRun, bare: BotRun, size: int, n_open: int) -> Figures:
    first = [s.first_ms for s in ours.samples]
    return Figures(
        actions=size,
        open=n_open,
        throughput=ours.throughput,
        ratio=ours.throughput / bare.throughput,
        p50=statistics.median(first),
        p99=pct(first, 0.99),
        p99_no_acties=pct([s.first_ms for s in ours.samples if s.kind != "acties"], 0.99),
        acties_p99=pct([s.first_ms for s in ours.samples if s.kind == "acties"], 0.99),
        startup_ms=ours.startup_ms,
        peak_rss_mb=ours.peak_rss_mb,
    )


def print_summary(ours: BotRun, bare: BotRun, f: Figures, n_updates: int) -> None:
    bfirst = [s.first_ms for s in bare.samples]
    bare_no_acties = [s.first_ms for s in bare.samples if s.kind != "acties"]
    print()
    head = f"{'':<28} {'ours':>10} {'bare PTB':>10} {'ours/bare':>10}"
    print(head)
    print("-" * len(head))
    rows = [
        ("throughput (updates/s)", f.throughput, bare.throughput, "{:.0f}"),
        ("latency p50 (ms)", f.p50, statistics.median(bfirst), "{:.1f}"),
        ("latency p99 (ms)", f.p99, pct(bfirst, 0.99), "{:.1f}"),
        ("latency p99 without /acties", f.p99_no_acties, pct(bare_no_acties, 0.99), "{:.1f}"),
        ("start-up to first poll (ms)", ours.startup_ms, bare.startup_ms, "{:.0f}"),
        ("  of which to first call", ours.first_call_ms, bare.first_call_ms, "{:.0f}"),
        ("RSS after start (MB)", ours.rss_start_mb, bare.rss_start_mb, "{:.1f}"),
        ("peak RSS after burst (MB)", ours.peak_rss_mb, bare.peak_rss_mb, "{:.1f}"),
        ("burst: seconds", ours.burst_seconds, bare.burst_seconds, "{:.2f}"),
        ("burst: reply calls", ours.burst_replies, bare.burst_replies, "{:.0f}"),
        ("burst: CPU ms per update", ours.cpu_ms_per_update, bare.cpu_ms_per_update, "{:.2f}"),
    ]
    for label, a, b, fmt in rows:
        ratio = a / b if b else float("nan")
        print(f"{label:<28} {fmt.format(a):>10} {fmt.format(b):>10} {ratio:>10.2f}")
    print(
        f"goal throughput >= 0.5 x bare: {f.ratio:.2f} x"
        f" -> {'met' if f.ratio >= 0.5 else 'MISSED'};"
        f" goal p99 < 50 ms: {f.p99:.1f} ms -> {'met' if f.p99 < 50 else 'MISSED'}"
    )
    print(
        f"latency: {n_updates:,} updates one at a time, the bot idle before each (first reply);"
        f" throughput: the same {n_updates:,} updates pushed at once, on a fresh copy"
    )
    print("bare bot bursts: " + ", ".join(f"{b:.2f}" for b in bare.bursts) + " s (median used)")
    if ours.latency_replies != ours.burst_replies:
        print(
            f"note: our bot made {ours.latency_replies} reply calls in the latency run and"
            f" {ours.burst_replies} in the burst run"
        )
    if ours.stray:
        print(f"note: {ours.stray} reply calls to other chats during the latency run (reminders?)")
    if ours.log_warnings:
        print(f"our bot logged {len(ours.log_warnings)} warnings, e.g.:")
        for line in ours.log_warnings[:5]:
            print("  " + line)


def scale_table(rows: list[Figures], bare: BotRun, n_updates: int) -> None:
    print()
    print(
        f"scaling: our bot, {n_updates:,} updates per size"
        f" (bare PTB, measured once: {bare.throughput:.0f} updates/s, p50"
        f" {statistics.median(s.first_ms for s in bare.samples):.1f} ms,"
        f" p99 {pct([s.first_ms for s in bare.samples], 0.99):.1f} ms)"
    )
    head = (
        f"{'actions':>8} {'open':>6} {'upd/s':>6} {'x bare':>6} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'p99 w/o acties':>14} {'acties p99':>10} {'start-up ms':>11} {'peak RSS MB':>11}"
    )
    print(head)
    print("-" * len(head))
    for f in rows:
        print(
            f"{f.actions:>8,} {f.open:>6,} {f.throughput:>6.0f} {f.ratio:>6.2f} {f.p50:>7.1f}"
            f" {f.p99:>7.1f} {f.p99_no_acties:>14.1f} {f.acties_p99:>10.1f}"
            f" {f.startup_ms:>11.0f} {f.peak_rss_mb:>11.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=2_000)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--teams", type=int, default=4)
    parser.add_argument(
        "--scale",
        action="store_true",
        help="measure at 1,000 / 10,000 / 100,000 actions instead (with --scale-updates)",
    )
    parser.add_argument(
        "--scale-updates", type=int, default=400, help="updates per size with --scale"
    )
    parser.add_argument("--profile", type=Path, help="also cProfile our bot's burst run to FILE")
    parser.add_argument(
        "--rtt",
        type=float,
        default=50.0,
        metavar="MS",
        help="also compare throughput when each Bot API call takes MS to answer (0: skip)",
    )
    parser.add_argument(
        "--rtt-updates", type=int, default=300, help="updates in the --rtt comparison"
    )
    parser.add_argument("--bare-child", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child:
        bare_child(args.bare_child)
        return 0

    from bot.demo.fake_telegram import FakeTelegram

    started = time.perf_counter()
    now = datetime.now(UTC)
    sizes = list(SCALE_SIZES) if args.scale else [args.actions]
    n_updates = args.scale_updates if args.scale else args.updates
    print(
        f"update handling: {n_updates:,} updates (+{WARMUP} warm-up), {args.members} members in"
        f" {args.teams} teams; our bot = `otbot run` in a subprocess, the fake Bot API on"
        f" 127.0.0.1 in this one; {os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        flush=True,
    )
    rows: list[Figures] = []
    with (
        tempfile.TemporaryDirectory(prefix="otbot-bench-") as tmp,
        FakeTelegram(token=TOKEN) as fake,
    ):
        folder = Path(tmp)
        # The same people and chats at every size: registered once with the fake.
        people = make_teams(args.members, args.teams)
        who = setup_fake(fake, people)
        bare: BotRun | None = None
        for size in sizes:
            loaded = build_db(folder, size, people, now)
            r = loaded.rows
            print(
                f"database {size:,} actions: built in {loaded.seconds:.1f} s ({r['open']:,} open,"
                f" {r['owners']:,} owners, {r['events']:,} events, {r['updates']:,} updates)",
                flush=True,
            )
            mix = make_mix(loaded.teams, WARMUP + n_updates, now)
            warmup, updates = mix[:WARMUP], mix[WARMUP:]
            name = f"ours-{size // 1000}k"
            ours = run_bot(fake, folder, name, updates, warmup, who, bare=False, loaded=loaded)
            print(f"our bot at {size:,} actions: {ours.seconds:.0f} s", flush=True)
            if bare is None:
                bare = run_bot(fake, folder, "bare", updates, warmup, who, bare=True)
                print(f"bare bot: {bare.seconds:.0f} s", flush=True)
            f = figures(ours, bare, size, r["open"])
            rows.append(f)
            print()
            latency_table([ours] if args.scale else [ours, bare])
            if not args.scale:
                print_summary(ours, bare, f, n_updates)
            if args.rtt and not args.scale:
                rtt_run(fake, folder, loaded, updates[: args.rtt_updates], who, args.rtt)
            if args.profile:
                profile_run(fake, folder, loaded, updates, warmup, who, args.profile)
            loaded.path.unlink()
        fake.assert_no_unknown_calls()
        assert bare is not None
        if args.scale:
            scale_table(rows, bare, n_updates)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
