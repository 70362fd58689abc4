"""The reminder policy over a frozen clock: window, working days, DST, every kind, snooze."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from domain.model import DeadlineKind
from domain.reminders import (
    ActionFacts,
    Planned,
    ReminderKind,
    ReminderSettings,
    add_working_days,
    digest_at,
    group_ping_at,
    in_window,
    is_stale,
    is_working_day,
    late_by,
    next_reminder,
    next_window,
    snooze_until,
    window_open_on,
)

AMS = ZoneInfo("Europe/Amsterdam")
ASAP = ReminderKind.ASAP
STUCK = ReminderKind.ASAP_STUCK
BEFORE = ReminderKind.DATE_BEFORE
DUE = ReminderKind.DATE_DUE
OVERDUE = ReminderKind.DATE_OVERDUE
UPDATE = ReminderKind.MEETING_UPDATE

# Dutch public holidays of 2027 that fall on working days.
NL_2027 = frozenset(
    {
        date(2027, 1, 1),  # Nieuwjaarsdag
        date(2027, 3, 29),  # Tweede Paasdag (Easter Sunday is the DST Sunday, 28 March)
        date(2027, 4, 27),  # Koningsdag, a Tuesday
        date(2027, 5, 6),  # Hemelvaartsdag
        date(2027, 5, 17),  # Tweede Pinksterdag
    }
)
S = ReminderSettings()
NL = ReminderSettings(holidays=NL_2027)


def ams(y: int, m: int, d: int, h: int = 0, mi: int = 0, sec: int = 0) -> datetime:
    """Return an aware Amsterdam wall-clock moment."""
    return datetime(y, m, d, h, mi, sec, tzinfo=AMS)


def utc(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    """Return an aware UTC moment."""
    return datetime(y, m, d, h, mi, tzinfo=UTC)


# The seed's OT: Thursday 18 March 2027, the list written at 16:00.
SEED_WRITTEN = ams(2027, 3, 18, 16)


def facts(kind: DeadlineKind, due: date | None = None, **changes: Any) -> ActionFacts:
    """Return facts of an action added at the seed's OT, with changes."""
    base = ActionFacts(kind, due, opened_at=SEED_WRITTEN, last_activity_at=SEED_WRITTEN)
    return replace(base, **changes)


def assert_planned(found: Planned | None, kind: ReminderKind, key: str, at: datetime) -> None:
    """Assert kind, key and exact UTC moment of a planned reminder."""
    assert found is not None
    assert (found.kind, found.key, found.at) == (kind, key, at)
    assert found.at.tzinfo is UTC
    assert found.to_secretary is (kind is STUCK)


# --- working days -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "settings", "expected"),
    [
        (date(2027, 3, 18), S, True),  # Thursday
        (date(2027, 3, 20), S, False),  # Saturday
        (date(2027, 3, 21), S, False),  # Sunday
        (date(2027, 4, 27), S, True),  # Koningsdag, without holidays configured
        (date(2027, 4, 27), NL, False),
        (date(2027, 5, 6), NL, False),  # Hemelvaart
        (date(2027, 5, 7), NL, True),
        (date(2027, 3, 20), ReminderSettings(working_days=frozenset({5})), True),
    ],
)
def test_is_working_day(day: date, settings: ReminderSettings, expected: bool) -> None:
    assert is_working_day(day, settings) is expected


@pytest.mark.parametrize(
    ("day", "n", "settings", "expected"),
    [
        (date(2027, 3, 18), 3, S, date(2027, 3, 23)),  # Thu +3: Fri, Mon, Tue
        (date(2027, 3, 18), 1, S, date(2027, 3, 19)),
        (date(2027, 3, 19), 1, S, date(2027, 3, 22)),  # Fri +1: Monday
        (date(2027, 3, 20), 1, S, date(2027, 3, 22)),  # Sat +1: Monday
        (date(2027, 3, 26), 1, NL, date(2027, 3, 30)),  # over Tweede Paasdag
        (date(2027, 4, 23), 3, NL, date(2027, 4, 29)),  # over Koningsdag
        (date(2027, 5, 5), 1, NL, date(2027, 5, 7)),  # over Hemelvaart
        (date(2027, 3, 18), 0, S, date(2027, 3, 18)),  # 0 on a working day: that day
        (date(2027, 3, 20), 0, S, date(2027, 3, 22)),  # 0 on Saturday: the next working day
        (date(2027, 4, 27), 0, NL, date(2027, 4, 28)),  # 0 on a holiday: the next one
        (date(2027, 4, 22), -3, S, date(2027, 4, 19)),  # Thu -3: Monday
        (date(2027, 4, 24), -3, S, date(2027, 4, 21)),  # Sat -3: Fri, Thu, Wed
        (date(2027, 4, 29), -3, NL, date(2027, 4, 23)),  # Thu -3 over Koningsdag: Friday
        (date(2027, 4, 26), -1, S, date(2027, 4, 23)),  # Mon -1: Friday
        (date(2027, 5, 7), -1, NL, date(2027, 5, 5)),  # Fri -1 over Hemelvaart
    ],
)
def test_add_working_days(day: date, n: int, settings: ReminderSettings, expected: date) -> None:
    assert add_working_days(day, n, settings) == expected


