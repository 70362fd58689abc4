"""The reminder policy: which reminder an action gets next, and when (issue 3).

Pure: no clock, no I/O. Every moment going in must be an aware datetime (any time zone; a naive
one raises ValueError) and every moment coming out is aware UTC. Local moments ("09:00 on the
due day") are built as wall-clock times in `ReminderSettings.tz` with zoneinfo and only then
converted to UTC, so they stay right across both DST changes.

The caller asks `next_reminder` for one action, sends it (or folds it into the digest when
`is_stale`), records `Planned.key` in the action's sent keys, updates the ASAP counters, and
asks again. The key is meant as a database unique key, so a reminder goes out at most once.

Decisions:

- Working days are `working_days` minus `holidays`. `add_working_days(d, n)` counts from the
  day after d (before d when n < 0), so d itself never counts; n == 0 returns d when it is a
  working day, else the next working day.
- The send window is [window_start, window_end) local time on working days. Everything
  planned lies inside it: what would fall outside waits for the next window.
- ASAP: the first nudge opens the window `asap_first_working_days` working days after the
  last sign of life (the later of opened_at and last_activity_at); later nudges come
  `asap_repeat_days` calendar days after the previous nudge was actually sent, at the same
  local wall-clock time (so 09:00 stays 09:00 across DST), moved into the window. After
  `asap_escalate_after` nudges without activity the secretary gets one ASAP_STUCK reminder a
  repeat period after the last nudge, and then nothing until the caller reports activity
  (a count of 0). ASAP keys are "asap:<local date>" and "stuck:<local date>" of the planned
  moment before any snooze, so a snooze never changes a key. A nudge key that is already in
  sent_keys while the counters do not show it (folded into a digest, or recorded just before
  a crash) counts as a nudge given at its planned moment: nothing is sent twice and the cycle
  still reaches the secretary.
- DATE: three stages, keyed by the due date ("date_before:2027-04-30", "date_due:...",
  "date_overdue:..."), so the keys survive a change of holidays or of `date_days_before`,
  and a changed deadline gets fresh reminders. DATE_BEFORE and DATE_DUE fall on the window
  of the last working day on or before their day ("due Saturday" reminds on Friday morning:
  a reminder after the deadline is no reminder); DATE_OVERDUE on the first working day after
  the due day. A stage planned at or before opened_at is skipped: it was out of date when the
  action was created (created 2 days before its due date: no "7 days before"). Only
  DATE_OVERDUE survives that: an action created already overdue is told so once, at the
  first window from opened_at. A stage whose key is in sent_keys, and every stage before it,
  is done: an earlier stage is never sent after a later one. Stages that land on the same
  moment (after a snooze, or holidays that cover the week before the due day) collapse into
  the latest of them.
- MEETING: MEETING_UPDATE ("meeting_update:<meeting day>") opens the window
  `meeting_update_working_days` working days before the meeting. When the action is created
  after that moment, the request goes out at the first window from opened_at instead. It is
  only ever sent before the meeting day: when creation or a snooze pushes it onto or past the
  meeting day there is nothing to send (the group ping of the day before covers it).
  "volgend OT" (no date) gets no reminder until it has a date.
- ONGOING and NONE: no deadline reminders (they appear in digests only).
- Snooze moves a reminder planned before snoozed_until to the first window from
  snoozed_until; kind and key stay. It applies to every reminder of the action, including
  the secretary's ASAP_STUCK: an owner who pressed "Later" is not reported stuck meanwhile.
- Callers should pass sent_keys of the current occurrence only (since the last reopen) if a
  reopened action is to be reminded afresh, and may pass the moment a deadline was changed
  as opened_at for DATE and MEETING so stages that were past at the change are skipped.
- Catch-up: a reminder more than `catch_up_days` late (strictly) is stale and belongs in the
  next digest. The weekly digest opens the window on `digest_weekday` of the ISO week, or on
  the next working day of that week; when the rest of the week has no working day, on the
  first working day after it. The group ping before an OT opens the window of the last
  working day before the meeting day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.model import DeadlineKind

__all__ = [
    "ActionFacts",
    "Planned",
    "ReminderKind",
    "ReminderSettings",
    "add_working_days",
    "digest_at",
    "group_ping_at",
    "in_window",
    "is_stale",
    "is_working_day",
    "late_by",
    "next_reminder",
    "next_window",
    "snooze_until",
    "window_open_on",
]

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class ReminderSettings:
    """The `[reminders]` configuration; the defaults are those of issue 3."""

    asap_first_working_days: int = 3  # first ASAP nudge after 3 working days open
    asap_repeat_days: int = 7  # then weekly
    asap_escalate_after: int = 4  # after 4 nudges without activity: tell the secretary instead
    date_days_before: int = 7  # dated: 7 days before, on the due morning, once overdue
    meeting_update_working_days: int = 3  # meeting: ask owners 3 working days before the OT
    snooze_working_days: int = 2  # "Later" button
    catch_up_days: int = 3  # missed while down: sent late within this, else folded into digest
    digest_weekday: int = 0  # Monday
    window_start: time = time(9, 0)
    window_end: time = time(17, 30)
    working_days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    holidays: frozenset[date] = frozenset()
    tz: ZoneInfo = ZoneInfo("Europe/Amsterdam")

    def __post_init__(self) -> None:
        # Refuse settings under which the policy would loop forever or never send anything.
        if not self.working_days or not self.working_days <= frozenset(range(7)):
            raise ValueError("working_days must hold at least one weekday, 0 (Monday) to 6")
        if self.window_start.tzinfo is not None or self.window_end.tzinfo is not None:
            raise ValueError("window_start and window_end are local times without tzinfo")
        if not self.window_start < self.window_end:
            raise ValueError("window_start must come before window_end")
        for name in (
            "asap_first_working_days",
            "asap_repeat_days",
            "asap_escalate_after",
            "date_days_before",
            "meeting_update_working_days",
            "snooze_working_days",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.catch_up_days < 0:
            raise ValueError("catch_up_days must not be negative")
        if not 0 <= self.digest_weekday <= 6:
            raise ValueError("digest_weekday must be 0 (Monday) to 6")


class ReminderKind(StrEnum):
    """What a reminder is about."""

    ASAP = "asap"
    ASAP_STUCK = "asap_stuck"  # to the secretary: "loopt vast"
    DATE_BEFORE = "date_before"
    DATE_DUE = "date_due"
    DATE_OVERDUE = "date_overdue"
    MEETING_UPDATE = "meeting_update"


@dataclass(frozen=True)
class ActionFacts:
    """What the policy needs to know about one open action."""

    deadline_kind: DeadlineKind
    due: date | None  # DATE: the due day; MEETING: the meeting day (None = "volgend OT")
    opened_at: datetime  # aware: when the action was added (or last reopened)
    last_activity_at: datetime  # aware: latest of added/claim/update/reopen
    sent_keys: frozenset[str] = frozenset()  # keys already sent, folded or skipped
    asap_nudges_since_activity: int = 0  # ASAP nudges sent after last_activity_at
    last_asap_nudge_at: datetime | None = None
    snoozed_until: datetime | None = None

    def __post_init__(self) -> None:
        for moment in (
            self.opened_at,
            self.last_activity_at,
            self.last_asap_nudge_at,
            self.snoozed_until,
        ):
            if moment is not None:
                _utc(moment)  # raises for a naive datetime
        if self.asap_nudges_since_activity < 0:
            raise ValueError("asap_nudges_since_activity must not be negative")
        if self.asap_nudges_since_activity and self.last_asap_nudge_at is None:
            raise ValueError("ASAP nudges were sent, so last_asap_nudge_at is required")


@dataclass(frozen=True)
class Planned:
    """The next reminder of an action: what, its exactly-once key, and when (aware UTC)."""

    kind: ReminderKind
    key: str
    at: datetime
    to_secretary: bool = False


def is_working_day(d: date, s: ReminderSettings) -> bool:
    """Return True when d is a working weekday and not a holiday."""
    return d.weekday() in s.working_days and d not in s.holidays


def add_working_days(d: date, n: int, s: ReminderSettings) -> date:
    """Return the day n working days after d (before d when n < 0); n == 0: d or the next one.

    d itself never counts: 3 working days after Thursday is Tuesday. With n == 0 the result is
    d when d is a working day, else the first working day after it.
    """
    if n == 0:
        while not is_working_day(d, s):
            d += _DAY
        return d
    step = _DAY if n > 0 else -_DAY
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d, s):
            remaining -= 1
    return d


def in_window(moment: datetime, s: ReminderSettings) -> bool:
    """Return True when moment is on a working day within the local send window."""
    local = _local(moment, s)
    return is_working_day(local.date(), s) and s.window_start <= local.time() < s.window_end


def next_window(moment: datetime, s: ReminderSettings) -> datetime:
    """Return moment (as UTC) when it is in the send window, else the next window start."""
    local = _local(moment, s)
    if is_working_day(local.date(), s):
        if s.window_start <= local.time() < s.window_end:
            return _utc(moment)
        if local.time() < s.window_start:
            return _window_start(local.date(), s)
    return window_open_on(local.date() + _DAY, s)


def window_open_on(d: date, s: ReminderSettings) -> datetime:
    """Return the window start on d, or on the first working day after d (aware UTC)."""
    return _window_start(add_working_days(d, 0, s), s)


def snooze_until(now: datetime, s: ReminderSettings) -> datetime:
    """Return when a reminder snoozed ("Later") at now comes back: a window start, in UTC."""
    today = _local(now, s).date()
    return window_open_on(add_working_days(today, s.snooze_working_days, s), s)


def is_stale(p: Planned, now: datetime, s: ReminderSettings) -> bool:
    """Return True when p is too late to send and belongs in the next digest instead."""
    return _utc(now) - p.at > timedelta(days=s.catch_up_days)


def late_by(p: Planned, now: datetime) -> timedelta:
    """Return how late p is at now; zero when it is not due yet."""
    return max(_utc(now) - p.at, timedelta(0))


def group_ping_at(meeting_day: date, s: ReminderSettings) -> datetime:
    """Return the window start of the last working day before meeting_day (aware UTC)."""
    return _window_start(add_working_days(meeting_day, -1, s), s)


def digest_at(any_day: date, s: ReminderSettings) -> datetime:
    """Return the window start of the weekly digest of any_day's ISO week (aware UTC)."""
    monday = any_day - timedelta(days=any_day.weekday())
    day = monday + timedelta(days=s.digest_weekday)
    sunday = monday + timedelta(days=6)
    while day <= sunday:
        if is_working_day(day, s):
            return _window_start(day, s)
        day += _DAY
    # No working day left in that week (a digest day off and holidays after it): the digest
    # still goes out, on the first working day after the week.
    return window_open_on(sunday + _DAY, s)


