"""Soak run: an hour of simulated team use compressed into minutes; memory stays flat and the
queue drains.

    python bench/soak.py [--minutes 4] [--updates 3600] [--reminders 150] [--actions 5000]
                         [--members 120] [--teams 4] [--sample 10] [--warmup SECONDS]
                         [--max-growth 10] [--drain-timeout 120] [--rtt MS]
                                                                   # ~4 min (--minutes + 5 s)

(times on 2 vCPUs; a bench, not part of the test run.)

The bot is started exactly as production starts it, as bench/updates.py does (its helpers are
imported from there): `python -m bot.cli --config FILE run` in its own process, polling a
FakeTelegram (bot/demo/fake_telegram.py) served on 127.0.0.1 by this process. Its config adds
`[reminders] tick_seconds = 1`, a send window that is always open, every day a working day and
no holidays, so reminders flow whenever they fall due. `--rtt MS` makes the fake answer every
call but getUpdates after MS (the real Telegram is a round trip away); default 0, loopback.

The database is built like bench/updates.py's (`build_db`: `--teams` teams, `--members` people,
`--actions` actions over three years, SQLAlchemy Core bulk inserts; this week's digest done),
then `--reminders` open, unclaimed actions at least 10 days old become ASAP actions that had
1-3 weekly nudges (the last one recorded as sent a week before its next one), whose next nudge
falls at a moment spread evenly over the run: the planner finds them due one after another and
the bot sends them (one message per chat per tick, grouped per person).

Simulated use: `--updates` updates (default 3,600: one a second for the simulated hour) pushed
at a steady pace over `--minutes` (a Poisson stream, 15 a second at the defaults): the mix of
bench/updates.py (/mijnacties, /acties, /actie N, /claim N, /sluit N, claim buttons, secretary
messages adding 3-5 actions), 90 % of it, plus 10 % `/update N tekst` by an owner; commands 3/4
in private chats, 1/4 in the team's group. Claims, closes and updates leave the reminder
actions alone. Besides that, people react to half of the reminders they get privately, 3-20 s
later: "Later" (60 %) or "Afgerond" (40 %) under the message.

Every `--sample` seconds it prints: the bot's RSS (VmRSS in /proc/PID/status) and CPU share;
updates pushed, not yet confirmed by a getUpdates (`unconf`, the fake's queue), and `waiting`
(see below) with their lag; reminder rows sent since the start, pending in the outbox, and
actions whose next reminder moment has come but that the planner has not planned yet (`due`)
(the SQLite file opened read-only).

The fake's queue alone does not show a backlog: PTB confirms a batch as soon as it has taken
it, and the bot handles several updates at once (`[bot] concurrent_updates`), one sender's in
order (bot/ordering.py), holding the rest in memory. So the table also follows the updates
whose first reply is known exactly: button presses (answerCallbackQuery with the query id) and
group commands (the bot quotes the command in its first reply), about a third of the stream.
`waiting` is how many of those have no reply yet; the lag is ms from the push to that reply.
A backlog shows as a growing `waiting` and lag.

At the end it stops pushing and waits until the queue has drained: every update handled
(bench/updates.py's `barrier`: every sender presses a button the bot does not know, and the
fake's `settle_senders` waits until all are answered), no update unconfirmed, no outbox row due
and unsent, no action due and unplanned. Then a last RSS sample, SIGTERM (exit status 0
expected), and the verdict: RSS growth from the first sample after the warm-up (a quarter of
the run unless `--warmup`) to the last one of the stream, against `--max-growth` percent (also
shown: the least-squares trend of RSS against updates pushed after the warm-up, in KB per
1,000 updates, and the RSS after the drain, whose settle presses are a burst of one update per
sender at once that the stream never has); the queue drained; no ERROR or Traceback line in
the bot's log and no generic apology sent; exit status 0 after SIGTERM. Exit status 1 when any
of these fails.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.updates import (  # noqa: E402
    AMS,
    TOKEN,
    BotProcess,
    Loaded,
    Person,
    Team,
    Upd,
    barrier,
    build_db,
    make_mix,
    make_teams,
    pct,
    push,
    setup_fake,
)
from bot.texts import GENERIC_ERROR  # noqa: E402

APOLOGY = GENERIC_ERROR.split(".")[0]  # "Sorry, er ging iets mis aan mijn kant"
SIMULATED_RATE = 1.0  # updates per simulated second: --updates 3600 is one busy hour
UPDATE_SHARE = 0.10  # of the stream: /update N tekst (the rest is bench/updates.py's mix)
REACT_SHARE = 0.5  # private reminders someone presses a button under
REACT_DELAY = (3.0, 20.0)  # seconds until they do
LATER_SHARE = 0.6  # of those presses: "Later" (else "Afgerond")
MIN_AGE_DAYS = 10  # reminder actions are at least this old (first nudge + a week)
STARTUP_ALLOWANCE = 5.0  # seconds from building the database to the first push (about)
REMINDERS_CONFIG = """
[reminders]
tick_seconds = 1
window_start = "00:00"
window_end = "23:59:59.999999"
working_days = ["ma", "di", "wo", "do", "vr", "za", "zo"]
holidays = []
"""
PROGRESS = (
    "Loopt; eerste gesprek gevoerd, vervolg staat gepland.",
    "Offerte aangevraagd, reactie verwacht eind volgende week.",
    "Met de corporaties afgestemd; memo volgt.",
    "Nog niet aan toegekomen, pak ik deze week op.",
)


# --- the database: reminders that fall due during the run -----------------------------------


def add_due_reminders(
    loaded: Loaded, n: int, first: datetime, last: datetime, seed: int = 36
) -> set[tuple[int, int]]:
    """Make `n` old open actions ASAP actions whose next weekly nudge falls in [first, last].

    The policy sees 1-3 nudges sent (the last one a week before its next, recorded in the
    outbox as sent), so `next_remind_at` is exactly the moment the planner will find. Returns
    the (team id, number) of those actions.
    """
    from sqlalchemy import bindparam, insert, select, update

    from storage.db import make_engine
    from storage.models import ActionOwnerRow, ActionRow, MemberRow, ReminderRow, UserRow

    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{loaded.path}")
    with engine.begin() as conn:
        candidates = conn.execute(
            select(ActionRow.id, ActionRow.team_id, ActionRow.number, ActionRow.created_at)
            .where(
                ActionRow.status == "open",
                ActionRow.created_at <= first - timedelta(days=MIN_AGE_DAYS),
            )
            .order_by(ActionRow.id)
        ).all()
        picked = rng.sample(candidates, min(n, len(candidates)))
        step = (last - first) / max(len(picked) - 1, 1)
        owners: dict[int, list[tuple[int, int | None, int | None]]] = {}
        for row in conn.execute(
            select(ActionOwnerRow.action_id, MemberRow.id, MemberRow.user_id, UserRow.telegram_id)
            .join(MemberRow, MemberRow.id == ActionOwnerRow.member_id)
            .outerjoin(UserRow, UserRow.id == MemberRow.user_id)
            .where(ActionOwnerRow.action_id.in_([p.id for p in picked]))
        ):
            owners.setdefault(row[0], []).append((row[1], row[2], row[3]))
        chat_of = {t.id: t.chat_id for t in loaded.teams}
        changes, sent = [], []
        for i, (action_id, team_id, _number, created) in enumerate(picked):
            target = first + i * step
            previous = target - timedelta(days=7)
            age = (previous - created).days
            changes.append(
                {
                    "b_aid": action_id,
                    "b_kind": "asap",
                    "b_text": "ASAP",
                    "b_nudges": max(1, min(3, 1 + (age - 3) // 7)),
                    "b_last_nudge": previous,
                    "b_next_at": target,
                    "b_activity": created,
                }
            )
            key = f"asap:{previous.astimezone(AMS).date().isoformat()}"
            for member_id, user_id, telegram_id in owners[action_id]:
                sent.append(
                    {
                        "team_id": team_id,
                        "action_id": action_id,
                        "recipient_id": member_id,
                        "user_id": user_id,
                        "about": "",
                        "kind": "asap",
                        "dedupe": f"a{action_id}|{key}|{member_id}",
                        "status": "sent",
                        "due_at": previous,
                        "next_attempt_at": previous,
                        "attempts": 1,
                        "late": False,
                        "chat_id": telegram_id or chat_of[team_id],
                        "message_id": action_id,
                        "created_at": previous,
                        "sent_at": previous,
                        "error": "",
                    }
                )
        conn.execute(
            update(ActionRow)
            .where(ActionRow.id == bindparam("b_aid"))
            .values(
                deadline_kind=bindparam("b_kind"),
                deadline_text=bindparam("b_text"),
                due_date=None,
                asap_nudges=bindparam("b_nudges"),
                last_asap_nudge_at=bindparam("b_last_nudge"),
                next_remind_at=bindparam("b_next_at"),
                last_activity_at=bindparam("b_activity"),
            ),
            changes,
        )
        conn.execute(insert(ReminderRow), sent)
    engine.dispose()
    return {(team_id, number) for _id, team_id, number, _created in picked}


@dataclass
class DbState:
    sent: int  # reminder rows sent since the run started
    by_status: dict[str, int]
    ready: int  # outbox rows pending whose moment has come
    unplanned: int  # actions whose next reminder moment has come, not planned yet
    messages: int  # reminder messages sent since the run started


class DbWatch:
    """Reads the bot's SQLite file read-only, in short transactions."""

    def __init__(self, path: Path, since: datetime) -> None:
        from sqlalchemy import create_engine

        self.engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        self.since = since

    def read(self) -> DbState:
        from sqlalchemy import func, select

        from storage.models import ActionRow, ReminderRow

        now = datetime.now(UTC)
        r = ReminderRow
        recent = (r.status == "sent", r.sent_at >= self.since)
        with self.engine.connect() as conn:
            by_status: dict[str, int] = {
                s: c for s, c in conn.execute(select(r.status, func.count()).group_by(r.status))
            }
            sent = conn.scalar(select(func.count()).where(*recent)) or 0
            pairs = select(r.chat_id, r.message_id).where(*recent).distinct().subquery()
            messages = conn.scalar(select(func.count()).select_from(pairs)) or 0
            ready = (
                conn.scalar(
                    select(func.count()).where(r.status == "pending", r.next_attempt_at <= now)
                )
                or 0
            )
            unplanned = (
                conn.scalar(select(func.count()).where(ActionRow.next_remind_at <= now)) or 0
            )
        return DbState(sent, by_status, ready, unplanned, messages)

    def close(self) -> None:
        self.engine.dispose()


