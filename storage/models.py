"""SQLAlchemy 2 typed models: the schema lives in the Alembic migrations beside this file."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as naive UTC (SQLite drops offsets) and read them back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware UTC datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TeamRow(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    chat_title: Mapped[str] = mapped_column(String(255), default="")
    next_number: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class UserRow(Base):
    """A Telegram account that is a member of at least one team."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    username: Mapped[str | None] = mapped_column(String(64))
    first_name: Mapped[str] = mapped_column(String(255), default="")
    last_name: Mapped[str] = mapped_column(String(255), default="")
    private_chat: Mapped[bool] = mapped_column(Boolean, default=False)
    unreachable_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminders_on: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    digest_on: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    current_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MemberRow(Base):
    """Someone (or a group such as "OT") who can own actions in one team."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(255))
    # "Moustapha (SAAAM)": the organisation the person speaks for, as the list names it.
    organisation: Mapped[str] = mapped_column(String(255), default="", server_default="")
    is_secretary: Mapped[bool] = mapped_column(Boolean, default=False)
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20))  # seen, granted, named, config
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[UserRow | None] = relationship(lazy="joined")


class MemberNameRow(Base):
    """A name by which the action list refers to a member ("Marloes")."""

    __tablename__ = "member_names"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    key: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ActionRow(Base):
    """One row of the actielijst: an action or a decision."""

    __tablename__ = "actions"
    __table_args__ = (
        UniqueConstraint("team_id", "number"),
        Index("ix_actions_team_status", "team_id", "status"),
        Index("ix_actions_deadline_kind_due_date", "deadline_kind", "due_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # action, decision
    topic: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    owners_text: Mapped[str] = mapped_column(Text, default="")
    deadline_kind: Mapped[str] = mapped_column(String(20))
    deadline_text: Mapped[str] = mapped_column(String(255), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    # "ASAP, voor 15 juni": a date (or OT) written with urgency.
    deadline_urgent: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sa_false()
    )
    criteria: Mapped[str] = mapped_column(Text, default="")  # JSON list, decisions only
    interests: Mapped[str] = mapped_column(Text, default="")  # decisions only
    status: Mapped[str] = mapped_column(String(20))  # open, claimed, done, cancelled, withdrawn
    batch: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    closed_note: Mapped[str] = mapped_column(Text, default="")
    # Reminder state: the next moment the scheduler must look at this action (indexed, so a
    # tick costs what is due, not what is stored), and what the ASAP cycle needs.
    next_remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The OT this action is due at (MEETING deadlines) or was agreed in (decisions), and the
    # OT it was carried over from when it was not finished in time.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    asap_nudges: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_asap_nudge_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The recurring series this action is one occurrence of ("elke maand"), if any.
    series_id: Mapped[int | None] = mapped_column(ForeignKey("action_series.id"), index=True)
    series: Mapped[SeriesRow | None] = relationship(lazy="joined")

    owners: Mapped[list[ActionOwnerRow]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionOwnerRow.position"
    )


class SeriesRow(Base):
    """A recurring action ("elke maand", "elk OT"): each occurrence is an action row of its
    own; closing one creates the next, until the series is stopped."""

    __tablename__ = "action_series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    rule: Mapped[str] = mapped_column(String(60))  # canonical rule code (domain/recurrence)
    text: Mapped[str] = mapped_column(String(255), default="", server_default="")  # as written
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stopped_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))


class MeetingRow(Base):
    """One OT meeting: planned by the secretary, or tentative because an action named it."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_team_day", "team_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[str] = mapped_column(String(5), default="")  # "14:00", or "" when unknown
    place: Mapped[str] = mapped_column(String(255), default="")
    chair: Mapped[str] = mapped_column(String(255), default="")
    # planned, tentative (named by an action, not planned yet), cancelled, held (passed),
    # unconfirmed (passed while tentative: nobody planned or recorded it)
    status: Mapped[str] = mapped_column(String(20))
    # A tentative OT for "OT mei": its day is a placeholder (the month's last working day)
    # until the secretary plans an OT in that month, which then takes its place.
    day_estimated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttendeeRow(Base):
    """Who attended a meeting, and for which organisation (the actielijst's header)."""

    __tablename__ = "meeting_attendees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    organisation: Mapped[str] = mapped_column(String(255), default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))


