"""Markdown, CSV, JSON and iCalendar exports of the actielijst."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.exports import CSV_COLUMNS, to_csv, to_ics, to_json, to_markdown
from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow
from domain.model import (
    Action,
    ActionUpdate,
    Deadline,
    DeadlineKind,
    ItemKind,
    Meeting,
    Owner,
    Status,
)

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 3, 18, 13, 5, 9, tzinfo=AMS)  # 12:05:09 UTC

# A list modelled on the seed of 18 March, messy parts included -----------------------

VOCHT_NOTE = (
    "De corporaties hebben een memo gestuurd. Concluderend zit het ongemak op het feit dat;\n"
    "· er juist energie van bewoners op deze actielijn zit, \n"
    "· het gevoel dat niemand de verantwoordelijkheid lijkt te nemen,\n"
    "· de zoektocht hoe het eerlijke verhaal naar bewoners kan worden verteld,\n"
    "\n"
    "Update 20-03-2027 (Louise): memo gedeeld"
)
HEADER = DocHeader(
    domain="Wonen en Leefomgeving",
    chair="Anne Wilbers",
    attendees=(
        ("Jan van de Borden", "Vuilnisoproer"),
        ("Marjolein Cazemier", "Ymere"),
        ("Evert Bartlema", "!Woon"),
        ("Gast", ""),
    ),
    date_text="18 maart",
    place="Plein 40-45",
)
ROWS = (
    DocRow(
        "Gezonde leefomgeving en bewegen",
        "Kijken wat er vanuit Wonen en Leefomgeving mbt obesitas in Nieuw-West kan worden gedaan.",
        "Danillo vertelt dat er een voorstel in de stadsdeelcommissie is gedaan.",
        "Danillo en Marloes",
        "April",
        number=1,
    ),
    DocRow(
        "Gerichte aanpak vocht en schimmel",
        "Met de betrokken bewoners het gesprek aangaan",
        VOCHT_NOTE,
        "Louise",
        "ASAP",
        number=8,
    ),
    DocRow(
        "Krachten bundelen: aantrekkelijk, schoon,\nheel en veilig",
        "Doorsturen data met rondleidingen expofette",
        "",
        "Jan",
        "ASAP",
        status="afgerond",
        number=6,
    ),
    DocRow(
        "Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes",
        "OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd",
        "Zie bijlage voor actielijn",
        "OT",
        "",
        is_decision=True,
        number=9,
    ),
    DocRow(  # the same onderwerp again, further down: it joins the group above
        "Gerichte aanpak vocht en schimmel ",
        'Memo "vocht" delen, met bewoners; en corporaties',
        "",
        "Marloes",
        "OT 24 april",
        status="vervallen",
        number=7,
    ),
)
DECISIONS = (
    DocDecision(
        "Akkoord inzake actielijn haalbaarheidsstudie Calland lyceum",
        (
            "· Draagt bij aan de in het uitvoeringsprogramma opgenomen opbrengsten",
            "Vraagt samenwerking tussen partners van het NPSNW.",
        ),
        "Het Callandlyceum heeft geen deelgenomen aan het besluit.",
    ),
)
DOC = Actielijst(HEADER, ROWS, DECISIONS)


def _action(number: int, text: str = "Delen organisatiestructuur", **changes: Any) -> Action:
    action = Action(
        id=100 + number,
        team_id=3,
        team_name="Wonen en Leefomgeving",
        number=number,
        kind=ItemKind.ACTION,
        topic="Organisatiestructuur",
        text=text,
        note="",
        owners_text="Danillo en Marloes",
        owners=(
            Owner(member_id=1, name="Danillo Janssen", telegram_id=11, claimed=True),
            Owner(
                member_id=2, name="Marloes van der Meulen-Ramp", telegram_id=None, claimed=False
            ),
        ),
        deadline=Deadline(DeadlineKind.DATE, "April", date(2027, 4, 30)),
        status=Status.OPEN,
        created_at=NOW,
    )
    return dataclasses.replace(action, **changes)


# Markdown ------------------------------------------------------------------------------


def test_markdown_title_and_header() -> None:
    lines = to_markdown(DOC).split("\n")
    assert lines[:11] == [
        "# Actielijst en verslaglegging OT overleg \u2013 Wonen en Leefomgeving, 18 maart",
        "",
        "*Overleg Nationaal Programma Samen Nieuw-west*",
        "",
        "- **Domein:** Wonen en Leefomgeving",
        "- **Voorzitter:** Anne Wilbers",
        "- **Aanwezigen:** Jan van de Borden (Vuilnisoproer), Marjolein Cazemier (Ymere),"
        " Evert Bartlema (!Woon), Gast",
        "- **Datum:** 18 maart",
        "- **Locatie:** Plein 40-45",
        "",
        "## Afspraken, acties en besluiten",
    ]


def test_markdown_rows_under_their_onderwerp() -> None:
    text = to_markdown(DOC)
    headings = [line for line in text.split("\n") if line.startswith("#")]
    assert headings == [
        "# Actielijst en verslaglegging OT overleg \u2013 Wonen en Leefomgeving, 18 maart",
        "## Afspraken, acties en besluiten",
        "### Gezonde leefomgeving en bewegen",
        "### Gerichte aanpak vocht en schimmel",
        "### Krachten bundelen: aantrekkelijk, schoon, heel en veilig",
        "### Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes",
        "## Bijlage: Toelichting op besluiten",
        "### Akkoord inzake actielijn haalbaarheidsstudie Calland lyceum",
    ]
    vocht = text.split("### Gerichte aanpak vocht en schimmel\n\n")[1].split("\n### ")[0]
    assert vocht == (
        "- #8 **Met de betrokken bewoners het gesprek aangaan** \u2014 Louise \u2014 ASAP\n"
        "\n"
        "  De corporaties hebben een memo gestuurd. Concluderend zit het ongemak op het feit"
        " dat;\n"
        "  - er juist energie van bewoners op deze actielijn zit,\n"
        "  - het gevoel dat niemand de verantwoordelijkheid lijkt te nemen,\n"
        "  - de zoektocht hoe het eerlijke verhaal naar bewoners kan worden verteld,\n"
        "\n"
        "  Update 20-03-2027 (Louise): memo gedeeld\n"
        "\n"
        '- #7 **Memo "vocht" delen, met bewoners; en corporaties** \u2014 Marloes'
        " \u2014 OT 24 april \u2014 \u2716 vervallen\n"
    )


def test_markdown_marks_actions_decisions_and_closed_rows() -> None:
    lines = to_markdown(DOC).split("\n")
    assert (
        "- #1 **Kijken wat er vanuit Wonen en Leefomgeving mbt obesitas in Nieuw-West kan worden"
        " gedaan.** \u2014 Danillo en Marloes \u2014 April"
    ) in lines
    assert "  Danillo vertelt dat er een voorstel in de stadsdeelcommissie is gedaan." in lines
    assert (
        "- #6 **Doorsturen data met rondleidingen expofette** \u2014 Jan \u2014 ASAP"
        " \u2014 \u2714 afgerond"
    ) in lines
    assert (
        "- #9 Besluit: **OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd**"
        " \u2014 OT"
    ) in lines
    assert "  Zie bijlage voor actielijn" in lines


def test_markdown_appendix_with_criteria_and_interests() -> None:
    appendix = to_markdown(DOC).split("## Bijlage: Toelichting op besluiten\n\n")[1]
    assert appendix == (
        "### Akkoord inzake actielijn haalbaarheidsstudie Calland lyceum\n"
        "\n"
        "Criteria:\n"
        "\n"
        "- Draagt bij aan de in het uitvoeringsprogramma opgenomen opbrengsten\n"
        "- Vraagt samenwerking tussen partners van het NPSNW.\n"
        "\n"
        "Belangen: Het Callandlyceum heeft geen deelgenomen aan het besluit.\n"
    )


def test_markdown_without_decisions_or_rows() -> None:
    text = to_markdown(Actielijst(DocHeader(), ()))
    assert text.startswith("# Actielijst en verslaglegging OT overleg\n")
    assert "Geen afspraken op deze lijst." in text
    assert "Bijlage" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_escapes_user_text() -> None:
    row = DocRow(
        "#Financi\u00ebn | begroting #",
        "*Niet* vet, geen `code` en geen _nadruk_ of [link](x) <b>",
        "# geen kop\n> geen citaat\n---\n* eigen bullet\n\u2022zonder spatie\n-5 graden\n"
        "  ingesprongen regel",
        "Jan_Piet",
        "1 mei",
    )
    doc = Actielijst(DocHeader(chair="A*B"), (row,))
    lines = to_markdown(doc).split("\n")
    assert "### \\#Financi\u00ebn \\| begroting \\#" in lines
    assert (
        "- **\\*Niet\\* vet, geen \\`code\\` en geen \\_nadruk\\_ of \\[link\\](x) \\<b>**"
        " \u2014 Jan\\_Piet \u2014 1 mei"
    ) in lines
    assert lines[lines.index("  \\# geen kop") :][:9] == [
        "  \\# geen kop",
        "",
        "  \\> geen citaat",
        "",
        "  \\---",
        "  - eigen bullet",
        "  - zonder spatie",
        "",
        "  \\-5 graden",
    ]
    assert "  ingesprongen regel" in lines
    assert "- **Voorzitter:** A\\*B" in lines
    # Only our own headings start a line with "#"; nothing user-written opens a code block.
    assert all(
        not line.startswith("#") or line.startswith(("# ", "## ", "### ")) for line in lines
    )
    assert not any(line.startswith("    ") for line in lines)


# CSV -----------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_parses_back_to_the_same_cells() -> None:
    text = to_csv(DOC)
    rows = _csv_rows(text)
    assert (
        rows[0]
        == list(CSV_COLUMNS)
        == [
            "Onderwerp",
            "Afspraak/actie/besluit",
            "Toelichting / update",
            "Wie",
            "Wanneer",
            "Status",
            "Nummer",
        ]
    )
    statuses = ["open", "open", "afgerond", "besluit", "vervallen"]
    assert rows[1:] == [
        [r.topic, r.text, r.note, r.owners, r.when, status, str(r.number)]
        for r, status in zip(ROWS, statuses, strict=True)
    ]
    assert rows[2][2] == VOCHT_NOTE  # embedded newlines and the "·" bullets
    assert rows[5][1] == 'Memo "vocht" delen, met bewoners; en corporaties'


def test_csv_is_rfc4180_with_crlf() -> None:
    text = to_csv(DOC)
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    assert text.endswith("\r\n")
    assert '"Memo ""vocht"" delen, met bewoners; en corporaties"' in text
    # Line breaks inside a cell stay "\n" inside quotes; records end with CRLF.
    assert '"Krachten bundelen: aantrekkelijk, schoon,\nheel en veilig"' in text
    assert text.count("\r\n") == len(ROWS) + 1
    assert "\r\r" not in text


def test_csv_decision_status_and_missing_number() -> None:
    rows = (
        DocRow("A", "Besluit", is_decision=True, status="vervallen"),
        DocRow("B", "Actie zonder nummer"),
    )
    parsed = _csv_rows(to_csv(Actielijst(DocHeader(), rows)))
    assert [r[5:] for r in parsed[1:]] == [["besluit (vervallen)", ""], ["open", ""]]


def test_csv_defuses_formulas_for_excel() -> None:
    row = DocRow('=HYPERLINK("http://x")', "- punt", "+31 6 1234", "@Jan", "-")
    parsed = _csv_rows(to_csv(Actielijst(DocHeader(), (row,))))
    assert parsed[1][:5] == ['\'=HYPERLINK("http://x")', "'- punt", "'+31 6 1234", "'@Jan", "'-"]


# JSON ----------------------------------------------------------------------------------


def test_json_has_every_field_of_the_list() -> None:
    data = json.loads(to_json(DOC))
    assert data["format"] == "otbot-actielijst" and data["version"] == 1
    assert data["header"] == {
        "title": HEADER.title,
        "programme": HEADER.programme,
        "domain": "Wonen en Leefomgeving",
        "chair": "Anne Wilbers",
        "attendees": [
            {"name": "Jan van de Borden", "organisation": "Vuilnisoproer"},
            {"name": "Marjolein Cazemier", "organisation": "Ymere"},
            {"name": "Evert Bartlema", "organisation": "!Woon"},
            {"name": "Gast", "organisation": ""},
        ],
        "date_text": "18 maart",
        "place": "Plein 40-45",
    }
    assert data["rows"] == [dataclasses.asdict(r) for r in ROWS]
    assert data["decisions"] == [
        {"subject": d.subject, "criteria": list(d.criteria), "interests": d.interests}
        for d in DECISIONS
    ]
    assert data["actions"] == []


def test_json_has_every_field_of_the_actions() -> None:
    closed = _action(
        4,
        text="Caf\u00e9 \u00e9\u00e9n keer per maand",
        status=Status.DONE,
        closed_at=datetime(2027, 4, 2, 9, 30, tzinfo=AMS),
        closed_by="Marloes",
        closed_note="gedeeld in de app",
        updates=(
            ActionUpdate("Danillo", "Plan ligt er", datetime(2027, 3, 25, 10, 0, tzinfo=AMS)),
        ),
        carried_from=date(2027, 3, 18),
    )
    decision = _action(
        9,
        kind=ItemKind.DECISION,
        deadline=Deadline(DeadlineKind.NONE, ""),
        criteria=("Draagt bij", "Vraagt samenwerking"),
        interests="Geen belang",
        created_at=datetime(2027, 3, 18, 12, 0),  # naive: stored UTC
    )
    text = to_json(DOC, [closed, decision])
    assert "Caf\u00e9 \u00e9\u00e9n" in text  # ensure_ascii=False
    actions = json.loads(text)["actions"]
    assert {f.name for f in dataclasses.fields(Action)} <= set(actions[0])
    assert actions[0] == {
        "id": 104,
        "team_id": 3,
        "team_name": "Wonen en Leefomgeving",
        "number": 4,
        "kind": "action",
        "topic": "Organisatiestructuur",
        "text": "Caf\u00e9 \u00e9\u00e9n keer per maand",
        "note": "",
        "owners_text": "Danillo en Marloes",
        "owners": [
            {"member_id": 1, "name": "Danillo Janssen", "claimed": True, "is_group": False},
            {
                "member_id": 2,
                "name": "Marloes van der Meulen-Ramp",
                "claimed": False,
                "is_group": False,
            },
        ],
        "deadline": {"kind": "date", "text": "April", "due": "2027-04-30", "recurrence": ""},
        "status": "done",
        "created_at": "2027-03-18T12:05:09+00:00",
        "closed_at": "2027-04-02T07:30:00+00:00",
        "closed_by": "Marloes",
        "closed_note": "gedeeld in de app",
        "criteria": [],
        "interests": "",
        "updates": [
            {"author": "Danillo", "text": "Plan ligt er", "at": "2027-03-25T09:00:00+00:00"}
        ],
        "carried_from": "2027-03-18",
        "series_id": None,
    }
    assert datetime.fromisoformat(actions[0]["created_at"]) == NOW
    assert actions[1]["kind"] == "decision"
    assert actions[1]["deadline"] == {"kind": "none", "text": "", "due": None, "recurrence": ""}
    assert actions[1]["criteria"] == ["Draagt bij", "Vraagt samenwerking"]
    assert actions[1]["interests"] == "Geen belang"
    assert actions[1]["created_at"] == "2027-03-18T12:00:00+00:00"
    assert actions[1]["closed_at"] is None and actions[1]["carried_from"] is None


def test_json_is_stable_and_sorted() -> None:
    text = to_json(DOC, [_action(1)])
    assert text == to_json(DOC, [_action(1)])
    assert (
        text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    )


# iCalendar -----------------------------------------------------------------------------


def _unfold(text: str) -> list[str]:
    """Check the physical lines (CRLF, at most 75 octets) and return the logical ones."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _components(lines: list[str], name: str) -> list[dict[str, str]]:
    """Return each BEGIN:name .. END:name block as {"NAME;PARAMS": value} (first wins)."""
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines:
        if line == f"BEGIN:{name}":
            current = {}
        elif line == f"END:{name}":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            key, _, value = line.partition(":")
            current.setdefault(key, value)
    return found


