"""The actielijst as a document: what the team's Word file holds, independent of Word."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocHeader:
    """The block above the table: which domain, who chaired, who attended, when, where."""

    title: str = "Actielijst en verslaglegging OT overleg"
    programme: str = "Overleg Nationaal Programma Samen Nieuw-west"
    domain: str = ""  # "Wonen en Leefomgeving"
    chair: str = ""
    attendees: tuple[tuple[str, str], ...] = ()  # (name, organisation)
    date_text: str = ""  # as written: "18 maart" (often without a year)
    place: str = ""


@dataclass(frozen=True)
class DocRow:
    """One row of the five-column table, as written."""

    topic: str  # Onderwerp
    text: str  # Afspraak/actie/besluit
    note: str = ""  # Toelichting / update
    owners: str = ""  # Wie
    when: str = ""  # Wanneer
    is_decision: bool = False
    # Export only: "afgerond" for actions closed since the previous meeting, "vervallen".
    status: str = ""
    number: int | None = None  # export only: the bot's action number


@dataclass(frozen=True)
class DocDecision:
    """One entry of the appendix "Toelichting op besluiten"."""

    subject: str  # Onderwerp van het besluit
    criteria: tuple[str, ...] = ()
    interests: str = ""  # the statement that nobody with an interest took part


@dataclass(frozen=True)
class Actielijst:
    """A whole actielijst: header, rows, appendix."""

    header: DocHeader
    rows: tuple[DocRow, ...]
    decisions: tuple[DocDecision, ...] = ()


class DocumentError(ValueError):
    """A file that cannot be read as an actielijst; `reason` is a code texts.py renders:
    not_docx, corrupt, too_large, too_slow, no_table, or what the file is instead
    (documents/filetype.py: old_doc, encrypted, pdf, odt, spreadsheet, image, ...)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
