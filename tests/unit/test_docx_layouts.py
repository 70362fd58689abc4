"""Word actielijsten made by other secretaries (tests/docx_layouts.py): the header as a table,
other columns, a Status column, separate decision tables, dates with a year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import docx
import pytest

from bot.demo.seed_docx import docx_bytes
from documents.docx_io import read_docx, status_of, write_docx
from domain.actielijst import Actielijst, DocRow, DocumentError
from domain.meetings import MeetingTextError, parse_header_day, written_year
from tests.docx_layouts import LABEL_TABLE, LAYOUTS, OTHER_ORDER, Layout

WRITTEN = date(2027, 3, 18)


def _doc(*tables: tuple[tuple[str, ...], ...], lines: tuple[str, ...] = ()) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, values in enumerate(rows):
            for cell, text in zip(table.rows[r].cells, values, strict=True):
                cell.text = text
    return docx_bytes(document)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_each_layout_reads_as_written(layout: Layout) -> None:
    doc = read_docx(layout.build())
    assert doc.header == layout.header
    assert doc.rows == layout.rows
    assert doc.decisions == layout.decisions
    assert parse_header_day(doc.header.date_text, WRITTEN) == layout.day
    assert written_year(doc.header.date_text) == layout.day.year


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_each_layout_written_back_in_the_teams_layout_reads_the_same(layout: Layout) -> None:
    doc = read_docx(layout.build())
    again = read_docx(write_docx(doc))
    assert again.rows == doc.rows
    assert again.decisions == doc.decisions
    assert again.header == replace(doc.header, programme=again.header.programme)


def test_label_table_layout_details() -> None:
    doc = read_docx(LABEL_TABLE.build())
    # "Afwezig" and "Notulist" rows of the header table are no attendees, nor a place.
    assert [name for name, _ in doc.header.attendees] == [
        "Jan van de Borden",
        "Louise de Rooij",
        "Marloes van der Meulen-Ramp",
    ]
    # The pre-numbered empty rows with "Open" in their Status are no actions.
    assert len(doc.rows) == 7
    assert [r.status for r in doc.rows] == ["", "afgerond", "", "", "", "afgerond", ""]
    # The decision only the decisions table (before the actions) has becomes a row.
    assert doc.rows[-1] == DocRow("", LABEL_TABLE.decisions[0].subject, is_decision=True)
    assert doc.decisions[0].criteria == (
        "Past binnen het uitvoeringsprogramma",
        "Gedragen door alle partners",
    )


def test_other_order_layout_details() -> None:
    doc = read_docx(OTHER_ORDER.build())
    # The "Prioriteit" column is ignored; "#" is no field; "Stand van zaken" is the note.
    assert not any("Hoog" in (r.note + r.text + r.when) for r in doc.rows)
    assert doc.rows[0].note == "Marloes zoekt uit of er al plannen zijn.\nDanillo sluit aan."
    assert doc.rows[0].when == "April" and doc.rows[0].topic == "Gezonde leefomgeving"
    # The appendix row referred to by the table is not added twice; the other one is.
    assert [r.text for r in doc.rows if r.is_decision] == [
        "OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd",
        "Akkoord op twee extra doorstroommakelaars bij de corporaties",
    ]
    # "Afwezig: Louise de Rooij (Stadgenoot)" ends the attendee list.
    assert ("Louise de Rooij", "Stadgenoot") not in doc.header.attendees


@pytest.mark.parametrize(
    "header",
    [
        ("Nr", "Thema", "Actie", "Verantwoordelijke", "Deadline", "Status"),
        ("#", "Actiepunt", "Eigenaar", "Datum gereed", "Update", "Onderwerp", "Status"),
        ("Onderwerp", "Afspraak", "Stand van zaken", "Trekker", "Wanneer", "Status"),
        ("Status", "Wanneer", "Wie", "Actie"),
        ("Nr.", "Taak", "Door wie", "Datum", "Opmerkingen", "Afgerond (ja/nee)"),
    ],
)
def test_action_columns_by_other_labels_in_any_order(header: tuple[str, ...]) -> None:
    values = {
        "topic": "Blije doos",
        "text": "Jan werkt voorstel uit",
        "owners": "Jan",
        "when": "ASAP",
        "note": "Met de gebiedsmakelaar",
        "status": "Klaar" if "Status" in header else "ja",
    }
    keys = {
        "Nr": None, "Nr.": None, "#": None, "Thema": "topic", "Onderwerp": "topic",
        "Actie": "text", "Actiepunt": "text", "Afspraak": "text", "Taak": "text",
        "Verantwoordelijke": "owners", "Eigenaar": "owners", "Trekker": "owners",
        "Wie": "owners", "Door wie": "owners", "Deadline": "when", "Datum gereed": "when",
        "Wanneer": "when", "Datum": "when", "Update": "note", "Stand van zaken": "note",
        "Opmerkingen": "note", "Status": "status", "Afgerond (ja/nee)": "status",
    }  # fmt: skip
    row = tuple(values[k] if (k := keys[label]) else "7" for label in header)
    (read,) = read_docx(_doc((header, row))).rows
    fields = {keys[label] for label in header}
    assert read == DocRow(
        topic=values["topic"] if "topic" in fields else "",
        text=values["text"],
        note=values["note"] if "note" in fields else "",
        owners=values["owners"] if "owners" in fields else "",
        when=values["when"] if "when" in fields else "",
        status="afgerond",
    )


def test_a_bare_datum_column_yields_to_a_deadline_column() -> None:
    header = ("Datum", "Actie", "Wie", "Deadline")
    (row,) = read_docx(_doc((header, ("1-2-2027", "Memo delen", "Jan", "ASAP")))).rows
    assert row.when == "ASAP"


@pytest.mark.parametrize(
    "cell,status",
    [
        ("Afgerond", "afgerond"),
        ("afgerond 12-2", "afgerond"),
        ("Gereed", "afgerond"),
        ("Klaar", "afgerond"),
        ("Done", "afgerond"),
        ("✔", "afgerond"),
        ("Vervallen", "vervallen"),
        ("Geannuleerd", "vervallen"),
        ("Open", ""),
        ("Loopt", ""),
        ("Loopt nog", ""),
        ("Deels afgerond", ""),
        ("In behandeling", ""),
        ("", ""),
    ],
)
def test_status_cell(cell: str, status: str) -> None:
    assert status_of(cell) == status


def test_unknown_columns_are_ignored_not_fatal() -> None:
    header = ("Nr", "Actie", "Wie", "Wanneer", "Organisatie", "Budget", "Bijlage")
    row = ("3", "Offerte opvragen", "Nabila", "ASAP", "gemeente", "€ 5.000", "ja")
    (read,) = read_docx(_doc((header, row))).rows
    assert read == DocRow("", "Offerte opvragen", "", "Nabila", "ASAP")


def test_a_decisions_table_before_the_actions_is_no_header() -> None:
    decisions = (
        ("Besluit", "Toelichting/criteria", "Belangen"),
        ("Werkplan 2027 vastgesteld", "· Past in het programma", "Geen belangen"),
    )
    actions = (("Onderwerp", "Actie", "Wie", "Wanneer"), ("Werkplan", "Delen", "OT", "ASAP"))
    doc = read_docx(_doc(decisions, actions, lines=("Actielijst", "Datum 9 januari 2027")))
    assert (doc.header.title, doc.header.date_text) == ("Actielijst", "9 januari 2027")
    assert [d.subject for d in doc.decisions] == ["Werkplan 2027 vastgesteld"]
    assert doc.decisions[0].criteria == ("Past in het programma",)
    assert doc.rows == (
        DocRow("Werkplan", "Delen", "", "OT", "ASAP"),
        DocRow("", "Werkplan 2027 vastgesteld", is_decision=True),
    )


def test_a_decision_in_both_tables_is_one_row() -> None:
    actions = (
        ("Onderwerp", "Afspraak", "Wie", "Wanneer"),
        ("Werkplan", "Besluit: Werkplan 2027 vastgesteld", "OT", ""),
    )
    decisions = (("Besluit", "Belangen"), ("Werkplan 2027 vastgesteld", "Geen"))
    doc = read_docx(_doc(actions, decisions))
    assert doc.rows == (DocRow("Werkplan", "Werkplan 2027 vastgesteld", "", "OT", "", True),)
    assert doc.decisions[0].interests == "Geen"


def test_only_decisions_is_no_actielijst() -> None:
    only = (("Besluit", "Toelichting/criteria", "Belangen"), ("Werkplan vastgesteld", "", ""))
    with pytest.raises(DocumentError) as caught:
        read_docx(_doc(only))
    assert caught.value.reason == "no_table"


def test_header_grid_of_label_value_pairs() -> None:
    header = (
        ("Datum", "9 januari 2027", "Locatie", "Plein 40-45"),
        ("Voorzitter", "Anne Wilbers", "Notulist", "Marloes"),
    )
    actions = (("Actie", "Wie", "Wanneer"), ("Memo delen", "Jan", "ASAP"))
    read = read_docx(_doc(header, actions)).header
    assert (read.date_text, read.place, read.chair) == (
        "9 januari 2027",
        "Plein 40-45",
        "Anne Wilbers",
    )


@pytest.mark.parametrize(
    "text,day,year",
    [
        ("9 januari 2027", date(2027, 1, 9), 2027),
        ("05-02-2027", date(2027, 2, 5), 2027),
        ("5 feb. 2027", date(2027, 2, 5), 2027),
        ("2027-02-05", date(2027, 2, 5), 2027),
        ("5-2-27", date(2027, 2, 5), 2027),
        ("5 feb. '27", date(2027, 2, 5), 2027),
        ("5 februari \u201927", date(2027, 2, 5), 2027),
        ("donderdag 9 januari 2027, 14.00 - 16.00 uur", date(2027, 1, 9), 2027),
        ("9 januari 2027 van 14.00 tot 16.00", date(2027, 1, 9), 2027),
        ("9 januari", date(2028, 1, 9), None),  # the next one: the service picks the year
        ("18 maart", date(2027, 3, 18), None),
    ],
)
def test_header_day_with_and_without_a_year(text: str, day: date, year: int | None) -> None:
    assert parse_header_day(text, WRITTEN) == day
    assert written_year(text) == year


@pytest.mark.parametrize("text", ["", "januari 2027", "binnenkort", "Plein 40-45"])
def test_header_day_needs_a_day(text: str) -> None:
    with pytest.raises(MeetingTextError):
        parse_header_day(text, WRITTEN)


def test_statuses_survive_writing_the_teams_layout() -> None:
    rows = tuple(
        DocRow("Blije doos", f"Stap {n}", status=s)
        for n, s in enumerate(["", "afgerond", "vervallen"])
    )
    doc = Actielijst(LABEL_TABLE.header, rows)
    assert [r.status for r in read_docx(write_docx(doc)).rows] == ["", "afgerond", "vervallen"]
