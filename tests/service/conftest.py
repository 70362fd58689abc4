"""Service-tier fixtures: real services on a migrated SQLite file, one team configured."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from domain.model import ChatRef, TeamSetup, UserRef
from services.actions import ActionService
from services.teams import TeamService
from storage.db import make_engine, session_factory

GROUP = ChatRef(-1001, is_private=False, title="OT Wonen en Leefomgeving")
SECRETARY = UserRef(900, "Marloes", "van der Meulen-Ramp", "marloes_npsnw")
JAN = UserRef(901, "Jan", "van de Borden", "jan_vuilnisoproer")
LOUISE = UserRef(902, "Louise", "de Rooij")
DANILLO = UserRef(903, "Danillo", "Janssen")
STRANGER = UserRef(999, "Onbekend")
SETUP = TeamSetup(name="OT Wonen", secretary_usernames=frozenset({"marloes_npsnw"}))


def private(user: UserRef) -> ChatRef:
    return ChatRef(user.telegram_id, is_private=True)


@dataclass
class World:
    teams: TeamService
    actions: ActionService


@pytest.fixture
def world(db_url, clock) -> Iterator[World]:  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    factory = session_factory(engine)
    kw = {"setups": (SETUP,), "clock": clock}
    world = World(TeamService(factory, **kw), ActionService(factory, **kw))
    world.teams.sync_config()
    world.teams.link_group(SECRETARY, GROUP)
    yield world
    engine.dispose()  # closes the pooled SQLite connections