def next_moment(
    now: datetime,
    s: ReminderSettings,
    *,
    action_moments: Iterable[datetime] = (),
    pending_attempts: Iterable[datetime] = (),
    meeting_days: Iterable[date] = (),
    digest_wanted: bool = False,
) -> datetime | None:
    """Return the first moment after now at which the scheduler has something to send.

    `action_moments` are the actions' next reminder times, `pending_attempts` the times of
    outbox rows still waiting, `meeting_days` the coming OTs (a ping the working day before).
    Each counts from the first send window at or after it, as the scheduler sends only then.
    """
    now = _utc(now)
    candidates = [next_window(m, s) for m in (*action_moments, *pending_attempts)]
    candidates += [group_ping_at(day, s) for day in meeting_days]
    if digest_wanted:
        today = _local(now, s).date()
        candidates += [digest_at(today, s), digest_at(today + timedelta(days=7), s)]
    later = [moment for moment in candidates if moment > now]
    return min(later, default=None)


def next_reminder(f: ActionFacts, s: ReminderSettings) -> Planned | None:
    """Return the earliest reminder this action still has to get, or None."""
    if f.deadline_kind is DeadlineKind.ASAP:
        return _next_asap(f, s)
    if f.deadline_kind is DeadlineKind.DATE:
        return _next_date(f, s)
    if f.deadline_kind is DeadlineKind.MEETING:
        return _next_meeting(f, s)
    return None  # ONGOING and NONE: digests only