# --- the stream ----------------------------------------------------------------------------


def soak_mix(teams: list[Team], n: int, now: datetime, seed: int = 26) -> list[Upd]:
    """bench/updates.py's mix (90 %) and `/update N tekst` by an owner (10 %), shuffled."""
    rng = random.Random(seed)
    n_update = round(n * UPDATE_SHARE)
    out = make_mix(teams, n - n_update, now, seed)
    for _ in range(n_update):
        team = rng.choice(teams)
        number, owners = rng.choice(team.open)
        owner = next((p for p in team.people if p.member_id in owners), rng.choice(team.people))
        chat = owner.private if rng.random() < 0.75 else team.group
        out.append(Upd("update", owner, chat, f"/update {number} {rng.choice(PROGRESS)}"))
    rng.shuffle(out)
    return out


def arrivals(n: int, seconds: float, seed: int = 46) -> list[float]:
    """A Poisson stream of `n` moments, scaled to end at `seconds`."""
    rng = random.Random(seed)
    moments = list(itertools.accumulate(rng.expovariate(1.0) for _ in range(n)))
    return [seconds * m / moments[-1] for m in moments]


@dataclass
class Pushed:
    kind: str
    at: float  # time.monotonic() just before the push


@dataclass
class Driver:
    """Pushes updates, reads the fake's call log as it grows, and presses reminder buttons."""

    fake: Any
    people: dict[int, Person]  # by Telegram id
    rng: random.Random
    pushed: list[Pushed] = field(default_factory=list)
    by_query: dict[str, int] = field(default_factory=dict)
    by_message: dict[tuple[int, int], int] = field(default_factory=dict)
    lags: list[float] = field(default_factory=list)  # ms, since the last sample
    all_lags: list[float] = field(default_factory=list)
    presses: list[tuple[float, int, int, str, dict[str, Any]]] = field(default_factory=list)
    press_numbers: Iterator[int] = field(default_factory=itertools.count)
    reacting: bool = True
    private_reminders: int = 0
    generic_errors: int = 0
    scanned: int = 0

    def push(self, upd: Upd) -> None:
        index = len(self.pushed)
        self.pushed.append(Pushed(upd.kind, time.monotonic()))
        if upd.kind == "button":
            query_id = push(self.fake, upd)
            assert query_id is not None
            self.by_query[query_id] = index
            return
        message = self.fake.push_message(upd.chat, upd.person.tg, upd.text)
        if upd.chat["type"] != "private":  # the bot quotes it in its first reply
            self.by_message[(upd.chat["id"], message["message_id"])] = index

    def press_due(self, now: float) -> None:
        while self.presses and self.presses[0][0] <= now:
            _, _, telegram_id, data, message = heapq.heappop(self.presses)
            kind = "later" if data.startswith("a:later:") else "close"
            self.pushed.append(Pushed(f"reminder {kind}", time.monotonic()))
            query_id = self.fake.push_callback(self.people[telegram_id].tg, message, data)
            self.by_query[query_id] = len(self.pushed) - 1

    def waiting(self) -> int:
        """Updates whose first reply is known exactly and has not come yet."""
        return len(self.by_query) + len(self.by_message)

    def next_press(self) -> float:
        return self.presses[0][0] if self.presses else float("inf")

    def scan(self) -> None:
        """Match new reply calls to the updates they answer; notice reminders."""
        end = self.fake.mark()
        calls = self.fake.calls[self.scanned : end]
        self.scanned = end
        for call in calls:
            method = call.method.lower()
            index: int | None = None
            if method == "answercallbackquery":
                index = self.by_query.pop(str(call.params.get("callback_query_id")), None)
                text = str(call.params.get("text") or "")
            elif method == "sendmessage":
                text = str(call.params.get("text") or "")
                quoted = call.params.get("reply_parameters")
                if isinstance(quoted, dict):
                    key = (call.params.get("chat_id"), quoted.get("message_id"))
                    index = self.by_message.pop(key, None)  # type: ignore[arg-type]
                self.notice_reminder(call)
            else:
                continue
            if APOLOGY in text:
                self.generic_errors += 1
            if index is not None:
                lag = (call.time - self.pushed[index].at) * 1000
                self.lags.append(lag)
                self.all_lags.append(lag)

    def notice_reminder(self, call: Any) -> None:
        """A reminder in a private chat: its owner reacts to half of them, a bit later."""
        chat_id = call.params.get("chat_id")
        markup = call.params.get("reply_markup")
        if not call.ok or not isinstance(markup, dict) or chat_id not in self.people:
            return
        data = [b.get("callback_data", "") for row in markup["inline_keyboard"] for b in row]
        later = [d for d in data if d.startswith("a:later:")]
        if not later:
            return
        self.private_reminders += 1
        if not self.reacting or self.rng.random() >= REACT_SHARE:
            return
        close = [d for d in data if d.startswith("a:close:")]
        choice = later[0] if self.rng.random() < LATER_SHARE else close[0]
        at = time.monotonic() + self.rng.uniform(*REACT_DELAY)
        press = (at, next(self.press_numbers), chat_id, choice, call.result)
        heapq.heappush(self.presses, press)