MEETINGS = (
    Meeting(1, 3, date(2027, 4, 24), start="14:00", place="Plein 40-45, zaal 3; boven"),
    Meeting(2, 3, date(2027, 5, 28), status="tentative"),
    Meeting(3, 3, date(2027, 6, 25), start="10:00", status="cancelled"),
    Meeting(4, 3, date(2027, 11, 1), start="23:30", chair="Anne Wilbers"),
)


def _raw_calendar(**kwargs: Any) -> str:
    actions = [
        _action(1),
        _action(2, text="Zie\\map; stuur, daarna\nbellen", owners_text="Jan"),
        _action(3, deadline=Deadline(DeadlineKind.ASAP, "ASAP")),
        _action(4, deadline=Deadline(DeadlineKind.MEETING, "OT 24 april", date(2027, 4, 24))),
        _action(5, status=Status.DONE),
        _action(6, status=Status.CLAIMED, deadline=Deadline(DeadlineKind.DATE, "1-5", None)),
        _action(7, kind=ItemKind.DECISION),
    ]
    return to_ics("Wonen en Leefomgeving", MEETINGS, actions, now=NOW, **kwargs)


def _calendar(**kwargs: Any) -> list[str]:
    return _unfold(_raw_calendar(**kwargs))


def test_ics_calendar_properties() -> None:
    lines = _calendar()
    assert lines[:9] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NPSNW//OT actiebot//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Wonen en Leefomgeving \u2013 OT en deadlines",
        "X-WR-TIMEZONE:Europe/Amsterdam",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    assert lines[-1] == "END:VCALENDAR"
    mine = _calendar(person="Marloes van der Meulen-Ramp")
    assert (
        "X-WR-CALNAME:Wonen en Leefomgeving \u2013 OT en deadlines"
        " \u2013 Marloes van der Meulen-Ramp"
    ) in mine


