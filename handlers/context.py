"""Typed access to what handlers share: the services, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from services.actions import ActionService
from services.documents import DocumentService, PendingImports
from services.guided import GuidedService
from services.meetings import MeetingService
from services.reminders import ReminderService
from services.teams import TeamService


@dataclass
class Services:
    teams: TeamService
    actions: ActionService
    reminders: ReminderService
    meetings: MeetingService
    documents: DocumentService
    guided: GuidedService
    pending: PendingImports = field(default_factory=PendingImports)
    # Users Telegram recently said are in none of our groups: user id -> when it said so.
    strangers: dict[int, datetime] = field(default_factory=dict)
    # When each group last got a "sent privately" note (handlers/actions.py): chat id -> when.
    group_notes: dict[int, datetime] = field(default_factory=dict)
    # Users whose groups Telegram confirmed recently (handlers/membership.py): id -> when.
    verified: dict[int, datetime] = field(default_factory=dict)
    # (chat id, user id) already recorded as present in a linked group this run.
    present: set[tuple[int, int]] = field(default_factory=set)


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed properties instead of bot_data casts."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        """Return the services the composition root registered."""
        services = self.application.bot_data["services"]
        assert isinstance(services, Services)
        return services

    @property
    def teams(self) -> TeamService:
        """Return the team service."""
        return self.services.teams

    @property
    def actions(self) -> ActionService:
        """Return the action service."""
        return self.services.actions
