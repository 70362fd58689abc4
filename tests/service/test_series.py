"""Recurring actions through the services: a series from the Wanneer, the next occurrence on
closing, cancelling this time or the whole series, "elk OT" following (moved) meetings,
reopening, editing, and the Word list showing the series once and reading it back."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot import texts
from documents.docx_io import read_docx, write_docx
from domain.model import DeadlineKind, Status
from services.documents import DocumentService
from services.meetings import MeetingService
from storage.models import EventRow, SeriesRow
from tests.service.conftest import GROUP, JAN, SECRETARY, World, private


@pytest.fixture
def docs(world: World, clock) -> DocumentService:  # type: ignore[no-untyped-def]
    return DocumentService(world.teams.factory, setups=world.teams.setups, clock=clock)


@pytest.fixture
def meetings(world: World, clock) -> MeetingService:  # type: ignore[no-untyped-def]
    return MeetingService(world.teams.factory, setups=world.teams.setups, clock=clock)


def _jan(world: World) -> None:
    world.teams.join_seen(1, JAN)
    world.teams.claim_name(JAN, private(JAN), "Jan")


def _series(world: World) -> list[SeriesRow]:
    with world.teams.factory() as s:
        return list(s.scalars(select(SeriesRow).order_by(SeriesRow.id)))


def _open(world: World) -> list[tuple[int, date | None]]:
    listed = world.actions.team_list(SECRETARY, GROUP, "", 1, 50).actions
    return [(a.number, a.deadline.due) for a in listed]


def test_elke_maand_starts_a_series_and_closing_creates_the_next(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    # Written on Thursday 18 March 2027: the first due day is the month's last working day.
    added = world.actions.add_from_message(
        SECRETARY, GROUP, "Cijfers | cijfers delen met het OT | | Jan | elke maand", clock()
    )
    [first] = added.actions
    assert first.deadline.recurrence == "monthly"
    assert first.deadline.kind is DeadlineKind.DATE
    assert first.deadline.due == date(2027, 3, 31)
    assert first.series_id is not None
    [series] = _series(world)
    assert (series.rule, series.text, series.stopped_at) == ("monthly", "elke maand", None)
    _jan(world)

    # Closed on time (30 March): the next one is due at the end of April, same text and owner.
    clock.advance(days=12)
    done = world.actions.close(JAN, GROUP, first.number, scope="ask")
    assert done.action.status is Status.DONE
    following = done.following
    assert following is not None and following.number == first.number + 1
    assert following.deadline.due == date(2027, 4, 30)
    assert (following.text, following.topic) == (first.text, first.topic)
    assert [o.name for o in following.owners] == [o.name for o in first.owners]
    assert following.series_id == first.series_id and following.status is Status.OPEN
    assert "De volgende keer staat klaar: <b>#2</b>" in texts.closed(
        done.action, done.changed, following
    )
    assert _open(world) == [(2, date(2027, 4, 30))]

    # Closed late (5 June, the May occurrence not even made): no backlog, June is next.
    clock.advance(days=67)
    again = world.actions.close(JAN, GROUP, following.number)
    assert again.following is not None
    assert again.following.deadline.due == date(2027, 6, 30)
    # A second close of a closed occurrence changes nothing and creates nothing.
    twice = world.actions.close(JAN, GROUP, following.number)
    assert not twice.changed and twice.following is None
    assert _open(world) == [(3, date(2027, 6, 30))]
    with world.teams.factory() as s:
        sources = [e.detail for e in s.scalars(select(EventRow).where(EventRow.kind == "added"))]
    assert sum('"source": "series"' in d for d in sources) == 2


def test_closing_early_does_not_make_the_next_due_in_the_same_period(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(
        SECRETARY, GROUP, "Jan: voortgang rapporteren (elk kwartaal)", clock()
    )
    done = world.actions.close(SECRETARY, GROUP, 1)  # 18 March, due 31 March
    assert done.following is not None
    assert done.following.deadline.due == date(2027, 6, 30)
    assert done.following.deadline.recurrence == "quarterly"


def test_cancel_asks_and_then_this_time_only_or_the_whole_series(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: wijkschouw (wekelijks)", clock())
    asked = world.actions.cancel(SECRETARY, GROUP, 1, "", scope="ask")
    assert asked.ask_series and not asked.changed and asked.action.status is Status.OPEN
    assert "komt terug (elke week)" in texts.series_question(asked.action)

    one = world.actions.cancel(SECRETARY, GROUP, 1, "regen", scope="one")
    assert one.action.status is Status.CANCELLED and one.following is not None
    # The Friday after 19 March is Goede Vrijdag (26 March 2027): due the Thursday before.
    assert one.following.deadline.due == date(2027, 3, 25)
    assert "alleen deze keer" in texts.cancelled(one.action, one.changed, one.following)

    # Typed: "/vervallen 2 reeks: stoppen we mee" stops the series with that reason.
    stop = world.actions.cancel(SECRETARY, GROUP, 2, "reeks: stoppen we mee", scope="ask")
    assert stop.following is None and stop.action.status is Status.CANCELLED
    assert stop.action.closed_note == "stoppen we mee"
    assert stop.action.deadline.recurrence == ""  # the series no longer runs
    assert "de reeks is gestopt" in texts.cancelled(stop.action, stop.changed)
    assert _series(world)[0].stopped_at is not None
    assert _open(world) == []


def test_a_one_off_action_is_cancelled_without_a_question_and_keeps_its_reason(
    world: World, clock
) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (24 april)", clock())
    done = world.actions.cancel(SECRETARY, GROUP, 1, "deze is dubbel", scope="ask")
    assert not done.ask_series and done.action.status is Status.CANCELLED
    assert done.action.closed_note == "deze is dubbel"  # no scope word is cut off


def test_elk_ot_follows_the_planned_and_moved_meetings(world: World, clock, meetings) -> None:  # type: ignore[no-untyped-def]
    meetings.plan(SECRETARY, GROUP, "24 april 14:00")
    meetings.plan(SECRETARY, GROUP, "22 mei 14:00")
    added = world.actions.add_from_message(
        SECRETARY, GROUP, "OT | een partner laten presenteren | | OT | elk OT", clock()
    )
    [first] = added.actions
    assert first.deadline.kind is DeadlineKind.MEETING
    assert first.deadline.due == date(2027, 4, 24)
    done = world.actions.close(SECRETARY, GROUP, first.number)
    assert done.following is not None and done.following.deadline.due == date(2027, 5, 22)
    # The May OT moves: the occurrence moves with it.
    meetings.move(SECRETARY, GROUP, "22 mei", "29 mei 14:00")
    assert world.actions.get(SECRETARY, GROUP, 2).deadline.due == date(2027, 5, 29)
    # No OT after that one is planned yet: the next occurrence waits for it ("datum volgt").
    last = world.actions.close(SECRETARY, GROUP, 2)
    assert last.following is not None and last.following.deadline.due is None
    assert "(datum volgt)" in texts.deadline(last.following)
    # Planning it gives the waiting occurrence its day.
    meetings.plan(SECRETARY, GROUP, "26 juni 14:00")
    assert world.actions.get(SECRETARY, GROUP, 3).deadline.due == date(2027, 6, 26)


def test_reopening_takes_back_an_untouched_next_occurrence(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: cijfers (maandelijks)", clock())
    _jan(world)
    world.actions.close(JAN, GROUP, 1)
    world.actions.reopen(JAN, GROUP, 1)
    assert _open(world) == [(1, date(2027, 3, 31))]  # #2 withdrawn: one open occurrence
    # Closing again makes a new next one (a new number: #2 stays withdrawn).
    done = world.actions.close(JAN, GROUP, 1)
    assert done.following is not None and done.following.number == 3
    # Once someone has worked on the next one, reopening keeps it.
    world.actions.add_update(JAN, GROUP, 3, "april loopt")
    world.actions.reopen(JAN, GROUP, 1)
    assert [n for n, _ in _open(world)] == [1, 3]


def test_editing_the_wanneer(world: World, clock) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (24 april)", clock())
    edited = world.actions.edit(SECRETARY, GROUP, 1, "wanneer", "elke eerste maandag van de maand")
    assert edited.action.deadline.recurrence == "monthday:1:0"
    assert edited.action.deadline.due == date(2027, 4, 5)
    # A one-off Wanneer on an occurrence moves only this one; the series goes on after it.
    moved = world.actions.edit(SECRETARY, GROUP, 1, "wanneer", "15 april")
    assert moved.action.deadline.due == date(2027, 4, 15)
    assert moved.action.deadline.recurrence == "monthday:1:0"
    assert "Terugkerend (elke eerste maandag van de maand)" in texts.action_card(
        moved.action, date(2027, 3, 18)
    )
    done = world.actions.close(SECRETARY, GROUP, 1)
    assert done.following is not None
    assert done.following.deadline.text == "elke eerste maandag van de maand"
    assert done.following.deadline.due == date(2027, 5, 3)
    assert len(_series(world)) == 1


def test_word_export_shows_the_series_once_and_reads_back(world: World, clock, docs) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(
        SECRETARY,
        GROUP,
        "Cijfers | cijfers delen | | Jan | elke maand\n\nJan: memo (24 april)",
        clock(),
    )
    world.actions.close(SECRETARY, GROUP, 1)  # #3 is the April occurrence
    exported = docs.export(SECRETARY, GROUP)
    whens = [(r.number, r.when, r.status) for r in exported.doc.rows]
    assert (3, "elke maand (volgende: 30 april 2027)", "") in whens
    assert all(number != 1 for number, _w, _s in whens)  # the closed March one is not listed
    assert len([w for _n, w, _s in whens if w.startswith("elke maand")]) == 1

    # Our own list read back changes nothing.
    again = read_docx(write_docx(exported.doc))
    preview = docs.preview(SECRETARY, GROUP, again, *docs.meeting_day(again))
    assert (preview.new_actions, preview.updated_actions) == (0, 0)
    assert preview.unreadable == ()


def test_import_of_another_list_recognises_a_series(world: World, clock, docs) -> None:  # type: ignore[no-untyped-def]
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (24 april)", clock())
    exported = docs.export(SECRETARY, GROUP)
    [row] = exported.doc.rows
    from dataclasses import replace

    other = replace(
        exported.doc,
        rows=(
            row,
            replace(
                row, number=0, text="Kwartaalcijfers", when="elk kwartaal (volgende: 30 juni 2027)"
            ),
            replace(row, number=0, text="Presentatie partner", when="Elk OT"),
        ),
    )
    day, _assumed = docs.meeting_day(other)
    result = docs.apply(SECRETARY, GROUP, other, day)
    assert len(result.added) == 2
    quarterly = world.actions.get(SECRETARY, GROUP, result.added[0])
    assert quarterly.deadline.recurrence == "quarterly"
    assert quarterly.deadline.due == date(2027, 6, 30)  # the list's "volgende" counts
    assert quarterly.deadline.text == "elk kwartaal"
    meeting = world.actions.get(SECRETARY, GROUP, result.added[1])
    assert meeting.deadline.recurrence == "meeting" and meeting.series_id is not None
    assert len(_series(world)) == 2
    # Marked Afgerond in a later list: closed, and the next quarter is made.
    later = replace(other, rows=(replace(other.rows[1], status="afgerond"),))
    docs.apply(SECRETARY, GROUP, later, day)
    assert (quarterly.number, date(2027, 6, 30)) not in _open(world)
    assert any(due == date(2027, 9, 30) for _n, due in _open(world))
