"""Tests for reading the "Wanneer" column: kinds, dates, the year rule and the errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from domain.deadline import parse_deadline
from domain.model import Deadline, DeadlineError, DeadlineKind

ASAP = DeadlineKind.ASAP
DATE = DeadlineKind.DATE
MEETING = DeadlineKind.MEETING
ONGOING = DeadlineKind.ONGOING
NONE = DeadlineKind.NONE

# The seed actielijst was written at the OT of 18 March (a Thursday; 2027 here).
W = date(2027, 3, 18)
ROOT = Path(__file__).resolve().parents[2]


def check(text: str, written: date, kind: DeadlineKind, due: date | None) -> None:
    """Assert kind, due date and preserved text of one parse."""
    assert parse_deadline(text, written) == Deadline(kind, text.strip(), due)


def check_error(text: str, written: date, reason: str) -> None:
    """Assert that a text is refused with the given reason, keeping the text as written."""
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, written)
    assert caught.value.reason == reason
    assert caught.value.text == text.strip()


def outcome(text: str) -> Deadline | str:
    """Return the parse of a text written on W, or the reason it was refused."""
    try:
        return parse_deadline(text, W)
    except DeadlineError as error:
        return error.reason


# Every "Wanneer" of the seed actielijst (actielijst-ot-18-maart.txt).
SEED = [
    ("April", DATE, date(2027, 4, 30)),
    ("ASAP", ASAP, None),
    ("OT 24 april", MEETING, date(2027, 4, 24)),
    ("Continu proces", ONGOING, None),
    ("", NONE, None),
    ("Ot 28 mei", MEETING, date(2027, 5, 28)),
]


@pytest.mark.parametrize(("text", "kind", "due"), SEED)
def test_seed_wanneer(text: str, kind: DeadlineKind, due: date | None) -> None:
    check(text, W, kind, due)


KEYWORDS = [
    # none
    ("", NONE),
    ("   ", NONE),
    ("\t\n", NONE),
    ("-", NONE),
    (" - ", NONE),
    ("—", NONE),
    ("–", NONE),
    ("n.v.t.", NONE),
    ("N.V.T.", NONE),
    ("nvt", NONE),
    ("Geen", NONE),
    ("geen deadline", NONE),
    # asap
    ("ASAP", ASAP),
    ("asap", ASAP),
    ("Asap!", ASAP),
    ("a.s.a.p.", ASAP),
    ("z.s.m.", ASAP),
    ("Z.S.M", ASAP),
    ("z. s. m.", ASAP),
    ("zsm", ASAP),
    ("ZSM", ASAP),
    ("zo snel mogelijk", ASAP),
    ("Zo spoedig mogelijk", ASAP),
    ("direct", ASAP),
    ("Per direct", ASAP),
    ("nu", ASAP),
    ("meteen", ASAP),
    # ongoing
    ("Continu proces", ONGOING),
    ("continu proces", ONGOING),
    ("CONTINU PROCES", ONGOING),
    ("Continue proces", ONGOING),
    ("continu", ONGOING),
    ("doorlopend", ONGOING),
    ("Doorlopend.", ONGOING),
    ("loopt door", ONGOING),
    ("structureel", ONGOING),
    ("permanent", ONGOING),
]


@pytest.mark.parametrize(("text", "kind"), KEYWORDS)
def test_keyword_kinds_have_no_date(text: str, kind: DeadlineKind) -> None:
    check(text, W, kind, None)


MEETINGS = [
    ("OT 24 april", date(2027, 4, 24)),
    ("Ot 28 mei", date(2027, 5, 28)),
    ("ot 28 mei", date(2027, 5, 28)),
    ("OT van 24 april", date(2027, 4, 24)),
    ("OT op 24 april", date(2027, 4, 24)),
    ("OT: 24 april", date(2027, 4, 24)),
    ("OT-overleg 24 april", date(2027, 4, 24)),
    ("OT overleg 24 april", date(2027, 4, 24)),
    ("OT-vergadering 28 mei", date(2027, 5, 28)),
    ("overleg 24 april", date(2027, 4, 24)),
    ("OT 24-4", date(2027, 4, 24)),
    ("OT 24/4", date(2027, 4, 24)),
    ("OT 1-5", date(2027, 5, 1)),
    ("OT za 24 april", date(2027, 4, 24)),
    ("OT 24 april 2028", date(2028, 4, 24)),
    ("OT 24 apr", date(2027, 4, 24)),
    ("voor OT 24 april", date(2027, 4, 24)),
    ("uiterlijk OT 28 mei", date(2027, 5, 28)),
    ("  OT 24 april.  ", date(2027, 4, 24)),
    # The meeting on the day it is written is that day.
    ("OT 18 maart", date(2027, 3, 18)),
    ("OT 17 maart", date(2028, 3, 17)),
]


@pytest.mark.parametrize(("text", "due"), MEETINGS)
def test_meeting_with_a_date(text: str, due: date) -> None:
    check(text, W, MEETING, due)
    assert not parse_deadline(text, W).is_next_meeting


NEXT_MEETINGS = [
    "volgend OT",
    "volgende OT",
    "Volgend OT.",
    "volgend overleg",
    "volgende vergadering",
    "komend OT",
    "eerstvolgende OT",
    "het volgende OT",
    "voor volgend OT",
    "voor het volgende OT",
    "volgend OT-overleg",
]


@pytest.mark.parametrize("text", NEXT_MEETINGS)
def test_next_meeting_has_no_date(text: str) -> None:
    check(text, W, MEETING, None)
    assert parse_deadline(text, W).is_next_meeting


# Written on Thursday 18 March 2027.
DATES = [
    # A month alone: its last day, in the coming occurrence; the current month counts.
    ("April", date(2027, 4, 30)),
    ("april", date(2027, 4, 30)),
    ("APRIL", date(2027, 4, 30)),
    ("apr", date(2027, 4, 30)),
    ("apr.", date(2027, 4, 30)),
    ("maart", date(2027, 3, 31)),
    ("mrt", date(2027, 3, 31)),
    ("februari", date(2028, 2, 29)),
    ("feb", date(2028, 2, 29)),
    ("jan", date(2028, 1, 31)),
    ("juni", date(2027, 6, 30)),
    ("jul", date(2027, 7, 31)),
    ("aug", date(2027, 8, 31)),
    ("sep", date(2027, 9, 30)),
    ("sept", date(2027, 9, 30)),
    ("okt", date(2027, 10, 31)),
    ("nov", date(2027, 11, 30)),
    ("dec", date(2027, 12, 31)),
    ("april 2028", date(2028, 4, 30)),
    ("mei 2026", date(2026, 5, 31)),
    # eind / begin (the 10th) / medio (the 15th)
    ("eind mei", date(2027, 5, 31)),
    ("Eind mei", date(2027, 5, 31)),
    ("einde mei", date(2027, 5, 31)),
    ("eind van mei", date(2027, 5, 31)),
    ("eind maart", date(2027, 3, 31)),
    ("eind februari 2028", date(2028, 2, 29)),
    ("begin juni", date(2027, 6, 10)),
    ("begin van juni", date(2027, 6, 10)),
    ("medio mei", date(2027, 5, 15)),
    ("half juni", date(2027, 6, 15)),
    ("halverwege augustus", date(2027, 8, 15)),
    ("midden juli", date(2027, 7, 15)),
    ("begin maart", date(2028, 3, 10)),
    ("medio maart", date(2028, 3, 15)),
    ("begin juni 2028", date(2028, 6, 10)),
    ("eind van de maand", date(2027, 3, 31)),
    ("einde deze maand", date(2027, 3, 31)),
    ("deze maand", date(2027, 3, 31)),
    ("volgende maand", date(2027, 4, 30)),
    ("eind volgende maand", date(2027, 4, 30)),
    ("begin volgende maand", date(2027, 4, 10)),
    # A day and a month.
    ("24 april", date(2027, 4, 24)),
    ("24 April", date(2027, 4, 24)),
    ("24 apr", date(2027, 4, 24)),
    ("24 apr.", date(2027, 4, 24)),
    ("1 mei", date(2027, 5, 1)),
    ("24e april", date(2027, 4, 24)),
    ("1ste mei", date(2027, 5, 1)),
    ("24 april a.s.", date(2027, 4, 24)),
    ("za 24 april", date(2027, 4, 24)),
    ("za. 24 apr.", date(2027, 4, 24)),
    ("zaterdag 24 april", date(2027, 4, 24)),
    ("donderdag, 24 april", date(2027, 4, 24)),
    ("1 mei 2027", date(2027, 5, 1)),
    ("1 mei 2026", date(2026, 5, 1)),
    ("18 maart", date(2027, 3, 18)),
    ("17 maart", date(2028, 3, 17)),
    ("29 februari", date(2028, 2, 29)),
    # Day-first numbers.
    ("24-4", date(2027, 4, 24)),
    ("24/4", date(2027, 4, 24)),
    ("24.4", date(2027, 4, 24)),
    ("24–4", date(2027, 4, 24)),
    ("1-5", date(2027, 5, 1)),
    ("1/5", date(2027, 5, 1)),
    ("01-05", date(2027, 5, 1)),
    ("17-3", date(2028, 3, 17)),
    ("24-04-2027", date(2027, 4, 24)),
    ("24/4/2027", date(2027, 4, 24)),
    ("24.4.2027", date(2027, 4, 24)),
    ("1-5-27", date(2027, 5, 1)),
    ("1-5-2026", date(2026, 5, 1)),
    ("2027-04-24", date(2027, 4, 24)),
    ("za 1-5", date(2027, 5, 1)),
    # Relative days.
    ("vandaag", date(2027, 3, 18)),
    ("morgen", date(2027, 3, 19)),
    ("Morgen", date(2027, 3, 19)),
    ("overmorgen", date(2027, 3, 20)),
    ("over 3 dagen", date(2027, 3, 21)),
    ("over een dag", date(2027, 3, 19)),
    ("over 2 weken", date(2027, 4, 1)),
    ("over twee weken", date(2027, 4, 1)),
    ("over één week", date(2027, 3, 25)),
    ("over twaalf weken", date(2027, 6, 10)),
    ("binnen 2 weken", date(2027, 4, 1)),
    ("over een maand", date(2027, 4, 18)),
    ("over 2 maanden", date(2027, 5, 18)),
    # Weekdays: the first one after the written day.
    ("vrijdag", date(2027, 3, 19)),
    ("Vrijdag", date(2027, 3, 19)),
    ("vr", date(2027, 3, 19)),
    ("volgende vrijdag", date(2027, 3, 19)),
    ("komende vrijdag", date(2027, 3, 19)),
    ("aanstaande vrijdag", date(2027, 3, 19)),
    ("a.s. vrijdag", date(2027, 3, 19)),
    ("vrijdag a.s.", date(2027, 3, 19)),
    ("maandag", date(2027, 3, 22)),
    ("ma", date(2027, 3, 22)),
    ("dinsdag", date(2027, 3, 23)),
    ("wo", date(2027, 3, 24)),
    ("donderdag", date(2027, 3, 25)),
    ("za", date(2027, 3, 20)),
    ("zondag", date(2027, 3, 21)),
    ("volgende week vrijdag", date(2027, 3, 26)),
    ("dinsdag volgende week", date(2027, 3, 23)),
    # Weeks end on Friday.
    ("volgende week", date(2027, 3, 26)),
    ("Volgende week", date(2027, 3, 26)),
    ("eind volgende week", date(2027, 3, 26)),
    ("deze week", date(2027, 3, 19)),
    ("eind van de week", date(2027, 3, 19)),
    ("week 17", date(2027, 4, 30)),
    ("Week 17", date(2027, 4, 30)),
    ("wk 17", date(2027, 4, 30)),
    ("week17", date(2027, 4, 30)),
    ("week 11", date(2027, 3, 19)),
    ("week 10", date(2028, 3, 10)),
    ("week 17 2028", date(2028, 4, 28)),
    ("week 53", date(2032, 12, 31)),
    ("week 53 2026", date(2027, 1, 1)),
    # Quarters and years.
    ("Q2", date(2027, 6, 30)),
    ("q2", date(2027, 6, 30)),
    ("Q1", date(2027, 3, 31)),
    ("eind Q3", date(2027, 9, 30)),
    ("kw3", date(2027, 9, 30)),
    ("Q4 2026", date(2026, 12, 31)),
    ("2e kwartaal", date(2027, 6, 30)),
    ("tweede kwartaal", date(2027, 6, 30)),
    ("eind dit jaar", date(2027, 12, 31)),
    ("eind van het jaar", date(2027, 12, 31)),
    ("einde jaar", date(2027, 12, 31)),
    ("eind volgend jaar", date(2028, 12, 31)),
    ("eind 2028", date(2028, 12, 31)),
    ("2028", date(2028, 12, 31)),
    # Words in front that change nothing.
    ("uiterlijk 1 mei", date(2027, 5, 1)),
    ("vóór 1 mei", date(2027, 5, 1)),
    ("Vóór 1 mei", date(2027, 5, 1)),
    ("voor 1 mei", date(2027, 5, 1)),
    ("uiterlijk voor 1 mei", date(2027, 5, 1)),
    ("uiterlijk vrijdag", date(2027, 3, 19)),
    ("voor eind mei", date(2027, 5, 31)),
    ("deadline: 1 mei", date(2027, 5, 1)),
    ("op 24 april", date(2027, 4, 24)),
    ("in april", date(2027, 4, 30)),
    ("in week 17", date(2027, 4, 30)),
    ("t/m 24 april", date(2027, 4, 24)),
    ("tot en met 24 april", date(2027, 4, 24)),
    # Whitespace, case and punctuation around the text.
    ("  24 april  ", date(2027, 4, 24)),
    ("\t24 April\n", date(2027, 4, 24)),
    ("24   april", date(2027, 4, 24)),
    ("(24 april)", date(2027, 4, 24)),
    ("24 april!", date(2027, 4, 24)),
    # Month first is left to dateparser; the year is still ours.
    ("april 24", date(2027, 4, 24)),
    ("april 24 2026", date(2026, 4, 24)),
    ("mei 1", date(2027, 5, 1)),
    ("za april 24 2027", date(2027, 4, 24)),
]


@pytest.mark.parametrize(("text", "due"), DATES)
def test_date(text: str, due: date) -> None:
    check(text, W, DATE, due)


# (text, written, due): the year rule, the same day, rollover, leap years, weekdays.
WRITTEN_ELSEWHERE = [
    # A date on the written day is that day; a day later it is next year.
    ("24 april", date(2027, 4, 24), date(2027, 4, 24)),
    ("24 april", date(2027, 4, 25), date(2028, 4, 24)),
    ("24-4", date(2027, 4, 24), date(2027, 4, 24)),
    ("24-4", date(2027, 4, 25), date(2028, 4, 24)),
    ("april", date(2027, 4, 30), date(2027, 4, 30)),
    ("april", date(2027, 5, 1), date(2028, 4, 30)),
    ("april", date(2027, 4, 1), date(2027, 4, 30)),
    ("eind april", date(2027, 4, 30), date(2027, 4, 30)),
    ("begin april", date(2027, 4, 10), date(2027, 4, 10)),
    ("begin april", date(2027, 4, 11), date(2028, 4, 10)),
    ("24 april 2026", date(2027, 4, 25), date(2026, 4, 24)),
    # Rollover at the end of the year.
    ("januari", date(2027, 12, 20), date(2028, 1, 31)),
    ("5 januari", date(2027, 12, 20), date(2028, 1, 5)),
    ("5-1", date(2027, 12, 20), date(2028, 1, 5)),
    ("december", date(2027, 12, 20), date(2027, 12, 31)),
    ("20 december", date(2027, 12, 20), date(2027, 12, 20)),
    ("19 december", date(2027, 12, 20), date(2028, 12, 19)),
    ("eind dit jaar", date(2027, 12, 20), date(2027, 12, 31)),
    ("volgende maand", date(2027, 12, 20), date(2028, 1, 31)),
    ("Q1", date(2027, 12, 20), date(2028, 3, 31)),
    ("Q1", date(2027, 5, 1), date(2028, 3, 31)),
    ("week 1", date(2027, 12, 20), date(2028, 1, 7)),
    ("week 51", date(2027, 12, 20), date(2027, 12, 24)),
    ("week 50", date(2027, 12, 20), date(2028, 12, 15)),
    ("volgende week", date(2027, 12, 20), date(2027, 12, 31)),
    ("over 2 weken", date(2027, 12, 20), date(2028, 1, 3)),
    # Leap years.
    ("29 februari", date(2027, 3, 1), date(2028, 2, 29)),
    ("29-2", date(2027, 3, 1), date(2028, 2, 29)),
    ("29 februari", date(2028, 2, 29), date(2028, 2, 29)),
    ("29-2", date(2028, 3, 1), date(2032, 2, 29)),
    ("29-2-2028", date(2027, 3, 1), date(2028, 2, 29)),
    ("februari", date(2027, 3, 1), date(2028, 2, 29)),
    ("februari", date(2028, 3, 1), date(2029, 2, 28)),
    ("over een maand", date(2027, 1, 31), date(2027, 2, 28)),
    # A weekday written on that weekday is next week's.
    ("vrijdag", date(2027, 3, 19), date(2027, 3, 26)),
    ("komende vrijdag", date(2027, 3, 19), date(2027, 3, 26)),
    ("volgende vrijdag", date(2027, 3, 19), date(2027, 3, 26)),
    ("zaterdag", date(2027, 3, 19), date(2027, 3, 20)),
    ("vandaag", date(2027, 3, 19), date(2027, 3, 19)),
    ("volgende week", date(2027, 3, 19), date(2027, 3, 26)),
    ("volgende week", date(2027, 3, 20), date(2027, 3, 26)),
    # "deze week" on a weekend, after its Friday: that Sunday.
    ("deze week", date(2027, 3, 19), date(2027, 3, 19)),
    ("deze week", date(2027, 3, 20), date(2027, 3, 21)),
    # Month-first via dateparser still follows the year rule.
    ("april 24", date(2027, 4, 25), date(2028, 4, 24)),
]


@pytest.mark.parametrize(("text", "written", "due"), WRITTEN_ELSEWHERE)
def test_date_relative_to_written_day(text: str, written: date, due: date) -> None:
    check(text, written, DATE, due)


@pytest.mark.parametrize(
    ("text", "written", "due"),
    [
        ("OT 24 april", date(2027, 4, 24), date(2027, 4, 24)),
        ("OT 24 april", date(2027, 4, 25), date(2028, 4, 24)),
        ("Ot 5 januari", date(2027, 12, 20), date(2028, 1, 5)),
    ],
)
def test_meeting_relative_to_written_day(text: str, written: date, due: date) -> None:
    check(text, written, MEETING, due)


ERRORS = [
    # A clock time alone names no day (PITFALLS: "24 april 10 uur" is the year 2110 to
    # dateparser; our rules read the day and ignore the time, see test_time_beside_a_day).
    ("10 uur", "has_time"),
    ("over 3 uur", "has_time"),
    ("10.30", "has_time"),
    ("12.05", "has_time"),
    ("om 10", "has_time"),
    ("10u", "has_time"),
    ("10u30", "has_time"),
    # Looks like a date but does not exist.
    ("31 februari", "invalid_date"),
    ("30 februari 2028", "invalid_date"),
    ("31 april", "invalid_date"),
    ("30-2", "invalid_date"),
    ("31-4", "invalid_date"),
    ("29-2-2027", "invalid_date"),
    ("29 februari 2027", "invalid_date"),
    ("0-5", "invalid_date"),
    ("32-1", "invalid_date"),
    ("13-13", "invalid_date"),
    ("1-13", "invalid_date"),
    ("2027-02-30", "invalid_date"),
    ("OT 31 februari", "invalid_date"),
    ("Q5", "invalid_date"),
    ("Q0", "invalid_date"),
    ("week 54", "invalid_date"),
    ("week 0", "invalid_date"),
    ("week 53 2027", "invalid_date"),
    # A weekday that is not the date's: the writer may mean either (24 April 2027 is a Saturday).
    ("do 24 april", "weekday_mismatch"),
    ("donderdag 24 april", "weekday_mismatch"),
    ("vr 1-5", "weekday_mismatch"),
    # Not a deadline we can read: never guess.
    ("na de zomer", "unreadable"),
    ("na overleg met April de Vries", "unreadable"),
    ("April de Vries", "unreadable"),
    ("begroting 2027", "unreadable"),
    ("zie toelichting", "unreadable"),
    ("binnenkort", "unreadable"),
    ("later", "unreadable"),
    ("Marloes", "unreadable"),
    ("na 1 mei", "unreadable"),
    ("2 weken", "unreadable"),
    ("3 dagen", "unreadable"),
    ("gisteren", "unreadable"),
    ("vorige week", "unreadable"),
    ("voor nu", "unreadable"),
    ("10", "unreadable"),
    ("24", "unreadable"),
    ("eind", "unreadable"),
    ("uiterlijk", "unreadable"),
    ("week", "unreadable"),
    ("febuari", "unreadable"),
    ("OT", "unreadable"),
    ("OT week 17", "unreadable"),
    ("OT volgende week", "unreadable"),
    # dateparser reads these heaps of date words as some date; we do not.
    ("13 24 november", "unreadable"),
    ("2 jan 31 zaterdag", "unreadable"),
    ("jul 2027 2", "unreadable"),
    ("24 april mei", "unreadable"),
    ("april 24 1 mei", "unreadable"),
    ("asdf", "unreadable"),
]


# Read since issue 11 (they were refused before): a time beside a day is ignored, a period
# or span is read, "?" and "..." mean no deadline yet.
NOW_READ = [
    ("24 april 10 uur", DATE, date(2027, 4, 24)),
    ("OT 24 april 10 uur", MEETING, date(2027, 4, 24)),
    ("1 mei 10:00", DATE, date(2027, 5, 1)),
    ("24 april 14.30", DATE, date(2027, 4, 24)),
    ("vrijdagmiddag", DATE, date(2027, 3, 19)),
    ("morgenochtend", DATE, date(2027, 3, 19)),
    ("vrijdag 's middags", DATE, date(2027, 3, 19)),
    ("voor de zomer", DATE, date(2027, 7, 2)),  # the Friday before the summer holiday (Noord)
    ("mei of juni", DATE, date(2027, 6, 30)),
    ("ergens in mei", DATE, date(2027, 5, 31)),
    ("begin 2028", DATE, date(2028, 1, 31)),
    ("?", NONE, None),
    ("...", NONE, None),
    ("  ??  ", NONE, None),
]


@pytest.mark.parametrize(("text", "kind", "due"), NOW_READ)
def test_time_beside_a_day_and_periods_now_read(
    text: str, kind: DeadlineKind, due: date | None
) -> None:
    result = parse_deadline(text, W)
    assert (result.kind, result.due, result.text) == (kind, due, text.strip())


def test_ot_with_a_month_is_the_ot_planned_in_that_month() -> None:
    result = parse_deadline("OT april", W)
    assert (result.kind, result.due, result.month) == (MEETING, None, date(2027, 4, 1))
    assert not result.is_next_meeting


@pytest.mark.parametrize(("text", "reason"), ERRORS)
def test_error(text: str, reason: str) -> None:
    check_error(text, W, reason)


def test_error_keeps_the_text_as_written() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("  Na de Zomer!  ", W)
    assert (caught.value.text, caught.value.reason) == ("Na de Zomer!", "unreadable")
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("  oT   24    APRIL  ", MEETING, date(2027, 4, 24)),
        ("\n\tASAP \n", ASAP, None),
        (" Vóór 1 mei ", DATE, date(2027, 5, 1)),
        ("Continu proces ", ONGOING, None),
    ],
)
def test_text_is_kept_as_written_inside(text: str, kind: DeadlineKind, due: date | None) -> None:
    result = parse_deadline(text, W)
    assert result == Deadline(kind, text.strip(), due)
    assert result.text == text.strip()


RULE_LAYER_FORMS = [text for text, _kind, _due in SEED] + [
    "OT van 24 april",
    "OT-overleg 24 april",
    "OT 24-4",
    "volgend OT",
    "volgende vergadering",
    "eind mei",
    "begin juni",
    "medio mei",
    "24 april",
    "24-4",
    "24/4",
    "1-5",
    "do 24 april",
    "donderdag 24 april",
    "1 mei 2027",
    "24-04-2027",
    "vrijdag",
    "volgende vrijdag",
    "morgen",
    "overmorgen",
    "vandaag",
    "volgende week",
    "over 2 weken",
    "over twee weken",
    "over 3 dagen",
    "week 17",
    "Q2",
    "uiterlijk 1 mei",
    "vóór 1 mei",
    "eind dit jaar",
    "eind van het jaar",
    "31 februari",
    "24 april 10 uur",
    "na overleg met April de Vries",
    "voor de zomer",
]


@pytest.mark.parametrize("text", RULE_LAYER_FORMS)
def test_listed_forms_never_reach_dateparser(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = outcome(text)
    # A None entry in sys.modules makes any import of dateparser fail.
    monkeypatch.setitem(sys.modules, "dateparser", None)
    monkeypatch.setitem(sys.modules, "dateparser.date", None)
    assert outcome(text) == expected


def test_import_does_not_load_dateparser() -> None:
    code = "import sys, domain.deadline; print('dateparser' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