@pytest.mark.parametrize(
    "team,summary",
    [
        ("Wonen en Leefomgeving", "OT Wonen en Leefomgeving"),
        ("OT Wonen en Leefomgeving", "OT Wonen en Leefomgeving"),
        ("ot Wonen", "ot Wonen"),
        ("Otters", "OT Otters"),
    ],
)
def test_ics_meeting_is_titled_ot_once(team: str, summary: str) -> None:
    events = _components(_unfold(to_ics(team, MEETINGS, [], now=NOW)), "VEVENT")
    titles = {e["UID"]: e["SUMMARY"] for e in events}
    assert titles["meeting-1@otbot"] == summary
    assert titles["meeting-2@otbot"] == f"{summary} (voorlopig)"


def _assert_zone_as_zoneinfo(raw: str, tz_name: str, year: int) -> None:
    """The file's VTIMEZONE, read by its own rules (not by its name), puts every wall-clock time
    of `year` at the UTC moment zoneinfo does: what a DTSTART;TZID=... in the file means."""
    (vtimezone,) = icalendar.Calendar.from_ical(raw).timezones
    assert vtimezone.tz_name == tz_name
    own, zone = vtimezone.to_tz(lookup_tzid=False), ZoneInfo(tz_name)
    assert own is not zone
    wall = datetime(year, 1, 1)
    while wall.year == year:
        assert wall.replace(tzinfo=own).utcoffset() == wall.replace(tzinfo=zone).utcoffset(), wall
        wall += timedelta(minutes=30)


