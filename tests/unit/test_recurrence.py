"""Recurring actions: the written forms, the due days around holidays and period ends."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.holidays import dutch_holidays
from domain.recurrence import (
    RULE_MAX_LENGTH,
    Recurrence,
    describe,
    next_due,
    occurrences,
    parse_recurrence,
)


@cache
def _holidays(year: int) -> frozenset[date]:
    return dutch_holidays(year)


def working(day: date) -> bool:
    """The Dutch calendar: a weekday that is no public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def due(text: str, after: date) -> date | None:
    rec = parse_recurrence(text)
    assert rec is not None, text
    return next_due(rec, after, is_working_day=working)


def series(text: str, start: date, count: int) -> list[date]:
    rec = parse_recurrence(text)
    assert rec is not None, text
    return occurrences(rec, start, count, is_working_day=working)


# --- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,rule",
    [
        ("elk OT", "meeting"),
        ("Elke OT", "meeting"),
        ("ieder OT", "meeting"),
        ("iedere ot", "meeting"),
        ("elk overleg", "meeting"),
        ("elke week", "weekly"),
        ("Wekelijks", "weekly"),
        ("  iedere   week  ", "weekly"),
        ("elke twee weken", "weekly:2"),
        ("TWEEWEKELIJKS", "weekly:2"),
        ("om de week", "weekly:2"),
        ("elke maand", "monthly"),
        ("Maandelijks", "monthly"),
        ("iedere maand", "monthly"),
        ("elk kwartaal", "quarterly"),
        ("ieder kwartaal", "quarterly"),
        ("per kwartaal", "quarterly"),
        ("elk jaar", "yearly"),
        ("jaarlijks", "yearly"),
        ("elke maandag", "weekday:0"),
        ("Elke Dinsdag", "weekday:1"),
        ("elke woensdag", "weekday:2"),
        ("elke donderdag", "weekday:3"),
        ("elke  vrijdag", "weekday:4"),
        ("elke eerste maandag van de maand", "monthday:1:0"),
        ("Elke Tweede Dinsdag van de maand", "monthday:2:1"),
        ("elke derde woensdag van de maand", "monthday:3:2"),
        ("elke vierde donderdag van de maand", "monthday:4:3"),
        ("elke laatste vrijdag van de maand", "monthday:-1:4"),
        ("elke eerste maandag", "monthday:1:0"),
        ("elke maand (volgende: 30 april)", "monthly"),
        ("Elk kwartaal (volgende 30-4-2027)", "quarterly"),
        ("elk OT (Volgende: 12 mei)", "meeting"),
        ("elke week.", "weekly"),
        ("24 april", None),
        ("ASAP", None),
        ("eind mei", None),
        ("elke", None),
        ("kwartaal", None),
        ("", None),
        ("elke zaterdag", None),
        ("elke vijfde maandag van de maand", None),
        ("volgende week", None),
        ("elke maand extra", None),
        ("(volgende: 30 april)", None),
    ],
)
def test_written_forms(text: str, rule: str | None) -> None:
    rec = parse_recurrence(text)
    if rule is None:
        assert rec is None
    else:
        assert rec is not None
        assert rec.rule == rule
        assert len(rec.rule) <= RULE_MAX_LENGTH


def test_suffix_is_kept_raw_and_stripped_from_text() -> None:
    rec = parse_recurrence("  Elke Maand (volgende: 30 april) ")
    assert rec == Recurrence("monthly", "Elke Maand")
    assert rec is not None
    assert rec.text == "Elke Maand"
    assert rec.next_text == "30 april"
    other = parse_recurrence("elk kwartaal (volgende 30-4-2027)")
    assert other is not None
    assert (other.text, other.next_text) == ("elk kwartaal", "30-4-2027")
    plain = parse_recurrence("elke week")
    assert plain is not None and plain.next_text is None


@pytest.mark.parametrize(
    "rule,wording",
    [
        ("meeting", "elk OT"),
        ("weekly", "elke week"),
        ("weekly:2", "elke twee weken"),
        ("monthly", "elke maand"),
        ("quarterly", "elk kwartaal"),
        ("yearly", "elk jaar"),
        ("weekday:2", "elke woensdag"),
        ("monthday:1:0", "elke eerste maandag van de maand"),
        ("monthday:-1:4", "elke laatste vrijdag van de maand"),
    ],
)
def test_describe(rule: str, wording: str) -> None:
    assert describe(Recurrence.from_rule(rule, "x")) == wording
    again = parse_recurrence(wording)
    assert again is not None and again.rule == rule


@pytest.mark.parametrize("rule", ["", "daily", "weekday:5", "monthday:5:0", "monthday:0:1"])
def test_from_rule_rejects_unknown_rules(rule: str) -> None:
    with pytest.raises(ValueError):
        Recurrence.from_rule(rule, "iets")


# --- due days ----------------------------------------------------------------------------------


