"""The life of an action as pure transitions (DOMAIN.md "Life of an action").

open (nobody confirmed it yet) -> claimed (an owner is on it) -> done (closed, with who and
when), or cancelled (vervallen) by a secretary; withdrawn when undone right after it was
added. A decision is agreed in the meeting and starts done.

Each transition takes the action's `State` (and who acts, and when) and returns the new
`State` with the audit event to record. `services.rows.set_state` writes a State to the
row; nothing else sets an action's status or its closing fields. Whether the actor may do
it, and whether the action is in a state that allows it, the service decides first (its
errors name the action's number).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.events import EventKind
from domain.model import Status

__all__ = [
    "Change",
    "State",
    "cancel",
    "claim",
    "close",
    "decided",
    "owners_changed",
    "reopen",
    "withdraw",
]


@dataclass(frozen=True)
class State:
    """An action's status and, once closed, who closed it, when, and the note or reason."""

    status: Status
    closed_at: datetime | None = None
    closed_by_id: int | None = None
    closed_note: str = ""


@dataclass(frozen=True)
class Change:
    """A transition's outcome: the new state and the event for the audit trail."""

    state: State
    event: EventKind


def _open(any_claimed: bool) -> State:
    return State(Status.CLAIMED if any_claimed else Status.OPEN)


def claim() -> Change:
    """An owner says "I am on it"."""
    return Change(State(Status.CLAIMED), EventKind.CLAIMED)


def close(actor_id: int | None, at: datetime, note: str = "") -> Change:
    """The action is done: who, when, and the closing note."""
    return Change(State(Status.DONE, at, actor_id, note), EventKind.CLOSED)


def cancel(actor_id: int | None, at: datetime, reason: str = "") -> Change:
    """A secretary cancels (vervallen) the action, with the reason."""
    return Change(State(Status.CANCELLED, at, actor_id, reason), EventKind.CANCELLED)


def reopen(any_claimed: bool) -> Change:
    """A closed action is open again (claimed when an owner had confirmed it)."""
    return Change(_open(any_claimed), EventKind.REOPENED)


def withdraw(state: State) -> Change:
    """Undone right after it was added (or a next occurrence taken back): hidden."""
    return Change(replace(state, status=Status.WITHDRAWN), EventKind.WITHDRAWN)


def decided(actor_id: int | None, at: datetime) -> State:
    """A decision is agreed in the meeting: it starts done (its event is "added")."""
    return State(Status.DONE, at, actor_id)


def owners_changed(state: State, any_claimed: bool) -> State:
    """After a change of owners, an open action is claimed exactly when an owner confirmed."""
    if not state.status.is_open:
        return state
    return _open(any_claimed)
