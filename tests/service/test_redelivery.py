"""The meeting service recognises a Telegram message it handled before (handled_messages)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from domain.errors import NotSecretary
from services.meetings import MeetingService
from storage.db import make_engine, session_factory
from storage.models import AgendaItemRow, DecisionVersionRow, HandledMessageRow
from tests.service.conftest import GROUP, JAN, SECRETARY, SETUP, World


@pytest.fixture
def meetings(world: World, db_url, clock) -> Iterator[MeetingService]:  # type: ignore[no-untyped-def]
    world.teams.claim_name(JAN, GROUP, "Jan")
    engine = make_engine(db_url)
    yield MeetingService(session_factory(engine), setups=(SETUP,), clock=clock)
    engine.dispose()


def count(meetings: MeetingService, row: type) -> int:
    with meetings.factory() as s:
        return s.scalar(select(func.count()).select_from(row)) or 0


def test_the_same_message_adds_one_agenda_item(meetings: MeetingService) -> None:
    meetings.put_on_agenda(JAN, GROUP, "Lutkemeer", message_id=5)
    meetings.put_on_agenda(JAN, GROUP, "Lutkemeer", message_id=5)
    assert count(meetings, AgendaItemRow) == 1
    meetings.put_on_agenda(JAN, GROUP, "Lutkemeer", message_id=6)  # a new message
    meetings.put_on_agenda(JAN, GROUP, "Lutkemeer")  # no message to name: as before
    assert count(meetings, AgendaItemRow) == 3
    with meetings.factory() as s:
        assert s.get(HandledMessageRow, "n1001m5").kind == "agenderen"  # type: ignore[union-attr]


def test_a_refused_command_does_not_claim_its_message(
    meetings: MeetingService, world: World
) -> None:
    """The claim commits with the change or not at all."""
    with pytest.raises(NotSecretary):
        meetings.plan(JAN, GROUP, "22 april 14:00", message_id=7)
    assert count(meetings, HandledMessageRow) == 0


def test_a_correction_delivered_twice_is_one_version(
    meetings: MeetingService, world: World
) -> None:
    world.actions.add_from_message(
        SECRETARY, GROUP, "Besluit: het OT steunt het voedselpark", meetings.now(), 8
    )
    first = meetings.correct(SECRETARY, GROUP, 1, "Besluit: steunt Lutkemeer", message_id=9)
    again = meetings.correct(SECRETARY, GROUP, 1, "Besluit: steunt Lutkemeer", message_id=9)
    assert [v.version for v in first.versions] == [v.version for v in again.versions] == [1, 2]
    assert count(meetings, DecisionVersionRow) == 2
