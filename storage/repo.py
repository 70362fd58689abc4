"""Queries and row-to-domain mapping; the services call these inside one transaction."""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Executable, Select, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from domain.events import EventKind
from domain.model import (
    Action,
    ActionUpdate,
    Deadline,
    DeadlineKind,
    ItemKind,
    Meeting,
    Owner,
    Person,
    Status,
    Team,
    TeamSetup,
    UserRef,
)
from domain.owners import is_group_owner, normalize_name, split_organisation
from storage.db import SessionFactory
from storage.models import (
    ActionOwnerRow,
    ActionRow,
    ActionUpdateRow,
    AgendaItemRow,
    AttendeeRow,
    DecisionVersionRow,
    EventRow,
    HandledMessageRow,
    MeetingRow,
    MemberNameRow,
    MemberRow,
    ReminderRow,
    SchedulerStateRow,
    SecretaryPinRow,
    SeriesRow,
    TeamRow,
    UserRow,
)

OPEN = (Status.OPEN.value, Status.CLAIMED.value)  # statuses of actions that still need work

# Statements on the hot path of every update are built once, here: building and caching a
# select costs more than SQLite takes to run it. Parameters are bound by name.
_USER_MEMBERSHIPS = (
    select(UserRow, MemberRow, TeamRow)
    .outerjoin(
        MemberRow,
        and_(
            MemberRow.user_id == UserRow.id,
            MemberRow.merged_into_id.is_(None),
            MemberRow.left_at.is_(None),
        ),
    )
    .outerjoin(TeamRow, TeamRow.id == MemberRow.team_id)
    .where(UserRow.telegram_id == bindparam("tg"))
    .order_by(TeamRow.id)
)
_GROUP_MEMBER = (
    select(MemberRow, TeamRow)
    .join(TeamRow, TeamRow.id == MemberRow.team_id)
    .join(UserRow, UserRow.id == MemberRow.user_id)
    .where(
        TeamRow.chat_id == bindparam("chat"),
        UserRow.telegram_id == bindparam("tg"),
        MemberRow.merged_into_id.is_(None),
    )
)

_ACTION = (
    select(ActionRow)
    .options(joinedload(ActionRow.owners))
    .where(
        ActionRow.team_id == bindparam("team"),
        ActionRow.number == bindparam("number"),
        ActionRow.status != Status.WITHDRAWN.value,
    )
)
_INSERT_EVENT = insert(EventRow)
_REMINDER_KEYS = select(ReminderRow.dedupe).where(
    ReminderRow.action_id == bindparam("action"), ReminderRow.status != "cancelled"
)
_TAKE_NUMBERS = (
    update(TeamRow)
    .where(TeamRow.id == bindparam("team"))
    .values(next_number=TeamRow.next_number + bindparam("count"))
    .returning(TeamRow.next_number)
)