def test_ics_vtimezone_for_amsterdam() -> None:
    # The VTIMEZONE is icalendar's (Timezone.from_tzinfo, via add_missing_timezones): RDATEs
    # for the years of the timed OTs and the next, where ours had yearly RRULEs.
    raw = _raw_calendar()
    lines = _unfold(raw)
    assert lines.count("BEGIN:VTIMEZONE") == 1
    assert lines.index("END:VTIMEZONE") < lines.index("BEGIN:VEVENT")  # defined before use
    block = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE")]
    assert "TZID:Europe/Amsterdam" in block
    assert {"TZNAME:CET", "TZNAME:CEST"} <= set(block)
    _assert_zone_as_zoneinfo(raw, "Europe/Amsterdam", 2027)
    (vtimezone,) = icalendar.Calendar.from_ical(raw).timezones
    own = vtimezone.to_tz(lookup_tzid=False)
    offsets = {
        day: datetime(2027, *day, 12, tzinfo=own).utcoffset()
        for day in ((3, 27), (3, 28), (10, 30), (10, 31))
    }
    hour = timedelta(hours=1)
    assert offsets == {(3, 27): hour, (3, 28): 2 * hour, (10, 30): 2 * hour, (10, 31): hour}


def test_ics_vtimezone_follows_tz_name() -> None:
    raw = _raw_calendar(tz_name="America/New_York")
    lines = _unfold(raw)
    assert "X-WR-TIMEZONE:America/New_York" in lines
    assert "DTSTART;TZID=America/New_York:20270424T140000" in lines
    _assert_zone_as_zoneinfo(raw, "America/New_York", 2027)


