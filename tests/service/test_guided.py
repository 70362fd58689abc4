"""The guided add's service (`services/guided.py`) on a real migrated database: a flow
survives a new service object (a restart), expires, offers the team's own choices, and a
member's finished flow becomes a proposal only a secretary decides."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from domain.errors import NotSecretary
from domain.guided import Chose, Next, Save, Step, Toggle, Typed
from domain.model import DeadlineKind
from services.guided import FlowDone, FlowGone, FlowView, GuidedService
from storage.models import ConversationRow, EventRow, ProposalRow
from tests.service.conftest import GROUP, JAN, SECRETARY, SETUP, private


@pytest.fixture
def guided(world, clock):  # type: ignore[no-untyped-def]
    world.teams.join_group_chat(GROUP.chat_id, JAN)
    world.actions.add_from_message(
        SECRETARY,
        GROUP,
        "Onderwerp: Onderwijs\nActie: Studie delen\nWie: Danillo\nWanneer: ASAP\n\n"
        "Onderwerp: Wonen\nActie: Cijfers\nWie: Karin\nWanneer: eind april",
        clock(),
    )
    return GuidedService(world.actions.factory, setups=(SETUP,), clock=clock)


def _walk(service: GuidedService, user, *events):  # type: ignore[no-untyped-def]
    view = service.start(user, private(user))
    for event in events:
        view = service.handle(user, private(user), event)
    return view


def test_a_secretary_finishes_with_the_item_to_store(guided, clock):  # type: ignore[no-untyped-def]
    view = guided.start(SECRETARY, private(SECRETARY))
    assert isinstance(view, FlowView) and view.flow.step is Step.TOPIC and view.is_secretary
    assert view.choices.topics == ("Wonen", "Onderwijs")  # newest first
    assert {"Danillo", "Karin"} <= set(view.choices.owners)
    done = _walk(
        guided,
        SECRETARY,
        Chose("Wonen"),
        Typed("Buurtcijfers delen"),
        Toggle("Karin"),
        Toggle("Danillo"),
        Next(),
        Typed("30 april"),
        Save(),
    )
    assert isinstance(done, FlowDone) and done.proposal_id is None
    assert done.item.owners == ("Karin", "Danillo") and done.item.topic == "Wonen"
    assert done.item.deadline.kind is DeadlineKind.DATE
    assert done.item.deadline.due == date(2027, 4, 30)
    assert not guided.has_flow(SECRETARY.telegram_id)


def test_a_flow_survives_a_restart_and_expires(world, guided, clock):  # type: ignore[no-untyped-def]
    _walk(guided, JAN, Chose("Wonen"))
    again = GuidedService(world.actions.factory, setups=(SETUP,), clock=clock)  # a restart
    view = again.handle(JAN, private(JAN), Typed("Rondleiding plannen"))
    assert isinstance(view, FlowView) and view.flow.step is Step.OWNERS
    assert view.flow.draft.topic == "Wonen" and view.flow.draft.text == "Rondleiding plannen"
    refused = again.handle(JAN, private(JAN), Chose("ook niet"))
    assert isinstance(refused, FlowView) and refused.problem == "not_now"
    clock.advance(minutes=31)
    assert again.has_flow(JAN.telegram_id)  # kept until told, so the next text hears it
    assert again.handle(JAN, private(JAN), Next()) == FlowGone(expired=True)
    with world.actions.factory() as s:
        assert s.scalar(select(func.count()).select_from(ConversationRow)) == 0
    assert again.handle(JAN, private(JAN), Next()) == FlowGone(expired=False)


def test_purge_drops_only_flows_expired_a_day_ago(world, guided, clock):  # type: ignore[no-untyped-def]
    guided.start(JAN, private(JAN))
    clock.advance(minutes=35)
    # Expired, but kept for a day: Jan's next text is told it expired.
    assert guided.purge_expired() == 0 and guided.has_flow(JAN.telegram_id)
    clock.advance(days=1)
    guided.start(SECRETARY, private(SECRETARY))
    clock.advance(minutes=15)
    assert guided.purge_expired() == 1
    assert guided.has_flow(SECRETARY.telegram_id) and not guided.has_flow(JAN.telegram_id)


def test_a_member_proposes_and_only_a_secretary_decides(world, guided, clock):  # type: ignore[no-untyped-def]
    done = _walk(guided, JAN, Next(), Typed("Afvalpunt melden"), Typed("Jan"), Chose("ASAP"))
    assert isinstance(done, FlowView) and done.flow.step is Step.PREVIEW and not done.is_secretary
    done = guided.handle(JAN, private(JAN), Save())
    assert isinstance(done, FlowDone) and done.proposal_id is not None
    with world.actions.factory() as s:
        row = s.get(ProposalRow, done.proposal_id)
        assert (row.status, row.text, row.owners_text, row.deadline_text) == (
            "pending",
            "Afvalpunt melden",
            "Jan",
            "ASAP",
        )
    with pytest.raises(NotSecretary):
        guided.decide(JAN, private(JAN), done.proposal_id, accept=True)
    decided = guided.decide(SECRETARY, GROUP, done.proposal_id, accept=True)
    assert decided is not None
    proposal, item = decided
    assert (
        proposal.author == "Jan van de Borden" and proposal.author_telegram_id == JAN.telegram_id
    )
    assert item is not None and item.text == "Afvalpunt melden"
    assert item.deadline.kind is DeadlineKind.ASAP
    assert proposal.decided_now
    # Accepted but no action linked yet (a crash before storing): the item again, to store.
    again = guided.decide(SECRETARY, GROUP, done.proposal_id, accept=True)
    assert again is not None and again[1] is not None and not again[0].decided_now
    guided.link_proposal(done.proposal_id, 1)
    twice = guided.decide(SECRETARY, GROUP, done.proposal_id, accept=False)
    assert twice is not None and twice[1] is None and twice[0].status == "accepted"
    assert not twice[0].decided_now and twice[0].action_id == 1
    assert guided.decide(SECRETARY, GROUP, 999, accept=True) is None
    with world.actions.factory() as s:
        kinds = s.scalars(select(EventRow.kind).where(EventRow.kind.like("propos%"))).all()
    assert kinds == ["proposed", "proposal_accepted"]


def test_a_secretary_of_two_teams_saves_into_the_flows_team(world, clock):  # type: ignore[no-untyped-def]
    from domain.errors import ChooseTeam
    from domain.guided import as_message
    from domain.model import ChatRef, TeamSetup
    from services.actions import ActionService
    from services.teams import TeamService

    setups = (SETUP, TeamSetup(name="OT Werk", secretary_usernames=frozenset({"marloes_npsnw"})))
    teams = TeamService(world.teams.factory, setups=setups, clock=clock)
    actions = ActionService(world.teams.factory, setups=setups, clock=clock)
    service = GuidedService(world.teams.factory, setups=setups, clock=clock)
    teams.sync_config()
    # OT Werk has no group yet: only its secretaries who can be written to get proposals.
    assert teams.secretary_chats(2) == []
    teams.link_group(SECRETARY, ChatRef(-2002, is_private=False, title="OT Werk"), "OT Werk")
    teams.private_chat_status(SECRETARY, True)
    assert teams.secretary_chats(2) == [SECRETARY.telegram_id]

    view = service.start(SECRETARY, private(SECRETARY), team_id=2)
    assert isinstance(view, FlowView) and view.team_name == "OT Werk"
    for event in (Typed("Werk"), Typed("Vacatures delen"), Typed("Jan"), Chose("ASAP"), Save()):
        view = service.handle(SECRETARY, private(SECRETARY), event)
    assert isinstance(view, FlowDone) and view.proposal_id is None and view.team_id == 2
    text = as_message(view.draft)
    with pytest.raises(ChooseTeam):  # privately, the chat alone does not say which team
        actions.add_from_message(SECRETARY, private(SECRETARY), text, clock())
    added = actions.add_from_message(SECRETARY, private(SECRETARY), text, clock(), team_id=2)
    assert [(a.team_name, a.text) for a in added.actions] == [("OT Werk", "Vacatures delen")]