# Read views: actions with everything a text shows (team, owners, closer, carried-from OT) in
# one Core statement, one row per owner, mapped straight to domain actions.
_OWNER = aliased(MemberRow, name="owner")
_OWNER_USER = aliased(UserRow, name="owner_user")
_CLOSER = aliased(MemberRow, name="closer")
_VIEW = (
    select(
        ActionRow.id,
        ActionRow.team_id,
        TeamRow.name,
        ActionRow.number,
        ActionRow.kind,
        ActionRow.topic,
        ActionRow.text,
        ActionRow.note,
        ActionRow.owners_text,
        ActionRow.deadline_kind,
        ActionRow.deadline_text,
        ActionRow.due_date,
        ActionRow.status,
        ActionRow.created_at,
        ActionRow.closed_at,
        _CLOSER.name,
        ActionRow.closed_note,
        ActionRow.criteria,
        ActionRow.interests,
        MeetingRow.day,
        ActionOwnerRow.member_id,
        ActionOwnerRow.claimed_at,
        _OWNER.name,
        _OWNER.is_group,
        _OWNER_USER.telegram_id,
        _OWNER.left_at,
        ActionRow.deadline_urgent,
        ActionOwnerRow.done_at,  # r[27]: keep new columns at the end (read by position)
        ActionRow.series_id,  # r[28]
        SeriesRow.rule,  # r[29]
        SeriesRow.stopped_at,  # r[30]
    )
    .join(TeamRow, TeamRow.id == ActionRow.team_id)
    .outerjoin(_CLOSER, _CLOSER.id == ActionRow.closed_by_id)
    .outerjoin(MeetingRow, MeetingRow.id == ActionRow.carried_from_id)
    .outerjoin(SeriesRow, SeriesRow.id == ActionRow.series_id)
    .outerjoin(ActionOwnerRow, ActionOwnerRow.action_id == ActionRow.id)
    .outerjoin(_OWNER, _OWNER.id == ActionOwnerRow.member_id)
    .outerjoin(_OWNER_USER, _OWNER_USER.id == _OWNER.user_id)
)
_OWNED = aliased(ActionOwnerRow, name="owned")
_GROUP = aliased(MemberRow, name="grp")
_VIEW_OWNED_BY = _VIEW.where(
    ActionRow.status.in_(OPEN),
    ActionRow.id.in_(
        select(_OWNED.action_id).where(
            or_(
                _OWNED.member_id.in_(bindparam("members", expanding=True)),
                # Actions of "OT" or "Partners NPSNW" are everyone's in the team.
                _OWNED.member_id.in_(
                    select(_GROUP.id).where(
                        _GROUP.team_id.in_(bindparam("teams", expanding=True)),
                        _GROUP.is_group.is_(True),
                        _GROUP.merged_into_id.is_(None),
                    )
                ),
            )
        )
    ),
).order_by(ActionRow.team_id, ActionRow.number, ActionOwnerRow.position)
_PAGED = aliased(ActionRow, name="paged")
_VIEW_OPEN_PAGE = _VIEW.where(
    ActionRow.id.in_(
        select(_PAGED.id)
        .where(_PAGED.team_id == bindparam("team"), _PAGED.status.in_(OPEN))
        .order_by(_PAGED.number)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
).order_by(ActionRow.number, ActionOwnerRow.position)
_VIEW_OPEN = _VIEW.where(
    ActionRow.team_id == bindparam("team"), ActionRow.status.in_(OPEN)
).order_by(ActionRow.number, ActionOwnerRow.position)
_VIEW_ONE = _VIEW.where(
    ActionRow.team_id == bindparam("team"),
    ActionRow.number == bindparam("number"),
    ActionRow.status != Status.WITHDRAWN.value,
).order_by(ActionOwnerRow.position)
_AUTHOR = aliased(MemberRow, name="author")
_VIEW_UPDATES = (
    select(
        ActionUpdateRow.action_id,
        _AUTHOR.name,
        ActionUpdateRow.text,
        ActionUpdateRow.created_at,
    )
    .outerjoin(_AUTHOR, _AUTHOR.id == ActionUpdateRow.author_id)
    .where(ActionUpdateRow.action_id.in_(bindparam("ids", expanding=True)))
    .order_by(ActionUpdateRow.created_at, ActionUpdateRow.id)
)


class Repo:
    """Data access for one transaction. Rows never leave the service that asked for them."""

    def __init__(self, session: Session) -> None:
        self.s = session
        # Rows looked up by id again and again within one transaction (a scheduler run asks
        # for the same team hundreds of times); strong references keep them in the session.
        self._teams: dict[int, TeamRow] = {}
        self._members: dict[int, MemberRow] = {}
        self._secretaries: dict[int, list[MemberRow]] = {}

    # teams -----------------------------------------------------------------------------
    def team(self, team_id: int) -> TeamRow:
        row = self._teams.get(team_id)
        if row is None:
            row = self._teams[team_id] = self.s.get_one(TeamRow, team_id)
        return row

    def team_by_chat(self, chat_id: int) -> TeamRow | None:
        return self.s.scalar(select(TeamRow).where(TeamRow.chat_id == chat_id))

    def team_by_name(self, name: str) -> TeamRow | None:
        return self.s.scalar(select(TeamRow).where(func.lower(TeamRow.name) == name.lower()))

    def teams(self) -> list[TeamRow]:
        return list(self.s.scalars(select(TeamRow).order_by(TeamRow.id)))

    def take_numbers(self, team_id: int, count: int) -> int:
        """Reserve `count` action numbers for a team and return the first one."""
        last = self.s.connection().execute(_TAKE_NUMBERS, {"team": team_id, "count": count})
        first: int = last.scalar_one() - count
        team = self.s.identity_map.get(self.s.identity_key(TeamRow, team_id))
        if team is not None:  # a row already loaded reads the new value when asked
            self.s.expire(team, ["next_number"])
        return first

    # users and members -----------------------------------------------------------------
    def user(self, telegram_id: int) -> UserRow | None:
        return self.s.scalar(select(UserRow).where(UserRow.telegram_id == telegram_id))

    def user_by_username(self, username: str) -> UserRow | None:
        return self.s.scalar(
            select(UserRow).where(func.lower(UserRow.username) == username.lower().lstrip("@"))
        )

    def upsert_user(self, ref: UserRef, now: datetime) -> UserRow:
        row = self.user(ref.telegram_id)
        if row is None:
            row = UserRow(telegram_id=ref.telegram_id, created_at=now, private_chat=False)
            self.s.add(row)
        self.set_user_names(row, ref)
        return row

    @staticmethod
    def set_user_names(row: UserRow, ref: UserRef) -> None:
        """Keep a user's Telegram names current (no write when nothing changed)."""
        first, last = ref.first_name[:255], ref.last_name[:255]
        if (row.first_name, row.last_name, row.username) != (first, last, ref.username):
            row.first_name, row.last_name, row.username = first, last, ref.username

    def pins(self, team_id: int) -> dict[str, int]:
        """The team's pinned secretary usernames: username -> Telegram id."""
        rows = self.s.execute(
            select(SecretaryPinRow.username, SecretaryPinRow.telegram_id).where(
                SecretaryPinRow.team_id == team_id
            )
        )
        return {u: t for u, t in rows}

    def pin(self, team_id: int, username: str, telegram_id: int, now: datetime) -> None:
        """Pin a configured secretary username to the account that holds it now."""
        self.s.add(
            SecretaryPinRow(
                team_id=team_id, username=username, telegram_id=telegram_id, pinned_at=now
            )
        )
        self.s.flush()

    def member_of(self, team_id: int, user_id: int) -> MemberRow | None:
        return self.s.scalar(
            select(MemberRow).where(
                MemberRow.team_id == team_id,
                MemberRow.user_id == user_id,
                MemberRow.merged_into_id.is_(None),
            )
        )

    def user_memberships(
        self, telegram_id: int
    ) -> tuple[UserRow | None, list[tuple[MemberRow, TeamRow]]]:
        """A Telegram account's user row and its current memberships, in one statement."""
        urow: UserRow | None = None
        out: list[tuple[MemberRow, TeamRow]] = []
        for u, m, t in self.s.execute(_USER_MEMBERSHIPS, {"tg": telegram_id}):
            urow = u
            if m is not None and t is not None:
                out.append((m, t))
        return urow, out

    def group_member(self, chat_id: int, telegram_id: int) -> tuple[MemberRow, TeamRow] | None:
        """The member a Telegram account already is in the team linked to a group chat."""
        row = self.s.execute(_GROUP_MEMBER, {"chat": chat_id, "tg": telegram_id}).first()
        return (row[0], row[1]) if row is not None else None

    def memberships(self, user_id: int) -> list[tuple[MemberRow, TeamRow]]:
        rows = self.s.execute(
            select(MemberRow, TeamRow)
            .join(TeamRow, MemberRow.team_id == TeamRow.id)
            .where(
                MemberRow.user_id == user_id,
                MemberRow.merged_into_id.is_(None),
                MemberRow.left_at.is_(None),
            )
            .order_by(TeamRow.id)
        )
        return [(m, t) for m, t in rows]

    def member_for_user(
        self, team_id: int, user: UserRef, now: datetime, source: str, is_secretary: bool = False
    ) -> tuple[MemberRow, bool]:
        """The team's member for a Telegram account, created when missing (and whether it was)."""
        urow = self.upsert_user(user, now)
        self.s.flush()
        member = self.member_of(team_id, urow.id)
        if member is not None:
            return member, False
        member = MemberRow(
            team_id=team_id,
            user_id=urow.id,
            name=user.full_name,
            source=source,
            is_secretary=is_secretary,
            is_group=False,
            created_at=now,
        )
        self.s.add(member)
        self.s.flush()
        return member, True

    def new_meeting(self, team_id: int, day: date, status: str, now: datetime) -> MeetingRow:
        """Create an OT with nothing known yet but its day."""
        meeting = MeetingRow(
            team_id=team_id,
            day=day,
            start="",
            place="",
            chair="",
            status=status,
            created_at=now,
            updated_at=now,
        )
        self.s.add(meeting)
        self.s.flush()
        return meeting

    def prefetch(self, team_ids: Iterable[int], member_ids: Iterable[int]) -> None:
        """Load teams and members (with their users) in two statements for the per-id
        lookups that follow (`team()`, `member()`)."""
        teams = [t for t in set(team_ids) if t not in self._teams]
        if teams:
            for team in self.s.scalars(select(TeamRow).where(TeamRow.id.in_(teams))):
                self._teams[team.id] = team
        members = [m for m in set(member_ids) if m not in self._members]
        if members:
            for member in self.s.scalars(select(MemberRow).where(MemberRow.id.in_(members))):
                self._members[member.id] = member

    def actions_by_id(self, action_ids: Iterable[int]) -> dict[int, ActionRow]:
        """Actions with their owners (and the owners' members and users), in two statements."""
        ids = list(set(action_ids))
        if not ids:
            return {}
        rows = self.s.scalars(
            select(ActionRow).options(selectinload(ActionRow.owners)).where(ActionRow.id.in_(ids))
        )
        return {r.id: r for r in rows}

    def member(self, member_id: int) -> MemberRow:
        row = self._members.get(member_id)
        if row is None:
            row = self._members[member_id] = self.s.get_one(MemberRow, member_id)
        return row

    def member_by_key(self, team_id: int, key: str) -> MemberRow | None:
        row = self.s.scalar(
            select(MemberRow)
            .join(MemberNameRow, MemberNameRow.member_id == MemberRow.id)
            .where(MemberNameRow.team_id == team_id, MemberNameRow.key == key)
        )
        while row is not None and row.merged_into_id is not None:
            row = self.member(row.merged_into_id)
        return row

    def owner_member(self, team_id: int, name: str, now: datetime) -> MemberRow:
        """Find the member a name in the list means, or create a free-text one.

        A name is looked up among the names the list used before, then among the Telegram
        names of members seen in the group ("Louise de Rooij"); only then is it new.
        """
        name, organisation = split_organisation(name)
        key = normalize_name(name)
        member = self.member_by_key(team_id, key)
        if member is None:
            member = self.member_by_full_name(team_id, key)
            if member is not None:
                self.add_name(team_id, member.id, name, key, now)
        if member is None:
            member = MemberRow(
                team_id=team_id,
                user_id=None,
                name=name,
                organisation=organisation[:255],
                source="named",
                is_secretary=False,
                is_group=is_group_owner(name),
                created_at=now,
            )
            self.s.add(member)
            self.s.flush()
            self.add_name(team_id, member.id, name, key, now)
        elif organisation and not member.organisation:
            member.organisation = organisation[:255]
        return member

    def member_by_full_name(self, team_id: int, key: str) -> MemberRow | None:
        """The one linked member whose Telegram name normalises to `key` (None if 0 or 2+)."""
        found = [
            m
            for m in self.members(team_id)
            if m.user is not None
            and m.left_at is None
            and key
            in (
                normalize_name(m.name),
                normalize_name(f"{m.user.first_name} {m.user.last_name}"),
            )
        ]
        return found[0] if len(found) == 1 else None

    def group_owners(self, team_id: int) -> list[MemberRow]:
        """Members that stand for the whole team ("OT", "Partners NPSNW")."""
        return list(
            self.s.scalars(
                select(MemberRow).where(
                    MemberRow.team_id == team_id,
                    MemberRow.is_group.is_(True),
                    MemberRow.merged_into_id.is_(None),
                )
            )
        )

    def find_member(self, member_id: int) -> MemberRow | None:
        """A member by id, or None (a stale or forged button)."""
        return self.s.get(MemberRow, member_id)

    def owning(self, member_ids: Iterable[int]) -> set[int]:
        """Which of these members own an action (open, closed or cancelled; not undone)."""
        ids = list(member_ids)
        if not ids:
            return set()
        return set(
            self.s.scalars(
                select(ActionOwnerRow.member_id)
                .join(ActionRow, ActionRow.id == ActionOwnerRow.action_id)
                .where(
                    ActionOwnerRow.member_id.in_(ids),
                    ActionRow.status != Status.WITHDRAWN.value,
                )
                .distinct()
            )
        )

    def unlinked_owners(self, team_ids: Iterable[int]) -> list[tuple[MemberRow, int]]:
        """The people in these teams' lists nobody linked yet, each with their number of open
        actions (only those who have any)."""
        ids = list(team_ids)
        if not ids:
            return []
        counts = (
            select(ActionOwnerRow.member_id, func.count(ActionRow.id).label("open"))
            .join(ActionRow, ActionRow.id == ActionOwnerRow.action_id)
            .where(ActionRow.team_id.in_(ids), ActionRow.status.in_(OPEN))
            .group_by(ActionOwnerRow.member_id)
            .subquery()
        )
        rows = self.s.execute(
            select(MemberRow, counts.c.open)
            .join(counts, counts.c.member_id == MemberRow.id)
            .where(
                MemberRow.user_id.is_(None),
                MemberRow.is_group.is_(False),
                MemberRow.merged_into_id.is_(None),
                MemberRow.left_at.is_(None),
            )
            .order_by(MemberRow.team_id, MemberRow.name)
        )
        return [(m, n) for m, n in rows]

    def members(self, team_id: int) -> list[MemberRow]:
        return list(
            self.s.scalars(
                select(MemberRow)
                .where(MemberRow.team_id == team_id, MemberRow.merged_into_id.is_(None))
                .order_by(MemberRow.name)
            )
        )

    def names_of(self, member_ids: Iterable[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        ids = list(member_ids)
        if ids:
            for row in self.s.scalars(
                select(MemberNameRow)
                .where(MemberNameRow.member_id.in_(ids))
                .order_by(MemberNameRow.id)
            ):
                out[row.member_id].append(row.name)
        return out

    def add_name(self, team_id: int, member_id: int, name: str, key: str, now: datetime) -> None:
        existing = self.s.scalar(
            select(MemberNameRow).where(MemberNameRow.team_id == team_id, MemberNameRow.key == key)
        )
        if existing is None:
            self.s.add(
                MemberNameRow(
                    team_id=team_id, member_id=member_id, name=name, key=key, created_at=now
                )
            )
        else:
            existing.member_id = member_id

    def merge_member(self, source: MemberRow, target: MemberRow) -> int:
        """Move names and ownerships of `source` (a free-text owner) onto `target`."""
        moved = 0
        for name in self.s.scalars(
            select(MemberNameRow).where(MemberNameRow.member_id == source.id)
        ):
            name.member_id = target.id
        owned = set(
            self.s.scalars(
                select(ActionOwnerRow.action_id).where(ActionOwnerRow.member_id == target.id)
            )
        )
        for link in list(
            self.s.scalars(select(ActionOwnerRow).where(ActionOwnerRow.member_id == source.id))
        ):
            moved += 1
            if link.action_id in owned:
                self.s.delete(link)
            else:
                self.s.add(
                    ActionOwnerRow(
                        action_id=link.action_id,
                        member_id=target.id,
                        position=link.position,
                        claimed_at=link.claimed_at,
                        added_at=link.added_at,
                    )
                )
                self.s.delete(link)
        source.merged_into_id = target.id
        target.is_group = target.is_group or source.is_group
        return moved

    # actions ---------------------------------------------------------------------------
    def action(self, team_id: int, number: int) -> ActionRow | None:
        """One action to change, with its owners (one statement)."""
        return self.s.scalars(_ACTION, {"team": team_id, "number": number}).unique().first()

    def batch(self, team_id: int, batch: str) -> list[ActionRow]:
        """The actions one message added. Filtered on `batch` alone in SQL so that SQLite
        takes its index (with the team too it chose the team's index: 6 ms at 100,000)."""
        rows = self.s.scalars(
            select(ActionRow)
            .options(selectinload(ActionRow.owners))
            .where(ActionRow.batch == batch)
            .order_by(ActionRow.number)
        )
        return [r for r in rows if r.team_id == team_id]

    def open_actions(
        self, team_id: int, offset: int = 0, limit: int | None = None
    ) -> list[ActionRow]:
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(
                    ActionRow.team_id == team_id,
                    ActionRow.status.in_(OPEN),
                )
                .order_by(ActionRow.number)
                .offset(offset)
                .limit(limit)
            )
        )

    def count_open(self, team_id: int) -> int:
        return (
            self.s.scalar(
                select(func.count(ActionRow.id)).where(
                    ActionRow.team_id == team_id,
                    ActionRow.status.in_(OPEN),
                )
            )
            or 0
        )

    def open_actions_of(self, member_ids: list[int]) -> list[ActionRow]:
        if not member_ids:
            return []
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .join(ActionOwnerRow, ActionOwnerRow.action_id == ActionRow.id)
                .where(
                    ActionOwnerRow.member_id.in_(member_ids),
                    ActionRow.status.in_(OPEN),
                )
                .distinct()
                .order_by(ActionRow.team_id, ActionRow.number)
            )
        )

    def update_by_message(self, key: str) -> bool:
        """Whether an update from this Telegram message is stored already."""
        found = self.s.scalar(select(ActionUpdateRow.id).where(ActionUpdateRow.message_key == key))
        return found is not None

    def claim_message(self, key: str | None, kind: str, now: datetime) -> bool:
        """Record that this Telegram message is handled, in the current transaction.

        False when it was handled before (delivered again): the caller then changes nothing.
        Without a key (no message to name) every call is new.
        """
        if key is None:
            return True
        if self.s.get(HandledMessageRow, key) is not None:
            return False
        self.s.add(HandledMessageRow(key=key, kind=kind, created_at=now))
        return True

    def has_activity_since_added(self, action_ids: list[int]) -> int | None:
        """Return the number of an action that was touched after it was added, if any."""
        if not action_ids:
            return None
        row = self.s.scalar(
            select(ActionRow.number)
            .join(EventRow, EventRow.action_id == ActionRow.id)
            .where(EventRow.action_id.in_(action_ids), EventRow.kind != EventKind.ADDED)
            .limit(1)
        )
        return row

    def events(
        self,
        team_id: int,
        kind: EventKind,
        now: datetime,
        actor_id: int | None,
        action_ids: list[int],
    ) -> None:
        """Append one event per action to the audit trail, in one statement."""
        if not action_ids:
            return
        self.s.connection().execute(
            _INSERT_EVENT,
            [
                {
                    "team_id": team_id,
                    "action_id": action_id,
                    "actor_id": actor_id,
                    "kind": kind,
                    "detail": "",
                    "created_at": now,
                }
                for action_id in action_ids
            ],
        )

    def event(
        self,
        team_id: int,
        kind: EventKind,
        now: datetime,
        *,
        actor_id: int | None = None,
        action_id: int | None = None,
        **detail: object,
    ) -> None:
        """Append to the audit trail (a Core insert, written at once: no flush, no reload)."""
        self.s.connection().execute(
            _INSERT_EVENT,
            {
                "team_id": team_id,
                "action_id": action_id,
                "actor_id": actor_id,
                "kind": kind,
                "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
                "created_at": now,
            },
        )

    # reminders -------------------------------------------------------------------------
    def user_by_id(self, user_id: int) -> UserRow | None:
        return self.s.get(UserRow, user_id)

    def action_by_id(self, action_id: int) -> ActionRow:
        return self.s.get_one(ActionRow, action_id)

    def actions_due(self, now: datetime, limit: int) -> list[ActionRow]:
        """Open actions whose next reminder moment has come (uses the index on it)."""
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(ActionRow.next_remind_at <= now)
                .order_by(ActionRow.next_remind_at)
                .limit(limit)
            )
        )

    def actions_never_planned(self) -> list[ActionRow]:
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(
                    ActionRow.last_activity_at.is_(None),
                    ActionRow.status.in_(OPEN),
                )
            )
        )

    def reminder_keys(self, action_id: int) -> list[str]:
        """Occurrence keys already sent, folded or skipped for an action.

        Reads without flushing first: a change to the action is written once, at the end of
        the transaction, not also here. (Reminder rows are only added by `plan()`, which keeps
        the keys it adds in memory and never asks for them again.)
        """
        with self.s.no_autoflush:
            dedupes = self.s.scalars(_REMINDER_KEYS, {"action": action_id})
            return [d.split("|")[1] for d in dedupes]

    def add_reminder(self, row: ReminderRow) -> None:
        self.s.add(row)

    def add_reminder_once(self, row: ReminderRow) -> int:
        """Add the row unless one with its dedupe key exists; return how many were added."""
        exists = self.s.scalar(select(ReminderRow.id).where(ReminderRow.dedupe == row.dedupe))
        if exists is not None:
            return 0
        self.s.add(row)
        return 1

    def cancel_pending_reminders(self, action_id: int) -> None:
        self.s.execute(
            update(ReminderRow)
            .where(ReminderRow.action_id == action_id, ReminderRow.status == "pending")
            .values(status="cancelled")
        )

    def reminders_in(self, status: str) -> list[ReminderRow]:
        return list(self.s.scalars(select(ReminderRow).where(ReminderRow.status == status)))

    def reminders_by_id(self, ids: list[int]) -> list[ReminderRow]:
        return list(self.s.scalars(select(ReminderRow).where(ReminderRow.id.in_(ids))))

    def reminders_ready(self, now: datetime, limit: int) -> list[ReminderRow]:
        return list(
            self.s.scalars(
                select(ReminderRow)
                .where(ReminderRow.status == "pending", ReminderRow.next_attempt_at <= now)
                .order_by(ReminderRow.id)
                .limit(limit)
            )
        )

    def claim_reminder(self, reminder_id: int) -> bool:
        """Mark a row `sending` if it is still pending; False when another run took it."""
        result = self.s.execute(
            update(ReminderRow)
            .where(ReminderRow.id == reminder_id, ReminderRow.status == "pending")
            .values(status="sending", attempts=ReminderRow.attempts + 1)
            .execution_options(synchronize_session="fetch")
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def finish_reminders(
        self,
        ids: list[int],
        status: str,
        now: datetime,
        message_id: int | None,
        error: str = "",
    ) -> None:
        self.s.execute(
            update(ReminderRow)
            .where(ReminderRow.id.in_(ids), ReminderRow.status == "sending")
            .values(status=status, sent_at=now, message_id=message_id, error=error[:255])
        )

    def secretaries(self, team_id: int, setups: tuple[TeamSetup, ...]) -> list[MemberRow]:
        """The team's secretaries (by role or by configuration), once per transaction."""
        if team_id in self._secretaries:
            return self._secretaries[team_id]
        team = self.team(team_id)
        setup = next((s for s in setups if s.name.lower() == team.name.lower()), None)
        configured = setup.secretary_accounts(self.pins(team_id)) if setup else frozenset()
        out = []
        for m in self.members(team_id):
            if m.left_at is not None or m.user is None:
                continue
            if m.is_secretary or m.user.telegram_id in configured:
                out.append(m)
        self._secretaries[team_id] = out
        return out

    def meeting_days(self, start: date, end: date) -> list[tuple[int, date]]:
        rows = self.s.execute(
            select(ActionRow.team_id, ActionRow.due_date)
            .where(
                ActionRow.deadline_kind == DeadlineKind.MEETING.value,
                ActionRow.due_date >= start,
                ActionRow.due_date <= end,
                ActionRow.status.in_(OPEN),
            )
            .distinct()
        )
        return [(t, d) for t, d in rows if d is not None]

    def meeting_actions(self, team_id: int, day: date) -> list[ActionRow]:
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(
                    ActionRow.team_id == team_id,
                    ActionRow.deadline_kind == DeadlineKind.MEETING.value,
                    ActionRow.due_date == day,
                    ActionRow.status.in_(OPEN),
                )
                .order_by(ActionRow.number)
            )
        )

    def previous_meeting_day(self, team_id: int, day: date) -> date | None:
        return self.s.scalar(
            select(func.max(ActionRow.due_date)).where(
                ActionRow.team_id == team_id,
                ActionRow.deadline_kind == DeadlineKind.MEETING.value,
                ActionRow.due_date < day,
            )
        )

    def digest_recipients(self) -> list[tuple[int, int]]:
        """Users who want a digest, can be written to, and own open actions."""
        rows = self.s.execute(
            select(UserRow.id, func.min(MemberRow.team_id))
            .join(MemberRow, MemberRow.user_id == UserRow.id)
            .join(ActionOwnerRow, ActionOwnerRow.member_id == MemberRow.id)
            .join(ActionRow, ActionRow.id == ActionOwnerRow.action_id)
            .where(
                UserRow.digest_on.is_(True),
                UserRow.private_chat.is_(True),
                UserRow.unreachable_at.is_(None),
                MemberRow.merged_into_id.is_(None),
                MemberRow.left_at.is_(None),
                ActionRow.status.in_(OPEN),
            )
            .group_by(UserRow.id)
        )
        return [(u, t) for u, t in rows]

    def upcoming_moments(self, now: datetime) -> tuple[list[datetime], list[datetime]]:
        """The first next-reminder time of an open action after now, and the first attempt
        time of a waiting outbox row (any, since one due now may wait for the window)."""
        action = self.s.scalar(
            select(func.min(ActionRow.next_remind_at)).where(
                ActionRow.next_remind_at > now, ActionRow.status.in_(OPEN)
            )
        )
        pending = self.s.scalar(
            select(func.min(ReminderRow.next_attempt_at)).where(ReminderRow.status == "pending")
        )
        # min() keeps the column's type: the values come back aware, like the columns.
        return ([action] if action else [], [pending] if pending else [])

    def state(self, key: str) -> str | None:
        row = self.s.get(SchedulerStateRow, key)
        return row.value if row else None

    def set_state(self, key: str, value: str) -> None:
        row = self.s.get(SchedulerStateRow, key)
        if row is None:
            self.s.add(SchedulerStateRow(key=key, value=value))
        else:
            row.value = value

    # meetings --------------------------------------------------------------------------
    def meeting(self, meeting_id: int) -> MeetingRow:
        return self.s.get_one(MeetingRow, meeting_id)

    def meeting_on(self, team_id: int, day: date) -> MeetingRow | None:
        """The (not cancelled) meeting of a team on a day."""
        return self.s.scalar(
            select(MeetingRow).where(
                MeetingRow.team_id == team_id,
                MeetingRow.day == day,
                MeetingRow.status != "cancelled",
            )
        )

    def meeting_in_month(self, team_id: int, first: date) -> MeetingRow | None:
        """The OT of a team in the month starting on `first`: a planned one before a tentative
        one, the earliest first; None when the month has none (cancelled ones do not count)."""
        return self.s.scalar(
            self._in_month(team_id, first)
            .where(MeetingRow.status.in_(["planned", "tentative", "held", "unconfirmed"]))
            .order_by(MeetingRow.day_estimated, MeetingRow.status != "planned", MeetingRow.day)
            .limit(1)
        )

    def estimated_meeting_in_month(self, team_id: int, day: date) -> MeetingRow | None:
        """The tentative OT with a placeholder day ("OT mei") in the month of `day`, if any."""
        return self.s.scalar(
            self._in_month(team_id, day)
            .where(MeetingRow.status == "tentative", MeetingRow.day_estimated.is_(True))
            .limit(1)
        )

    @staticmethod
    def _in_month(team_id: int, day: date) -> Select[MeetingRow]:
        """The meetings of a team in the month of `day`."""
        last = calendar.monthrange(day.year, day.month)[1]
        return select(MeetingRow).where(
            MeetingRow.team_id == team_id,
            MeetingRow.day >= day.replace(day=1),
            MeetingRow.day <= day.replace(day=last),
        )

    def meetings_from(self, team_id: int, day: date, limit: int = 20) -> list[MeetingRow]:
        """Coming meetings (planned or tentative) on or after a day, soonest first."""
        return list(
            self.s.scalars(
                select(MeetingRow)
                .where(
                    MeetingRow.team_id == team_id,
                    MeetingRow.day >= day,
                    MeetingRow.status.in_(["planned", "tentative"]),
                )
                .order_by(MeetingRow.day)
                .limit(limit)
            )
        )

    def meeting_after(self, team_id: int, day: date) -> MeetingRow | None:
        """The first coming meeting strictly after a day."""
        return self.s.scalar(
            select(MeetingRow)
            .where(
                MeetingRow.team_id == team_id,
                MeetingRow.day > day,
                MeetingRow.status.in_(["planned", "tentative"]),
            )
            .order_by(MeetingRow.day)
            .limit(1)
        )

    def meeting_before(self, team_id: int, day: date) -> MeetingRow | None:
        """The last meeting on or before a day that was not cancelled."""
        return self.s.scalar(
            select(MeetingRow)
            .where(
                MeetingRow.team_id == team_id,
                MeetingRow.day <= day,
                MeetingRow.status != "cancelled",
            )
            .order_by(MeetingRow.day.desc())
            .limit(1)
        )

    def latest_meeting(self, team_id: int, day: date) -> MeetingRow | None:
        """The OT a thing on `day` belongs to: the last one known to have taken place, or
        (when none ever was) the last one that was not cancelled."""
        return self.last_held_meeting(team_id, day) or self.meeting_before(team_id, day)

    def last_held_meeting(self, team_id: int, day: date) -> MeetingRow | None:
        """The last meeting on or before a day known to have taken place: planned by the
        secretary, or held (recorded, imported, or planned and passed). A tentative meeting,
        only named by an action, or one that passed while tentative, is not."""
        return self.s.scalar(
            select(MeetingRow)
            .where(
                MeetingRow.team_id == team_id,
                MeetingRow.day <= day,
                MeetingRow.status.in_(["planned", "held"]),
            )
            .order_by(MeetingRow.day.desc())
            .limit(1)
        )

    def meetings_passed(self, today: date) -> list[MeetingRow]:
        """Meetings whose day is over but whose open actions were not carried over yet."""
        return list(
            self.s.scalars(
                select(MeetingRow)
                .where(MeetingRow.day < today, MeetingRow.status.in_(["planned", "tentative"]))
                .order_by(MeetingRow.day)
            )
        )

    def actions_at(self, meeting_id: int, open_only: bool = True) -> list[ActionRow]:
        query = (
            select(ActionRow)
            .options(selectinload(ActionRow.owners))
            .where(ActionRow.meeting_id == meeting_id, ActionRow.kind == "action")
            .order_by(ActionRow.number)
        )
        if open_only:
            query = query.where(ActionRow.status.in_(OPEN))
        return list(self.s.scalars(query))

    def all_actions(self, team_id: int) -> list[ActionRow]:
        """Every action and decision of a team except withdrawn ones, by number."""
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(ActionRow.team_id == team_id, ActionRow.status != Status.WITHDRAWN.value)
                .order_by(ActionRow.number)
            )
        )

    def occurrences(self, series_id: int) -> list[ActionRow]:
        """The occurrences of a recurring series except withdrawn ones, by number."""
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(
                    ActionRow.series_id == series_id,
                    ActionRow.status != Status.WITHDRAWN.value,
                )
                .order_by(ActionRow.number)
            )
        )

    def last_due_before(self, series_id: int, number: int) -> date | None:
        """The latest due day of the occurrences of a series numbered before `number`."""
        found: date | None = self.s.scalar(
            select(func.max(ActionRow.due_date)).where(
                ActionRow.series_id == series_id,
                ActionRow.number < number,
                ActionRow.status != Status.WITHDRAWN.value,
            )
        )
        return found

    def has_updates(self, action_id: int) -> bool:
        """Return True when anyone posted an update to the action."""
        found = self.s.scalar(
            select(ActionUpdateRow.id).where(ActionUpdateRow.action_id == action_id).limit(1)
        )
        return found is not None

    def actions_carried_from(self, meeting_id: int) -> list[ActionRow]:
        """Open actions that were due at a meeting and were carried over from it."""
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(
                    ActionRow.carried_from_id == meeting_id,
                    ActionRow.status.in_(OPEN),
                )
                .order_by(ActionRow.number)
            )
        )

    def unscheduled_next_meeting_actions(self, team_id: int) -> list[ActionRow]:
        """Open "volgend OT" actions that wait for a meeting to be planned."""
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(
                    ActionRow.team_id == team_id,
                    ActionRow.deadline_kind == DeadlineKind.MEETING.value,
                    ActionRow.due_date.is_(None),
                    ActionRow.status.in_(OPEN),
                )
            )
        )

    def attendees(self, meeting_id: int) -> list[AttendeeRow]:
        return list(
            self.s.scalars(
                select(AttendeeRow)
                .where(AttendeeRow.meeting_id == meeting_id)
                .order_by(AttendeeRow.id)
            )
        )

    def agenda_items(self, team_id: int, meeting_id: int | None) -> list[AgendaItemRow]:
        """Items for this meeting, and items asked for without a meeting known yet."""
        return list(
            self.s.scalars(
                select(AgendaItemRow)
                .where(
                    AgendaItemRow.team_id == team_id,
                    (AgendaItemRow.meeting_id == meeting_id) | AgendaItemRow.meeting_id.is_(None),
                )
                .order_by(AgendaItemRow.id)
            )
        )

    def updates_since(self, team_id: int, since: datetime | None) -> list[ActionUpdateRow]:
        query = (
            select(ActionUpdateRow)
            .join(ActionRow, ActionRow.id == ActionUpdateRow.action_id)
            .where(ActionRow.team_id == team_id, ActionRow.status != Status.WITHDRAWN.value)
            .order_by(ActionUpdateRow.created_at, ActionUpdateRow.id)
        )
        if since is not None:
            query = query.where(ActionUpdateRow.created_at >= since)
        return list(self.s.scalars(query))

    def decisions(self, team_id: int) -> list[ActionRow]:
        return list(
            self.s.scalars(
                select(ActionRow)
                .options(selectinload(ActionRow.owners))
                .where(
                    ActionRow.team_id == team_id,
                    ActionRow.kind == "decision",
                    ActionRow.status != Status.WITHDRAWN.value,
                )
                .order_by(ActionRow.number)
            )
        )

    def decision_versions(self, action_id: int) -> list[DecisionVersionRow]:
        return list(
            self.s.scalars(
                select(DecisionVersionRow)
                .where(DecisionVersionRow.action_id == action_id)
                .order_by(DecisionVersionRow.version)
            )
        )

    # read views (Core; they read what is committed or flushed) ----------------------------
    def view_owned_by(self, member_ids: list[int], team_ids: list[int]) -> list[Action]:
        """Open actions of these members, and of the group owners of these teams."""
        if not member_ids:
            return []
        return self._view(_VIEW_OWNED_BY, {"members": member_ids, "teams": team_ids})

    def view_open(self, team_id: int, offset: int = 0, limit: int | None = None) -> list[Action]:
        """A team's open actions by number; with `limit`, only that page of them."""
        if limit is None:
            return self._view(_VIEW_OPEN, {"team": team_id})
        return self._view(_VIEW_OPEN_PAGE, {"team": team_id, "limit": limit, "offset": offset})

    def view_one(self, team_id: int, number: int) -> Action | None:
        """One action with its whole update history."""
        found = self._view(_VIEW_ONE, {"team": team_id, "number": number}, with_updates=True)
        return found[0] if found else None

    def _view(
        self, stmt: Executable, params: dict[str, object], with_updates: bool = False
    ) -> list[Action]:
        conn = self.s.connection()
        grouped: dict[int, list[Any]] = {}
        for row in conn.execute(stmt, params):
            grouped.setdefault(row[0], []).append(row)
        updates = self.update_views(list(grouped)) if with_updates else {}
        return [view_action(rows, tuple(updates.get(aid, ()))) for aid, rows in grouped.items()]

    def update_views(self, action_ids: list[int]) -> dict[int, list[ActionUpdate]]:
        """The updates of these actions, oldest first, with their authors' names."""
        out: dict[int, list[ActionUpdate]] = defaultdict(list)
        if action_ids:
            self.s.flush()  # updates added in this transaction count too
            for action_id, author, text, at in self.s.connection().execute(
                _VIEW_UPDATES, {"ids": action_ids}
            ):
                out[action_id].append(ActionUpdate(author=author or "?", text=text, at=at))
        return out

    # mapping ---------------------------------------------------------------------------
    def to_actions(self, rows: list[ActionRow], *, with_updates: bool = True) -> list[Action]:
        """Map rows to domain actions, loading team names, closers and updates in bulk."""
        team_names = {tid: self.team(tid).name for tid in {r.team_id for r in rows}}
        updates = self.update_views([r.id for r in rows]) if with_updates else {}
        closers = {
            mid: self.member(mid).name for mid in {r.closed_by_id for r in rows if r.closed_by_id}
        }
        carried_ids = {r.carried_from_id for r in rows if r.carried_from_id}
        carried = (
            {
                m.id: m.day
                for m in self.s.scalars(select(MeetingRow).where(MeetingRow.id.in_(carried_ids)))
            }
            if carried_ids
            else {}
        )
        return [
            to_action(
                r,
                team_names[r.team_id],
                updates.get(r.id, []),
                closers.get(r.closed_by_id or 0),
                carried.get(r.carried_from_id or 0),
            )
            for r in rows
        ]