def test_ics_reads_back_with_icalendar() -> None:
    calendar = icalendar.Calendar.from_ical(_raw_calendar())
    assert str(calendar["X-WR-CALNAME"]) == "Wonen en Leefomgeving \u2013 OT en deadlines"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Amsterdam"]
    events = {str(e["UID"]): e for e in calendar.events}
    assert list(events) == [
        "meeting-1@otbot",
        "meeting-2@otbot",
        "meeting-4@otbot",
        "action-3-1@otbot",
        "action-3-2@otbot",
    ]
    timed = events["meeting-1@otbot"]
    assert timed.start == datetime(2027, 4, 24, 14, 0, tzinfo=AMS)
    assert timed.start.tzinfo is not None and timed.start.tzinfo.utcoffset(timed.start) == (
        timedelta(hours=2)
    )
    assert timed.end - timed.start == timedelta(hours=2)
    assert str(timed["SUMMARY"]) == "OT Wonen en Leefomgeving"
    assert str(timed["LOCATION"]) == "Plein 40-45, zaal 3; boven"
    tentative = events["meeting-2@otbot"]
    assert tentative.start == date(2027, 5, 28) and tentative.end == date(2027, 5, 29)
    assert str(tentative["SUMMARY"]) == "OT Wonen en Leefomgeving (voorlopig)"
    assert events["meeting-4@otbot"].end == datetime(2027, 11, 2, 1, 30, tzinfo=AMS)
    first, second = events["action-3-1@otbot"], events["action-3-2@otbot"]
    assert first.start == second.start == date(2027, 4, 30)
    assert str(first["SUMMARY"]) == "#1 Delen organisatiestructuur"
    assert str(second["SUMMARY"]) == "#2 Zie\\map; stuur, daarna bellen"
    assert str(first["DESCRIPTION"]).splitlines()[-1] == "Wanneer: April"
    assert "\nWie: Jan\nWanneer: April" in str(second["DESCRIPTION"])
    assert {e["DTSTAMP"].dt for e in events.values()} == {NOW.astimezone(UTC)}


