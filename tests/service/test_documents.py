"""Word actielijsten of other secretaries on a real SQLite file: the meeting day with the year
the header names, statuses, separate decision tables, and which OT `/actielijst` shows after
an import."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.demo.seed_docx import build_seed_docx
from documents.docx_io import read_docx, write_docx
from domain.actielijst import Actielijst, DocHeader, DocRow
from domain.errors import BadValue
from domain.model import ItemKind, Status
from services.documents import DocumentService
from services.meetings import MeetingService
from services.reminders import ReminderService
from storage.models import ActionRow, MeetingRow
from tests.docx_layouts import LABEL_TABLE, LAYOUTS, NO_TOPIC, OTHER_ORDER, Layout
from tests.service.conftest import GROUP, SECRETARY, World


@pytest.fixture
def docs(world: World, clock) -> DocumentService:  # type: ignore[no-untyped-def]
    return DocumentService(world.teams.factory, setups=world.teams.setups, clock=clock)


def _dated(text: str) -> Actielijst:
    return Actielijst(DocHeader(date_text=text), (DocRow("Blije doos", "Voorstel uitwerken"),))


def _import(docs: DocumentService, data: bytes) -> date:
    doc = read_docx(data)
    day, _assumed = docs.meeting_day(doc)
    docs.apply(SECRETARY, GROUP, doc, day)
    return day


def _shown(row: DocRow) -> tuple[str, str, str, str, str, bool, str]:
    return (row.topic, row.text, row.note, row.owners, row.when, row.is_decision, row.status)


def _meetings(world: World) -> dict[date, str]:
    with world.teams.factory() as s:
        return {m.day: m.status for m in s.scalars(select(MeetingRow))}


# --- the meeting day ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,day",
    [
        ("9 januari 2027", date(2027, 1, 9)),
        ("05-02-2027", date(2027, 2, 5)),
        ("5 feb. 2027", date(2027, 2, 5)),
        ("2027-02-05", date(2027, 2, 5)),
        ("5-2-27", date(2027, 2, 5)),
        ("donderdag 9 januari 2027, 14.00 - 16.00 uur", date(2027, 1, 9)),
        ("9 januari 2026", date(2026, 1, 9)),  # a year back: as written, no guess
        ("12 november 2026", date(2026, 11, 12)),
        ("3 april 2027", date(2027, 4, 3)),  # in the future: as written too
    ],
)
def test_a_year_in_the_header_is_the_meeting_year(
    docs: DocumentService, text: str, day: date
) -> None:
    doc = _dated(text)
    assert docs.meeting_day(doc) == (day, False)
    # The button carries a year; for a document that names its own, that changes nothing.
    assert docs.meeting_day(doc, day.year) == (day, False)
    assert docs.meeting_day(doc, day.year - 1) == (day, False)


@pytest.mark.parametrize(
    "text,day",
    [
        ("18 maart", date(2027, 3, 18)),  # today
        ("9 januari", date(2027, 1, 9)),
        ("12 november", date(2026, 11, 12)),  # not next November: the most recent one
        ("29 februari", date(2024, 2, 29)),  # the last leap year's
    ],
)
def test_a_date_without_a_year_is_the_most_recent_one(
    docs: DocumentService, text: str, day: date
) -> None:
    assert docs.meeting_day(_dated(text)) == (day, True)


def test_the_year_button_and_impossible_days(docs: DocumentService) -> None:
    assert docs.meeting_day(_dated("12 november"), 2025) == (date(2025, 11, 12), False)
    assert docs.meeting_day(_dated("29 februari"), 2024) == (date(2024, 2, 29), False)
    with pytest.raises(BadValue):
        docs.meeting_day(_dated("29 februari"), 2027)
    with pytest.raises(BadValue):
        docs.meeting_day(_dated("januari 2027"))  # a month is no meeting day
    assert docs.meeting_day(_dated("")) == (date(2027, 3, 18), True)


# --- importing each layout ------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_each_layout_imports_and_exports_the_same_actions(
    world: World, docs: DocumentService, layout: Layout
) -> None:
    doc = read_docx(layout.build())
    day, assumed = docs.meeting_day(doc)
    assert (day, assumed) == (layout.day, False)
    preview = docs.preview(SECRETARY, GROUP, doc, day, assumed)
    assert preview.new_actions == len(layout.rows)
    assert preview.decisions == sum(r.is_decision for r in layout.rows)
    result = docs.apply(SECRETARY, GROUP, doc, day)
    assert result.meeting.day == layout.day
    assert len(result.added) == len(layout.rows)

    exported = docs.export(SECRETARY, GROUP)
    assert exported.meeting is not None and exported.meeting.day == layout.day
    again = read_docx(write_docx(exported.doc))
    kept = [r for r in layout.rows if r.status != "vervallen"]  # cancelled: not on the list
    assert sorted(map(_shown, again.rows)) == sorted(map(_shown, kept))
    assert again.header.chair == layout.header.chair
    assert again.header.attendees == layout.header.attendees
    assert again.header.place == layout.header.place
    assert sorted(c for d in again.decisions for c in d.criteria) == sorted(
        c for d in layout.decisions for c in d.criteria
    )
    # Importing what the bot wrote changes nothing.
    back = docs.preview(SECRETARY, GROUP, again, *docs.meeting_day(again))
    assert (back.new_actions, back.updated_actions) == (0, 0)


def test_statuses_and_decisions_are_stored(world: World, docs: DocumentService) -> None:
    _import(docs, LABEL_TABLE.build())
    _import(docs, NO_TOPIC.build())
    with world.teams.factory() as s:
        stored = {r.text: r for r in s.scalars(select(ActionRow))}
    status = {text: row.status for text, row in stored.items()}
    assert status["Governance delen met OT"] == Status.DONE  # "Afgerond"
    assert status["Vacature doorstroommakelaar delen"] == Status.DONE  # "Gereed"
    assert status["Bewoners spreken over de aanpak"] == Status.OPEN  # "Loopt"
    assert status["Nieuwsbrief maken"] == Status.OPEN  # empty
    assert status["Memo vocht en schimmel delen"] == Status.DONE  # "✔ Afgerond" in Wanneer
    assert status["Oude werkgroep opheffen"] == Status.CANCELLED  # "Vervallen"
    begroting = stored["Begroting 2027 van het opgaveteam vastgesteld"]
    assert begroting.kind == ItemKind.DECISION
    assert "Gedragen door alle partners" in begroting.criteria
    assert begroting.interests.startswith("Niemand met een belang")


# --- which OT /actielijst shows ---------------------------------------------------------------


def test_actielijst_after_an_import_is_that_meetings_list(
    world: World, docs: DocumentService, clock
) -> None:  # type: ignore[no-untyped-def]
    # 9 January 2027, with an action due "OT 5 februari": that OT is tentative, and passed.
    _import(docs, LABEL_TABLE.build())
    assert _meetings(world) == {date(2027, 1, 9): "held", date(2027, 2, 5): "tentative"}
    exported = docs.export(SECRETARY, GROUP)
    assert exported.meeting is not None and exported.meeting.day == date(2027, 1, 9)
    assert exported.doc.header.date_text == "9 januari 2027"
    assert exported.doc.header.chair == "Anne Wilbers"
    [decision] = exported.doc.decisions
    assert decision.subject == "Begroting 2027 van het opgaveteam vastgesteld"

    # The scheduler carries the passed OT's actions over; it stays unconfirmed, not held.
    ReminderService(world.teams.factory, setups=world.teams.setups, clock=clock).plan()
    assert _meetings(world)[date(2027, 2, 5)] == "unconfirmed"
    assert docs.export(SECRETARY, GROUP).doc.header.date_text == "9 januari 2027"

    # Its list imported after all: that OT took place, and its list is the latest.
    _import(docs, OTHER_ORDER.build())
    assert _meetings(world)[date(2027, 2, 5)] == "held"
    exported = docs.export(SECRETARY, GROUP)
    assert exported.doc.header.date_text == "5 februari 2027"
    assert exported.doc.header.chair == "Anne Wilbers"
    # Its two decisions (the bot's appendix names each by Onderwerp and Afspraak).
    calland = next(r for r in OTHER_ORDER.rows if "Callandlyceum" in r.text)
    assert {d.subject for d in exported.doc.decisions} == {
        f"{calland.topic}: {calland.text}",
        OTHER_ORDER.decisions[1].subject,
    }

    # An OT the secretary planned, once it has passed, is the latest.
    MeetingService(world.teams.factory, setups=world.teams.setups, clock=clock).plan(
        SECRETARY, GROUP, "25 maart 14:00"
    )
    assert docs.export(SECRETARY, GROUP).doc.header.date_text == "5 februari 2027"
    clock.advance(days=8)
    assert docs.export(SECRETARY, GROUP).doc.header.date_text == "25 maart 2027"
    # Asked by day, with or without the year.
    assert docs.export(SECRETARY, GROUP, "9 januari 2027").doc.header.date_text == (
        "9 januari 2027"
    )
    assert docs.export(SECRETARY, GROUP, "9 januari").doc.header.date_text == "9 januari 2027"


def test_without_any_confirmed_meeting_the_latest_tentative_one_still_heads_the_list(
    world: World, docs: DocumentService, clock
) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo delen (OT 24 april)", clock())
    clock.advance(days=40)  # 27 April: the tentative OT of 24 April has passed
    exported = docs.export(SECRETARY, GROUP)
    assert exported.meeting is not None and exported.meeting.day == date(2027, 4, 24)


def test_the_seed_keeps_the_assumed_year(docs: DocumentService) -> None:
    doc = read_docx(build_seed_docx())
    assert docs.meeting_day(doc) == (date(2027, 3, 18), True)
    assert docs.meeting_day(doc, 2026) == (date(2026, 3, 18), False)