def view_action(rows: list[Any], updates: tuple[ActionUpdate, ...]) -> Action:
    """Map the rows of one action in a read view (one per owner) to the domain."""
    (
        action_id,
        team_id,
        team_name,
        number,
        kind,
        topic,
        text,
        note,
        owners_text,
        deadline_kind,
        deadline_text,
        due_date,
        status,
        created_at,
        closed_at,
        closed_by,
        closed_note,
        criteria,
        interests,
        carried_from,
        *_owner,
    ) = rows[0]
    return Action(
        carried_from=carried_from,
        id=action_id,
        team_id=team_id,
        team_name=team_name,
        number=number,
        kind=ItemKind(kind),
        topic=topic,
        text=text,
        note=note,
        owners_text=owners_text,
        owners=tuple(
            Owner(
                member_id=r[20],
                name=r[22],
                telegram_id=r[24],
                claimed=r[21] is not None,
                is_group=bool(r[23]),
                left=r[25] is not None,
                done=r[27] is not None,
            )
            for r in rows
            if r[20] is not None
        ),
        deadline=Deadline(
            DeadlineKind(deadline_kind),
            deadline_text,
            due_date,
            urgent=bool(rows[0][26]),
            recurrence=(rows[0][29] or "") if rows[0][30] is None else "",
        ),
        series_id=rows[0][28],
        status=Status(status),
        created_at=created_at,
        closed_at=closed_at,
        closed_by=closed_by,
        closed_note=closed_note,
        criteria=tuple(json.loads(criteria)) if criteria else (),
        interests=interests,
        updates=updates,
    )


