"""Queries for the guided add: stored flows, the team's recent topics, and proposals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import ActionRow, ConversationRow, MemberRow, ProposalRow


def flow(s: Session, telegram_id: int) -> ConversationRow | None:
    """Return the person's stored flow, if any."""
    return s.get(ConversationRow, telegram_id)


def drop_expired(s: Session, now: datetime) -> int:
    """Delete the flows that expired before `now`; return how many."""
    result = s.execute(delete(ConversationRow).where(ConversationRow.expires_at < now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def recent_topics(s: Session, team_id: int, limit: int) -> list[str]:
    """Return the team's most recently used topics, newest first, each once."""
    topics: list[str] = []
    rows = s.scalars(
        select(ActionRow.topic)
        .where(ActionRow.team_id == team_id, ActionRow.topic != "")
        .order_by(ActionRow.id.desc())
        .limit(200)
    )
    for topic in rows:
        if topic not in topics:
            topics.append(topic)
            if len(topics) == limit:
                break
    return topics


def proposal(s: Session, proposal_id: int) -> ProposalRow | None:
    return s.get(ProposalRow, proposal_id)


def member(s: Session, member_id: int) -> MemberRow | None:
    return s.get(MemberRow, member_id)