def test_meeting_has_no_calendar_day() -> None:
    assert due("elk OT", date(2026, 4, 1)) is None
    rec = parse_recurrence("elk OT")
    assert rec is not None
    assert occurrences(rec, date(2026, 4, 1), 3, is_working_day=working) == []


def test_monthly_across_month_ends() -> None:
    assert due("elke maand", date(2026, 4, 15)) == date(2026, 4, 30)
    assert due("elke maand", date(2026, 4, 30)) == date(2026, 5, 29)  # 31 May is a Sunday
    assert due("elke maand", date(2026, 5, 29)) == date(2026, 6, 30)
    assert due("elke maand", date(2026, 5, 30)) == date(2026, 6, 30)


def test_leap_year_february() -> None:
    assert due("elke maand", date(2028, 2, 1)) == date(2028, 2, 29)
    assert due("elke maand", date(2027, 2, 1)) == date(2027, 2, 26)  # 28 Feb 2027: Sunday
    assert due("elke laatste dinsdag van de maand", date(2028, 2, 1)) == date(2028, 2, 29)
    assert series("elke maand", date(2028, 1, 1), 3) == [
        date(2028, 1, 31),
        date(2028, 2, 29),
        date(2028, 3, 31),
    ]


def test_quarter_ends() -> None:
    assert series("elk kwartaal", date(2026, 1, 1), 4) == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]
    # 2024: 31 March a Sunday, 29 March Goede Vrijdag, so Thursday 28 March
    assert due("elk kwartaal", date(2024, 1, 10)) == date(2024, 3, 28)
    assert due("elk kwartaal", date(2024, 3, 28)) == date(2024, 6, 28)  # 30 June: Sunday


def test_year_end_and_christmas() -> None:
    # 31 December 2026 is a Thursday and a working day; Christmas is the Friday before.
    assert date(2026, 12, 31).weekday() == 3
    assert due("elk jaar", date(2026, 1, 1)) == date(2026, 12, 31)
    assert due("elk jaar", date(2026, 12, 31)) == date(2027, 12, 31)
    assert due("elk jaar", date(2022, 1, 1)) == date(2022, 12, 30)  # 31 Dec 2022: Saturday
    # the week of Christmas 2026: Friday 25 December is Eerste Kerstdag -> Thursday 24th
    assert due("elke week", date(2026, 12, 20)) == date(2026, 12, 24)
    assert due("elke week", date(2026, 12, 24)) == date(2026, 12, 31)
    # "elke vrijdag" on Christmas moves forward, past Saturday 26th, to Monday 28th
    assert due("elke vrijdag", date(2026, 12, 21)) == date(2026, 12, 28)
    # Friday 1 January 2027 is Nieuwjaarsdag: Monday 4 January, then Friday 8 January
    assert due("elke vrijdag", date(2026, 12, 28)) == date(2027, 1, 4)
    assert due("elke vrijdag", date(2027, 1, 4)) == date(2027, 1, 8)
    assert due("elke maand", date(2026, 12, 1)) == date(2026, 12, 31)


def test_easter_monday_2026() -> None:
    # The first Monday of April 2026 is Tweede Paasdag (6 April): Tuesday 7 April.
    assert due("elke eerste maandag van de maand", date(2026, 3, 2)) == date(2026, 4, 7)
    # moved past `after`, the April occurrence still counts
    assert due("elke eerste maandag van de maand", date(2026, 4, 6)) == date(2026, 4, 7)
    assert due("elke eerste maandag van de maand", date(2026, 4, 7)) == date(2026, 5, 4)
    assert due("elke maandag", date(2026, 4, 3)) == date(2026, 4, 7)
    # Goede Vrijdag 3 April: the week is due on Thursday 2 April
    assert due("elke week", date(2026, 3, 29)) == date(2026, 4, 2)
    assert due("elke vrijdag", date(2026, 3, 28)) == date(2026, 4, 7)  # Goede Vrijdag, Paasmaandag


def test_koningsdag() -> None:
    # Koningsdag 2026 is Monday 27 April, the last (and fourth) Monday of the month.
    assert date(2026, 4, 27).weekday() == 0
    assert due("elke maandag", date(2026, 4, 21)) == date(2026, 4, 28)
    assert due("elke laatste maandag van de maand", date(2026, 4, 1)) == date(2026, 4, 28)
    assert due("elke vierde maandag van de maand", date(2026, 4, 1)) == date(2026, 4, 28)
    # 2029: Koningsdag is a Friday, the last working day of the week is Thursday 26 April
    assert date(2029, 4, 27).weekday() == 4
    assert due("elke week", date(2029, 4, 22)) == date(2029, 4, 26)


