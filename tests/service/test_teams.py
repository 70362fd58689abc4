"""Teams and people: linking groups, proving membership, names, secretaries, migration."""

from __future__ import annotations

import pytest

from domain.errors import (
    AlreadyLinked,
    NameNotYours,
    NameTaken,
    NotAMember,
    NotConfiguredSecretary,
    NotSecretary,
    PersonUnknown,
)
from domain.model import ChatRef, UserRef
from tests.service.conftest import DANILLO, GROUP, JAN, LOUISE, SECRETARY, private


def test_only_configured_secretaries_link_a_group(world):
    other = ChatRef(-3003, is_private=False, title="Andere groep")
    with pytest.raises(NotConfiguredSecretary):
        world.teams.link_group(JAN, other)
    with pytest.raises(AlreadyLinked):
        world.teams.link_group(SECRETARY, GROUP)


def test_configured_secretary_is_member_in_private_chat(world):
    actor = world.teams.actor(SECRETARY, private(SECRETARY))
    assert actor.is_secretary is True
    assert actor.team_name == "OT Wonen"


def test_private_chat_needs_membership_proof(world):
    with pytest.raises(NotAMember):
        world.teams.actor(JAN, private(JAN))
    world.teams.join_seen(1, JAN)  # Telegram said Jan is in the group
    assert world.teams.actor(JAN, private(JAN)).is_secretary is False
    assert [t.name for t in world.teams.start_private(JAN)] == ["OT Wonen"]


def test_writing_in_the_group_makes_a_member(world):
    actor = world.teams.actor(LOUISE, GROUP)
    assert actor.name == "Louise de Rooij"
    assert world.teams.actor(LOUISE, private(LOUISE)).member_id == actor.member_id


def test_name_cannot_be_taken_twice(world):
    world.teams.join_seen(1, JAN)
    other_jan = UserRef(950, "Jan", "Bakker")
    world.teams.join_seen(1, other_jan)
    world.teams.claim_name(JAN, private(JAN), "Jan")
    with pytest.raises(NameTaken):
        world.teams.claim_name(other_jan, private(other_jan), "jan")
    with pytest.raises(NameTaken):
        world.teams.claim_name(UserRef(951, "OT"), GROUP, "OT")


def test_nobody_links_themselves_to_someone_elses_name(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, "Danillo: obesitas (april)", clock())
    world.teams.join_seen(1, JAN)
    with pytest.raises(NameNotYours):
        world.teams.claim_name(JAN, private(JAN), "Danillo")
    with pytest.raises(NameNotYours):
        world.teams.claim_name(JAN, private(JAN), "Jna")  # a typo renames nobody
    assert world.actions.mine(JAN).actions == ()
    # Own first name, full name or username are fine; the secretary can link any name.
    world.teams.claim_name(JAN, private(JAN), "Jan van de Borden")
    person = world.teams.add_member(SECRETARY, GROUP, "Danillo", target=DANILLO)
    assert person.telegram_id == DANILLO.telegram_id
    assert [a.text for a in world.actions.mine(DANILLO).actions] == ["obesitas"]


def test_secretary_adds_and_links_members(world):
    person = world.teams.add_member(SECRETARY, GROUP, "Henk-Jan")
    assert person.linked is False
    linked = world.teams.add_member(SECRETARY, GROUP, "Danillo", target=DANILLO)
    assert linked.telegram_id == DANILLO.telegram_id
    assert world.teams.actor(DANILLO, private(DANILLO)).name == "Danillo"
    world.teams.join_seen(1, JAN)
    with pytest.raises(NotSecretary):
        world.teams.add_member(JAN, GROUP, "Iemand")


def test_appoint_secretary(world):
    world.teams.join_seen(1, JAN)
    with pytest.raises(NotSecretary):
        world.teams.appoint_secretary(JAN, GROUP, LOUISE)
    with pytest.raises(PersonUnknown):
        world.teams.appoint_secretary(SECRETARY, private(SECRETARY), None, "@nobody")
    person = world.teams.appoint_secretary(SECRETARY, GROUP, JAN)
    assert person.is_secretary is True
    assert world.teams.actor(JAN, private(JAN)).is_secretary is True


