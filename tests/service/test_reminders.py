"""Reminder planning and the outbox on a real SQLite file, over a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from domain.reminders import ReminderSettings
from services.reminders import DIGEST, PING, Delivery, ReminderService
from storage.models import ReminderRow
from tests.service.conftest import GROUP, JAN, LOUISE, SECRETARY, World, private


def at(day: str, hhmm: str = "09:00") -> datetime:
    """Amsterdam wall-clock time as aware UTC (spring 2027: UTC+1 before 28 March, then +2)."""
    from zoneinfo import ZoneInfo

    local = datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    return local.astimezone(UTC)


class Reminders(ReminderService):
    """The service as the job drives it: claim() also starts each delivery (marks it sending)."""

    def claim(self, limit: int = 25) -> list[Delivery]:
        return [d for d in super().claim(limit) if self.start(d)]


@pytest.fixture
def rem(world: World, clock) -> Reminders:  # type: ignore[no-untyped-def]
    return Reminders(
        world.teams.factory, setups=world.teams.setups, clock=clock, reminders=ReminderSettings()
    )


def rows(world: World) -> list[ReminderRow]:
    with world.teams.factory() as s:
        return list(s.scalars(select(ReminderRow).order_by(ReminderRow.id)))


def jan_linked(world: World, digest: bool = False) -> None:
    world.teams.join_seen(1, JAN)
    world.teams.claim_name(JAN, private(JAN), "Jan")  # a private message: Jan can be written to
    # These tests look at reminders; the Monday digest has a test of its own.
    world.teams.reminder_switches(JAN, private(JAN), digest_on=digest)


def test_asap_nudge_after_three_working_days_exactly_once(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: data doorsturen (ASAP)", clock())
    jan_linked(world)
    clock.at = at("2027-03-23", "08:59")
    assert rem.plan().planned == 0
    clock.at = at("2027-03-23", "09:00")
    assert rem.plan().planned == 1
    assert rem.plan().planned == 0  # planning again adds nothing
    [delivery] = ReminderService.claim(rem)
    assert delivery.chat_id == JAN.telegram_id
    assert [i.kind for i in delivery.items] == ["asap"]
    [overlapping] = ReminderService.claim(rem)  # an overlapping run sees the same row...
    assert rem.start(delivery) is True
    assert rem.start(overlapping) is False  # ...but only one run may send it
    assert rem.claim() == []
    rem.sent(delivery, message_id=77)
    [row] = rows(world)
    assert (row.status, row.message_id, row.sent_at) == ("sent", 77, clock())
    # The next nudge is a week later, not before.
    clock.at = at("2027-03-29", "17:00")
    assert rem.plan().planned == 0
    clock.at = at("2027-03-30", "09:00")
    assert rem.plan().planned == 1


def test_four_silent_nudges_escalate_to_the_secretary(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: data doorsturen (ASAP)", clock())
    jan_linked(world)
    world.teams.claim_name(SECRETARY, private(SECRETARY), "Marloes")
    world.teams.reminder_switches(SECRETARY, private(SECRETARY), digest_on=False)
    for day in ("2027-03-23", "2027-03-30", "2027-04-06", "2027-04-13", "2027-04-20"):
        clock.at = at(day)
        rem.plan()
        for d in rem.claim():
            rem.sent(d, 1)
    kinds = [(r.kind, r.recipient_id) for r in rows(world)]
    assert [k for k, _ in kinds] == ["asap", "asap", "asap", "asap", "asap_stuck"]
    stuck = rows(world)[-1]
    assert stuck.about == "Jan"
    # After the escalation nothing more goes out until someone acts.
    clock.at = at("2027-05-20")
    assert rem.plan().planned == 0
    world.actions.add_update(JAN, private(JAN), 1, "bijna klaar")
    clock.at = at("2027-05-25")
    assert rem.plan().planned == 1


def test_closing_cancels_pending_reminders(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: data doorsturen (ASAP)", clock())
    jan_linked(world)
    clock.at = at("2027-03-23")
    rem.plan()
    world.actions.close(JAN, private(JAN), 1)
    assert rem.claim() == []
    assert [r.status for r in rows(world)] == ["cancelled"]


def test_dated_action_reminders_and_catch_up(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (April)", clock())
    jan_linked(world)
    # The bot was down from before 23 April until Tuesday 4 May: "a week before" and "today"
    # are folded into the digest, "overdue" (3 May, one day ago) is sent once, marked late.
    clock.at = at("2027-05-04", "10:00")
    report = rem.plan()
    assert (report.planned, report.folded) == (1, 2)
    [delivery] = rem.claim()
    assert [(i.kind, i.late) for i in delivery.items] == [("date_overdue", True)]
    assert sorted(r.status for r in rows(world)) == ["folded", "folded", "sending"]
    rem.sent(delivery, 5)
    clock.at = at("2027-06-01")
    assert rem.plan().planned == 0


def test_long_outage_folds_everything(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (April)", clock())
    jan_linked(world)
    clock.at = at("2027-05-12", "10:00")  # overdue reminder of 3 May is 9 days old
    report = rem.plan()
    assert (report.planned, report.folded) == (0, 3)


def test_send_window_and_unreachable_fallback(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (ASAP)", clock())
    jan_linked(world)
    clock.at = at("2027-03-23", "09:00")
    rem.plan()
    clock.at = at("2027-03-23", "17:45")  # outside the window: nothing is handed out
    assert rem.claim() == []
    clock.at = at("2027-03-24", "09:00")
    [delivery] = rem.claim()
    rem.unreachable(delivery, "Forbidden: bot was blocked by the user")
    [again] = rem.claim()
    assert again.chat_id == GROUP.chat_id
    assert again.to_group and [m.name for m in again.mentions] == ["Jan"]


def test_unlinked_owner_goes_to_secretary_and_group_owner_to_group(world, clock, rem):
    world.teams.claim_name(SECRETARY, private(SECRETARY), "Marloes")
    world.teams.reminder_switches(SECRETARY, private(SECRETARY), digest_on=False)
    world.actions.add_from_message(
        SECRETARY, GROUP, "Henk-Jan: SPUK nagaan (ASAP)\nOT: evalueren (ASAP)", clock()
    )
    clock.at = at("2027-03-23")
    rem.plan()
    deliveries = {d.chat_id: d for d in rem.claim()}
    assert set(deliveries) == {SECRETARY.telegram_id, GROUP.chat_id}
    assert deliveries[SECRETARY.telegram_id].items[0].about == "Henk-Jan"
    assert deliveries[GROUP.chat_id].items[0].action.text == "evalueren"


def test_group_ping_the_day_before_the_meeting(world, clock, rem):
    world.actions.add_from_message(
        SECRETARY,
        GROUP,
        "Jan: voedselpark agenderen (OT 22 april)\nLouise: doorstroming (OT 22 april)",
        clock(),
    )
    jan_linked(world)
    world.teams.join_seen(1, LOUISE)
    world.teams.claim_name(LOUISE, private(LOUISE), "Louise")
    world.teams.reminder_switches(LOUISE, private(LOUISE), digest_on=False)
    world.actions.add_update(JAN, private(JAN), 1, "staat op de agenda")
    clock.at = at("2027-04-21", "09:00")
    rem.plan()
    pings = [d for d in rem.claim() if d.kind == PING]
    assert len(pings) == 1
    ping = pings[0]
    assert ping.chat_id == GROUP.chat_id
    assert [i.action.number for i in ping.items] == [1, 2]
    assert ping.updated == ("Jan",) and ping.not_updated == ("Louise",)
    rem.plan()
    assert [d for d in rem.claim() if d.kind == PING] == []  # once


def test_weekly_digest_only_for_people_with_open_actions(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (doorlopend)", clock())
    jan_linked(world, digest=True)
    world.teams.join_seen(1, LOUISE)
    world.teams.start_private(LOUISE)
    clock.at = at("2027-03-22", "09:00")  # Monday
    rem.plan()
    digests = [d for d in rem.claim() if d.kind == DIGEST]
    assert [d.chat_id for d in digests] == [JAN.telegram_id]
    assert [a.text for a in digests[0].digest] == ["memo"]
    rem.plan()
    assert [d for d in rem.claim() if d.kind == DIGEST] == []
    world.teams.reminder_switches(JAN, private(JAN), digest_on=False)
    clock.at = at("2027-03-29", "09:00")
    rem.plan()
    assert [d for d in rem.claim() if d.kind == DIGEST] == []


def test_snooze_moves_the_next_reminder(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (ASAP)", clock())
    jan_linked(world)
    clock.at = at("2027-03-23")
    rem.plan()
    [d] = rem.claim()
    rem.sent(d, 1)
    clock.at = at("2027-03-29", "10:00")
    world.actions.snooze(JAN, private(JAN), 1)  # two working days: Wednesday 31 March
    clock.at = at("2027-03-30", "09:00")
    assert rem.plan().planned == 0
    clock.at = at("2027-03-31", "09:00")
    assert rem.plan().planned == 1


def test_crash_between_claim_and_record_never_sends_twice(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (ASAP)", clock())
    jan_linked(world)
    clock.at = at("2027-03-23")
    rem.plan()
    assert len(rem.claim()) == 1  # then the process dies before `sent`
    assert rem.recover() == 1
    assert [r.status for r in rows(world)] == ["uncertain"]
    rem.plan()
    assert rem.claim() == []


def test_reminders_off_for_a_person(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (ASAP)", clock())
    jan_linked(world)
    world.teams.reminder_switches(JAN, private(JAN), reminders_on=False)
    clock.at = at("2027-03-23")
    rem.plan()
    assert rem.claim() == []


def test_changing_the_deadline_moves_pending_reminders(world, clock, rem):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: memo (1 april)", clock())
    jan_linked(world)
    clock.at = at("2027-03-25", "09:00")  # a week before 1 April
    rem.plan()
    world.actions.edit(SECRETARY, GROUP, 1, "wanneer", "eind april")
    assert rem.claim() == []
    assert [r.status for r in rows(world)] == ["cancelled"]
    clock.at = at("2027-04-23", "09:00")
    assert rem.plan().planned == 1