def test_weekday_and_monthday_series() -> None:
    assert series("elke laatste vrijdag van de maand", date(2026, 3, 1), 3) == [
        date(2026, 3, 27),
        date(2026, 4, 24),
        date(2026, 5, 29),
    ]
    assert series("elke derde woensdag van de maand", date(2026, 1, 1), 3) == [
        date(2026, 1, 21),
        date(2026, 2, 18),
        date(2026, 3, 18),
    ]
    assert due("elke woensdag", date(2026, 3, 4)) == date(2026, 3, 11)  # strictly after
    assert due("elke woensdag", date(2026, 3, 3)) == date(2026, 3, 4)


def test_two_weeks_follow_the_iso_week_parity() -> None:
    # periods are ISO weeks 1-2, 3-4, ... of 2026: due on the Friday of the even week
    days = series("elke twee weken", date(2026, 1, 1), 4)
    assert days == [date(2026, 1, 9), date(2026, 1, 23), date(2026, 2, 6), date(2026, 2, 20)]
    assert all(d.isocalendar().week % 2 == 0 for d in days)
    # across 2026's week 53 the rhythm goes on: weeks 53 and 2027-1 form one period
    assert series("elke twee weken", date(2026, 12, 19), 3) == [
        date(2026, 12, 24),  # Friday 25 December is Christmas
        date(2027, 1, 8),
        date(2027, 1, 22),
    ]
    assert due("tweewekelijks", date(2026, 1, 9)) == date(2026, 1, 23)


@pytest.mark.parametrize(
    "start",
    [date(2026, 3, 9), date(2026, 10, 12)],  # DST: last Sunday of March / October 2026
)
@pytest.mark.parametrize("text", ["elke dinsdag", "elke donderdag"])
def test_weekly_series_across_dst(text: str, start: date) -> None:
    days = series(text, start, 5)
    rec = parse_recurrence(text)
    assert rec is not None
    weekday = int(rec.rule.split(":")[1])
    assert all(d.weekday() == weekday for d in days)
    assert all(b - a == timedelta(days=7) for a, b in zip(days, days[1:], strict=False))
    clock_change = date(2026, 3, 29) if start.month == 3 else date(2026, 10, 25)
    assert days[0] < clock_change < days[-1]


def test_weekly_series_across_dst_fridays() -> None:
    days = series("elke week", date(2026, 10, 12), 4)
    assert days == [date(2026, 10, 16), date(2026, 10, 23), date(2026, 10, 30), date(2026, 11, 6)]


def test_occurrences_are_increasing() -> None:
    days = series("elke maandag", date(2026, 1, 1), 60)
    assert len(days) == 60
    assert all(a < b for a, b in zip(days, days[1:], strict=False))
    assert date(2026, 4, 7) in days and date(2026, 4, 6) not in days
    assert date(2026, 5, 26) in days  # Tweede Pinksterdag 25 May


# --- properties --------------------------------------------------------------------------------

ALL_RULES = (
    ["weekly", "weekly:2", "monthly", "quarterly", "yearly"]
    + [f"weekday:{w}" for w in range(5)]
    + [f"monthday:{n}:{w}" for n in (1, 2, 3, 4, -1) for w in range(5)]
)

rules = st.sampled_from(ALL_RULES)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(rules, days)
def test_next_due_is_a_later_working_day(rule: str, after: date) -> None:
    rec = Recurrence.from_rule(rule, "x")
    result = next_due(rec, after, is_working_day=working)
    assert result is not None
    assert result > after
    assert working(result)
    assert result - after <= timedelta(days=400)


@given(rules, days, st.integers(min_value=0, max_value=120))
def test_next_due_is_monotonic(rule: str, after: date, gap: int) -> None:
    rec = Recurrence.from_rule(rule, "x")
    first = next_due(rec, after, is_working_day=working)
    later = next_due(rec, after + timedelta(days=gap), is_working_day=working)
    assert first is not None and later is not None
    assert first <= later


@given(rules, days)
def test_no_due_day_is_skipped(rule: str, after: date) -> None:
    # the next due day after `after` is also the next one after any day before it
    rec = Recurrence.from_rule(rule, "x")
    result = next_due(rec, after, is_working_day=working)
    assert result is not None
    assert next_due(rec, result - timedelta(days=1), is_working_day=working) == result


@given(st.sampled_from(["meeting", *ALL_RULES]), st.text(max_size=30))
def test_round_trip_from_rule(rule: str, text: str) -> None:
    rec = Recurrence.from_rule(rule, text)
    assert Recurrence.from_rule(rec.rule, rec.text) == rec
    wording = describe(rec)
    again = parse_recurrence(wording)
    assert again is not None
    assert again.rule == rule
    assert describe(again) == wording


@given(st.sampled_from(["elke maand", "Elk OT", "elke eerste maandag van de maand"]), days)
def test_round_trip_of_parsed_text(text: str, day: date) -> None:
    rec = parse_recurrence(f"{text} (volgende: {day:%d-%m-%Y})")
    assert rec is not None
    assert rec.next_text == f"{day:%d-%m-%Y}"
    assert Recurrence.from_rule(rec.rule, rec.text) == rec
    assert rec.text == text