# --- sampling --------------------------------------------------------------------------------


@dataclass
class Row:
    t: float
    rss_mb: float
    pushed: int
    unconfirmed: int
    waiting: int
    lag_p50: float
    lag_max: float
    db: DbState
    cpu: float
    note: str


class Sampler:
    HEAD = (
        f"{'t s':>6} {'RSS MB':>7} {'pushed':>7} {'unconf':>6} {'waiting':>7}"
        f" {'lag p50':>7} {'lag max':>7} {'rem sent':>8} {'pending':>7} {'due':>5} {'cpu %':>5}"
    )

    def __init__(self, bot: BotProcess, driver: Driver, db: DbWatch, t0: float) -> None:
        self.bot, self.driver, self.db, self.t0 = bot, driver, db, t0
        self.rows: list[Row] = []
        self.cpu_mark = (time.monotonic(), bot.cpu_seconds())
        print(self.HEAD)
        print("-" * len(self.HEAD))

    def sample(self, note: str = "") -> Row:
        d = self.driver
        d.scan()
        now, cpu = time.monotonic(), self.bot.cpu_seconds()
        share = float("nan")  # not over less than a second: the clock ticks are 10 ms
        if now - self.cpu_mark[0] >= 1:
            share = 100 * (cpu - self.cpu_mark[1]) / (now - self.cpu_mark[0])
            self.cpu_mark = (now, cpu)
        lags, d.lags = d.lags, []
        row = Row(
            t=now - self.t0,
            rss_mb=self.bot.rss_mb(),
            pushed=len(d.pushed),
            unconfirmed=self.bot.fake.pending_updates,
            waiting=d.waiting(),
            lag_p50=statistics.median(lags) if lags else float("nan"),
            lag_max=max(lags) if lags else float("nan"),
            db=self.db.read(),
            cpu=share,
            note=note,
        )
        self.rows.append(row)
        print(
            f"{row.t:>6.0f} {row.rss_mb:>7.1f} {row.pushed:>7,} {row.unconfirmed:>6}"
            f" {row.waiting:>7} {row.lag_p50:>7.0f}"
            f" {row.lag_max:>7.0f} {row.db.sent:>8,} {row.db.by_status.get('pending', 0):>7}"
            f" {row.db.unplanned:>5} {row.cpu:>5.0f}  {row.note}".rstrip(),
            flush=True,
        )
        return row