# --- the send window ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "settings", "expected"),
    [
        (ams(2027, 4, 20, 8, 59, 59), S, False),
        (ams(2027, 4, 20, 9), S, True),  # start included
        (ams(2027, 4, 20, 17, 29, 59), S, True),
        (ams(2027, 4, 20, 17, 30), S, False),  # end excluded
        (ams(2027, 4, 24, 12), S, False),  # Saturday
        (ams(2027, 4, 27, 12), S, True),
        (ams(2027, 4, 27, 12), NL, False),  # Koningsdag
        # Any time zone in: 07:00 UTC is 09:00 in summer, 08:00 in winter.
        (utc(2027, 4, 20, 7), S, True),
        (utc(2027, 4, 20, 6, 59), S, False),
        (utc(2027, 4, 20, 15, 29), S, True),
        (utc(2027, 4, 20, 15, 30), S, False),
        (utc(2027, 3, 23, 7, 59), S, False),
        (utc(2027, 3, 23, 8), S, True),
        (utc(2027, 3, 23, 16, 29), S, True),
        (utc(2027, 3, 23, 16, 30), S, False),
        (datetime(2027, 4, 20, 9, tzinfo=ZoneInfo("America/New_York")), S, True),  # 15:00
        (ams(2027, 4, 20, 8), ReminderSettings(window_start=time(8)), True),
    ],
)
def test_in_window(moment: datetime, settings: ReminderSettings, expected: bool) -> None:
    assert in_window(moment, settings) is expected


@pytest.mark.parametrize(
    ("moment", "settings", "expected"),
    [
        (ams(2027, 4, 20, 8, 59), S, utc(2027, 4, 20, 7)),  # 08:59 → 09:00 the same day
        (ams(2027, 4, 20, 0, 0), S, utc(2027, 4, 20, 7)),
        (ams(2027, 4, 20, 9), S, utc(2027, 4, 20, 7)),  # in the window: itself
        (ams(2027, 4, 20, 13, 17), S, utc(2027, 4, 20, 11, 17)),
        (ams(2027, 4, 20, 17, 30), S, utc(2027, 4, 21, 7)),  # 17:30 → next day 09:00
        (ams(2027, 4, 20, 23, 59), S, utc(2027, 4, 21, 7)),
        (ams(2027, 4, 23, 18), S, utc(2027, 4, 26, 7)),  # Friday 18:00 → Monday 09:00
        (ams(2027, 4, 24, 11), S, utc(2027, 4, 26, 7)),  # Saturday → Monday
        (ams(2027, 4, 25, 11), S, utc(2027, 4, 26, 7)),  # Sunday → Monday
        (ams(2027, 4, 26, 17, 45), S, utc(2027, 4, 27, 7)),
        (ams(2027, 4, 26, 17, 45), NL, utc(2027, 4, 28, 7)),  # over Koningsdag
        (ams(2027, 4, 27, 10), NL, utc(2027, 4, 28, 7)),  # on Koningsdag
        (ams(2027, 5, 5, 18), NL, utc(2027, 5, 7, 7)),  # over Hemelvaart
        # Spring DST (28 March 2027): 09:00 is 08:00 UTC before, 07:00 UTC after.
        (ams(2027, 3, 26, 8), S, utc(2027, 3, 26, 8)),
        (ams(2027, 3, 26, 18), S, utc(2027, 3, 29, 7)),
        (ams(2027, 3, 26, 18), NL, utc(2027, 3, 30, 7)),  # and over Tweede Paasdag
        (ams(2027, 3, 28, 2, 30), S, utc(2027, 3, 29, 7)),  # a wall time that does not exist
        # Autumn DST (31 October 2027): 07:00 UTC before, 08:00 UTC after.
        (ams(2027, 10, 29, 8), S, utc(2027, 10, 29, 7)),
        (ams(2027, 10, 29, 18), S, utc(2027, 11, 1, 8)),
        (datetime(2027, 10, 31, 2, 30, tzinfo=AMS, fold=1), S, utc(2027, 11, 1, 8)),
        # Input in UTC: Friday 17:00 UTC is 18:00 local in winter.
        (utc(2027, 3, 26, 17), S, utc(2027, 3, 29, 7)),
        (utc(2027, 3, 26, 16, 29), S, utc(2027, 3, 26, 16, 29)),
    ],
)
def test_next_window(moment: datetime, settings: ReminderSettings, expected: datetime) -> None:
    found = next_window(moment, settings)
    assert found == expected
    assert found.tzinfo is UTC