def _next_asap(f: ActionFacts, s: ReminderSettings) -> Planned | None:
    count = f.asap_nudges_since_activity
    last = f.last_asap_nudge_at
    # Each pass either returns or counts one more nudge, so this ends by the escalation.
    while True:
        if count >= s.asap_escalate_after and last is not None:
            at = _days_later(last, s.asap_repeat_days, s)
            key = f"stuck:{_local(at, s).date().isoformat()}"
            if key in f.sent_keys:
                return None  # the secretary knows; only new activity restarts the cycle
            return Planned(ReminderKind.ASAP_STUCK, key, _snoozed(at, f, s), to_secretary=True)
        if count == 0 or last is None:
            sign_of_life = max(_utc(f.opened_at), _utc(f.last_activity_at))
            first_day = add_working_days(
                _local(sign_of_life, s).date(), s.asap_first_working_days, s
            )
            at = window_open_on(first_day, s)
        else:
            at = _days_later(last, s.asap_repeat_days, s)
        key = f"asap:{_local(at, s).date().isoformat()}"
        if key not in f.sent_keys:
            return Planned(ReminderKind.ASAP, key, _snoozed(at, f, s))
        count, last = count + 1, at


def _next_date(f: ActionFacts, s: ReminderSettings) -> Planned | None:
    if f.due is None:
        return None
    due = f.due
    stages = [
        (
            ReminderKind.DATE_BEFORE,
            _window_on_or_before(due - timedelta(days=s.date_days_before), s),
        ),
        (ReminderKind.DATE_DUE, _window_on_or_before(due, s)),
        (ReminderKind.DATE_OVERDUE, window_open_on(due + _DAY, s)),
    ]
    keys = [f"{kind.value}:{due.isoformat()}" for kind, _ in stages]
    done = [index for index, key in enumerate(keys) if key in f.sent_keys]
    start = done[-1] + 1 if done else 0

    opened = _utc(f.opened_at)
    candidates: list[Planned] = []
    for (kind, at), key in list(zip(stages, keys, strict=True))[start:]:
        if at <= opened:
            if kind is not ReminderKind.DATE_OVERDUE:
                continue  # already out of date when the action was created
            at = next_window(opened, s)
        candidates.append(Planned(kind, key, _snoozed(at, f, s)))
    if not candidates:
        return None
    # Stage times never decrease, so the stages on the first moment are a prefix: send only
    # the latest of them ("due today" says more than "due in a week").
    first = candidates[0].at
    return [c for c in candidates if c.at <= first][-1]


