"""The one place that builds the services: for `otbot run` (bot/app.py) and the CLI alike."""

from __future__ import annotations

from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.config import Config
from handlers.context import Services
from services.actions import ActionService
from services.base import Clock, ServiceBase, system_clock
from services.documents import DocumentService
from services.guided import GuidedService
from services.meetings import MeetingService
from services.reminders import ReminderService
from services.teams import TeamService
from storage.db import make_engine, session_factory

S = TypeVar("S", bound=ServiceBase)


def build_services(cfg: Config, *, clock: Clock = system_clock) -> Services:
    """Open the configured database and build every service on it (tests inject the clock).
    Migrating the database and syncing the configured teams are the caller's steps."""
    factory = session_factory(make_engine(cfg.db_url))
    tz = ZoneInfo(cfg.timezone)

    def build(kind: type[S]) -> S:
        return kind(factory, setups=cfg.teams, clock=clock, tz=tz, reminders=cfg.reminders)

    return Services(
        teams=build(TeamService),
        actions=build(ActionService),
        reminders=build(ReminderService),
        meetings=build(MeetingService),
        documents=build(DocumentService),
        guided=build(GuidedService),
    )