def test_next_window_all_of_2027() -> None:
    # Every quarter of an hour of 2027 (the window starts on the quarter): the answer is the
    # first in-window quarter from that moment on, found by walking the year backwards.
    step = timedelta(minutes=15)
    moments = [utc(2026, 12, 31) + i * step for i in range(int(timedelta(days=368) / step))]
    first_in_window: datetime | None = None
    for moment in reversed(moments):
        if in_window(moment, NL):
            first_in_window = moment
        if first_in_window is not None:
            assert next_window(moment, NL) == first_in_window, moment


@pytest.mark.parametrize(
    ("day", "settings", "expected"),
    [
        (date(2027, 4, 20), S, utc(2027, 4, 20, 7)),
        (date(2027, 4, 24), S, utc(2027, 4, 26, 7)),  # Saturday → Monday
        (date(2027, 4, 27), NL, utc(2027, 4, 28, 7)),
        (date(2027, 3, 26), S, utc(2027, 3, 26, 8)),  # winter time
        (date(2027, 3, 27), S, utc(2027, 3, 29, 7)),  # summer time
        (date(2027, 11, 1), S, utc(2027, 11, 1, 8)),
    ],
)
def test_window_open_on(day: date, settings: ReminderSettings, expected: datetime) -> None:
    assert window_open_on(day, settings) == expected


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2027, 4, 20, 9)
    with pytest.raises(ValueError, match="aware"):
        in_window(naive, S)
    with pytest.raises(ValueError, match="aware"):
        next_window(naive, S)
    with pytest.raises(ValueError, match="aware"):
        ActionFacts(DeadlineKind.ASAP, None, opened_at=naive, last_activity_at=SEED_WRITTEN)


@pytest.mark.parametrize(
    "changes",
    [
        {"working_days": frozenset()},
        {"working_days": frozenset({7})},
        {"window_start": time(17, 30), "window_end": time(9)},
        {"window_start": time(9, tzinfo=UTC)},
        {"asap_repeat_days": 0},
        {"asap_escalate_after": 0},
        {"snooze_working_days": 0},
        {"catch_up_days": -1},
        {"digest_weekday": 7},
    ],
)
def test_settings_that_cannot_work_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        ReminderSettings(**changes)


# --- kinds without reminders --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        (DeadlineKind.ONGOING, None),
        (DeadlineKind.NONE, None),
        (DeadlineKind.MEETING, None),  # "volgend OT"
        (DeadlineKind.DATE, None),
    ],
)
def test_no_reminders(kind: DeadlineKind, due: date | None) -> None:
    assert next_reminder(facts(kind, due), S) is None


# --- ASAP ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "settings", "key", "at"),
    [
        # Added at the OT (Thursday 16:00): three working days → Tuesday 09:00 (winter time).
        ({}, S, "asap:2027-03-23", utc(2027, 3, 23, 8)),
        # A claim on Friday morning restarts the count from Friday.
        ({"last_activity_at": ams(2027, 3, 19, 10)}, S, "asap:2027-03-24", utc(2027, 3, 24, 8)),
        # Added on Friday evening: Mon, Tue, Wed; the first nudge falls in summer time.
        (
            {"opened_at": ams(2027, 3, 26, 20), "last_activity_at": ams(2027, 3, 26, 20)},
            S,
            "asap:2027-03-31",
            utc(2027, 3, 31, 7),
        ),
        (
            {"opened_at": ams(2027, 3, 26, 20), "last_activity_at": ams(2027, 3, 26, 20)},
            NL,
            "asap:2027-04-01",
            utc(2027, 4, 1, 7),
        ),
        # Reopened later than the last activity: count from the reopen.
        ({"opened_at": ams(2027, 4, 23, 11)}, NL, "asap:2027-04-29", utc(2027, 4, 29, 7)),
        # Second nudge a week after the first was sent, still 09:00 local after DST.
        (
            {
                "asap_nudges_since_activity": 1,
                "last_asap_nudge_at": utc(2027, 3, 23, 8),
                "sent_keys": frozenset({"asap:2027-03-23"}),
            },
            S,
            "asap:2027-03-30",
            utc(2027, 3, 30, 7),
        ),
        # A nudge sent late (catch-up at 14:00) sets the rhythm: a week later, 14:00 local.
        (
            {"asap_nudges_since_activity": 1, "last_asap_nudge_at": ams(2027, 3, 23, 14)},
            S,
            "asap:2027-03-30",
            utc(2027, 3, 30, 12),
        ),
        # A week after a nudge is Koningsdag: the next window.
        (
            {"asap_nudges_since_activity": 2, "last_asap_nudge_at": ams(2027, 4, 20, 9)},
            NL,
            "asap:2027-04-28",
            utc(2027, 4, 28, 7),
        ),
        # A week after a 17:00 nudge in October is 17:00 in winter time, still in the window.
        (
            {"asap_nudges_since_activity": 1, "last_asap_nudge_at": ams(2027, 10, 26, 17)},
            S,
            "asap:2027-11-02",
            utc(2027, 11, 2, 16),
        ),
    ],
)
def test_asap_nudge(
    changes: dict[str, Any], settings: ReminderSettings, key: str, at: datetime
) -> None:
    assert_planned(next_reminder(facts(DeadlineKind.ASAP, **changes), settings), ASAP, key, at)