def test_ics_meetings_timed_all_day_tentative_cancelled() -> None:
    events = _components(_calendar(), "VEVENT")
    meetings = {e["UID"]: e for e in events if e["UID"].startswith("meeting-")}
    assert sorted(meetings) == ["meeting-1@otbot", "meeting-2@otbot", "meeting-4@otbot"]
    timed = meetings["meeting-1@otbot"]
    assert timed["DTSTART;TZID=Europe/Amsterdam"] == "20270424T140000"
    assert timed["DTEND;TZID=Europe/Amsterdam"] == "20270424T160000"
    assert timed["SUMMARY"] == "OT Wonen en Leefomgeving"
    assert timed["LOCATION"] == "Plein 40-45\\, zaal 3\\; boven"
    assert timed["STATUS"] == "CONFIRMED"
    tentative = meetings["meeting-2@otbot"]
    assert tentative["SUMMARY"] == "OT Wonen en Leefomgeving (voorlopig)"
    assert tentative["STATUS"] == "TENTATIVE"
    assert tentative["DTSTART;VALUE=DATE"] == "20270528"
    assert tentative["DTEND;VALUE=DATE"] == "20270529"
    assert "LOCATION" not in tentative
    late = meetings["meeting-4@otbot"]  # after the switch to winter time; ends next day
    assert late["DTSTART;TZID=Europe/Amsterdam"] == "20271101T233000"
    assert late["DTEND;TZID=Europe/Amsterdam"] == "20271102T013000"
    assert late["DESCRIPTION"] == "Voorzitter: Anne Wilbers"