class AgendaItemRow(Base):
    """Something a member asked to put on the agenda of the next OT ("agenderen")."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DecisionVersionRow(Base):
    """A decision's text as it was: a correction adds a version, nothing is overwritten."""

    __tablename__ = "decision_versions"
    __table_args__ = (UniqueConstraint("action_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"))
    version: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    criteria: Mapped[str] = mapped_column(Text, default="")  # JSON list
    interests: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReminderRow(Base):
    """One reminder to one recipient: planned, then sent exactly once (the outbox)."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id"), index=True)
    # Who receives it: a member (a person, or the group itself for "OT"), or None for the
    # team's group chat. `about` is the owner name when it goes to someone else.
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    about: Mapped[str] = mapped_column(String(255), default="")
    kind: Mapped[str] = mapped_column(String(30))
    # Unique per occurrence and recipient: planning twice can never create two reminders.
    dedupe: Mapped[str] = mapped_column(String(120), unique=True)
    # pending -> sending -> sent; or folded (into a digest), skipped, cancelled, failed,
    # uncertain (the process died between "sending" and "sent": never sent again).
    status: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(String(255), default="")


class SchedulerStateRow(Base):
    """Small facts the scheduler keeps between runs (e.g. the last digest week made)."""

    __tablename__ = "scheduler_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class ActionOwnerRow(Base):
    __tablename__ = "action_owners"

    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # This owner's part is done (a joint action is done when every owner's part is).
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))

    action: Mapped[ActionRow] = relationship(back_populates="owners")
    member: Mapped[MemberRow] = relationship(lazy="joined", foreign_keys=[member_id])


class ActionUpdateRow(Base):
    """A progress update (toelichting) on an action, with author and time."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The Telegram message it came from ("p901m77"): a message delivered twice adds it once.
    message_key: Mapped[str | None] = mapped_column(String(40), unique=True, index=True)

    author: Mapped[MemberRow | None] = relationship(lazy="joined")


class HandledMessageRow(Base):
    """A Telegram message whose command changed something ("n100100m5"), so that the same
    message delivered again (after a crash before Telegram heard of it) changes nothing."""

    __tablename__ = "handled_messages"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # the command, e.g. "agenderen"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SecretaryPinRow(Base):
    """The Telegram account a configured secretary @username named when the bot first saw it
    in the team's group: a later holder of the username is nobody."""

    __tablename__ = "secretary_pins"
    __table_args__ = (UniqueConstraint("team_id", "username"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    username: Mapped[str] = mapped_column(String(64))  # lower case, without "@"
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    pinned_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EventRow(Base):
    """The audit trail: who did what to which action, and when. Never deleted."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")  # JSON object
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConversationRow(Base):
    """Where a person is in a guided flow (`/nieuw`): one per Telegram account, kept in the
    database so that a restart does not lose it; gone after `expires_at`."""

    __tablename__ = "conversations"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "nieuw"
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    step: Mapped[str] = mapped_column(String(20))
    data: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")  # JSON object
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # the prompt to edit
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProposalRow(Base):
    """An action a member proposed through `/nieuw`, waiting for a secretary's yes or no."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    topic: Mapped[str] = mapped_column(Text, default="", server_default="")
    text: Mapped[str] = mapped_column(Text)
    owners_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    deadline_text: Mapped[str] = mapped_column(String(255), default="", server_default="")
    status: Mapped[str] = mapped_column(String(20))  # pending, accepted, rejected, withdrawn
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id"))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