def test_asap_cycle_escalates_once_then_restarts_after_activity() -> None:
    # Send every reminder at its planned moment, as the scheduler would, and record it.
    f = facts(DeadlineKind.ASAP)
    sent: list[tuple[ReminderKind, str, datetime, bool]] = []
    while (p := next_reminder(f, NL)) is not None and len(sent) < 10:
        sent.append((p.kind, p.key, p.at, p.to_secretary))
        f = replace(f, sent_keys=f.sent_keys | {p.key})
        if p.kind is ASAP:
            f = replace(
                f,
                asap_nudges_since_activity=f.asap_nudges_since_activity + 1,
                last_asap_nudge_at=p.at,
            )
    assert sent == [
        (ASAP, "asap:2027-03-23", utc(2027, 3, 23, 8), False),
        (ASAP, "asap:2027-03-30", utc(2027, 3, 30, 7), False),  # summer time now
        (ASAP, "asap:2027-04-06", utc(2027, 4, 6, 7), False),
        (ASAP, "asap:2027-04-13", utc(2027, 4, 13, 7), False),
        (STUCK, "stuck:2027-04-20", utc(2027, 4, 20, 7), True),
    ]
    assert next_reminder(f, NL) is None  # the secretary decides now

    # An update on Friday 23 April: the count is 0 again and the cycle restarts.
    f = replace(f, last_activity_at=ams(2027, 4, 23, 11), asap_nudges_since_activity=0)
    assert_planned(next_reminder(f, NL), ASAP, "asap:2027-04-29", utc(2027, 4, 29, 7))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Four nudges, the last on 13 April: the secretary a week later.
        (
            {"asap_nudges_since_activity": 4, "last_asap_nudge_at": utc(2027, 4, 13, 7)},
            (STUCK, "stuck:2027-04-20", utc(2027, 4, 20, 7)),
        ),
        (
            {"asap_nudges_since_activity": 6, "last_asap_nudge_at": utc(2027, 4, 13, 7)},
            (STUCK, "stuck:2027-04-20", utc(2027, 4, 20, 7)),
        ),
        # The escalation falls on Koningsdag: the next window.
        (
            {"asap_nudges_since_activity": 4, "last_asap_nudge_at": ams(2027, 4, 20, 9)},
            (STUCK, "stuck:2027-04-28", utc(2027, 4, 28, 7)),
        ),
        (
            {
                "asap_nudges_since_activity": 4,
                "last_asap_nudge_at": utc(2027, 4, 13, 7),
                "sent_keys": frozenset({"stuck:2027-04-20"}),
            },
            None,
        ),
        # Three nudges: a fourth to the owner, not the secretary.
        (
            {"asap_nudges_since_activity": 3, "last_asap_nudge_at": utc(2027, 4, 6, 7)},
            (ASAP, "asap:2027-04-13", utc(2027, 4, 13, 7)),
        ),
    ],
)
def test_asap_escalation(
    changes: dict[str, Any], expected: tuple[ReminderKind, str, datetime] | None
) -> None:
    found = next_reminder(facts(DeadlineKind.ASAP, **changes), NL)
    if expected is None:
        assert found is None
    else:
        assert_planned(found, *expected)


def test_asap_with_other_escalation_settings() -> None:
    settings = ReminderSettings(asap_escalate_after=1, asap_repeat_days=14)
    first = facts(DeadlineKind.ASAP)
    assert_planned(next_reminder(first, settings), ASAP, "asap:2027-03-23", utc(2027, 3, 23, 8))
    after_one = replace(
        first, asap_nudges_since_activity=1, last_asap_nudge_at=utc(2027, 3, 23, 8)
    )
    assert_planned(
        next_reminder(after_one, settings), STUCK, "stuck:2027-04-06", utc(2027, 4, 6, 7)
    )


