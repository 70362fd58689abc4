"""Pure rules about actions: lateness, urgency order, who may do what."""

from __future__ import annotations

import re
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


# Per-owner progress on a joint action ---------------------------------------------------
# The words are shared by the bot's texts and the Word export and import (which must read
# back what the export wrote), so they live here rather than in bot/texts.py.
PROGRESS_DONE = "✔"
PROGRESS_CLAIMED = "bezig"
PROGRESS_OPEN = "open"
PROGRESS_LABEL = "Voortgang"


def is_joint(action: Action) -> bool:
    """Return True when more than one owner shares the action (each has their own part)."""
    return len(action.owners) > 1


def asks_part_or_whole(actor: Actor, action: Action) -> bool:
    """An owner closing a joint action whose other owners are not all done is asked whether
    their part or the whole action is done; anyone else closes the whole at once."""
    if not action.owned_by(actor.member_id) or not is_joint(action):
        return False
    return any(not o.done for o in action.owners if o.member_id != actor.member_id)


def done_after_part(action: Action, member_id: int) -> bool:
    """Return True when marking this owner's part done leaves no owner open: the whole
    action is then done."""
    return all(o.done or o.member_id == member_id for o in action.owners)


def progress_parts(action: Action) -> tuple[tuple[str, str], ...]:
    """Each owner's name and state word (done, claimed, open), in the owners' order; empty
    for an action with fewer than two owners."""
    if not is_joint(action):
        return ()
    return tuple(
        (
            o.name,
            PROGRESS_DONE if o.done else PROGRESS_CLAIMED if o.claimed else PROGRESS_OPEN,
        )
        for o in action.owners
    )


def progress_text(action: Action) -> str:
    """ "Danillo ✔, Marloes open" for a joint action; "" otherwise."""
    return ", ".join(f"{name} {word}" for name, word in progress_parts(action))


_PROGRESS_LINE = re.compile(rf"^\s*{PROGRESS_LABEL}\s*:\s*(?P<body>.*?)\s*$", re.IGNORECASE)
_PROGRESS_PART = re.compile(
    rf"^(?P<name>.+?)\s+(?P<word>{re.escape(PROGRESS_DONE)}|{PROGRESS_CLAIMED}|{PROGRESS_OPEN})$",
    re.IGNORECASE,
)


def parse_progress_line(line: str) -> dict[str, bool] | None:
    """Read a "Voortgang: Danillo ✔, Marloes open" line back: each name and whether their
    part is done; None when the line is not such a line."""
    match = _PROGRESS_LINE.match(line)
    if match is None:
        return None
    result: dict[str, bool] = {}
    for chunk in match.group("body").split(","):
        part = _PROGRESS_PART.match(chunk.strip())
        if part is None:
            return None
        result[part.group("name").strip()] = part.group("word") == PROGRESS_DONE
    return result or None
