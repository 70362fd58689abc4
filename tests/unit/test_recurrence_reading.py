"""A recurring Wanneer as the deadline reader and the messages see it, the exported
"(volgende: ...)" form read back, and the scope words of "/vervallen N reeks"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.deadline import read_deadline
from domain.holidays import is_working_day
from domain.messages import parse_message
from domain.model import DeadlineKind
from domain.recurrence import (
    Recurrence,
    describe,
    next_due,
    parse_recurrence,
    split_scope,
    with_next,
)

WRITTEN = date(2027, 3, 18)  # Thursday, the seed's OT

RULES = [
    "weekly",
    "weekly:2",
    "monthly",
    "quarterly",
    "yearly",
    "weekday:0",
    "weekday:4",
    "monthday:1:0",
    "monthday:-1:4",
]


@pytest.mark.parametrize(
    ("text", "rule", "due"),
    [
        ("elke maand", "monthly", date(2027, 3, 31)),
        ("Maandelijks", "monthly", date(2027, 3, 31)),
        ("elk kwartaal", "quarterly", date(2027, 3, 31)),
        ("wekelijks", "weekly", date(2027, 3, 19)),
        ("elke twee weken", "weekly:2", date(2027, 3, 19)),
        ("elk jaar", "yearly", date(2027, 12, 31)),
        ("elke maandag", "weekday:0", date(2027, 3, 22)),
        # 29 March 2027 is Tweede Paasdag: the first Monday of April is 5 April anyway.
        ("elke eerste maandag van de maand", "monthday:1:0", date(2027, 4, 5)),
    ],
)
def test_a_recurring_wanneer_reads_as_its_first_due_day(text: str, rule: str, due: date) -> None:
    deadline = read_deadline(text, WRITTEN)
    assert deadline.kind is DeadlineKind.DATE
    assert deadline.recurrence == rule
    assert deadline.text == text
    assert deadline.due == next_due(
        Recurrence.from_rule(rule, text), WRITTEN, is_working_day=is_working_day
    )
    assert deadline.due == due


def test_the_last_friday_of_march_2027_is_goede_vrijdag_so_it_moves_on() -> None:
    # 26 March 2027 is Goede Vrijdag: a day rule moves forward to the next working day,
    # Monday 29 March is Tweede Paasdag, so Tuesday 30 March.
    assert read_deadline("elke laatste vrijdag van de maand", WRITTEN).due == date(2027, 3, 30)


def test_elk_ot_is_the_next_meeting() -> None:
    deadline = read_deadline("elk OT", WRITTEN)
    assert deadline.kind is DeadlineKind.MEETING and deadline.recurrence == "meeting"
    assert deadline.due is None and deadline.is_next_meeting
    told = read_deadline("Elk OT (volgende: 24 april 2027)", WRITTEN)
    assert (told.kind, told.due, told.text) == (DeadlineKind.MEETING, date(2027, 4, 24), "Elk OT")


def test_one_off_texts_are_no_series() -> None:
    for text in ("eind mei", "24 april", "ASAP", "volgend OT", "doorlopend", "maand", "elke"):
        assert read_deadline(text, WRITTEN).recurrence == "", text


def test_an_unreadable_next_day_falls_back_to_the_rule() -> None:
    deadline = read_deadline("elke maand (volgende: ooit)", WRITTEN)
    assert (deadline.kind, deadline.due, deadline.recurrence) == (
        DeadlineKind.DATE,
        date(2027, 3, 31),
        "monthly",
    )


def test_a_message_reads_a_trailing_recurrence() -> None:
    result = parse_message("Jan: cijfers delen (elke maand)", WRITTEN)
    [item] = result.items
    assert (item.text, item.owners, item.deadline.recurrence) == (
        "cijfers delen",
        ("Jan",),
        "monthly",
    )
    piped = parse_message("Cijfers | delen | | Jan | elk kwartaal", WRITTEN).items[0]
    assert (piped.topic, piped.deadline.recurrence) == ("Cijfers", "quarterly")


@given(
    rule=st.sampled_from(RULES),
    written=st.dates(min_value=date(2025, 1, 1), max_value=date(2032, 12, 31)),
    steps=st.integers(min_value=0, max_value=30),
)
def test_the_exported_wanneer_reads_back_as_the_same_occurrence(
    rule: str, written: date, steps: int
) -> None:
    """Any occurrence, written out as "<rule> (volgende: d maand jjjj)" and read back on a
    day from two months before to ten months after it (an OT where it is overdue included),
    is the same rule and day."""
    rec = Recurrence.from_rule(rule, "")
    text = describe(rec)
    due = next_due(rec, written, is_working_day=is_working_day)
    assert due is not None
    exported = with_next(text, due)
    parsed = parse_recurrence(exported)
    assert parsed is not None and parsed.rule == rule and parsed.text == text
    meeting_day = due + timedelta(days=steps * 12 - 60)  # before or after the due day
    back = read_deadline(exported, meeting_day)
    assert (back.recurrence, back.due, back.text) == (rule, due, text)


@pytest.mark.parametrize(
    ("typed", "scope", "reason"),
    [
        ("reeks", "series", ""),
        ("reeks: stoppen we mee", "series", "stoppen we mee"),
        ("hele reeks, staat op de site", "series", "staat op de site"),
        ("Deze", "one", ""),
        ("deze keer - regen", "one", "regen"),
        ("alleen deze: zomerstop", "one", "zomerstop"),
        ("eenmalig", "one", ""),
        ("", None, ""),
        ("dezelfde als #4", None, "dezelfde als #4"),
        ("reeksen lopen door", None, "reeksen lopen door"),
        ("regen", None, "regen"),
    ],
)
def test_scope_words(typed: str, scope: str | None, reason: str) -> None:
    assert split_scope(typed) == (scope, reason)
