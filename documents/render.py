"""The one export renderer, for the bot and the CLI: a format and an export in, the file's
bytes and name out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from documents.docx_io import write_docx
from documents.exports import to_csv, to_ics, to_json, to_markdown
from documents.filenames import export_filename
from domain.actielijst import Actielijst
from domain.model import Action, Meeting


class ExportFormat(StrEnum):
    """The formats an export is written in (the value is the file's extension)."""

    DOCX = "docx"
    MARKDOWN = "md"
    CSV = "csv"
    JSON = "json"
    ICS = "ics"  # the coming OTs and dated deadlines, not one meeting's list


class Export(Protocol):
    """What an export is made of (services.documents.ExportData)."""

    @property
    def team_name(self) -> str: ...
    @property
    def doc(self) -> Actielijst: ...
    @property
    def actions(self) -> Sequence[Action]: ...
    @property
    def meetings(self) -> Sequence[Meeting]: ...
    @property
    def meeting(self) -> Meeting | None: ...
    @property
    def generated_at(self) -> datetime: ...


def render_export(
    fmt: ExportFormat, data: Export, *, person: str | None = None
) -> tuple[bytes, str]:
    """Write an export in `fmt`; return its bytes and file name. `person`: a calendar of
    one person's deadlines (the export then holds only theirs)."""
    if fmt is ExportFormat.ICS:
        open_actions = [a for a in data.actions if a.status.is_open]
        text = to_ics(
            data.team_name, data.meetings, open_actions, now=data.generated_at, person=person
        )
        suffix = "mijn" if person else ""
        return text.encode(), export_filename("ot", data.team_name, None, "ics", suffix)
    if fmt is ExportFormat.DOCX:
        content = write_docx(data.doc)
    elif fmt is ExportFormat.MARKDOWN:
        content = to_markdown(data.doc).encode()
    elif fmt is ExportFormat.CSV:
        content = ("\ufeff" + to_csv(data.doc)).encode()  # the BOM tells Excel it is UTF-8
    else:
        content = to_json(data.doc, data.actions).encode()
    day = data.meeting.day.isoformat() if data.meeting else "concept"
    return content, export_filename("actielijst", data.team_name, day, fmt.value)
