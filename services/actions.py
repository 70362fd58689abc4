"""Use cases on actions: add by message, list, claim, update, close, reopen, edit, cancel."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from domain import lifecycle
from domain.deadline import parse_deadline
from domain.errors import (
    ActionNotFound,
    BadValue,
    EmptyText,
    MessageNotUnderstood,
    NothingToUndo,
    NotOwner,
    TextTooLong,
    UndoNotYours,
    UndoTooLate,
    UnknownField,
    WrongState,
)
from domain.events import EventKind
from domain.messages import parse_message
from domain.model import (
    Action,
    Actor,
    ChatRef,
    DeadlineError,
    DeadlineKind,
    DraftItem,
    ItemKind,
    NameOffer,
    ParseProblem,
    Status,
    UserRef,
)
from domain.owners import MAX_NAME_LENGTH, normalize_name, split_owners
from domain.recurrence import split_scope
from domain.reminders import snooze_until
from domain.rules import (
    asks_part_or_whole,
    done_after_part,
    is_late,
    may_close,
    may_update,
    sort_by_urgency,
)
from services.base import ServiceBase, message_key
from services.rows import (
    attach_to_meeting,
    is_running,
    name_offers,
    next_occurrence,
    record_version,
    replan,
    set_state,
    start_series,
    state_of,
    stop_series,
    touched,
    withdraw_follow_up,
)
from storage.models import (
    ActionOwnerRow,
    ActionRow,
    ActionUpdateRow,
    MeetingRow,
    MemberRow,
    TeamRow,
)
from storage.repo import Repo, unit_of_work

MAX_UPDATE_LENGTH = 3000
MAX_DEADLINE_LENGTH = 100

# "/wijzig N veld: waarde": the Dutch field names a secretary may use.
EDIT_FIELDS = {
    "onderwerp": "topic",
    "thema": "topic",
    "actie": "text",
    "tekst": "text",
    "afspraak": "text",
    "besluit": "text",
    "toelichting": "note",
    "wie": "owners",
    "eigenaar": "owners",
    "eigenaren": "owners",
    "wanneer": "deadline",
    "deadline": "deadline",
}


@dataclass(frozen=True)
class Added:
    """What one secretary message added: the undo token and the stored actions."""

    batch: str
    actions: tuple[Action, ...]
    tentative: tuple[date, ...] = ()  # OTs the message named that were not planned yet
    # Placeholder days of OTs named by month only ("OT mei") in a month without an OT.
    estimated: tuple[date, ...] = ()


@dataclass(frozen=True)
class Changed:
    """An action after a change, and whether the change did anything."""

    action: Action
    changed: bool = True
    # An owner of a joint action closed it: nothing changed, ask "my part" or "the whole".
    ask_part: bool = False
    part: bool = False  # only the actor's part was marked done (the action may stay open)
    # The next occurrence of a recurring action, created by closing or cancelling this one.
    following: Action | None = None
    # A secretary cancelled an occurrence of a series: nothing changed, ask "this one" or
    # "the whole series".
    ask_series: bool = False


@dataclass(frozen=True)
class ActionList:
    """Actions for a reader, with the date "late" was judged against."""

    actions: tuple[Action, ...]
    today: date
    multi_team: bool = False
    total: int = -1  # all matching actions when `actions` is one page of them
    page: int = 1
    pages: int = 1
    reachable: bool = False  # the reader pressed Start and can be written to privately
    # Names nobody linked that may be the reader's, when no action is theirs yet.
    offers: tuple[NameOffer, ...] = ()


class ActionService(ServiceBase):
    """Everything a member or secretary does to the action list."""

    # adding ----------------------------------------------------------------------------
    def add_from_message(
        self,
        user: UserRef,
        chat: ChatRef | None,
        text: str,
        written_at: datetime,
        message_id: int | None = None,
        team_id: int | None = None,
    ) -> Added:
        """Store every action of a secretary's message, or nothing when any part is unclear.

        With the Telegram message id, a message delivered twice (after a crash before the
        update was confirmed) is recognised and not added again. `team_id` names the team
        when the caller knows it (a guided add of a secretary of several teams).
        """
        result = parse_message(text, self.local_date(written_at))
        problems = result.problems or (
            () if result.items else (ParseProblem(1, text[:80], "empty"),)
        )
        with unit_of_work(self.factory) as repo:
            _member, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            self.require_secretary(actor)
            if problems:
                raise MessageNotUnderstood(problems)
            now = self.now()
            batch = secrets.token_hex(8)
            key = message_key(chat, message_id)
            if key is not None:
                batch = key
                seen = repo.batch(team.id, batch)
                if seen:
                    return Added(batch, tuple(repo.to_actions(seen)))
            first = repo.take_numbers(team.id, len(result.items))
            written = self.local_date(written_at)
            tentative: list[MeetingRow] = []
            # Names first: their lookups would otherwise flush each new row on its own.
            owners = _OwnerCache(repo, team.id, now)
            members = [owners.members(item.owners) for item in result.items]
            rows = [
                self._new_row(
                    repo, actor, item, first + i, batch, now, written, tentative, members[i]
                )
                for i, item in enumerate(result.items)
            ]
            repo.s.flush()  # one flush for the whole message
            repo.events(team.id, EventKind.ADDED, now, actor.member_id, [row.id for row in rows])
            return Added(
                batch,
                tuple(repo.to_actions(rows, with_updates=False)),
                tuple(m.day for m in tentative if not m.day_estimated),
                tuple(m.day for m in tentative if m.day_estimated),
            )

    def _new_row(
        self,
        repo: Repo,
        actor: Actor,
        item: DraftItem,
        number: int,
        batch: str,
        now: datetime,
        written: date,
        tentative: list[MeetingRow],
        owners: list[MemberRow],
    ) -> ActionRow:
        """Build a new action with its owners, OT and reminder plan, ready to be flushed."""
        row = ActionRow(
            team_id=actor.team_id,
            number=number,
            kind=item.kind.value,
            topic=item.topic,
            text=item.text,
            note=item.note,
            owners_text=item.owners_text,
            deadline_kind=item.deadline.kind.value,
            deadline_text=item.deadline.text,
            due_date=item.deadline.due,
            deadline_urgent=item.deadline.urgent,
            criteria=json.dumps(list(item.criteria), ensure_ascii=False) if item.criteria else "",
            interests=item.interests,
            status=Status.OPEN.value,
            batch=batch,
            created_at=now,
            created_by_id=actor.member_id,
            updated_at=now,
            closed_note="",
            last_activity_at=now,
            asap_nudges=0,
            owners=[
                ActionOwnerRow(
                    member=member,  # set the relationship: no reload needed to show it
                    member_id=member.id,
                    position=position,
                    added_at=now,
                )
                for position, member in enumerate(owners)
            ],
        )
        repo.s.add(row)
        start_series(repo, row, item.deadline, actor.member_id, now)
        if item.kind is ItemKind.DECISION:
            # A decision is agreed in the meeting, not worked on: it starts closed, belongs
            # to the latest OT, and its text is version 1 of its history.
            set_state(row, lifecycle.decided(actor.member_id, now), now)
            before = repo.latest_meeting(actor.team_id, written)
            row.meeting_id = before.id if before else None
            repo.s.flush()
            record_version(repo, row, actor.member_id, now)
        else:
            created = attach_to_meeting(repo, row, written, now, item.deadline.month)
            if created is not None and created not in tentative:
                tentative.append(created)
        replan(repo, row, self.reminder_settings, fresh=True)
        return row

    def _set_owners(
        self, repo: Repo, team: TeamRow, row: ActionRow, names: tuple[str, ...], now: datetime
    ) -> None:
        keep = {o.member_id: o for o in row.owners}
        if keep:  # changing owners: the old links go first (they share the primary key)
            row.owners.clear()
            repo.s.flush()
        for position, name in enumerate(names):
            member = repo.owner_member(team.id, name, now)
            if any(o.member_id == member.id for o in row.owners):
                continue
            old = keep.get(member.id)
            row.owners.append(
                ActionOwnerRow(
                    member=member,  # set the relationship: no reload needed to show it
                    member_id=member.id,
                    position=position,
                    claimed_at=old.claimed_at if old else None,
                    added_at=old.added_at if old else now,
                )
            )
        repo.s.flush()

    def check_can_add(self, user: UserRef, chat: ChatRef | None) -> None:
        """Refuse unless the user may add actions here (before asking them to send some)."""
        with unit_of_work(self.factory) as repo:
            self.require_secretary(self.resolve(repo, user, chat)[2])

    def undo(self, user: UserRef, chat: ChatRef | None, team_id: int, batch: str) -> list[int]:
        """Withdraw what one message added, as long as nobody has touched it since."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            self.require_secretary(actor)
            rows = [r for r in repo.batch(team.id, batch) if r.status != Status.WITHDRAWN.value]
            if not rows:
                raise NothingToUndo()
            if any(r.created_by_id != actor.member_id for r in rows):
                raise UndoNotYours()  # another secretary uses /vervallen
            touched = repo.has_activity_since_added([r.id for r in rows])
            if touched is not None:
                raise UndoTooLate(touched)
            for row in rows:
                change = lifecycle.withdraw(state_of(row))
                set_state(row, change.state, now)
                replan(repo, row, self.reminder_settings)
                repo.event(team.id, change.event, now, actor_id=actor.member_id, action_id=row.id)
            return [r.number for r in rows]

    # reading ---------------------------------------------------------------------------
    def mine(self, user: UserRef, chat: ChatRef | None = None) -> ActionList:
        """Return the user's open actions in all their teams, most urgent first."""
        with unit_of_work(self.factory) as repo:
            reachable = False
            if chat is not None and not chat.is_private:
                # In a group only that group's team: nothing of one team shows in another.
                member, team, _actor = self.resolve(repo, user, chat)
                memberships = [(member, team)]
                urow = member.user
                reachable = bool(urow and urow.private_chat and urow.unreachable_at is None)
            else:
                # Strangers are refused here; a configured secretary joins their team.
                memberships = self.memberships(repo, user, chat, self.now())[1]
            repo.s.flush()
            # Actions of "OT" or "Partners NPSNW" are everyone's: they show for each member.
            found = repo.view_owned_by(
                [m.id for m, _ in memberships], [t.id for _, t in memberships]
            )
            today = self.today()
            actions = sort_by_urgency(found, today)
            mine = {m.id for m, _ in memberships}
            own = any(o.member_id in mine for a in found for o in a.owners)
            return ActionList(
                tuple(actions),
                today,
                multi_team=len(memberships) > 1,
                reachable=reachable,
                offers=() if own else name_offers(repo, user, memberships),
            )

    def team_list(
        self,
        user: UserRef,
        chat: ChatRef | None,
        flt: str = "",
        page: int = 1,
        page_size: int = 0,
    ) -> ActionList:
        """Return the team's open actions, optionally only a person's, ASAP or late ones;
        with `page_size`, one page of them (reading only that page when there is no filter)."""
        with unit_of_work(self.factory) as repo:
            _m, team, _actor = self.resolve(repo, user, chat)
            today = self.today()
            key = flt.strip().casefold()
            if not key and page_size:
                total = repo.count_open(team.id)
                pages = max(1, -(-total // page_size))
                page = min(max(page, 1), pages)
                repo.s.flush()
                shown = repo.view_open(team.id, (page - 1) * page_size, page_size)
                return ActionList(tuple(shown), today, total=total, page=page, pages=pages)
            repo.s.flush()
            actions = repo.view_open(team.id)
            if key == "asap":
                actions = [a for a in actions if a.deadline.kind is DeadlineKind.ASAP]
            elif key in ("telaat", "te laat", "laat"):
                actions = [a for a in actions if is_late(a, today)]
            elif key:
                wanted = normalize_name(flt)
                names = repo.names_of({o.member_id for a in actions for o in a.owners})
                actions = [
                    a
                    for a in actions
                    if any(
                        _name_matches(wanted, [o.name, *names.get(o.member_id, [])])
                        for o in a.owners
                    )
                ]
            if page_size:
                pages = max(1, -(-len(actions) // page_size))
                page = min(max(page, 1), pages)
                shown = actions[(page - 1) * page_size : page * page_size]
                return ActionList(tuple(shown), today, total=len(actions), page=page, pages=pages)
            return ActionList(tuple(actions), today)

    def get(self, user: UserRef, chat: ChatRef | None, number: int) -> Action:
        """Return one action with its whole update history."""
        with unit_of_work(self.factory) as repo:
            _m, team, _actor = self.resolve(repo, user, chat)
            repo.s.flush()
            action = repo.view_one(team.id, number)
            if action is None:
                raise ActionNotFound(number)
            return action

    # changing --------------------------------------------------------------------------
    def claim(
        self, user: UserRef, chat: ChatRef | None, number: int, team_id: int | None = None
    ) -> Changed:
        """Make the user an owner who confirmed they are on it."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            member, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            row = self._row(repo, team.id, number)
            if row.kind == ItemKind.DECISION.value:
                raise WrongState(number, "decision", "action")
            if not Status(row.status).is_open:
                raise WrongState(number, row.status, "open")
            link = next((o for o in row.owners if o.member_id == actor.member_id), None)
            if link is not None and link.claimed_at is not None:
                return Changed(repo.to_actions([row])[0], changed=False)
            if link is None:
                row.owners.append(
                    ActionOwnerRow(
                        member=member,  # set the relationship: no reload needed to show it
                        member_id=member.id,
                        position=len(row.owners),
                        claimed_at=now,
                        added_at=now,
                    )
                )
            else:
                link.claimed_at = now
            change = lifecycle.claim()
            set_state(row, change.state, now)
            touched(repo, row, now, self.reminder_settings)
            repo.event(team.id, change.event, now, actor_id=actor.member_id, action_id=row.id)
            repo.s.flush()
            return Changed(repo.to_actions([row])[0])

    def close(
        self,
        user: UserRef,
        chat: ChatRef | None,
        number: int,
        note: str = "",
        team_id: int | None = None,
        scope: str = "whole",
    ) -> Changed:
        """Close an action, recording who and when (and the closing note as an update).

        `scope`: "whole" (the default) closes the whole action; "ask" (a member's /sluit
        and button) closes the whole unless the actor is an owner of a joint action whose
        other owners are not all done (then nothing changes and `ask_part` is set); "part"
        marks the actor's own part done (the whole is done when every owner's part is)."""
        now = self.now()
        note = note.strip()
        if len(note) > MAX_UPDATE_LENGTH:
            raise TextTooLong(MAX_UPDATE_LENGTH)
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            row = self._row(repo, team.id, number)
            action = repo.to_actions([row], with_updates=False)[0]
            if not may_close(actor, action):
                raise NotOwner(number)
            if row.status == Status.DONE.value:
                return Changed(repo.to_actions([row])[0], changed=False)
            if not Status(row.status).is_open:
                raise WrongState(number, row.status, "open")
            if scope == "ask" and asks_part_or_whole(actor, action):
                return Changed(action, changed=False, ask_part=True)
            link = next((o for o in row.owners if o.member_id == actor.member_id), None)
            if scope == "part" and link is not None and len(row.owners) > 1:
                if link.done_at is None:
                    link.done_at = now
                    link.done_by_id = actor.member_id
                    row.updated_at = now
                    repo.event(
                        team.id,
                        EventKind.PART_DONE,
                        now,
                        actor_id=actor.member_id,
                        action_id=row.id,
                    )
                if not done_after_part(action, actor.member_id):
                    replan(repo, row, self.reminder_settings)
                    repo.s.flush()
                    return Changed(repo.to_actions([row])[0], part=True)
            change = lifecycle.close(actor.member_id, now, note)
            set_state(row, change.state, now)
            replan(repo, row, self.reminder_settings)
            if note:
                repo.s.add(
                    ActionUpdateRow(
                        action_id=row.id, author_id=actor.member_id, text=note, created_at=now
                    )
                )
            repo.event(
                team.id, change.event, now, actor_id=actor.member_id, action_id=row.id, note=note
            )
            following = next_occurrence(
                repo, row, actor.member_id, self.today(), now, self.reminder_settings
            )
            repo.s.flush()
            return self._changed(repo, row, following)

    def reopen(
        self, user: UserRef, chat: ChatRef | None, number: int, team_id: int | None = None
    ) -> Changed:
        """Reopen a closed action (owners, or a secretary; cancelled ones: secretary only)."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            row = self._row(repo, team.id, number)
            action = repo.to_actions([row], with_updates=False)[0]
            if action.kind is ItemKind.DECISION:
                raise WrongState(number, "decision", "action")
            if Status(row.status).is_open:
                raise WrongState(number, row.status, "closed")
            allowed = (
                actor.is_secretary
                if row.status == Status.CANCELLED.value
                else may_close(actor, action)
            )
            if not allowed:
                raise NotOwner(number)
            change = lifecycle.reopen(any(o.claimed_at is not None for o in row.owners))
            set_state(row, change.state, now)
            for link in row.owners:  # reopening the whole reopens every owner's part
                link.done_at = None
                link.done_by_id = None
            touched(repo, row, now, self.reminder_settings)
            withdraw_follow_up(repo, row, now, self.reminder_settings)
            repo.event(team.id, change.event, now, actor_id=actor.member_id, action_id=row.id)
            repo.s.flush()
            return Changed(repo.to_actions([row])[0])

    def add_update(
        self,
        user: UserRef,
        chat: ChatRef | None,
        number: int,
        text: str,
        team_id: int | None = None,
        team_name: str | None = None,
        message_id: int | None = None,
    ) -> Changed:
        """Add a progress update to an action.

        With the Telegram message id, a message delivered twice (after a crash before the
        update was confirmed to Telegram) adds the update once.
        """
        now = self.now()
        text = text.strip()
        if not text:
            raise EmptyText()
        if len(text) > MAX_UPDATE_LENGTH:
            raise TextTooLong(MAX_UPDATE_LENGTH)
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id, team_name=team_name)
            row = self._row(repo, team.id, number)
            action = repo.to_actions([row], with_updates=False)[0]
            if not may_update(actor, action):
                raise NotOwner(number)
            key = message_key(chat, message_id)
            if key is not None and repo.update_by_message(key):
                return Changed(repo.to_actions([row])[0], changed=False)
            repo.s.add(
                ActionUpdateRow(
                    action_id=row.id,
                    author_id=actor.member_id,
                    text=text,
                    created_at=now,
                    message_key=key,
                )
            )
            row.updated_at = now
            touched(repo, row, now, self.reminder_settings)
            repo.event(team.id, EventKind.UPDATED, now, actor_id=actor.member_id, action_id=row.id)
            repo.s.flush()
            return Changed(repo.to_actions([row])[0])

    def edit(
        self, user: UserRef, chat: ChatRef | None, number: int, field: str, value: str
    ) -> Changed:
        """Let a secretary change one field of an action; the old value goes to the trail."""
        now = self.now()
        attr = EDIT_FIELDS.get(field.strip().casefold())
        if attr is None:
            raise UnknownField(field)
        value = value.strip()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            row = self._row(repo, team.id, number)
            if row.status == Status.CANCELLED.value:
                raise WrongState(number, row.status, "open")
            old: object
            if attr == "deadline":
                if len(value) > MAX_DEADLINE_LENGTH:
                    raise TextTooLong(MAX_DEADLINE_LENGTH)
                try:
                    deadline = parse_deadline(value, self.local_date(now))
                except DeadlineError as err:
                    raise BadValue("wanneer", "bad_deadline", err.reason) from err
                old = row.deadline_text
                start_series(repo, row, deadline, actor.member_id, now)
                row.deadline_kind = deadline.kind.value
                row.deadline_text = deadline.text
                row.due_date = deadline.due
                row.deadline_urgent = deadline.urgent
                row.carried_from_id = None
                attach_to_meeting(repo, row, self.local_date(now), now, deadline.month)
                repo.cancel_pending_reminders(row.id)
            elif attr == "owners":
                names = split_owners(value)
                if any(len(n) > MAX_NAME_LENGTH for n in names):
                    raise TextTooLong(MAX_NAME_LENGTH)
                old = row.owners_text
                row.owners_text = value
                self._set_owners(repo, team, row, names, now)
                claimed = any(o.claimed_at is not None for o in row.owners)
                set_state(row, lifecycle.owners_changed(state_of(row), claimed), now)
            else:
                if attr == "text" and not value:
                    raise EmptyText()
                if len(value) > MAX_UPDATE_LENGTH:
                    raise TextTooLong(MAX_UPDATE_LENGTH)
                old = getattr(row, attr)
                setattr(row, attr, value)
            row.updated_at = now
            replan(repo, row, self.reminder_settings)
            repo.event(
                team.id,
                EventKind.EDITED,
                now,
                actor_id=actor.member_id,
                action_id=row.id,
                field=attr,
                old=old,
                new=value,
            )
            repo.s.flush()
            return Changed(repo.to_actions([row])[0])

    def cancel(
        self,
        user: UserRef,
        chat: ChatRef | None,
        number: int,
        reason: str = "",
        team_id: int | None = None,
        scope: str = "one",
    ) -> Changed:
        """Let a secretary cancel (vervallen) an open action.

        `scope` for an occurrence of a recurring action: "one" (the default) cancels this
        occurrence and creates the next, "series" also stops the series, and "ask" changes
        nothing and sets `ask_series` (for the bot's question). A one-off action ignores it.
        """
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            self.require_secretary(actor)
            row = self._row(repo, team.id, number)
            if row.status == Status.CANCELLED.value:
                return Changed(repo.to_actions([row])[0], changed=False)
            if not Status(row.status).is_open:
                raise WrongState(number, row.status, "open")
            if scope == "ask" and is_running(row):
                told, reason = split_scope(reason)  # "/vervallen N reeks: reden"
                if told is None:
                    return Changed(repo.to_actions([row])[0], changed=False, ask_series=True)
                scope = told
            change = lifecycle.cancel(actor.member_id, now, reason.strip()[:MAX_UPDATE_LENGTH])
            set_state(row, change.state, now)
            replan(repo, row, self.reminder_settings)
            repo.event(
                team.id,
                change.event,
                now,
                actor_id=actor.member_id,
                action_id=row.id,
                reason=reason,
            )
            following = None
            if scope == "series":
                stop_series(repo, row, actor.member_id, now)
            else:
                following = next_occurrence(
                    repo, row, actor.member_id, self.today(), now, self.reminder_settings
                )
            repo.s.flush()
            return self._changed(repo, row, following)

    def snooze(
        self, user: UserRef, chat: ChatRef | None, number: int, team_id: int | None = None
    ) -> Changed:
        """Put an action's reminders off for two working days (the "Later" button)."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            row = self._row(repo, team.id, number)
            action = repo.to_actions([row], with_updates=False)[0]
            if not may_update(actor, action):
                raise NotOwner(number)
            if not Status(row.status).is_open:
                raise WrongState(number, row.status, "open")
            row.snoozed_until = snooze_until(now, self.reminder_settings)
            repo.cancel_pending_reminders(row.id)
            replan(repo, row, self.reminder_settings)
            repo.event(
                team.id,
                EventKind.SNOOZED,
                now,
                actor_id=actor.member_id,
                action_id=row.id,
                until=row.snoozed_until,
            )
            repo.s.flush()
            return Changed(repo.to_actions([row])[0])

    @staticmethod
    def _changed(repo: Repo, row: ActionRow, following: ActionRow | None) -> Changed:
        """The result of a close or cancel, with the next occurrence it created, if any."""
        if following is None:
            return Changed(repo.to_actions([row])[0])
        action, after = repo.to_actions([row, following])
        return Changed(action, following=after)

    @staticmethod
    def _row(repo: Repo, team_id: int, number: int) -> ActionRow:
        row = repo.action(team_id, number)
        if row is None:
            raise ActionNotFound(number)
        return row


def _name_matches(wanted: str, names: list[str]) -> bool:
    for name in names:
        key = normalize_name(name)
        if key == wanted or key.split(" ")[0] == wanted:
            return True
    return False


class _OwnerCache:
    """The members the names of one message mean, each name looked up once."""

    def __init__(self, repo: Repo, team_id: int, now: datetime) -> None:
        self.repo, self.team_id, self.now = repo, team_id, now
        self.found: dict[str, MemberRow] = {}

    def members(self, names: tuple[str, ...]) -> list[MemberRow]:
        """The distinct members behind the names, in the order named."""
        out: list[MemberRow] = []
        for name in names:
            key = normalize_name(name)
            member = self.found.get(key)
            if member is None:
                member = self.found[key] = self.repo.owner_member(self.team_id, name, self.now)
            if all(m is not member for m in out):
                out.append(member)
        return out