def test_ics_meeting_without_readable_time_is_all_day() -> None:
    meeting = Meeting(5, 3, date(2027, 4, 24), start="middag")
    lines = _unfold(to_ics("W", [meeting], [], now=NOW))
    (event,) = _components(lines, "VEVENT")
    assert event["DTSTART;VALUE=DATE"] == "20270424"
    assert event["DESCRIPTION"] == "Aanvang: middag"
    assert "BEGIN:VTIMEZONE" not in lines  # no event names the zone


def test_ics_deadlines_of_open_dated_actions() -> None:
    events = _components(_calendar(), "VEVENT")
    deadlines = [e for e in events if e["UID"].startswith("action-")]
    assert [e["UID"] for e in deadlines] == ["action-3-1@otbot", "action-3-2@otbot"]
    first = deadlines[0]
    assert first["DTSTART;VALUE=DATE"] == "20270430"
    assert first["DTEND;VALUE=DATE"] == "20270501"
    assert first["SUMMARY"] == "#1 Delen organisatiestructuur"
    assert first["TRANSP"] == "TRANSPARENT"
    assert _unescape(first["DESCRIPTION"]) == (
        "Delen organisatiestructuur\n"
        "Onderwerp: Organisatiestructuur\n"
        "Wie: Danillo en Marloes\n"
        "Wanneer: April"
    )


def test_ics_escapes_text() -> None:
    events = _components(_calendar(), "VEVENT")
    (second,) = [e for e in events if e["UID"] == "action-3-2@otbot"]
    assert second["SUMMARY"] == "#2 Zie\\\\map\\; stuur\\, daarna bellen"
    assert second["DESCRIPTION"].startswith("Zie\\\\map\\; stuur\\, daarna bellen\\nOnderwerp")
    assert _unescape(second["SUMMARY"]) == "#2 Zie\\map; stuur, daarna bellen"