def test_asap_key_already_recorded_counts_as_a_nudge() -> None:
    # A nudge folded into a digest (or recorded just before a crash) is in sent_keys while the
    # counters do not show it: it is never planned again, and the rhythm goes on from it.
    f = facts(DeadlineKind.ASAP, sent_keys=frozenset({"asap:2027-03-23"}))
    assert_planned(next_reminder(f, S), ASAP, "asap:2027-03-30", utc(2027, 3, 30, 7))
    keys = frozenset({"asap:2027-03-23", "asap:2027-03-30", "asap:2027-04-06", "asap:2027-04-13"})
    f = facts(DeadlineKind.ASAP, sent_keys=keys)
    assert_planned(next_reminder(f, S), STUCK, "stuck:2027-04-20", utc(2027, 4, 20, 7))


# --- DATE ---------------------------------------------------------------------------------

APRIL = date(2027, 4, 30)  # the seed's "April": the last day, a Friday


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (set(), (BEFORE, "date_before:2027-04-30", utc(2027, 4, 23, 7))),
        ({"date_before:2027-04-30"}, (DUE, "date_due:2027-04-30", utc(2027, 4, 30, 7))),
        (
            {"date_before:2027-04-30", "date_due:2027-04-30"},
            (OVERDUE, "date_overdue:2027-04-30", utc(2027, 5, 3, 7)),  # Monday
        ),
        ({"date_before:2027-04-30", "date_due:2027-04-30", "date_overdue:2027-04-30"}, None),
        # A later stage done makes the earlier ones moot: never "in a week" after "today".
        ({"date_due:2027-04-30"}, (OVERDUE, "date_overdue:2027-04-30", utc(2027, 5, 3, 7))),
        ({"date_overdue:2027-04-30"}, None),
        # Keys of another due date (the deadline was moved) do not count.
        ({"date_before:2027-04-16"}, (BEFORE, "date_before:2027-04-30", utc(2027, 4, 23, 7))),
    ],
)
def test_date_seed_april(
    sent: set[str], expected: tuple[ReminderKind, str, datetime] | None
) -> None:
    found = next_reminder(facts(DeadlineKind.DATE, APRIL, sent_keys=frozenset(sent)), NL)
    if expected is None:
        assert found is None
    else:
        assert_planned(found, *expected)


@pytest.mark.parametrize(
    ("due", "opened", "settings", "expected"),
    [
        # Due Saturday 24 April: "7 days before" and "today" on the Friday before; overdue
        # on Monday.
        (date(2027, 4, 24), SEED_WRITTEN, S, (BEFORE, utc(2027, 4, 16, 7))),
        # Due Tuesday 30 March, after Easter and DST: a week before is still winter time.
        (date(2027, 3, 30), SEED_WRITTEN, S, (BEFORE, utc(2027, 3, 23, 8))),
        # Due on Hemelvaart: before on Thursday 29 April, due on the Wednesday before it.
        (date(2027, 5, 6), SEED_WRITTEN, NL, (BEFORE, utc(2027, 4, 29, 7))),
        # Due Tuesday 4 May, a week before is Koningsdag: the Monday before it.
        (date(2027, 5, 4), SEED_WRITTEN, NL, (BEFORE, utc(2027, 4, 26, 7))),
        # Created two days before the due date: no "7 days before".
        (APRIL, ams(2027, 4, 28, 10), NL, (DUE, utc(2027, 4, 30, 7))),
        # Created on the morning of the due day, before the window: "today" still comes.
        (APRIL, ams(2027, 4, 30, 8), NL, (DUE, utc(2027, 4, 30, 7))),
        # Created exactly at 09:00 on the due day: that reminder was already out of date.
        (APRIL, ams(2027, 4, 30, 9), NL, (OVERDUE, utc(2027, 5, 3, 7))),
        (APRIL, ams(2027, 4, 30, 16), NL, (OVERDUE, utc(2027, 5, 3, 7))),
        # Created already overdue: told once, at once when in the window...
        (date(2027, 3, 1), SEED_WRITTEN, NL, (OVERDUE, utc(2027, 3, 18, 15))),
        # ... or at the next window.
        (date(2027, 3, 1), ams(2027, 3, 18, 20), NL, (OVERDUE, utc(2027, 3, 19, 8))),
        (date(2027, 3, 17), ams(2027, 3, 26, 19), NL, (OVERDUE, utc(2027, 3, 30, 7))),
        # Created on Saturday after a Friday deadline: the normal Monday overdue window.
        (APRIL, ams(2027, 5, 1, 12), NL, (OVERDUE, utc(2027, 5, 3, 7))),
    ],
)
def test_date_first_reminder(
    due: date,
    opened: datetime,
    settings: ReminderSettings,
    expected: tuple[ReminderKind, datetime],
) -> None:
    f = facts(DeadlineKind.DATE, due, opened_at=opened, last_activity_at=opened)
    found = next_reminder(f, settings)
    assert found is not None
    assert (found.kind, found.key, found.at) == (
        expected[0],
        f"{expected[0].value}:{due.isoformat()}",
        expected[1],
    )


