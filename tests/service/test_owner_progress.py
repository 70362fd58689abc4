"""Per-owner progress on a joint action through the services: an owner's part, the last part
closing the whole, a secretary closing the whole, /heropen clearing every part, and the Word
export's Voortgang line read back by the import."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import texts
from documents.docx_io import read_docx, write_docx
from domain.model import Status
from domain.reminders import ReminderSettings
from services.documents import DocumentService
from services.reminders import PING
from storage.models import EventRow
from tests.service.conftest import GROUP, JAN, LOUISE, SECRETARY, World, private
from tests.service.test_reminders import Reminders, at


@pytest.fixture
def rem(world: World, clock) -> Reminders:  # type: ignore[no-untyped-def]
    return Reminders(
        world.teams.factory, setups=world.teams.setups, clock=clock, reminders=ReminderSettings()
    )


@pytest.fixture
def docs(world: World, clock) -> DocumentService:  # type: ignore[no-untyped-def]
    return DocumentService(world.teams.factory, setups=world.teams.setups, clock=clock)


def _joint(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan en Louise: data delen (ASAP)", clock())
    for user, name in ((JAN, "Jan"), (LOUISE, "Louise")):
        world.teams.join_seen(1, user)
        world.teams.claim_name(user, private(user), name)


def _progress(action) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    return [(o.name.split()[0], o.done) for o in action.owners]


def test_parts_then_the_whole(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    _joint(world, clock)
    asked = world.actions.close(JAN, GROUP, 1, scope="ask")
    assert asked.ask_part and not asked.changed
    assert asked.action.status is Status.OPEN
    part = world.actions.close(JAN, GROUP, 1, scope="part")
    assert part.part and part.action.status is Status.OPEN
    assert _progress(part.action) == [("Jan", True), ("Louise", False)]
    assert _progress(world.actions.get(JAN, GROUP, 1)) == [("Jan", True), ("Louise", False)]
    # Louise is the last open owner: she is not asked, her close closes the whole.
    assert not world.actions.close(LOUISE, GROUP, 1, scope="ask").ask_part
    done = world.actions.get(LOUISE, GROUP, 1)
    assert done.status is Status.DONE and done.closed_by and done.closed_by.startswith("Louise")
    with world.teams.factory() as s:
        kinds = [e.kind for e in s.scalars(select(EventRow).order_by(EventRow.id))]
    assert kinds.count("part_done") == 1 and kinds[-1] == "closed"
    # /heropen reopens the whole and every part.
    reopened = world.actions.reopen(JAN, GROUP, 1)
    assert reopened.action.status.is_open
    assert _progress(reopened.action) == [("Jan", False), ("Louise", False)]


def test_a_part_as_the_last_open_owner_closes_the_whole(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    _joint(world, clock)
    world.actions.close(JAN, GROUP, 1, scope="part")
    last = world.actions.close(LOUISE, GROUP, 1, scope="part")
    assert not last.part and last.action.status is Status.DONE


def test_a_secretary_who_is_no_owner_closes_the_whole(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    _joint(world, clock)
    closed = world.actions.close(SECRETARY, GROUP, 1, scope="ask")
    assert not closed.ask_part and closed.action.status is Status.DONE


def test_a_single_owner_is_never_asked(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo delen (ASAP)", clock())
    world.teams.join_seen(1, JAN)
    world.teams.claim_name(JAN, private(JAN), "Jan")
    closed = world.actions.close(JAN, GROUP, 1, scope="ask")
    assert not closed.ask_part and closed.action.status is Status.DONE


def test_word_export_writes_progress_and_the_import_reads_it_back(  # type: ignore[no-untyped-def]
    world: World, docs: DocumentService, clock
) -> None:
    _joint(world, clock)
    world.actions.close(JAN, GROUP, 1, scope="part")
    exported = docs.export(SECRETARY, GROUP)
    [row] = [r for r in exported.doc.rows if r.number == 1]
    assert "Voortgang: Jan ✔, Louise open" in row.note
    again = read_docx(write_docx(exported.doc))
    # Importing what the bot wrote changes nothing, and the note does not get the line.
    back = docs.preview(SECRETARY, GROUP, again, *docs.meeting_day(again))
    assert (back.new_actions, back.updated_actions) == (0, 0)
    # After /heropen cleared the parts, importing the list restores Jan's.
    world.actions.close(LOUISE, GROUP, 1, scope="part")
    world.actions.reopen(JAN, GROUP, 1)
    docs.apply(SECRETARY, GROUP, again, docs.meeting_day(again)[0])
    action = world.actions.get(JAN, GROUP, 1)
    assert _progress(action) == [("Jan", True), ("Louise", False)]
    assert "Voortgang" not in action.note


def test_the_ot_ping_shows_progress_and_asks_no_update_of_a_finished_part(  # type: ignore[no-untyped-def]
    world: World, clock, rem
) -> None:
    world.actions.add_from_message(
        SECRETARY, GROUP, "Jan en Louise: doorstroming (OT 22 april)", clock()
    )
    for user, name in ((JAN, "Jan"), (LOUISE, "Louise")):
        world.teams.join_seen(1, user)
        world.teams.claim_name(user, private(user), name)
    world.actions.close(JAN, GROUP, 1, scope="part")
    clock.at = at("2027-04-21", "09:00")
    rem.plan()
    [ping] = [d for d in rem.claim() if d.kind == PING]
    assert [n.split()[0] for n in ping.not_updated] == ["Louise"]
    assert "(Jan ✔, Louise open)" in texts.group_ping(ping)