# --- the run -----------------------------------------------------------------------------------


def run(
    driver: Driver, sampler: Sampler, updates: list[Upd], moments: list[float], every: float
) -> float:
    """Push `updates` at `moments` (seconds after sampler.t0), sampling every `every` s;
    return the largest delay of a push behind its moment."""
    t0, slip, i = sampler.t0, 0.0, 0
    next_sample = t0 + every
    sampler.sample()
    while i < len(updates):
        now = time.monotonic()
        while i < len(updates) and t0 + moments[i] <= now:
            slip = max(slip, now - t0 - moments[i])
            driver.push(updates[i])
            i += 1
        driver.press_due(now)
        driver.scan()
        if now >= next_sample:
            sampler.sample()
            next_sample += every
        wake = min(t0 + moments[i] if i < len(updates) else now, next_sample)
        time.sleep(max(0.0, min(wake, driver.next_press()) - time.monotonic()))
    return slip


def drain(
    driver: Driver,
    sampler: Sampler,
    who: tuple[dict[str, Any], dict[str, Any]],
    every: float,
    timeout: float,
) -> tuple[bool, float | None]:
    """Stop pushing; wait until every update is handled (first of the pair) and every due
    reminder is sent; the seconds that took (None: not within `timeout`)."""
    driver.reacting = False
    driver.presses.clear()
    start = time.monotonic()
    try:
        barrier(driver.fake, who, timeout)  # every sender's updates handled
    except AssertionError as err:
        print(f"updates not all handled within {timeout:.0f} s: {str(err).splitlines()[0]}")
        return False, None
    next_sample = start + every
    while time.monotonic() - start < timeout:
        driver.scan()
        db = sampler.db.read()
        sending = db.by_status.get("sending", 0)
        if not (driver.fake.pending_updates or db.ready or db.unplanned or sending):
            return True, time.monotonic() - start
        if time.monotonic() >= next_sample:
            sampler.sample()
            next_sample += every
        time.sleep(0.2)
    return True, None


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--minutes", type=float, default=4.0, help="wall time of the stream")
    parser.add_argument("--updates", type=int, default=3_600)
    parser.add_argument("--reminders", type=int, default=150, help="actions due during the run")
    parser.add_argument("--actions", type=int, default=5_000)
    parser.add_argument("--members", type=int, default=120)
    parser.add_argument("--teams", type=int, default=4)
    parser.add_argument("--sample", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--warmup", type=float, help="seconds (default: a quarter of the run)")
    parser.add_argument("--max-growth", type=float, default=10.0, help="percent RSS growth")
    parser.add_argument("--drain-timeout", type=float, default=120.0)
    parser.add_argument("--rtt", type=float, default=0.0, metavar="MS", help="Bot API delay")
    args = parser.parse_args()

    from bot.demo.fake_telegram import FakeTelegram

    started = time.perf_counter()
    seconds = args.minutes * 60
    simulated = args.updates / SIMULATED_RATE
    warmup = args.warmup if args.warmup is not None else seconds / 4
    print(
        f"soak: {simulated / 60:.0f} simulated minutes in {args.minutes:g} min"
        f" (x{simulated / seconds:.0f}): {args.updates:,} updates"
        f" ({args.updates / seconds:.1f}/s, Poisson) and {args.reminders} reminder actions due"
        f" over the run; {args.teams} teams, {args.members} members, {args.actions:,} actions;"
        f" reminders tick 1 s, window always open; {os.cpu_count()} CPUs,"
        f" Python {sys.version.split()[0]}",
        flush=True,
    )
    with (
        tempfile.TemporaryDirectory(prefix="otbot-soak-") as tmp,
        FakeTelegram(token=TOKEN) as fake,
    ):
        folder = Path(tmp)
        fake.answer_delay = args.rtt / 1000
        teams = make_teams(args.members, args.teams)
        who = setup_fake(fake, teams)
        now = datetime.now(UTC)
        loaded = build_db(folder, args.actions, teams, now)
        first = datetime.now(UTC) + timedelta(seconds=STARTUP_ALLOWANCE)
        span = timedelta(seconds=max(seconds - 10, 1))
        due = add_due_reminders(loaded, args.reminders, first, first + span)
        r = loaded.rows
        print(
            f"database: built in {loaded.seconds:.1f} s ({r['open']:,} open, {r['owners']:,}"
            f" owners, {r['events']:,} events); {len(due)} ASAP actions due from about +0 s"
            f" to +{span.total_seconds():.0f} s",
            flush=True,
        )
        # The stream leaves the reminder actions alone: their owners react to the reminders.
        stream_teams = [
            replace(t, open=[a for a in t.open if (t.id, a[0]) not in due]) for t in loaded.teams
        ]
        updates = soak_mix(stream_teams, args.updates, now)
        moments = arrivals(len(updates), seconds)

        bot = BotProcess(
            fake,
            folder,
            "soak",
            bare=False,
            db_url=f"sqlite:///{loaded.path}",
            teams=loaded.teams,
            config_extra=REMINDERS_CONFIG,
        )
        db = DbWatch(loaded.path, datetime.now(UTC))
        exit_code: int | None = None
        try:
            _, polled = bot.wait_ready()
            print(
                f"bot: first getUpdates {polled:.0f} ms after spawning, RSS {bot.rss_mb():.1f}"
                " MB\n",
                flush=True,
            )
            people = {p.telegram_id: p for t in teams for p in t.people}
            driver = Driver(fake, people, random.Random(56), scanned=fake.mark())
            sampler = Sampler(bot, driver, db, time.monotonic())
            slip = run(driver, sampler, updates, moments, args.sample)
            pushed_for = sampler.sample("stream ends").t
            settled, drained = drain(driver, sampler, who, args.sample, args.drain_timeout)
            final = sampler.sample("drained" if drained is not None else "NOT drained")
            peak = bot.peak_rss_mb()
        finally:
            bot.stop()
            exit_code = bot.proc.returncode
            db.close()
        errors, warnings = bot.problems()
        fake.assert_no_unknown_calls()
        state = final.db
        print()
        print(
            f"pushed {len(driver.pushed):,} updates in {pushed_for:.0f} s"
            f" (largest delay behind schedule {slip * 1000:.0f} ms): "
            + ", ".join(
                f"{k} {v}" for k, v in sorted(Counter(p.kind for p in driver.pushed).items())
            )
        )
        n_lags = len(driver.all_lags)
        print(
            f"lag (push to first reply) of the {n_lags:,} updates whose reply is known:"
            f" p50 {pct(driver.all_lags, 0.5):.0f} ms, p99 {pct(driver.all_lags, 0.99):.0f} ms,"
            f" max {max(driver.all_lags, default=float('nan')):.0f} ms; group commands and"
            f" buttons whose first reply was not recognised:"
            f" {len(driver.by_message) + len(driver.by_query)}"
        )
        print(
            f"reminders: {state.sent:,} rows sent in {state.messages:,} messages"
            f" ({driver.private_reminders:,} private ones seen by the fake); outbox now: "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(state.by_status.items()))
        )
        verdict = judge(
            sampler.rows,
            warmup,
            peak,
            args.max_growth,
            settled,
            drained,
            exit_code,
            errors,
            warnings,
            driver.generic_errors,
            state,
        )
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0 if verdict else 1


