"""The one export renderer the bot and the CLI share: bytes and a file name per format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from documents.docx_io import read_docx
from documents.exports import to_csv, to_ics, to_json, to_markdown
from documents.render import ExportFormat, render_export
from domain.actielijst import Actielijst, DocHeader, DocRow
from domain.model import Action, Meeting

MEETING = Meeting(id=1, team_id=1, day=date(2027, 3, 18), place="Plein 40-45")
DOC = Actielijst(
    DocHeader(domain="Wonen", chair="Anne", date_text="18 maart 2027"),
    (DocRow("Vocht", "Memo delen", "", "Louise", "ASAP"),),
)
NOW = datetime(2027, 3, 19, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Export:
    team_name: str = "OT Wonen"
    doc: Actielijst = DOC
    actions: Sequence[Action] = ()
    meetings: Sequence[Meeting] = (MEETING,)
    meeting: Meeting | None = MEETING
    generated_at: datetime = NOW


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (ExportFormat.MARKDOWN, to_markdown(DOC).encode()),
        (ExportFormat.CSV, ("\ufeff" + to_csv(DOC)).encode()),
        (ExportFormat.JSON, to_json(DOC).encode()),
    ],
)
def test_the_text_formats_are_the_writers_output_in_utf8(
    fmt: ExportFormat, expected: bytes
) -> None:
    content, name = render_export(fmt, Export())
    assert content == expected
    assert name == f"actielijst-ot-wonen-2027-03-18.{fmt}"


def test_word_reads_back() -> None:
    content, name = render_export(ExportFormat.DOCX, Export())
    assert name == "actielijst-ot-wonen-2027-03-18.docx"
    assert read_docx(content).rows[0].text == "Memo delen"


def test_a_list_of_no_meeting_is_a_concept() -> None:
    _, name = render_export(ExportFormat.MARKDOWN, Export(meeting=None))
    assert name == "actielijst-ot-wonen-concept.md"


def test_the_calendar_is_the_teams_or_one_persons() -> None:
    content, name = render_export(ExportFormat.ICS, Export())
    assert content == to_ics("OT Wonen", (MEETING,), [], now=NOW).encode()
    assert name == "ot-ot-wonen.ics"
    mine, name = render_export(ExportFormat.ICS, Export(), person="Jan")
    assert mine == to_ics("OT Wonen", (MEETING,), [], now=NOW, person="Jan").encode()
    assert name == "ot-ot-wonen-mijn.ics"
