"""Pure rules about actions: lateness, urgency order, who may do what."""

from __future__ import annotations

from datetime import date

from domain.model import Action, Actor, DeadlineKind, Status

# Urgency groups, most urgent first: late; then everything with a day (a date or an OT),
# by that day, since "OT 24 april" is as much a deadline as "30 april"; then ASAP, ongoing,
# none. "volgend OT" (no day yet) comes after the dated ones.
_GROUP = {
    DeadlineKind.DATE: 1,
    DeadlineKind.MEETING: 1,
    DeadlineKind.ASAP: 3,
    DeadlineKind.ONGOING: 4,
    DeadlineKind.NONE: 5,
    DeadlineKind.UNREADABLE: 5,
}


def is_late(action: Action, today: date) -> bool:
    """Return True when an open action's date or meeting has passed."""
    due = action.deadline.due
    return (
        action.status.is_open
        and action.deadline.kind in (DeadlineKind.DATE, DeadlineKind.MEETING)
        and due is not None
        and due < today
    )


def urgency_key(action: Action, today: date) -> tuple[int, date, int, int]:
    """Sort key: late first, then by date, meeting, ASAP, ongoing, undated."""
    group = 0 if is_late(action, today) else _GROUP[action.deadline.kind]
    if action.deadline.kind is DeadlineKind.MEETING and action.deadline.due is None:
        group = 2
    return (group, action.deadline.due or date.max, action.team_id, action.number)


def sort_by_urgency(actions: list[Action], today: date) -> list[Action]:
    """Return the actions, most urgent first."""
    return sorted(actions, key=lambda a: urgency_key(a, today))


def may_close(actor: Actor, action: Action) -> bool:
    """Owners and secretaries may close or reopen an action."""
    return actor.is_secretary or action.owned_by(actor.member_id)


def may_update(actor: Actor, action: Action) -> bool:
    """Owners, secretaries and, for group-owned actions, every member may post updates."""
    if actor.is_secretary or action.owned_by(actor.member_id):
        return True
    return any(o.is_group for o in action.owners)


def status_after_owner_change(action_status: Status, any_claimed: bool) -> Status:
    """Return the status an open action has given whether any owner confirmed it."""
    if not action_status.is_open:
        return action_status
    return Status.CLAIMED if any_claimed else Status.OPEN
