"""The Word actielijst: reading the seed with its messy parts, writing it back, round trips,
and refusing what is no actielijst."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.demo.seed_docx import CALLAND, SEED, SEED_HEADER, SEED_ROWS, build_seed_docx, docx_bytes
from documents.docx_io import (
    ACTION_HEADERS,
    APPENDIX_HEADERS,
    FIXED_TIMESTAMP,
    MAX_BYTES,
    parse_criteria,
    read_docx,
    refers_to_decision,
    write_docx,
)
from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow, DocumentError

KRACHTEN = "Krachten bundelen: aantrekkelijk, schoon,\nheel en veilig"
IEDEREEN = "Iedereen die wil terugkeren\nnaar een passende\nwoning in de buurt kan\nterugkeren"
CALLAND_TOPIC = (
    "Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes voor een "
    "vitale buurt"
)


@pytest.fixture(scope="module")
def seed() -> Actielijst:
    return read_docx(build_seed_docx())


def _reason(data: bytes) -> str:
    with pytest.raises(DocumentError) as caught:
        read_docx(data)
    return caught.value.reason


def _action_doc(header: tuple[str, ...], *rows: tuple[str, ...]) -> docx.document.Document:
    document = docx.Document()
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for r, values in enumerate((header, *rows)):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text
    return document


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


# --- the seed -------------------------------------------------------------------------------


def test_seed_header(seed: Actielijst) -> None:
    header = seed.header
    assert header == SEED_HEADER
    assert header.title == "Actielijst en verslaglegging OT overleg"
    assert header.programme == "Overleg Nationaal Programma Samen Nieuw-west"
    assert header.domain == "Wonen en Leefomgeving"
    assert header.chair == "Anne Wilbers"
    assert header.date_text == "18 maart"
    assert header.place == "Plein 40-45"
    assert len(header.attendees) == 11
    assert header.attendees[0] == ("Jan van de Borden", "Vuilnisoproer")
    assert header.attendees[2] == ("Karin Verdooren", "Lieven de Key")
    # The list wraps by a soft line break between these two.
    assert header.attendees[6:8] == (("Tanay Bilgin", "SDC"), ("Danillo Janssen", "SDC"))
    assert header.attendees[8] == ("Evert Bartlema", "!Woon")
    assert header.attendees[10] == ("Marloes van der Meulen-Ramp", "NPSNW")
    assert all(name and org for name, org in header.attendees)


@pytest.mark.parametrize("word_lists", [False, True], ids=["typed-bullets", "word-lists"])
def test_seed_rows_as_written(word_lists: bool) -> None:
    doc = read_docx(build_seed_docx(word_lists=word_lists))
    assert len(doc.rows) == 15  # the ten empty rows are skipped
    assert doc.rows == SEED_ROWS
    assert doc.decisions == (CALLAND,)


def test_seed_messy_cells(seed: Actielijst) -> None:
    rows = seed.rows
    assert [r.topic for r in rows][:3] == [
        "Gezonde leefomgeving en bewegen",
        "Organisatiestructuur",
        "Voedselpark Lutkemeer",
    ]
    assert rows[0].text == (
        "Kijken wat er vanuit Wonen en Leefomgeving mbt obesitas in Nieuw-West kan worden gedaan."
    )
    assert (rows[0].owners, rows[0].when) == ("Danillo en Marloes", "April")
    assert rows[2].when == "OT 24 april"
    assert (rows[4].owners, rows[4].when) == ("Partners NPSNW", "Continu proces")
    assert rows[9].when == "Ot 28 mei"
    # An Onderwerp that is a whole sentence, with its stray trailing space gone.
    assert rows[3].topic == (
        "Zorgen dat er aandacht is voor bijzondere groepen zoals mensen met autisme. "
        "Bijvoorbeeld als het gaat om huisvesting."
    )
    assert rows[4].topic == "Kennis en inspiratie"
    assert rows[12].topic == "Financiën"
    # Onderwerp over lines: by a soft line break, and by paragraphs.
    assert rows[5].topic == KRACHTEN
    assert rows[10].topic == IEDEREEN
    # Empty Toelichting and Wanneer stay empty.
    assert rows[6].note == ""
    assert rows[6].text.startswith("i.o.m. het domein Werk en Bestaanszekerheid")
    assert rows[8].when == ""
    assert rows[6].topic == rows[7].topic == "Gerichte aanpak vocht en schimmel"
    # The long Toelichting with its bullets, without trailing spaces or the empty paragraph.
    lines = rows[7].note.split("\n")
    assert len(lines) == 5
    assert lines[0].startswith("De corporaties hebben een memo gestuurd")
    assert lines[0].endswith("Concluderend zit het ongemak op het feit dat;")
    assert lines[1] == "· er juist energie van bewoners op deze actielijn zit,"
    assert all(line.startswith("· ") for line in lines[1:])
    assert lines[4].endswith("niet over een half jaar is opgelost als je er geen actie opneemt.")
    assert "–" in rows[11].note
    assert all(r.status == "" and r.number is None for r in rows)
    assert all(line == line.strip() for r in rows for f in (r.topic, r.text, r.note)
               for line in f.split("\n"))  # fmt: skip


def test_seed_decision_row(seed: Actielijst) -> None:
    assert [i for i, r in enumerate(seed.rows) if r.is_decision] == [8]
    row = seed.rows[8]
    assert row.topic == CALLAND_TOPIC
    assert row.text == "OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd"
    assert (row.note, row.owners, row.when) == ("Zie bijlage voor actielijn", "OT", "")


def test_seed_appendix(seed: Actielijst) -> None:
    (decision,) = seed.decisions
    assert decision.subject.startswith("Akkoord inzake actielijn haalbaarheidsstudie Calland")
    assert decision.subject.endswith("ontmoetingsruimtes voor een vitale buurt")
    assert len(decision.criteria) == 7
    assert decision.criteria[0] == (
        "Draagt bij aan de in het uitvoeringsprogramma opgenomen (middel)lange termijn opbrengsten"
    )
    assert decision.criteria[2] == "Vraagt samenwerking tussen partners van het NPSNW."
    assert decision.criteria[6].endswith("CWB en EID.")
    assert not any("De actielijn" in c or c.startswith("·") for c in decision.criteria)
    assert decision.interests == "Het Callandlyceum heeft geen deelgenomen aan het besluit."


# --- round trips ----------------------------------------------------------------------------


def test_round_trip_seed(seed: Actielijst) -> None:
    assert read_docx(write_docx(SEED)) == SEED
    assert read_docx(write_docx(seed)) == seed


def test_round_trip_statuses_numbers_and_decisions() -> None:
    rows = (
        DocRow("Financiën", "Begroting delen", "Update 3 april:\n· stuk rondgestuurd", "Marloes",
               "ASAP", status="afgerond", number=12),
        DocRow("Financiën", "Tweede begroting", "", "", "", status="afgerond"),
        DocRow("Communicatie", "Nieuwsbrief", "Vervalt: loopt via gemeente", "Jan",
               "OT 24 april", status="vervallen"),
        # A decision the appendix does not describe: kept by a "Besluit:" prefix.
        DocRow("Blije doos", "Voorstel blije doos aangenomen", "", "OT", "", is_decision=True),
        DocRow(CALLAND_TOPIC, "OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd",
               "Zie bijlage", "OT", "", is_decision=True),
        DocRow("Tabs\tin tekst", "Regel 1\n\nRegel 3 na een lege regel", "€ & <xml> \"quotes\"",
               "Danillo en Marloes", "Continu proces"),
    )  # fmt: skip
    header = replace(SEED_HEADER, attendees=(("Anne Wilbers", ""), ("Jan", "Vuilnisoproer")))
    decision = replace(CALLAND, criteria=("Eerste criterium\nover twee regels", "Tweede"))
    doc = Actielijst(header, rows, (decision,))
    data = write_docx(doc)
    back = read_docx(data)
    assert back.rows == tuple(replace(r, number=None) for r in rows)
    assert back.header == header
    assert back.decisions == (decision,)

    table = docx.Document(io.BytesIO(data)).tables[1]
    assert table.cell(1, 4).text == "ASAP\n✔\u00a0Afgerond"
    assert table.cell(2, 4).text == "✔\u00a0Afgerond"
    assert table.cell(3, 4).text == "OT 24 april\n✘\u00a0Vervallen"
    assert table.cell(4, 1).text == "Besluit: Voorstel blije doos aangenomen"
    # The appendix describes this one: no prefix needed.
    assert table.cell(5, 1).text == rows[4].text


def test_reading_status_and_decision_marks_written_by_people() -> None:
    document = _action_doc(
        ACTION_HEADERS,
        ("Financiën", "Begroting delen", "", "Marloes", "Afgerond"),
        ("Financiën", "Begroting controleren", "", "Marloes", "april\ngereed"),
        ("Evaluatie", "Besluit - evaluatie in mei", "", "OT", ""),
    )
    rows = read_docx(docx_bytes(document)).rows
    assert [(r.when, r.status) for r in rows] == [
        ("", "afgerond"),
        ("april", "afgerond"),
        ("", ""),
    ]
    assert [(r.text, r.is_decision) for r in rows] == [
        ("Begroting delen", False),
        ("Begroting controleren", False),
        ("evaluatie in mei", True),
    ]


_WORD = st.text(alphabet="abcdeéëXYZ0189,.()-·•€&<>'\"", min_size=1, max_size=12)
_LINE = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
_CELL = st.lists(_LINE, max_size=3).map("\n".join)
_NAME = st.text(alphabet="abcdeéXYZ-'", min_size=1, max_size=12)


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(
        st.builds(
            DocRow,
            topic=_CELL,
            text=_LINE,
            note=_CELL,
            owners=_CELL,
            when=_CELL,
            is_decision=st.booleans(),
            status=st.sampled_from(["", "afgerond", "vervallen"]),
        ),
        max_size=6,
    ),
    title=_LINE,
    programme=_LINE,
    fields=st.lists(st.one_of(st.just(""), _LINE), min_size=4, max_size=4),
    attendees=st.lists(st.tuples(_NAME, st.one_of(st.just(""), _NAME)), max_size=4),
    criteria=st.lists(_LINE, max_size=4),
)
def test_round_trip_any_actielijst(
    rows: list[DocRow],
    title: str,
    programme: str,
    fields: list[str],
    attendees: list[tuple[str, str]],
    criteria: list[str],
) -> None:
    domain, chair, date_text, place = fields
    header = DocHeader(title, programme, domain, chair, tuple(attendees), date_text, place)
    decisions = (DocDecision("Akkoord inzake haalbaarheidsstudie", tuple(criteria), "Niemand"),)
    # Every appendix entry has its row (an entry without one is read as a row of its own).
    decided = DocRow("Onderwijs", "Akkoord inzake haalbaarheidsstudie", is_decision=True)
    doc = Actielijst(header, (*rows, decided), decisions)
    assert read_docx(write_docx(doc)) == doc


@pytest.mark.parametrize("word", ["cc", "Kopie", "Tijd", "Gasten", "Datum", "Aanwezig", "Plaats"])
def test_header_values_that_read_as_labels_round_trip(word: str) -> None:
    # Found by Hypothesis: an attendee, chair or place whose whole text is a header label
    # ("cc", "Tijd") was read as the next label, and the value after it was lost.
    for attendees in (((word, ""),), (("Jan", "X"), (word, ""))):
        header = DocHeader("T", "P", word, word, attendees, "18 maart 2026", word)
        doc = Actielijst(header, (DocRow("Onderwerp", "Actie"),), ())
        assert read_docx(write_docx(doc)).header == header
    # The same word as the title or programme line above the header table; except a bare
    # "Aanwezig(en)", which other secretaries' lists use to start an attendee list.
    lines = () if word == "Aanwezig" else ((word, "P"), ("T", word))
    for title, programme in lines:
        header = DocHeader(title, programme, "D", "C", (("Jan", "X"),), "18 maart 2026", "")
        doc = Actielijst(header, (DocRow("Onderwerp", "Actie"),), ())
        assert read_docx(write_docx(doc)).header == header


# --- what is written ------------------------------------------------------------------------


def test_written_layout() -> None:
    data = write_docx(SEED)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)

    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == "Actielijst en verslaglegging OT overleg"
    assert all(run.bold for run in paragraphs[0].runs)
    assert [p.text for p in paragraphs[1:3]] == [
        "Overleg Nationaal Programma Samen Nieuw-west",
        "Let op: in bijlage toelichting op besluiten",
    ]
    assert [p.text for p in paragraphs[3:]] == ["Bijlage", "Toelichting op besluiten"]

    head, actions, appendix = document.tables
    assert [row.cells[0].text for row in head.rows] == [
        "Domein",
        "Voorzitter",
        "Aanwezigen",
        "Belangen van de organisatie van de aanwezigen",
        "Datum",
        "Locatie",
    ]
    assert head.cell(2, 1).text.startswith("Jan van de Borden (Vuilnisoproer), Marjolein")

    assert actions.style.name == "Table Grid"
    assert tuple(c.text for c in actions.rows[0].cells) == ACTION_HEADERS
    assert all(run.bold for c in actions.rows[0].cells for run in c.paragraphs[0].runs)
    assert len(actions.rows) == 1 + 15
    widths = [col.width for col in actions.columns]
    assert max(widths) == widths[2]  # Toelichting
    assert round(sum(widths) / Mm(1)) == 297 - 2 * 20
    assert [p.text for p in actions.cell(6, 0).paragraphs] == KRACHTEN.split("\n")
    assert [p.text for p in actions.cell(11, 0).paragraphs] == IEDEREEN.split("\n")
    assert [r.cells[1].text for r in actions.rows[1:]] == [r.text for r in SEED_ROWS]

    assert appendix.style.name == "Table Grid"
    assert tuple(c.text for c in appendix.rows[0].cells) == APPENDIX_HEADERS
    criteria = [p.text for p in appendix.cell(1, 1).paragraphs]
    assert criteria == [f"· {c}" for c in CALLAND.criteria]
    assert appendix.cell(1, 2).text == CALLAND.interests
    assert "docProps/thumbnail.jpeg" not in _members(data)


def test_blank_rows_and_no_decisions() -> None:
    doc = replace(SEED, decisions=(), rows=SEED_ROWS[:2])
    data = write_docx(doc, blank_rows=10)
    document = docx.Document(io.BytesIO(data))
    assert len(document.tables[1].rows) == 1 + 2 + 10
    assert len(document.tables[2].rows) == 2  # an empty appendix row to fill in
    assert read_docx(data) == doc


def test_output_is_deterministic() -> None:
    assert write_docx(SEED) == write_docx(SEED)
    props = docx.Document(io.BytesIO(write_docx(SEED))).core_properties
    assert props.created == props.modified == FIXED_TIMESTAMP
    assert props.author == "OT actiebot"
    at = datetime(2027, 3, 18, 16, 0, tzinfo=timezone(timedelta(hours=1)))  # Amsterdam
    data = write_docx(SEED, timestamp=at)
    assert data == write_docx(SEED, timestamp=at) != write_docx(SEED)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created == props.modified == datetime(2027, 3, 18, 15, 0, tzinfo=UTC)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {m.date_time for m in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- messy tables ---------------------------------------------------------------------------


def test_merged_cells_do_not_duplicate_text() -> None:
    document = _action_doc(
        ACTION_HEADERS,
        ("Financiën", "Begroting delen", "", "", "April"),
        ("", "Nieuwsbrief maken", "", "Jan", "Mei"),
        ("", "Website bijwerken", "", "Marloes", "Juni"),
        ("Vocht", "Bewoners spreken", "", "Louise", ""),
    )
    table = document.tables[0]
    table.cell(1, 2).merge(table.cell(1, 3)).text = "Lange toelichting over de begroting"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "Communicatie"
    table.cell(2, 2).merge(table.cell(3, 2)).text = "Samen met de gemeente"
    table.cell(4, 3).merge(table.cell(4, 4)).text = "Louise"
    # python-docx itself gives the merged cell twice, in both directions:
    assert table.rows[1].cells[2]._tc is table.rows[1].cells[3]._tc
    assert table.rows[3].cells[2].text == "Samen met de gemeente"

    rows = read_docx(docx_bytes(document)).rows
    assert rows == (
        DocRow("Financiën", "Begroting delen", "Lange toelichting over de begroting", "", "April"),
        DocRow("Communicatie", "Nieuwsbrief maken", "Samen met de gemeente", "Jan", "Mei"),
        DocRow("Communicatie", "Website bijwerken", "", "Marloes", "Juni"),
        DocRow("Vocht", "Bewoners spreken", "", "Louise", ""),
    )


def test_columns_by_label_not_position() -> None:
    document = _action_doc(
        ("Nr", "Wie", "Wanneer", "Onderwerp ", "Actie", "Toelichting"),
        ("7", "Jan", "ASAP", "Blije doos", "Jan werkt voorstel uit", "Met gebiedsmakelaar"),
    )
    (row,) = read_docx(docx_bytes(document)).rows
    assert row == DocRow(
        "Blije doos", "Jan werkt voorstel uit", "Met gebiedsmakelaar", "Jan", "ASAP"
    )


def test_title_row_and_repeated_header_row() -> None:
    document = _action_doc(
        ("Actielijst OT", "", "", "", ""),
        ACTION_HEADERS,
        ("Blije doos", "Jan werkt voorstel uit", "", "Jan", "ASAP"),
        ACTION_HEADERS,
        ("Financiën", "Governance delen", "", "Marloes", "ASAP"),
    )
    table = document.tables[0]
    table.cell(0, 0).merge(table.cell(0, 4)).text = "Actielijst OT"
    rows = read_docx(docx_bytes(document)).rows
    assert [r.topic for r in rows] == ["Blije doos", "Financiën"]


def test_word_numbered_list_in_cell() -> None:
    document = _action_doc(ACTION_HEADERS, ("Financiën", "Stappen", "", "Marloes", ""))
    cell = document.tables[0].cell(1, 2)
    cell.paragraphs[0].text = "Stappen:"
    for step in ("Begroting opvragen", "Delen met OT", "Bespreken"):
        cell.add_paragraph(step, style="List Number")
    cell.add_paragraph("Daarna klaar.")
    (row,) = read_docx(docx_bytes(document)).rows
    assert row.note == (
        "Stappen:\n1. Begroting opvragen\n2. Delen met OT\n3. Bespreken\nDaarna klaar."
    )


def test_header_as_table_with_colons_and_tabs() -> None:
    document = docx.Document()
    document.add_paragraph("Actielijst OT Werk en Bestaanszekerheid")
    head = document.add_table(rows=5, cols=2)
    values = (
        ("Domein:", "Werk en Bestaanszekerheid"),
        ("Voorzitter", "Rob  Andeweg"),
        ("Aanwezigen", "Rob Andeweg (HvA)\nCarin de Vries (gemeente, Noord)"),
        ("Datum", "24 april 2025"),
        ("Locatie", "Stadsdeelkantoor"),
    )
    for row, (label, value) in zip(head.rows, values, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Plaats:\tniet deze, de eerste telt")
    table = document.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, ACTION_HEADERS, strict=True):
        cell.text = text
    table.rows[1].cells[1].text = "Iets doen"
    header = read_docx(docx_bytes(document)).header
    assert header == DocHeader(
        title="Actielijst OT Werk en Bestaanszekerheid",
        programme="",
        domain="Werk en Bestaanszekerheid",
        chair="Rob Andeweg",
        attendees=(("Rob Andeweg", "HvA"), ("Carin de Vries", "gemeente, Noord")),
        date_text="24 april 2025",
        place="Stadsdeelkantoor",
    )


def test_header_lines_with_separators() -> None:
    document = docx.Document()
    for line in (
        "Domein:Wonen",
        "Voorzitter:\tAnne Wilbers",
        "Aanwezigen\tJan (Vuilnisoproer),",
        "Louise de Rooij (Stadgenoot)",
        "Verslag: Marloes",  # no label: not an attendee, not a title
        "Datum 18 maart",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, ACTION_HEADERS, strict=True):
        cell.text = text
    table.rows[1].cells[1].text = "Iets doen"
    header = read_docx(docx_bytes(document)).header
    assert (header.title, header.programme, header.domain, header.chair) == (
        "",
        "",
        "Wonen",
        "Anne Wilbers",
    )
    assert header.attendees == (("Jan", "Vuilnisoproer"), ("Louise de Rooij", "Stadgenoot"))
    assert (header.date_text, header.place) == ("18 maart", "")


# --- decisions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "topic,text,expected",
    [
        # the seed's row: many shared words, "calland lyceum" written together, "geaccordeerd"
        (CALLAND_TOPIC, "OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd", True),
        # word overlap alone, without a decision word
        ("Vitale buurt", "Haalbaarheidsstudie Callandlyceum voor een vitale buurt", True),
        # a decision word and a shared word
        ("Onderwijs", "Akkoord met de haalbaarheidsstudie", True),
        # the same Onderwerp, but another action: the Afspraak shares nothing
        (CALLAND_TOPIC, "Startbijeenkomst plannen met bewoners", False),
        # "besluiten" is no decision, and shares nothing with the subject
        ("Evaluatie", "Evalueren wat we tegenkomen bij besluiten en de aanloop", False),
        # a decision word about something the appendix does not describe
        ("Financiën", "Begroting geaccordeerd", False),
    ],
)  # fmt: skip
def test_refers_to_decision(topic: str, text: str, expected: bool) -> None:
    assert refers_to_decision(topic, text, (CALLAND,)) is expected


def test_refers_to_decision_needs_an_appendix_entry() -> None:
    row = SEED_ROWS[8]
    assert not refers_to_decision(row.topic, row.text, ())
    financien = DocDecision("Akkoord begroting financiën 2025")
    assert refers_to_decision("Financien", "Begroting geaccordeerd", (financien,))
    together = DocDecision("Akkoord haalbaarheidsstudie Callandlyceum")
    assert refers_to_decision(
        "Onderwijs", "Haalbaarheidsstudie Calland lyceum gestart", (together,)
    )
    doc = read_docx(write_docx(replace(SEED, decisions=())))
    # Without the appendix the writer marks the decision row "Besluit:", so it still reads back.
    assert [r.is_decision for r in doc.rows] == [r.is_decision for r in SEED_ROWS]


@pytest.mark.parametrize(
    "text,criteria",
    [
        ("De actielijn:\n· Draagt bij\n· Borgt", ("Draagt bij", "Borgt")),
        ("•Eén\n• Twee", ("Eén", "Twee")),
        ("- Eén\n* Twee\n–  Drie", ("Eén", "Twee", "Drie")),
        ("Criteria:\n1. Eén\n2) Twee\n(3) Drie\na. Vier", ("Eén", "Twee", "Drie", "Vier")),
        ("· Eén\nloopt door\n· Twee", ("Eén\nloopt door", "Twee")),
        ("De actielijn:\nEén\nTwee", ("Eén", "Twee")),
        ("Eén criterium", ("Eén criterium",)),
        ("· \n· Eén", ("Eén",)),
        ("", ()),
    ],
)  # fmt: skip
def test_parse_criteria(text: str, criteria: tuple[str, ...]) -> None:
    assert parse_criteria(text) == criteria


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "not_docx"),
        ("Actielijst OT 18 maart – Financiën\nOnderwerp\tAfspraak\n".encode(), "text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old_doc"),  # OLE, no stream names
        (b"<html><body>actielijst</body></html>", "not_docx"),
    ],
    ids=["empty", "text", "pdf", "ole", "html"],
)
def test_not_docx(data: bytes, reason: str) -> None:
    """What is no Word document is refused with what it is, so the bot can say what to do."""
    assert _reason(data) == reason


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ],
    ids=["docm", "dotx"],
)
def test_word_macro_and_template_files_are_read(content_type: str) -> None:
    members = _members(build_seed_docx())
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    types = members["[Content_Types].xml"].decode()
    assert docx_type in types
    members["[Content_Types].xml"] = types.replace(docx_type, content_type).encode()
    assert read_docx(_zip(members)) == SEED


def test_other_office_formats_are_not_docx() -> None:
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert _reason(xlsx) == "spreadsheet"
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"})
    assert _reason(odt) == "odt"
    zipped = _zip({"Actielijst OT 18 maart.docx": build_seed_docx()})
    assert _reason(zipped) == "zip"
    assert _reason(_zip({"[Content_Types].xml": b"<Types/>"})) == "not_docx"


def test_corrupt() -> None:
    seed = build_seed_docx()
    assert _reason(_zip({"notes.txt": b"geen word"})) == "corrupt"
    assert _reason(seed[: len(seed) // 2]) == "corrupt"
    members = _members(seed)
    assert _reason(_zip({**members, "word/document.xml": b"<w:document><w:body>"})) == "corrupt"
    del members["[Content_Types].xml"]
    assert _reason(_zip(members)) == "corrupt"


def test_no_action_table() -> None:
    document = docx.Document()
    document.add_paragraph("Actielijst en verslaglegging OT overleg")
    document.add_paragraph("Onderwerp Afspraak Toelichting Wie Wanneer")  # not a table
    assert _reason(docx_bytes(document)) == "no_table"

    document.add_table(rows=2, cols=3).rows[0].cells[0].text = "Naam"
    document.tables[0].rows[0].cells[1].text = "Telefoon"
    assert _reason(docx_bytes(document)) == "no_table"

    only_appendix = docx.Document()
    table = only_appendix.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, APPENDIX_HEADERS, strict=True):
        cell.text = text
    table.rows[1].cells[0].text = CALLAND.subject
    assert _reason(docx_bytes(only_appendix)) == "no_table"


def test_too_large_before_parsing() -> None:
    assert _reason(b"PK\x03\x04" + bytes(MAX_BYTES)) == "too_large"
    assert _reason(b"x" * (MAX_BYTES + 1)) == "too_large"


def test_zip_bomb_is_refused_by_declared_size() -> None:
    members = _members(build_seed_docx())
    members["word/media/padding.bin"] = bytes(60 * 1024 * 1024)
    bomb = _zip(members)
    assert len(bomb) < 200_000
    assert _reason(bomb) == "too_large"


def test_member_lying_about_its_size_is_not_unpacked_past_it() -> None:
    members = _members(build_seed_docx())
    size = len(members["word/document.xml"])
    members["word/document.xml"] += b" " * (60 * 1024 * 1024)  # whitespace after the root
    data = bytearray(_zip(members))
    # Let the central directory claim the original size, well under the limit.
    at = data.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == b"word/document.xml":
            break
        at = data.index(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + 24, size)
    assert _reason(bytes(data)) == "corrupt"