def judge(
    rows: list[Row],
    warmup: float,
    peak: float,
    max_growth: float,
    settled: bool,
    drained: float | None,
    exit_code: int | None,
    errors: list[str],
    warnings: list[str],
    generic_errors: int,
    state: DbState,
) -> bool:
    """Print the verdict; True when everything passed.

    Memory is judged over the stream (`rows` up to its end): the drain's settle presses, one
    per sender at once, are a burst the stream never has; the RSS after it is shown too.
    """
    stream = rows[: next(i for i, r in enumerate(rows) if r.note == "stream ends") + 1]
    after = [r for r in stream if r.t >= warmup] or stream[-1:]
    first, last = after[0], stream[-1]
    top = max(after, key=lambda r: r.rss_mb)
    growth = last.rss_mb - first.rss_mb
    growth_pct = 100 * growth / first.rss_mb
    # The trend over every sample after the warm-up, against the work done (least squares).
    trend = float("nan")
    if len({r.pushed for r in after}) > 1:
        fit = statistics.linear_regression([r.pushed for r in after], [r.rss_mb for r in after])
        trend = fit.slope * 1024 * 1000
    memory_ok = growth_pct < max_growth
    queue_ok = drained is not None
    exit_ok = exit_code == 0
    log_ok = not errors and not generic_errors
    failed = state.by_status.get("failed", 0) + state.by_status.get("uncertain", 0)
    end = rows[-1]
    print("\nverdict")
    print(
        f"  memory: RSS {first.rss_mb:.1f} MB at {first.t:.0f} s (first sample after the"
        f" {warmup:.0f} s warm-up), {last.rss_mb:.1f} MB at the end of the stream, max"
        f" {top.rss_mb:.1f} MB at {top.t:.0f} s (high-water mark {peak:.1f} MB); growth"
        f" {growth:+.1f} MB"
        f" ({growth_pct:+.1f} %; trend {trend:+.0f} KB per 1,000 updates)"
        f" -> {'PASS' if memory_ok else 'FAIL'} (flat: under {max_growth:g} %)"
    )
    print(f"          after the drain (settling every sender at once): {rows[-1].rss_mb:.1f} MB")
    how = f"drained {drained:.1f} s after the stream ended" if queue_ok else "did NOT drain"
    print(
        f"  queue: {end.pushed:,} updates pushed, {'all' if settled else 'NOT all'} handled"
        f" ({end.unconfirmed} unconfirmed, {end.waiting} known replies missing); reminders"
        f" {state.sent:,} sent, {state.by_status.get('pending', 0)} pending ({state.ready} due),"
        f" {failed} failed or uncertain, {state.unplanned} actions due unplanned; {how}"
        f" -> {'PASS' if queue_ok else 'FAIL'}"
    )
    print(
        f"  bot log: {len(errors)} ERROR/Traceback lines, {len(warnings)} warnings;"
        f" {generic_errors} generic apologies sent -> {'PASS' if log_ok else 'FAIL'}"
    )
    for line in errors[:10]:
        print("    " + line)
    for line in warnings[:5]:
        print("    " + line)
    print(f"  SIGTERM: exit status {exit_code} -> {'PASS' if exit_ok else 'FAIL'}")
    ok = memory_ok and queue_ok and log_ok and exit_ok
    print(f"  overall: {'PASS' if ok else 'FAIL'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