def to_meeting(row: MeetingRow, attendees: list[AttendeeRow] | None = None) -> Meeting:
    """Map a meeting row to the domain."""
    return Meeting(
        id=row.id,
        team_id=row.team_id,
        day=row.day,
        start=row.start,
        place=row.place,
        chair=row.chair,
        status=row.status,
        attendees=tuple((a.name, a.organisation) for a in attendees or []),
    )


def to_team(row: TeamRow) -> Team:
    """Map a team row to the domain."""
    return Team(id=row.id, name=row.name, chat_id=row.chat_id)


def to_person(row: MemberRow, names: list[str] | None = None) -> Person:
    """Map a member row (and its user) to the domain."""
    user = row.user
    return Person(
        id=row.id,
        team_id=row.team_id,
        name=row.name,
        telegram_id=user.telegram_id if user else None,
        username=user.username if user else None,
        is_secretary=row.is_secretary,
        is_group=row.is_group,
        private_chat=bool(user and user.private_chat),
        names=tuple(names or ()),
        organisation=row.organisation,
    )


def to_action(
    row: ActionRow,
    team_name: str,
    updates: list[ActionUpdate],
    closed_by: str | None,
    carried_from: date | None = None,
) -> Action:
    """Map an action row to the domain."""
    return Action(
        carried_from=carried_from,
        id=row.id,
        team_id=row.team_id,
        team_name=team_name,
        number=row.number,
        kind=ItemKind(row.kind),
        topic=row.topic,
        text=row.text,
        note=row.note,
        owners_text=row.owners_text,
        owners=tuple(
            Owner(
                member_id=o.member_id,
                name=o.member.name,
                telegram_id=o.member.user.telegram_id if o.member.user else None,
                claimed=o.claimed_at is not None,
                is_group=o.member.is_group,
                left=o.member.left_at is not None,
                done=o.done_at is not None,
            )
            for o in row.owners
        ),
        deadline=Deadline(
            DeadlineKind(row.deadline_kind),
            row.deadline_text,
            row.due_date,
            urgent=row.deadline_urgent,
            recurrence=row.series.rule if row.series and row.series.stopped_at is None else "",
        ),
        series_id=row.series_id,
        status=Status(row.status),
        created_at=row.created_at,
        closed_at=row.closed_at,
        closed_by=closed_by,
        closed_note=row.closed_note,
        criteria=tuple(json.loads(row.criteria)) if row.criteria else (),
        interests=row.interests,
        updates=tuple(updates),
    )


@contextmanager
def unit_of_work(factory: SessionFactory) -> Iterator[Repo]:
    """Run one transaction: commit when the block ends normally, roll back on any error."""
    with factory() as session, session.begin():
        yield Repo(session)
