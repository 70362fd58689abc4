"""Reading meeting days, times, places and the actielijst header."""

from __future__ import annotations

from datetime import date

import pytest

from domain.meetings import (
    MeetingTextError,
    meeting_title,
    parse_header,
    parse_when,
    split_attendees,
    team_domain,
)

WRITTEN = date(2027, 3, 18)


@pytest.mark.parametrize(
    "text,day,start,place",
    [
        ("24 april 14:00 Plein 40-45", date(2027, 4, 24), "14:00", "Plein 40-45"),
        ("24 april", date(2027, 4, 24), "", ""),
        ("do 22 april 9.30", date(2027, 4, 22), "09:30", ""),
        ("28 mei 14u Stadsdeelkantoor", date(2027, 5, 28), "14:00", "Stadsdeelkantoor"),
        ("30-4 Plein 40-45", date(2027, 4, 30), "", "Plein 40-45"),
        ("24 april 2028 10:00", date(2028, 4, 24), "10:00", ""),
        ("1 maart", date(2028, 3, 1), "", ""),
    ],
)
def test_parse_when(text: str, day: date, start: str, place: str) -> None:
    when = parse_when(text, WRITTEN)
    assert (when.day, when.start, when.place) == (day, start, place)


@pytest.mark.parametrize("text", ["", "april", "binnenkort", "Plein 40-45", "OT"])
def test_parse_when_needs_a_day(text: str) -> None:
    with pytest.raises(MeetingTextError):
        parse_when(text, WRITTEN)


def test_attendees_with_organisations() -> None:
    seed = (
        "Jan van de Borden (Vuilnisoproer), Marjolein Cazemier (Ymere), Evert Bartlema (!Woon),"
        " Henk-Jan Bierling (BZK), Marloes van der Meulen-Ramp (NPSNW), Gast"
    )
    assert split_attendees(seed) == (
        ("Jan van de Borden", "Vuilnisoproer"),
        ("Marjolein Cazemier", "Ymere"),
        ("Evert Bartlema", "!Woon"),
        ("Henk-Jan Bierling", "BZK"),
        ("Marloes van der Meulen-Ramp", "NPSNW"),
        ("Gast", ""),
    )


def test_header_of_the_seed() -> None:
    header = parse_header(
        "Voorzitter: Anne Wilbers\n"
        "Aanwezigen: Jan van de Borden (Vuilnisoproer), Karin Verdooren (Lieven de Key),\n"
        "Tanay Bilgin (SDC)\n"
        "Datum: 18 maart\n"
        "Locatie: Plein 40-45"
    )
    assert header.chair == "Anne Wilbers"
    assert header.attendees == (
        ("Jan van de Borden", "Vuilnisoproer"),
        ("Karin Verdooren", "Lieven de Key"),
        ("Tanay Bilgin", "SDC"),
    )
    assert (header.day_text, header.place) == ("18 maart", "Plein 40-45")


@pytest.mark.parametrize("text", ["week 17", "Q2", "voor de kerst", "eind mei", "april/mei"])
def test_a_period_is_no_meeting_day(text: str) -> None:
    from domain.meetings import parse_day

    with pytest.raises(MeetingTextError):
        parse_day(text, date(2027, 3, 18))


@pytest.mark.parametrize(
    "team,title,domain",
    [
        ("Wonen en Leefomgeving", "OT Wonen en Leefomgeving", "Wonen en Leefomgeving"),
        ("OT Wonen en Leefomgeving", "OT Wonen en Leefomgeving", "Wonen en Leefomgeving"),
        ("ot jeugd", "ot jeugd", "jeugd"),
        ("Ot Werk en Bestaan", "Ot Werk en Bestaan", "Werk en Bestaan"),
        ("OT-Jeugd", "OT-Jeugd", "Jeugd"),
        ("OT: Jeugd", "OT: Jeugd", "Jeugd"),
        ("  OT Wonen ", "OT Wonen", "Wonen"),
        ("Otters", "OT Otters", "Otters"),  # "OT" only as a word of its own
        ("OTW", "OT OTW", "OTW"),
        ("Opgaveteam Wonen", "OT Opgaveteam Wonen", "Opgaveteam Wonen"),
        ("OT", "OT", "OT"),  # nothing after the prefix: the name stays the domain
    ],
)
def test_meeting_title_and_domain_never_double_the_ot(team: str, title: str, domain: str) -> None:
    assert meeting_title(team) == title
    assert team_domain(team) == domain
