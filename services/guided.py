"""The guided add (`/nieuw` without text): keep each person's flow in the database, offer
the choices of each step, and turn a member's finished flow into a proposal.

The steps themselves are the pure transitions of `domain/guided.py`; this module stores
them (`conversations`, one row per Telegram account: a restart loses nothing; a flow older
than `guided.TIMEOUT` is gone) and decides proposals (`proposals`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from domain import guided
from domain.errors import NotSecretary
from domain.events import EventKind
from domain.guided import Draft, Event, Flow, Step
from domain.model import ChatRef, DraftItem, UserRef
from domain.owners import split_owners
from services.base import ServiceBase
from storage import conversations as store
from storage.models import ConversationRow, ProposalRow
from storage.repo import Repo, unit_of_work

MAX_TOPIC_CHOICES = 6
MAX_OWNER_CHOICES = 12
MAX_MEETING_CHOICES = 3
KIND = "nieuw"


@dataclass(frozen=True)
class Choices:
    """What the current step offers as buttons (each can be typed instead)."""

    topics: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    meetings: tuple[date, ...] = ()


@dataclass(frozen=True)
class FlowView:
    """A flow that goes on: the step to ask, what was gathered, the buttons, and why the last
    input was refused (a reason code of domain/guided.py, "" when it was taken)."""

    team_name: str
    flow: Flow
    choices: Choices
    is_secretary: bool
    problem: str = ""


@dataclass(frozen=True)
class FlowDone:
    """Opslaan: for a secretary, the item to store through the message path; for a member,
    the proposal that now waits for a secretary."""

    team_id: int
    team_name: str
    item: DraftItem
    draft: Draft
    proposal_id: int | None = None


@dataclass(frozen=True)
class FlowGone:
    """No flow to continue: never started, cancelled, or expired (`expired` True)."""

    expired: bool = False


@dataclass(frozen=True)
class Proposal:
    id: int
    team_id: int
    author: str
    author_telegram_id: int | None
    draft: Draft
    status: str
    action_id: int | None = None
    decided_now: bool = False  # this call made the decision (not a press on a decided one)


class GuidedService(ServiceBase):
    """The `/nieuw` flow and the proposals it makes."""

    def start(self, user: UserRef, chat: ChatRef, team_id: int | None = None) -> FlowView:
        """Begin (or begin again) a guided add in the user's private chat."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _member, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            flow = guided.start(now)
            row = store.flow(repo.s, user.telegram_id)
            if row is None:
                row = ConversationRow(telegram_id=user.telegram_id, created_at=now)
                repo.s.add(row)
            row.created_at = now
            self._store(row, flow, team.id, chat.chat_id)
            return FlowView(team.name, flow, self._choices(repo, team.id), actor.is_secretary)

    def has_flow(self, telegram_id: int) -> bool:
        """Return True when the person has a stored flow, open or expired but not yet told:
        a typed text in the private chat is then the answer to its step (or hears that the
        flow expired)."""
        with unit_of_work(self.factory) as repo:
            return store.flow(repo.s, telegram_id) is not None

    def handle(self, user: UserRef, chat: ChatRef, event: Event) -> FlowView | FlowDone | FlowGone:
        """Apply one input to the person's flow, in one transaction."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            row = store.flow(repo.s, user.telegram_id)
            if row is None:
                return FlowGone()
            flow = guided.from_data(json.loads(row.data or "{}"), row.updated_at)
            if flow is None or row.expires_at < now:
                repo.s.delete(row)
                return FlowGone(expired=True)
            member, team, actor = self.resolve(repo, user, chat, team_id=row.team_id)
            outcome = guided.advance(flow, event, now, self.today())
            if isinstance(outcome, guided.Cancelled):
                repo.s.delete(row)
                return FlowGone()
            if isinstance(outcome, guided.Finished):
                repo.s.delete(row)
                item = guided.to_item(outcome.draft, self.today())
                if actor.is_secretary:
                    return FlowDone(team.id, team.name, item, outcome.draft)
                proposal = ProposalRow(
                    team_id=team.id,
                    author_id=member.id,
                    topic=outcome.draft.topic,
                    text=outcome.draft.text,
                    owners_text=outcome.draft.owners_text,
                    deadline_text=outcome.draft.when,
                    status="pending",
                    created_at=now,
                )
                repo.s.add(proposal)
                repo.s.flush()
                repo.event(
                    team.id, EventKind.PROPOSED, now, actor_id=member.id, proposal=proposal.id
                )
                return FlowDone(team.id, team.name, item, outcome.draft, proposal.id)
            self._store(row, outcome.flow, team.id, row.chat_id)
            return FlowView(
                team.name,
                outcome.flow,
                self._choices(repo, team.id),
                actor.is_secretary,
                outcome.problem,
            )

    def current(self, user: UserRef, chat: ChatRef) -> FlowView | FlowGone:
        """Return the person's flow as it stands (to draw it again), changing nothing."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            row = store.flow(repo.s, user.telegram_id)
            flow = None if row is None else guided.from_data(json.loads(row.data), row.updated_at)
            if row is None or flow is None or row.expires_at < now:
                return FlowGone(expired=row is not None)
            _member, team, actor = self.resolve(repo, user, chat, team_id=row.team_id)
            return FlowView(team.name, flow, self._choices(repo, team.id), actor.is_secretary)

    def choices_of(self, telegram_id: int) -> Choices:
        """Return the choices the person's open flow offers (what its buttons' indexes mean)."""
        with unit_of_work(self.factory) as repo:
            row = store.flow(repo.s, telegram_id)
            if row is None or row.team_id is None:
                return Choices()
            return self._choices(repo, row.team_id)

    def remember_prompt(self, telegram_id: int, message_id: int) -> None:
        """Record the message that asks the current step (the one to edit next time)."""
        with unit_of_work(self.factory) as repo:
            row = store.flow(repo.s, telegram_id)
            if row is not None:
                row.message_id = message_id

    def purge_expired(self) -> int:
        """Delete flows that expired more than `KEEP_EXPIRED` ago; return how many. (Until
        then the person's next text is answered with "verlopen".)"""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            return store.drop_expired(repo.s, now - guided.KEEP_EXPIRED)

    # proposals ------------------------------------------------------------------------------
    def decide(
        self, user: UserRef, chat: ChatRef | None, proposal_id: int, accept: bool
    ) -> tuple[Proposal, DraftItem | None] | None:
        """A secretary accepts or rejects a pending proposal. Accepting returns the item to
        store (through the message path, in the secretary's name); deciding twice changes
        nothing and returns no item; None when the team has no such proposal."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            row = store.proposal(repo.s, proposal_id)
            team_id = row.team_id if row is not None else None
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            if row is None or row.team_id != team.id:
                return None
            if not actor.is_secretary:
                raise NotSecretary()
            if row.status != "pending":
                proposal = self._proposal(repo, row)
                if row.status == "accepted" and row.action_id is None:
                    # Accepted, but the process stopped before the action was stored: store
                    # it now (the message path recognises the card and adds it once).
                    return proposal, guided.to_item(proposal.draft, self.today())
                return proposal, None
            row.status = "accepted" if accept else "rejected"
            row.decided_at = now
            row.decided_by_id = actor.member_id
            kind = EventKind.PROPOSAL_ACCEPTED if accept else EventKind.PROPOSAL_REJECTED
            repo.event(team.id, kind, now, actor_id=actor.member_id, proposal=row.id)
            proposal = replace(self._proposal(repo, row), decided_now=True)
            return proposal, (guided.to_item(proposal.draft, self.today()) if accept else None)

    def link_proposal(self, proposal_id: int, action_id: int) -> None:
        """Record the action an accepted proposal became."""
        with unit_of_work(self.factory) as repo:
            row = store.proposal(repo.s, proposal_id)
            if row is not None:
                row.action_id = action_id

    # helpers --------------------------------------------------------------------------------
    def _store(self, row: ConversationRow, flow: Flow, team_id: int, chat_id: int) -> None:
        now = self.now()
        row.kind = KIND
        row.team_id = team_id
        row.chat_id = chat_id
        row.step = flow.step.value
        row.data = json.dumps(guided.to_data(flow), ensure_ascii=False)
        row.updated_at = now
        row.expires_at = now + guided.TIMEOUT

    def _choices(self, repo: Repo, team_id: int) -> Choices:
        topics = store.recent_topics(repo.s, team_id, MAX_TOPIC_CHOICES)
        people = [
            m.name
            for m in repo.members(team_id)
            if m.left_at is None and m.merged_into_id is None and m.name
        ]
        meetings = [
            m.day
            for m in repo.meetings_from(team_id, self.today())
            if m.status in ("planned", "tentative")
        ]
        return Choices(
            tuple(topics),
            tuple(dict.fromkeys(people))[:MAX_OWNER_CHOICES],
            tuple(meetings[:MAX_MEETING_CHOICES]),
        )

    @staticmethod
    def _proposal(repo: Repo, row: ProposalRow) -> Proposal:
        author = store.member(repo.s, row.author_id)
        owners = split_owners(row.owners_text) if row.owners_text else ()
        return Proposal(
            row.id,
            row.team_id,
            author.name if author else "",
            author.user.telegram_id if author and author.user else None,
            Draft(row.topic, row.text, owners, row.deadline_text),
            row.status,
            row.action_id,
        )


__all__ = ["Choices", "FlowDone", "FlowGone", "FlowView", "GuidedService", "Proposal", "Step"]