@pytest.mark.parametrize(
    ("due", "settings", "expected"),
    [
        (
            APRIL,
            NL,
            [
                (BEFORE, utc(2027, 4, 23, 7)),
                (DUE, utc(2027, 4, 30, 7)),
                (OVERDUE, utc(2027, 5, 3, 7)),
            ],
        ),
        (
            date(2027, 4, 24),  # a Saturday
            S,
            [
                (BEFORE, utc(2027, 4, 16, 7)),
                (DUE, utc(2027, 4, 23, 7)),
                (OVERDUE, utc(2027, 4, 26, 7)),
            ],
        ),
        (
            date(2027, 5, 6),  # Hemelvaart
            NL,
            [
                (BEFORE, utc(2027, 4, 29, 7)),
                (DUE, utc(2027, 5, 5, 7)),
                (OVERDUE, utc(2027, 5, 7, 7)),
            ],
        ),
        (
            date(2027, 3, 29),  # Tweede Paasdag, the Monday after the DST change
            NL,
            [
                (BEFORE, utc(2027, 3, 22, 8)),
                (DUE, utc(2027, 3, 26, 8)),
                (OVERDUE, utc(2027, 3, 30, 7)),
            ],
        ),
        (
            date(2027, 11, 1),  # the Monday after the autumn change
            S,
            [
                (BEFORE, utc(2027, 10, 25, 7)),
                (DUE, utc(2027, 11, 1, 8)),
                (OVERDUE, utc(2027, 11, 2, 8)),
            ],
        ),
    ],
)
def test_date_all_stages(
    due: date, settings: ReminderSettings, expected: list[tuple[ReminderKind, datetime]]
) -> None:
    f = facts(DeadlineKind.DATE, due)
    got: list[tuple[ReminderKind, datetime]] = []
    while (p := next_reminder(f, settings)) is not None and len(got) < 5:
        assert in_window(p.at, settings)
        got.append((p.kind, p.at))
        f = replace(f, sent_keys=f.sent_keys | {p.key})
    assert got == expected


def test_date_stages_on_one_day_collapse() -> None:
    # Holidays from the 23rd to the 30th: "a week before" and "today" both fall on Thursday
    # 22 April; only "today" is sent.
    holidays = frozenset(date(2027, 4, 23) + timedelta(days=i) for i in range(8))
    settings = ReminderSettings(holidays=holidays)
    f = facts(DeadlineKind.DATE, APRIL)
    assert_planned(next_reminder(f, settings), DUE, "date_due:2027-04-30", utc(2027, 4, 22, 7))


# --- MEETING ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "settings", "opened", "at"),
    [
        # A Thursday OT: ask on Monday morning, three working days before.
        (date(2027, 4, 22), S, SEED_WRITTEN, utc(2027, 4, 19, 7)),
        # The seed's "OT 24 april" (a Saturday in 2027): Fri, Thu, Wed.
        (date(2027, 4, 24), S, SEED_WRITTEN, utc(2027, 4, 21, 7)),
        # A Thursday OT after Koningsdag: Wed 28, Mon 26, Fri 23.
        (date(2027, 4, 29), NL, SEED_WRITTEN, utc(2027, 4, 23, 7)),
        # The seed's "Ot 28 mei", a Friday.
        (date(2027, 5, 28), NL, SEED_WRITTEN, utc(2027, 5, 25, 7)),
        # A Tuesday OT after Tweede Paasdag: Fri, Thu, Wed before it, in winter time.
        (date(2027, 3, 30), NL, ams(2027, 3, 1, 12), utc(2027, 3, 24, 8)),
        # Added less than three working days before the OT: ask at once...
        (date(2027, 4, 22), S, ams(2027, 4, 20, 16), utc(2027, 4, 20, 14)),
        # ... or at the next window, as long as that is before the meeting day.
        (date(2027, 4, 22), S, ams(2027, 4, 20, 18), utc(2027, 4, 21, 7)),
        (date(2027, 4, 22), S, ams(2027, 4, 19, 9), utc(2027, 4, 19, 7)),
    ],
)
def test_meeting_update(
    meeting: date, settings: ReminderSettings, opened: datetime, at: datetime
) -> None:
    f = facts(DeadlineKind.MEETING, meeting, opened_at=opened, last_activity_at=opened)
    assert_planned(next_reminder(f, settings), UPDATE, f"meeting_update:{meeting}", at)