def test_ics_uids_unique_and_dtstamp_in_utc() -> None:
    events = _components(_calendar(), "VEVENT")
    uids = [e["UID"] for e in events]
    assert len(uids) == len(set(uids)) == 5
    assert {e["DTSTAMP"] for e in events} == {"20270318T120509Z"}


def test_ics_long_summary_is_shortened() -> None:
    text = (
        "Nagaan hoe de financi\u00eble governance in de praktijk er uit ziet en delen met OT " * 3
    )
    (event,) = _components(_unfold(to_ics("W", [], [_action(12, text=text)], now=NOW)), "VEVENT")
    summary = _unescape(event["SUMMARY"])
    assert len(summary) <= 80
    assert summary.startswith("#12 Nagaan hoe de financi\u00eble governance")
    assert summary.endswith("\u2026")
    assert _unescape(event["DESCRIPTION"]).startswith(" ".join(text.split()))


def test_ics_folds_multibyte_text_without_breaking_characters() -> None:
    base = (
        "Co\u00f6rdinatie \U0001f3e0 financi\u00eble re\u00fcnie"
        " \U0001f468\u200d\U0001f469 na\u00efef "
    )
    place = (base * 10)[:199] + "\u00eb"
    assert len(place) == 200
    raw = to_ics("W", [Meeting(1, 3, date(2027, 4, 24), place=place)], [], now=NOW)
    for line in raw.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # would raise if a character were split across lines
    (event,) = _components(_unfold(raw), "VEVENT")
    assert _unescape(event["LOCATION"]) == place
    assert sum(line.startswith(" ") for line in raw.split("\r\n")) >= 3


def test_ics_fold_stops_before_a_character_that_does_not_fit() -> None:
    raw = to_ics("W", [Meeting(1, 3, date(2027, 4, 24), place="\U0001f3e0" * 40)], [], now=NOW)
    lines = raw.encode("utf-8").split(b"\r\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(b"LOCATION:"))
    # "LOCATION:" is 9 octets, each house 4: 9 + 16 * 4 = 73, then " " + 18 * 4 = 73.
    assert [len(line) for line in lines[start : start + 3]] == [73, 73, 1 + 6 * 4]


@given(st.text(max_size=300))
def test_ics_text_round_trips(value: str) -> None:
    raw = to_ics("W", [Meeting(1, 3, date(2027, 4, 24), place=value or "x")], [], now=NOW)
    (event,) = _components(_unfold(raw), "VEVENT")
    expected = (value or "x").replace("\r\n", "\n").replace("\r", "\n").strip()
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", expected)
    assert _unescape(event.get("LOCATION", "")) == expected
    (parsed,) = icalendar.Calendar.from_ical(raw).events
    assert str(parsed.get("LOCATION", "")) == expected


@pytest.mark.parametrize(
    "place", ["\\\\srv\\Nieuw-West\\Notulen", "C:\\N", "a\\nb", "\\N\\N", "x\\\\N"]
)
def test_ics_backslash_before_n_stays_a_backslash(place: str) -> None:
    # vText alone would write a backslash + "N" as a line break (its shorthand for one).
    raw = to_ics("W", [Meeting(1, 3, date(2027, 4, 24), place=place)], [], now=NOW)
    (parsed,) = icalendar.Calendar.from_ical(raw).events
    assert str(parsed["LOCATION"]) == place


def test_ics_needs_an_aware_now_and_a_known_zone() -> None:
    with pytest.raises(ValueError):
        to_ics("W", [], [], now=datetime(2027, 3, 18, 12, 0))
    with pytest.raises(ValueError):
        to_ics("W", [], [], now=NOW, tz_name="Europe/Nergens")


def test_ics_dtstamp_from_another_offset() -> None:
    now = datetime(2027, 7, 1, 0, 30, tzinfo=AMS) + timedelta(0)
    lines = _unfold(to_ics("W", [Meeting(1, 3, date(2027, 7, 2))], [], now=now))
    assert "DTSTAMP:20270630T223000Z" in lines