def test_group_migration_follows_new_chat_id(world):
    assert world.teams.migrate_chat(GROUP.chat_id, -100999) is True
    assert world.teams.team_for_chat(-100999) is not None
    assert world.teams.team_for_chat(GROUP.chat_id) is None


def test_left_member_loses_private_access(world):
    world.teams.join_seen(1, JAN)
    assert world.teams.member_left(GROUP.chat_id, JAN, "left_chat_member") is True
    assert world.teams.member_left(GROUP.chat_id, JAN, "left_chat_member") is False
    with pytest.raises(NotAMember):
        world.teams.actor(JAN, private(JAN))


def test_members_list_shows_link_state(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: iets (ASAP)\nOT: evalueren", clock())
    team, people = world.teams.members(SECRETARY, GROUP)
    by_name = {p.name: p for p in people}
    assert by_name["Jan"].linked is False
    assert by_name["OT"].is_group is True
    assert by_name["Marloes van der Meulen-Ramp"].is_secretary is True


THIEF = UserRef(6666, "Mallory", username="marloes_npsnw")


def test_a_username_is_pinned_to_the_account_that_linked_the_group(world):
    # The world fixture linked the group as Marloes (@marloes_npsnw): the name is hers now.
    renamed = UserRef(900, "Marloes", "van der Meulen-Ramp", "marloes_nieuw")
    assert world.teams.actor(renamed, private(renamed)).is_secretary is True
    with pytest.raises(NotAMember):
        world.teams.actor(THIEF, private(THIEF))
    assert world.teams.start_private(THIEF) == []
    # In the group the new holder is a member like anyone, never the secretary.
    assert world.teams.actor(THIEF, GROUP).is_secretary is False
    with pytest.raises(NotConfiguredSecretary):
        world.teams.link_group(THIEF, ChatRef(-3003, is_private=False, title="Mijn groep"))


def test_a_move_by_a_username_secretary_waits_for_the_current_group(world):
    other = ChatRef(-3003, is_private=False, title="Nieuwe groep")
    link = world.teams.link_group(SECRETARY, other, move=True)
    assert link.pending is True and link.old_chat_id == GROUP.chat_id
    assert world.teams.team_for_chat(GROUP.chat_id) is not None  # nothing moved
    with pytest.raises(NotSecretary):
        world.teams.confirm_move(JAN, GROUP, link.team.id, other)
    moved = world.teams.confirm_move(SECRETARY, GROUP, link.team.id, other)
    assert moved.old_chat_id == GROUP.chat_id and moved.team.chat_id == other.chat_id
    assert world.teams.team_for_chat(GROUP.chat_id) is None


def test_leaving_ends_an_appointed_secretary_role(world):
    world.teams.appoint_secretary(SECRETARY, GROUP, LOUISE)
    assert world.teams.actor(LOUISE, private(LOUISE)).is_secretary is True
    assert world.teams.member_left(GROUP.chat_id, LOUISE, "chat_member", "kicked") is True
    with pytest.raises(NotAMember):
        world.teams.actor(LOUISE, private(LOUISE))
    world.teams.join_seen(1, LOUISE)  # added to the group again
    assert world.teams.actor(LOUISE, private(LOUISE)).is_secretary is False


def test_secretaries_known_before_pinning_are_pinned_at_start(db_url, clock):
    """A database from before pins: the configured secretary the bot already knows is pinned
    at start, so the next holder of the username seen in the group is not."""
    from sqlalchemy import text

    from services.teams import TeamService
    from storage.db import make_engine, session_factory
    from tests.service.conftest import SETUP

    engine = make_engine(db_url)
    factory = session_factory(engine)
    teams = TeamService(factory, setups=(SETUP,), clock=clock)
    teams.sync_config()
    teams.link_group(SECRETARY, GROUP)
    with engine.begin() as conn:  # as if the pin had never been written
        conn.execute(text("DELETE FROM secretary_pins"))
    teams.sync_config()
    with engine.connect() as conn:
        pins = conn.execute(text("SELECT username, telegram_id FROM secretary_pins")).all()
    assert pins == [("marloes_npsnw", 900)]
    assert teams.actor(THIEF, GROUP).is_secretary is False
    engine.dispose()


JANS = (
    "Jan van de Borden: memo delen (ASAP)\n"
    "Jan: data doorsturen (ASAP)\n"
    "Jan: rondleiding plannen (ASAP)\n"
    "Janneke: flyers (ASAP)\n"
    "Jan-Willem: zaal boeken (ASAP)\n"
    "Jan de Vries: notulen (ASAP)\n"
    "Jan Bakker: begroting (ASAP)\n"
    "OT: evalueren (ASAP)"
)


def test_mine_offers_the_names_that_may_be_yours(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, JANS, clock())
    world.teams.join_seen(1, JAN)  # after the list named him: "Jan ..." is nobody's yet
    mine = world.actions.mine(JAN, private(JAN))
    assert [a.text for a in mine.actions] == ["evalueren"]  # the team's, not his own
    # His first name itself first, then full names beginning with it; Janneke, Jan-Willem
    # and the group "OT" are not offered; at most three.
    assert [(o.name, o.open_actions) for o in mine.offers] == [
        ("Jan", 2),
        ("Jan Bakker", 1),
        ("Jan de Vries", 1),
    ]
    assert {o.team_name for o in mine.offers} == {"OT Wonen"}
    # Louise's name is not in the list: nothing to offer.
    world.teams.join_seen(1, LOUISE)
    assert world.actions.mine(LOUISE, private(LOUISE)).offers == ()


def test_an_offered_name_links_as_ikben_does(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, JANS, clock())
    world.teams.join_seen(1, JAN)
    offer = world.actions.mine(JAN, private(JAN)).offers[0]
    person, moved = world.teams.claim_offered_name(
        JAN, private(JAN), offer.team_id, offer.member_id
    )
    assert (person.name, person.telegram_id, moved) == ("Jan", JAN.telegram_id, 2)
    mine = world.actions.mine(JAN, private(JAN))
    assert [a.text for a in mine.actions] == [
        "data doorsturen",
        "rondleiding plannen",
        "evalueren",
    ]
    assert mine.offers == ()  # he has actions of his own now: no more questions
    # Another Jan pressing the same (old) offer: the name is taken, nothing changes.
    other = UserRef(950, "Jan", "Bakker")
    world.teams.join_seen(1, other)
    with pytest.raises(NameTaken):
        world.teams.claim_offered_name(other, private(other), offer.team_id, offer.member_id)
    # A button naming nobody of this team changes nothing either.
    assert world.teams.claim_offered_name(other, private(other), offer.team_id, 99999) is None
    # Someone whose first name is not the offered name is refused as /ikben refuses them.
    world.teams.join_seen(1, LOUISE)
    bakker = next(o for o in world.actions.mine(other, private(other)).offers)
    with pytest.raises(NameNotYours):
        world.teams.claim_offered_name(LOUISE, private(LOUISE), bakker.team_id, bakker.member_id)


def test_no_offer_for_whom_already_has_actions(world, clock):
    world.actions.add_from_message(SECRETARY, GROUP, "Jan: data doorsturen (ASAP)", clock())
    world.teams.join_seen(1, JAN)
    world.teams.claim_name(JAN, private(JAN), "Jan")
    world.actions.close(JAN, private(JAN), 1)
    world.actions.add_from_message(SECRETARY, GROUP, "Jan de Vries: notulen (ASAP)", clock())
    # No open action of his own, but his account has actions (a closed one): no offer.
    mine = world.actions.mine(JAN, private(JAN))
    assert mine.actions == () and mine.offers == ()