@pytest.mark.parametrize(
    "changes",
    [
        # Added the evening before: the next window is the meeting day itself.
        {"opened_at": ams(2027, 4, 21, 18)},
        {"opened_at": ams(2027, 4, 22, 8)},
        {"opened_at": ams(2027, 4, 23, 10)},  # after the meeting
        {"sent_keys": frozenset({"meeting_update:2027-04-22"})},
        # Snoozed into the meeting day.
        {"snoozed_until": utc(2027, 4, 22, 7)},
    ],
)
def test_meeting_update_not_sent(changes: dict[str, Any]) -> None:
    assert next_reminder(facts(DeadlineKind.MEETING, date(2027, 4, 22), **changes), S) is None


@pytest.mark.parametrize(
    ("meeting", "settings", "at"),
    [
        (date(2027, 4, 22), S, utc(2027, 4, 21, 7)),  # Thursday OT: Wednesday morning
        (date(2027, 4, 24), S, utc(2027, 4, 23, 7)),  # Saturday OT: Friday morning
        (date(2027, 4, 26), S, utc(2027, 4, 23, 7)),  # Monday OT: Friday morning
        (date(2027, 4, 28), NL, utc(2027, 4, 26, 7)),  # Wednesday after Koningsdag: Monday
        (date(2027, 5, 7), NL, utc(2027, 5, 5, 7)),  # Friday after Hemelvaart: Wednesday
        (date(2027, 3, 30), NL, utc(2027, 3, 26, 8)),  # after Easter: Friday, winter time
        (date(2027, 11, 2), S, utc(2027, 11, 1, 8)),
    ],
)
def test_group_ping_at(meeting: date, settings: ReminderSettings, at: datetime) -> None:
    assert group_ping_at(meeting, settings) == at


# --- snooze -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "settings", "expected"),
    [
        (ams(2027, 4, 20, 10), S, utc(2027, 4, 22, 7)),  # Tuesday → Thursday
        (ams(2027, 4, 22, 10), S, utc(2027, 4, 26, 7)),  # Thursday → over the weekend
        (ams(2027, 4, 23, 16), S, utc(2027, 4, 27, 7)),  # Friday → Tuesday
        (ams(2027, 4, 24, 11), S, utc(2027, 4, 27, 7)),  # Saturday → Tuesday
        (ams(2027, 4, 24, 11), NL, utc(2027, 4, 28, 7)),  # ... Koningsdag does not count
        (ams(2027, 3, 26, 15), S, utc(2027, 3, 30, 7)),  # over the DST weekend
        (ams(2027, 3, 26, 15), NL, utc(2027, 3, 31, 7)),  # ... and Tweede Paasdag
        (utc(2027, 10, 29, 21, 30), S, utc(2027, 11, 2, 8)),  # late Friday, into winter time
    ],
)
def test_snooze_until(now: datetime, settings: ReminderSettings, expected: datetime) -> None:
    assert snooze_until(now, settings) == expected


@pytest.mark.parametrize(
    ("kind", "due", "changes", "expected"),
    [
        # An ASAP nudge snoozed: later, same kind and key.
        (
            DeadlineKind.ASAP,
            None,
            {"snoozed_until": snooze_until(ams(2027, 3, 23, 9, 5), NL)},
            (ASAP, "asap:2027-03-23", utc(2027, 3, 25, 8)),
        ),
        # A snooze that ended before the reminder changes nothing.
        (
            DeadlineKind.ASAP,
            None,
            {"snoozed_until": utc(2027, 3, 22, 8)},
            (ASAP, "asap:2027-03-23", utc(2027, 3, 23, 8)),
        ),
        # A snooze that ends outside the window: the next window.
        (
            DeadlineKind.ASAP,
            None,
            {"snoozed_until": ams(2027, 3, 26, 18)},
            (ASAP, "asap:2027-03-23", utc(2027, 3, 30, 7)),  # after Tweede Paasdag
        ),
        # The secretary's escalation waits for the owner's snooze too.
        (
            DeadlineKind.ASAP,
            None,
            {
                "asap_nudges_since_activity": 4,
                "last_asap_nudge_at": utc(2027, 4, 13, 7),
                "snoozed_until": utc(2027, 4, 22, 7),
            },
            (STUCK, "stuck:2027-04-20", utc(2027, 4, 22, 7)),
        ),
        (
            DeadlineKind.DATE,
            APRIL,
            {"snoozed_until": utc(2027, 4, 26, 7)},
            (BEFORE, "date_before:2027-04-30", utc(2027, 4, 26, 7)),
        ),
        # Snoozed past the due morning: "a week before" is no longer worth sending.
        (
            DeadlineKind.DATE,
            APRIL,
            {"snoozed_until": ams(2027, 4, 30, 12)},
            (DUE, "date_due:2027-04-30", utc(2027, 4, 30, 10)),
        ),
        # Snoozed past the overdue morning: only "overdue" is left.
        (
            DeadlineKind.DATE,
            APRIL,
            {
                "sent_keys": frozenset({"date_before:2027-04-30"}),
                "snoozed_until": ams(2027, 5, 3, 10),
            },
            (OVERDUE, "date_overdue:2027-04-30", utc(2027, 5, 3, 8)),
        ),
        (
            DeadlineKind.MEETING,
            date(2027, 4, 22),
            {"snoozed_until": snooze_until(ams(2027, 4, 19, 9, 30), S)},
            (UPDATE, "meeting_update:2027-04-22", utc(2027, 4, 21, 7)),
        ),
    ],
)
def test_snoozed(
    kind: DeadlineKind,
    due: date | None,
    changes: dict[str, Any],
    expected: tuple[ReminderKind, str, datetime],
) -> None:
    assert_planned(next_reminder(facts(kind, due, **changes), NL), *expected)