def _next_meeting(f: ActionFacts, s: ReminderSettings) -> Planned | None:
    if f.due is None:
        return None  # "volgend OT": no date, so nothing to count back from yet
    key = f"{ReminderKind.MEETING_UPDATE.value}:{f.due.isoformat()}"
    if key in f.sent_keys:
        return None
    at = window_open_on(add_working_days(f.due, -s.meeting_update_working_days, s), s)
    opened = _utc(f.opened_at)
    if at <= opened:
        at = next_window(opened, s)  # added shortly before the meeting: ask at once
    at = _snoozed(at, f, s)
    if _local(at, s).date() >= f.due:
        return None  # a request for an update after the meeting has started is noise
    return Planned(ReminderKind.MEETING_UPDATE, key, at)


def _snoozed(at: datetime, f: ActionFacts, s: ReminderSettings) -> datetime:
    if f.snoozed_until is not None and at < _utc(f.snoozed_until):
        return next_window(f.snoozed_until, s)
    return at


def _days_later(moment: datetime, days: int, s: ReminderSettings) -> datetime:
    # Arithmetic on a zoneinfo datetime is wall-clock arithmetic: 09:00 a week later stays
    # 09:00 local across a DST change, where adding to the UTC moment would drift an hour.
    return next_window(_local(moment, s) + timedelta(days=days), s)


def _window_on_or_before(d: date, s: ReminderSettings) -> datetime:
    while not is_working_day(d, s):
        d -= _DAY
    return _window_start(d, s)


def _window_start(d: date, s: ReminderSettings) -> datetime:
    # Build the local wall-clock time first, then convert: the UTC hour differs per season.
    return datetime.combine(d, s.window_start, tzinfo=s.tz).astimezone(UTC)


def _local(moment: datetime, s: ReminderSettings) -> datetime:
    return _utc(moment).astimezone(s.tz)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"an aware datetime is required, got {moment!r}")
    return moment.astimezone(UTC)
