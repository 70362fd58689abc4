"""Use cases on a real, migrated SQLite file: adding, owning, closing, undoing, permissions."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from domain.errors import (
    ActionNotFound,
    ChooseTeam,
    GroupNotLinked,
    MessageNotUnderstood,
    NotAMember,
    NotOwner,
    NotSecretary,
    UndoTooLate,
    UnknownField,
    WrongState,
)
from domain.model import ChatRef, DeadlineKind, ItemKind, Status
from storage.models import ActionRow, EventRow
from tests.service.conftest import (
    DANILLO,
    GROUP,
    JAN,
    LOUISE,
    SECRETARY,
    STRANGER,
    private,
)

SEED_PART = """Onderwerp: Voedselpark Lutkemeer
Actie: Voedselpark Lutkemeer agenderen voor volgend OT
Toelichting: Jan wil het agenderen na een Ommetje met Iris Poels.
Wie: Marloes
Wanneer: OT 24 april

Jan: data rondleidingen Expofette doorsturen (ASAP)
Gezonde leefomgeving | Plannen obesitas uitzoeken | Danillo en Marloes | april"""


def _count(world, model) -> int:  # type: ignore[no-untyped-def]
    with world.actions.factory() as s:
        return len(list(s.scalars(select(model))))


def test_message_adds_every_action_with_owners_and_deadlines(world, clock):
    added = world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    numbers = [a.number for a in added.actions]
    assert numbers == [1, 2, 3]
    first, second, third = added.actions
    assert first.topic == "Voedselpark Lutkemeer"
    assert first.deadline.kind is DeadlineKind.MEETING
    assert first.deadline.due == date(2027, 4, 24)
    assert [o.name for o in first.owners] == ["Marloes"]
    assert second.deadline.kind is DeadlineKind.ASAP
    assert [o.name for o in third.owners] == ["Danillo", "Marloes"]
    assert third.deadline.due == date(2027, 4, 30)
    # "Marloes" is one owner in both actions, not two.
    assert first.owners[0].member_id == third.owners[1].member_id


def test_bad_message_stores_nothing(world, clock):
    bad = SEED_PART + "\n\nActie: iets\nWanneer: " + "ergens na de zomer " * 6
    with pytest.raises(MessageNotUnderstood) as err:
        world.actions.add_from_message(SECRETARY, GROUP, bad, clock())
    assert err.value.problems[0].reason == "deadline_too_long"
    assert err.value.problems[0].line == 11
    assert _count(world, ActionRow) == 0
    # Numbers are not burnt by a refused message.
    added = world.actions.add_from_message(SECRETARY, GROUP, "Jan: iets (ASAP)", clock())
    assert added.actions[0].number == 1


def test_an_unreadable_wanneer_is_stored_as_written_without_date_or_reminders(world, clock):
    added = world.actions.add_from_message(
        SECRETARY, GROUP, "Actie: iets\nWie: Jan\nWanneer: ergens na de zomer", clock()
    )
    (action,) = added.actions
    assert action.deadline.kind is DeadlineKind.UNREADABLE
    assert (action.deadline.text, action.deadline.due) == ("ergens na de zomer", None)
    with world.actions.factory() as s:
        (row,) = s.scalars(select(ActionRow)).all()
        assert row.next_remind_at is None  # no reminders until the secretary fixes it
    fixed = world.actions.edit(SECRETARY, GROUP, action.number, "wanneer", "eind mei")
    assert fixed.action.deadline.kind is DeadlineKind.DATE


def test_asap_with_a_date_is_stored_urgent_and_reminded_by_the_date(world, clock):
    added = world.actions.add_from_message(
        SECRETARY, GROUP, "Jan: offerte opvragen (ASAP, uiterlijk 15 juni)", clock()
    )
    (action,) = added.actions
    assert (action.deadline.kind, action.deadline.urgent) == (DeadlineKind.DATE, True)
    assert action.deadline.due == date(2027, 6, 15)
    again = world.actions.get(SECRETARY, GROUP, action.number)
    assert again.deadline.urgent  # read back from the database, not only from the parse


def test_only_a_secretary_adds_and_nothing_is_stored_otherwise(world, clock):
    world.teams.join_seen(1, JAN)
    with pytest.raises(NotSecretary):
        world.actions.add_from_message(JAN, GROUP, SEED_PART, clock())
    assert _count(world, ActionRow) == 0


def test_strangers_are_refused_and_not_stored(world, clock):
    with pytest.raises(NotAMember):
        world.actions.mine(STRANGER)
    with pytest.raises(NotAMember):
        world.actions.claim(STRANGER, private(STRANGER), 1)
    with world.actions.factory() as s:
        from storage.models import UserRow

        ids = [u.telegram_id for u in s.scalars(select(UserRow))]
    assert STRANGER.telegram_id not in ids


def test_unlinked_group_is_refused(world):
    with pytest.raises(GroupNotLinked):
        world.actions.team_list(JAN, ChatRef(-5555, is_private=False), "")


def test_mijnacties_after_linking_a_name(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    world.teams.join_seen(1, JAN)
    assert world.actions.mine(JAN).actions == ()
    person, moved = world.teams.claim_name(JAN, private(JAN), "Jan")
    assert moved == 1
    assert person.telegram_id == JAN.telegram_id
    mine = world.actions.mine(JAN).actions
    assert [a.number for a in mine] == [2]
    # The secretary links herself to "Marloes": she gets #1 (OT 24 april) and #3 (30 april).
    world.teams.claim_name(SECRETARY, private(SECRETARY), "Marloes")
    assert [a.number for a in world.actions.mine(SECRETARY).actions] == [1, 3]


def test_urgency_order_late_first(world, clock):
    text = (
        "Jan: later (ongoing)\nJan: asap ding (ASAP)\nJan: datum (1 april)\nJan: OT (OT 24 april)"
    )
    text = text.replace("(ongoing)", "(doorlopend)")
    world.actions.add_from_message(SECRETARY, GROUP, text, clock())
    world.teams.join_seen(1, JAN)
    world.teams.claim_name(JAN, private(JAN), "Jan")
    assert [a.number for a in world.actions.mine(JAN).actions] == [3, 4, 2, 1]
    clock.advance(days=20)  # 7 April: 1 April is late now
    assert [a.number for a in world.actions.mine(JAN).actions] == [3, 4, 2, 1]
    clock.advance(days=20)  # 27 April: the OT of 24 April passed too, it is late and earlier
    ordered = world.actions.mine(JAN).actions
    assert [a.number for a in ordered] == [3, 4, 2, 1]
    assert ordered[0].deadline.due == date(2027, 4, 1)


def test_claim_close_reopen_and_permissions(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    world.teams.join_seen(1, JAN)
    world.teams.join_seen(1, LOUISE)
    # Louise is no owner of #2: she may not close it, but she may claim it.
    with pytest.raises(NotOwner):
        world.actions.close(LOUISE, GROUP, 2)
    claimed = world.actions.claim(LOUISE, GROUP, 2)
    assert claimed.action.status is Status.CLAIMED
    assert [o.name for o in claimed.action.owners if o.claimed] == ["Louise de Rooij"]
    again = world.actions.claim(LOUISE, GROUP, 2)
    assert again.changed is False
    closed = world.actions.close(LOUISE, GROUP, 2, "data zijn gedeeld")
    assert closed.action.status is Status.DONE
    assert closed.action.closed_by == "Louise de Rooij"
    assert closed.action.closed_at == clock()
    assert closed.action.updates[-1].text == "data zijn gedeeld"
    with pytest.raises(WrongState):
        world.actions.claim(JAN, GROUP, 2)
    with pytest.raises(NotOwner):
        world.actions.reopen(JAN, GROUP, 2)
    reopened = world.actions.reopen(SECRETARY, GROUP, 2)
    assert reopened.action.status is Status.CLAIMED
    assert reopened.action.closed_at is None
    with pytest.raises(ActionNotFound):
        world.actions.claim(JAN, GROUP, 99)


def test_updates_keep_author_and_time(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    world.teams.join_seen(1, JAN)
    world.teams.claim_name(JAN, private(JAN), "Jan")
    world.actions.add_update(JAN, private(JAN), 2, "Data staan in de mail")
    clock.advance(days=1)
    world.actions.add_update(SECRETARY, GROUP, 2, "Ontvangen, dank")
    action = world.actions.get(JAN, GROUP, 2)
    assert [(u.author, u.text) for u in action.updates] == [
        ("Jan", "Data staan in de mail"),
        ("Marloes van der Meulen-Ramp", "Ontvangen, dank"),
    ]
    assert action.latest_update is not None
    assert action.latest_update.at == clock()
    world.teams.join_seen(1, LOUISE)
    with pytest.raises(NotOwner):
        world.actions.add_update(LOUISE, GROUP, 2, "ik weet ook iets")


def test_group_owned_actions_take_updates_from_every_member(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, "OT: evalueren (Ot 28 mei)", clock())
    world.teams.join_seen(1, LOUISE)
    done = world.actions.add_update(LOUISE, GROUP, 1, "werkgroep doorstroming gestart")
    assert done.action.updates[0].author == "Louise de Rooij"
    assert done.action.owners[0].is_group is True


def test_undo_withdraws_whole_message_until_touched(world, clock):
    added = world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    assert world.actions.undo(SECRETARY, GROUP, 1, added.batch) == [1, 2, 3]
    assert world.actions.team_list(SECRETARY, GROUP).actions == ()
    with pytest.raises(ActionNotFound):
        world.actions.get(SECRETARY, GROUP, 1)
    # Numbers are never reused.
    again = world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    assert [a.number for a in again.actions] == [4, 5, 6]
    world.teams.join_seen(1, JAN)
    world.actions.claim(JAN, GROUP, 5)
    with pytest.raises(UndoTooLate) as err:
        world.actions.undo(SECRETARY, GROUP, 1, again.batch)
    assert err.value.number == 5
    world.teams.join_seen(1, DANILLO)
    with pytest.raises(NotSecretary):
        world.actions.undo(DANILLO, GROUP, 1, again.batch)


def test_edit_and_cancel_are_audited(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    changed = world.actions.edit(SECRETARY, GROUP, 3, "wanneer", "eind mei")
    assert changed.action.deadline.due == date(2027, 5, 31)
    changed = world.actions.edit(SECRETARY, GROUP, 3, "Wie", "Danillo")
    assert [o.name for o in changed.action.owners] == ["Danillo"]
    with pytest.raises(UnknownField):
        world.actions.edit(SECRETARY, GROUP, 3, "kleur", "rood")
    world.teams.join_seen(1, JAN)
    with pytest.raises(NotSecretary):
        world.actions.edit(JAN, GROUP, 3, "wanneer", "juni")
    cancelled = world.actions.cancel(SECRETARY, GROUP, 1, "niet meer nodig")
    assert cancelled.action.status is Status.CANCELLED
    assert 1 not in [a.number for a in world.actions.team_list(SECRETARY, GROUP).actions]
    with world.actions.factory() as s:
        kinds = [e.kind for e in s.scalars(select(EventRow).order_by(EventRow.id))]
    assert kinds.count("edited") == 2
    assert "cancelled" in kinds


def test_decision_is_recorded_with_criteria(world, clock):
    text = (
        "Onderwerp: Maatschappelijke voorzieningen\n"
        "Besluit: OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd\n"
        "Wie: OT\n"
        "Criteria:\n- Vraagt samenwerking tussen partners\n- Borgt eigenaarschap\n"
        "Belangen: Het Callandlyceum heeft niet deelgenomen aan het besluit."
    )
    added = world.actions.add_from_message(SECRETARY, GROUP, text, clock())
    decision = added.actions[0]
    assert decision.kind is ItemKind.DECISION
    assert decision.criteria == ("Vraagt samenwerking tussen partners", "Borgt eigenaarschap")
    assert decision.interests.startswith("Het Callandlyceum")
    # A decision is no open work: it does not show in the open list.
    assert world.actions.team_list(SECRETARY, GROUP).actions == ()


def test_filters_on_team_list(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, SEED_PART, clock())
    assert [a.number for a in world.actions.team_list(JAN, GROUP, "asap").actions] == [2]
    assert [a.number for a in world.actions.team_list(JAN, GROUP, "Danillo").actions] == [3]
    assert [a.number for a in world.actions.team_list(JAN, GROUP, "marloes").actions] == [1, 3]
    assert world.actions.team_list(JAN, GROUP, "telaat").actions == ()
    clock.advance(days=45)
    assert [a.number for a in world.actions.team_list(JAN, GROUP, "telaat").actions] == [1, 3]


def test_teams_are_isolated_and_two_team_members_choose(world, clock):
    from domain.model import TeamSetup
    from services.actions import ActionService
    from services.teams import TeamService

    setups = (
        world.teams.setups[0],
        TeamSetup(name="OT Werk", secretary_usernames=frozenset({"marloes_npsnw"})),
    )
    teams = TeamService(world.teams.factory, setups=setups, clock=clock)
    actions = ActionService(world.teams.factory, setups=setups, clock=clock)
    teams.sync_config()
    werk = ChatRef(-2002, is_private=False, title="OT Werk")
    teams.link_group(SECRETARY, werk, "OT Werk")
    actions.add_from_message(SECRETARY, GROUP, "Jan: wonen-actie (ASAP)", clock())
    actions.add_from_message(SECRETARY, werk, "Jan: werk-actie (ASAP)", clock())
    # Each team numbers from 1 and sees only its own.
    assert [a.text for a in actions.team_list(SECRETARY, GROUP).actions] == ["wonen-actie"]
    assert [a.text for a in actions.team_list(SECRETARY, werk).actions] == ["werk-actie"]
    teams.join_seen(1, JAN)
    teams.join_seen(2, JAN)
    teams.claim_name(JAN, GROUP, "Jan")
    teams.claim_name(JAN, werk, "Jan")
    mine = actions.mine(JAN)
    assert mine.multi_team is True
    assert sorted((a.team_name, a.number) for a in mine.actions) == [
        ("OT Werk", 1),
        ("OT Wonen", 1),
    ]
    with pytest.raises(ChooseTeam):
        actions.claim(JAN, private(JAN), 1)
    teams.choose_team(JAN, "ot werk")
    assert actions.claim(JAN, private(JAN), 1).action.team_name == "OT Werk"
    # A Wonen member who is not in Werk cannot touch Werk's actions by team id.
    teams.join_seen(1, LOUISE)
    with pytest.raises(NotAMember):
        actions.claim(LOUISE, private(LOUISE), 1, team_id=2)