# --- every planned moment is in the window ------------------------------------------------


@pytest.mark.parametrize(
    "kind", [DeadlineKind.ASAP, DeadlineKind.DATE, DeadlineKind.MEETING], ids=str
)
def test_planned_is_always_in_the_window(kind: DeadlineKind) -> None:
    # Actions opened every 7 hours through spring, due on every day after: each planned
    # moment is in the window and never before the action was opened (except DATE stages
    # that were planned before it, which are skipped).
    opened = ams(2027, 3, 1, 0)
    while opened < ams(2027, 5, 20):
        for ahead in range(0, 20, 3):
            due = opened.date() + timedelta(days=ahead)
            snooze = opened + timedelta(days=1)
            for snoozed in (None, snooze):
                f = ActionFacts(kind, due, opened, opened, snoozed_until=snoozed)
                p = next_reminder(f, NL)
                if p is None:
                    continue
                assert in_window(p.at, NL)
                assert p.at >= opened
                if snoozed is not None:
                    assert p.at >= snoozed
        opened += timedelta(hours=7)


# --- weekly digest, catch-up --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "settings", "expected"),
    [
        (date(2027, 3, 22), S, utc(2027, 3, 22, 8)),  # Monday, winter time
        (date(2027, 3, 28), S, utc(2027, 3, 22, 8)),  # Sunday: its own ISO week's Monday
        (date(2027, 3, 31), S, utc(2027, 3, 29, 7)),  # summer time
        (date(2027, 3, 31), NL, utc(2027, 3, 30, 7)),  # Tweede Paasdag → Tuesday
        (date(2027, 5, 20), NL, utc(2027, 5, 18, 7)),  # Tweede Pinksterdag → Tuesday
        (date(2027, 4, 29), NL, utc(2027, 4, 26, 7)),  # Koningsdag week: Monday is fine
        (date(2027, 11, 3), S, utc(2027, 11, 1, 8)),  # winter time again
        (
            date(2027, 5, 5),
            ReminderSettings(holidays=NL_2027, digest_weekday=3),
            utc(2027, 5, 7, 7),
        ),
        # Only Friday is a working day and it is a holiday: the next working day after.
        (
            date(2027, 5, 5),
            ReminderSettings(working_days=frozenset({4}), holidays=frozenset({date(2027, 5, 7)})),
            utc(2027, 5, 14, 7),
        ),
    ],
)
def test_digest_at(day: date, settings: ReminderSettings, expected: datetime) -> None:
    assert digest_at(day, settings) == expected


@pytest.mark.parametrize(
    ("now", "settings", "stale", "late"),
    [
        (utc(2027, 4, 23, 6), S, False, timedelta(0)),  # not due yet
        (utc(2027, 4, 23, 7), S, False, timedelta(0)),
        (utc(2027, 4, 23, 9, 30), S, False, timedelta(hours=2, minutes=30)),
        (utc(2027, 4, 26, 7), S, False, timedelta(days=3)),  # exactly 3 days: still sent
        (utc(2027, 4, 26, 7, 1), S, True, timedelta(days=3, minutes=1)),
        (
            utc(2027, 4, 24, 7, 1),
            ReminderSettings(catch_up_days=1),
            True,
            timedelta(days=1, minutes=1),
        ),
        (ams(2027, 4, 23, 9, 1), S, False, timedelta(minutes=1)),  # any time zone in
    ],
)
def test_catch_up(now: datetime, settings: ReminderSettings, stale: bool, late: timedelta) -> None:
    p = Planned(BEFORE, "date_before:2027-04-30", utc(2027, 4, 23, 7))
    assert is_stale(p, now, settings) is stale
    assert late_by(p, now) == late
