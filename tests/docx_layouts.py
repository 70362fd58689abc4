"""Word actielijsten as other secretaries make them, built with python-docx (like
bot/demo/seed_docx.py: no binary fixtures).

Each `Layout` is one way of writing the list that the bot must read, with what it must read
from it: the header, the rows (statuses and decisions included) and the decisions' entries.

- `LABEL_TABLE`: the header as a two-column label/value table ("Datum | 9 januari 2027",
  with "Afwezig" and "Notulist" rows that are no attendees); the decisions in a table of their
  own ("Besluit | Toelichting/criteria | Belangen") *before* the actions; the action table
  "Nr | Thema | Actie | Verantwoordelijke | Deadline | Status" with pre-numbered empty rows.
- `OTHER_ORDER`: the header as "Label: value" lines ("Datum: 05-02-2027"); the action table in
  another order with other words ("# | Actiepunt | Eigenaar | Datum gereed | Stand van zaken |
  Onderwerp | Prioriteit | Status") and an unknown column; the appendix "Toelichting op
  besluiten" after it, with an entry that has a row in the table and one that has none.
- `NO_TOPIC`: "Datum: 5 feb. 2027" with a time after it; "Afspraak | Trekker | Wanneer |
  Toelichting | Update" (no Onderwerp, two note columns), statuses in the Wanneer cell.
- `GRID_HEADER`: "Datum | 2027-02-05 | Locatie | ..." (two label/value pairs a row), a
  decision table with an Onderwerp column, after the actions: "Actie | Wie | Wanneer | Thema".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx import Document

from bot.demo.seed_docx import docx_bytes
from domain.actielijst import DocDecision, DocHeader, DocRow


@dataclass(frozen=True)
class Layout:
    """A way of writing the actielijst: how to build it, and what reading it must give."""

    name: str
    build: Callable[[], bytes]
    header: DocHeader
    rows: tuple[DocRow, ...]
    decisions: tuple[DocDecision, ...]
    day: date  # the meeting day, with the year the header names

    @property
    def actions(self) -> tuple[DocRow, ...]:
        return tuple(r for r in self.rows if not r.is_decision)


def _table(document: Any, rows: Sequence[Sequence[str]], *, bold_first: bool = True) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            for i, line in enumerate(text.split("\n")):
                if i:
                    paragraph = cell.add_paragraph()
                paragraph.add_run(line).bold = (bold_first and r == 0) or None
    return table


# --- 1. label/value header table, decisions table first, Nr and Status columns --------------

_BEGROTING = DocDecision(
    subject="Begroting 2027 van het opgaveteam vastgesteld",
    criteria=("Past binnen het uitvoeringsprogramma", "Gedragen door alle partners"),
    interests="Niemand met een belang bij de begroting heeft meegestemd.",
)
_LABEL_TABLE_ROWS = (
    DocRow("Blije doos", "Jan werkt voorstel uit", "", "Jan", "ASAP"),
    DocRow("Financiën", "Governance delen met OT", "", "Marloes", "1 februari", status="afgerond"),
    DocRow("Vocht en schimmel", "Bewoners spreken over de aanpak", "", "Louise", "OT 5 februari"),
    DocRow("Communicatie", "Nieuwsbrief maken", "", "Partners NPSNW", "Continu proces"),
    DocRow("Evaluatie", "Aanstellen bewonerscoaches evalueren", "", "OT", "eind maart"),
    DocRow(
        "Doorstroming",
        "Vacature doorstroommakelaar delen",
        "",
        "Louise",
        "ASAP",
        status="afgerond",
    ),
    DocRow("", _BEGROTING.subject, is_decision=True),  # only in the decisions table
)


def build_label_table() -> bytes:
    """Header as a label/value table, decisions before actions, Nr and Status columns."""
    document = Document()
    document.add_paragraph().add_run("Actielijst Opgaveteam Wonen en Leefomgeving").bold = True
    _table(
        document,
        (
            ("Domein", "Wonen en Leefomgeving"),
            ("Datum", "9 januari 2027"),
            ("Voorzitter", "Anne Wilbers"),
            (
                "Aanwezigen",
                "Jan van de Borden (Vuilnisoproer)\nLouise de Rooij (Stadgenoot)\n"
                "Marloes van der Meulen-Ramp (NPSNW)",
            ),
            ("Afwezig", "Nabila Bouabbouz (gemeente)"),
            ("Locatie", "Stadsdeelkantoor Nieuw-West"),
            ("Notulist", "Marloes"),
        ),
        bold_first=False,
    )
    document.add_paragraph()
    document.add_paragraph().add_run("Besluiten").bold = True
    _table(
        document,
        (
            ("Besluit", "Toelichting/criteria", "Belangen"),
            (
                _BEGROTING.subject,
                "De begroting:\n" + "\n".join(f"• {c}" for c in _BEGROTING.criteria),
                _BEGROTING.interests,
            ),
        ),
    )
    document.add_paragraph()
    document.add_paragraph().add_run("Acties").bold = True
    statuses = ("Open", "Afgerond", "Loopt", "", "Open", "Gereed")
    rows = [("Nr", "Thema", "Actie", "Verantwoordelijke", "Deadline", "Status")]
    for n, (row, status) in enumerate(zip(_LABEL_TABLE_ROWS, statuses, strict=False), start=1):
        rows.append((str(n), row.topic, row.text, row.owners, row.when, status))
    rows += [(str(n), "", "", "", "", "Open") for n in range(7, 11)]  # the template's rows
    _table(document, rows)
    return docx_bytes(document)


LABEL_TABLE = Layout(
    name="label-table",
    build=build_label_table,
    header=DocHeader(
        title="Actielijst Opgaveteam Wonen en Leefomgeving",
        programme="",
        domain="Wonen en Leefomgeving",
        chair="Anne Wilbers",
        attendees=(
            ("Jan van de Borden", "Vuilnisoproer"),
            ("Louise de Rooij", "Stadgenoot"),
            ("Marloes van der Meulen-Ramp", "NPSNW"),
        ),
        date_text="9 januari 2027",
        place="Stadsdeelkantoor Nieuw-West",
    ),
    rows=_LABEL_TABLE_ROWS,
    decisions=(_BEGROTING,),
    day=date(2027, 1, 9),
)


# --- 2. "Label: value" lines, columns in another order, appendix after ----------------------

_CALLAND_TOPIC = (
    "Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes voor een "
    "vitale buurt"
)
_CALLAND = DocDecision(
    subject="Akkoord inzake actielijn haalbaarheidsstudie Calland lyceum",
    criteria=(
        "Draagt bij aan de opbrengsten op (middel)lange termijn",
        "Borgt het eigenaarschap van bewoners",
    ),
    interests="Het Callandlyceum heeft niet deelgenomen aan het besluit.",
)
_MAKELAARS = DocDecision(
    subject="Akkoord op twee extra doorstroommakelaars bij de corporaties",
    criteria=("Nodig voor de doorstroming",),
    interests="De corporaties hebben niet meegestemd.",
)
_OTHER_ORDER_ROWS = (
    DocRow(
        "Gezonde leefomgeving",
        "Plannen obesitas uitzoeken",
        "Marloes zoekt uit of er al plannen zijn.\nDanillo sluit aan.",
        "Danillo en Marloes",
        "April",
    ),
    DocRow("Organisatiestructuur", "Delen organisatiestructuur", "", "Marloes", "ASAP"),
    DocRow(
        _CALLAND_TOPIC,
        "OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd",
        "Zie bijlage",
        "OT",
        "",
        is_decision=True,
    ),
    DocRow(
        "Blije doos",
        "Jan werkt voorstel uit",
        "Ligt bij de gebiedsmakelaar",
        "Jan",
        "OT 24 april",
        status="afgerond",
    ),
    DocRow("", _MAKELAARS.subject, is_decision=True),  # only in the appendix
)


def build_other_order() -> bytes:
    """Header as "Label: value" lines; the columns in another order, with other labels and an
    unknown column; the appendix after the table."""
    document = Document()
    document.add_paragraph("Verslag OT Wonen en Leefomgeving")
    for line in (
        "Datum: 05-02-2027",
        "Voorzitter: Anne Wilbers",
        "Aanwezigen: Jan van de Borden (Vuilnisoproer), Danillo Janssen (SDC),",
        "Marloes van der Meulen-Ramp (NPSNW)",
        "Afwezig: Louise de Rooij (Stadgenoot)",
        "Locatie: Plein 40-45",
    ):
        document.add_paragraph(line)
    rows = [
        (
            "#",
            "Actiepunt",
            "Eigenaar",
            "Datum gereed",
            "Stand van zaken",
            "Onderwerp",
            "Prioriteit",
            "Status",
        )
    ]
    statuses = ("Loopt", "Open", "", "Done")
    for n, (row, status) in enumerate(zip(_OTHER_ORDER_ROWS, statuses, strict=False), start=1):
        priority = "Hoog" if n % 2 else "Laag"
        rows.append(
            (str(n), row.text, row.owners, row.when, row.note, row.topic, priority, status)
        )
    _table(document, rows)
    document.add_paragraph()
    document.add_paragraph("Bijlage")
    document.add_paragraph("Toelichting op besluiten")
    _table(
        document,
        (
            (
                "Onderwerp van het besluit",
                "Toelichting welke criteria er gebruikt zijn",
                "Bevestiging dat er geen lid met een belang heeft deelgenomen",
            ),
            *(
                (d.subject, "\n".join(f"· {c}" for c in d.criteria), d.interests)
                for d in (_CALLAND, _MAKELAARS)
            ),
        ),
    )
    return docx_bytes(document)


OTHER_ORDER = Layout(
    name="other-order",
    build=build_other_order,
    header=DocHeader(
        title="Verslag OT Wonen en Leefomgeving",
        programme="",
        domain="",
        chair="Anne Wilbers",
        attendees=(
            ("Jan van de Borden", "Vuilnisoproer"),
            ("Danillo Janssen", "SDC"),
            ("Marloes van der Meulen-Ramp", "NPSNW"),
        ),
        date_text="05-02-2027",
        place="Plein 40-45",
    ),
    rows=_OTHER_ORDER_ROWS,
    decisions=(_CALLAND, _MAKELAARS),
    day=date(2027, 2, 5),
)


# --- 3. no Onderwerp column, two note columns, statuses in Wanneer --------------------------

_NO_TOPIC_ROWS = (
    DocRow(
        "",
        "Memo vocht en schimmel delen",
        "Van de corporaties\nVerstuurd",
        "Louise",
        "ASAP",
        status="afgerond",
    ),
    DocRow("", "Rondleiding Expofette plannen", "", "Jan", "eind februari"),
    DocRow("", "Oude werkgroep opheffen", "Niet meer nodig", "Marloes", "", status="vervallen"),
    DocRow("", "Presentatie Werkend Leren agenderen", "", "Marloes", "OT 24 april"),
)


def build_no_topic() -> bytes:
    """A list without Onderwerp: "Afspraak | Trekker | Wanneer | Toelichting | Update"."""
    document = Document()
    document.add_paragraph("Afsprakenlijst OT Wonen en Leefomgeving")
    document.add_paragraph("Datum: 5 feb. 2027, 14.00 - 16.00 uur")
    document.add_paragraph("Voorzitter: Anne Wilbers")
    document.add_paragraph("Locatie: Plein 40-45")
    _table(
        document,
        (
            ("Afspraak", "Trekker", "Wanneer", "Toelichting", "Update"),
            (
                "Memo vocht en schimmel delen",
                "Louise",
                "ASAP\n✔ Afgerond",
                "Van de corporaties",
                "Verstuurd",
            ),
            ("Rondleiding Expofette plannen", "Jan", "eind februari", "", ""),
            ("Oude werkgroep opheffen", "Marloes", "Vervallen", "", "Niet meer nodig"),
            ("Presentatie Werkend Leren agenderen", "Marloes", "OT 24 april", "", ""),
            ("", "", "", "", ""),
        ),
    )
    return docx_bytes(document)


NO_TOPIC = Layout(
    name="no-topic",
    build=build_no_topic,
    header=DocHeader(
        title="Afsprakenlijst OT Wonen en Leefomgeving",
        programme="",
        chair="Anne Wilbers",
        date_text="5 feb. 2027, 14.00 - 16.00 uur",
        place="Plein 40-45",
    ),
    rows=_NO_TOPIC_ROWS,
    decisions=(),
    day=date(2027, 2, 5),
)


# --- 4. a grid of label/value pairs, decisions with an Onderwerp, after the actions ---------

_SPEELPLEK = DocDecision(
    subject="Buitenruimte: Speelplek Confuciusplein wordt samen met bewoners ingericht",
    criteria=("Bewoners zijn vanaf het begin betrokken",),
    interests="Geen van de leden heeft een belang.",
)
_GRID_ROWS = (
    DocRow("Buitenruimte", "Bewonersavond speelplek organiseren", "", "Nabila", "15 maart"),
    DocRow(
        "Werk en inkomen",
        "Contact leggen met het OT Werk en Bestaanszekerheid",
        "",
        "Marloes",
        "ASAP",
    ),
    DocRow(
        "Buitenruimte",
        "Speelplek Confuciusplein wordt samen met bewoners ingericht",
        is_decision=True,
    ),
)


def build_grid_header() -> bytes:
    """Two label/value pairs a row ("Datum | 2027-02-05 | Locatie | ..."); "Actie | Wie |
    Wanneer | Thema"; then "Onderwerp | Besluit | Criteria | Belangen"."""
    document = Document()
    document.add_paragraph("Actielijst")
    _table(
        document,
        (
            ("Datum", "2027-02-05", "Locatie", "Buurthuis De Honingraat"),
            ("Domein", "Wonen en Leefomgeving", "Voorzitter", "Anne Wilbers"),
            (
                "Aanwezigen",
                "Nabila Bouabbouz (gemeente), Marloes van der Meulen-Ramp (NPSNW)",
                "",
                "",
            ),
        ),
        bold_first=False,
    )
    document.add_paragraph()
    _table(
        document,
        (
            ("Actie", "Wie", "Wanneer", "Thema"),
            *((r.text, r.owners, r.when, r.topic) for r in _GRID_ROWS if not r.is_decision),
        ),
    )
    document.add_paragraph()
    _table(
        document,
        (
            ("Onderwerp", "Besluit", "Criteria", "Belangen"),
            (
                "Buitenruimte",
                "Speelplek Confuciusplein wordt samen met bewoners ingericht",
                _SPEELPLEK.criteria[0],
                _SPEELPLEK.interests,
            ),
        ),
    )
    return docx_bytes(document)


GRID_HEADER = Layout(
    name="grid-header",
    build=build_grid_header,
    header=DocHeader(
        title="Actielijst",
        programme="",
        domain="Wonen en Leefomgeving",
        chair="Anne Wilbers",
        attendees=(("Nabila Bouabbouz", "gemeente"), ("Marloes van der Meulen-Ramp", "NPSNW")),
        date_text="2027-02-05",
        place="Buurthuis De Honingraat",
    ),
    rows=_GRID_ROWS,
    decisions=(_SPEELPLEK,),
    day=date(2027, 2, 5),
)

LAYOUTS = (LABEL_TABLE, OTHER_ORDER, NO_TOPIC, GRID_HEADER)
