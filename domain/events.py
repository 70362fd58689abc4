"""The kinds of event in the audit trail (`events.kind`): one name per thing that happened.

The values are what the database holds; they never change meaning (old rows keep theirs).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EventKind"]


class EventKind(StrEnum):
    """What an audit event records."""

    # an action's life
    ADDED = "added"
    CLAIMED = "claimed"
    UPDATED = "updated"
    PART_DONE = "part_done"
    CLOSED = "closed"
    REOPENED = "reopened"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    EDITED = "edited"
    SNOOZED = "snoozed"
    CARRIED_OVER = "carried_over"
    SERIES_STOPPED = "series_stopped"
    PROPOSED = "proposed"
    PROPOSAL_ACCEPTED = "proposal_accepted"
    PROPOSAL_REJECTED = "proposal_rejected"
    IMPORTED = "imported"
    # meetings and decisions
    MEETING_PLANNED = "meeting_planned"
    MEETING_TENTATIVE = "meeting_tentative"
    MEETING_MOVED = "meeting_moved"
    MEETING_CANCELLED = "meeting_cancelled"
    MEETING_RECORDED = "meeting_recorded"
    AGENDA_ITEM = "agenda_item"
    DECISION_CORRECTED = "decision_corrected"
    # the team, its group and its people
    GROUP_LINKED = "group_linked"
    GROUP_MOVE_REQUESTED = "group_move_requested"
    GROUP_MOVE_REFUSED = "group_move_refused"
    CHAT_MIGRATED = "chat_migrated"
    BOT_REMOVED = "bot_removed"
    MEMBER_SEEN = "member_seen"
    MEMBER_ADDED = "member_added"
    MEMBER_LEFT = "member_left"
    MEMBER_RETURNED = "member_returned"
    NAME_ADDED = "name_added"
    NAME_LINKED = "name_linked"
    SECRETARY_APPOINTED = "secretary_appointed"
    SECRETARY_PINNED = "secretary_pinned"
    REMINDER_SETTINGS = "reminder_settings"
