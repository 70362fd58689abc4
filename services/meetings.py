"""Use cases about OT meetings and decisions: plan, move, cancel, attend, agenda, carry over,
record and correct decisions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from domain import lifecycle
from domain.errors import (
    ActionNotFound,
    BadValue,
    EmptyText,
    MeetingNotFound,
    MessageNotUnderstood,
    TextTooLong,
    WrongState,
)
from domain.events import EventKind
from domain.meetings import (
    MeetingTextError,
    MeetingWhen,
    parse_day,
    parse_header,
    parse_when,
)
from domain.messages import parse_message
from domain.model import (
    Action,
    ActionUpdate,
    ChatRef,
    DeadlineKind,
    ItemKind,
    Meeting,
    ParseProblem,
    UserRef,
)
from domain.owners import normalize_name
from services.base import ServiceBase, message_key
from services.rows import record_header, record_version, replan, set_state
from storage.models import (
    ActionRow,
    AgendaItemRow,
    MeetingRow,
)
from storage.repo import Repo, to_meeting, unit_of_work

MAX_AGENDA_TEXT = 1000


@dataclass(frozen=True)
class MeetingChange:
    """A meeting after a change, and the open actions that moved with it."""

    meeting: Meeting
    moved: tuple[Action, ...] = ()
    target: Meeting | None = None  # where a cancelled meeting's actions went
    options: tuple[Meeting, ...] = ()  # other meetings they could go to
    attached: int = 0  # "volgend OT" actions that found their meeting


@dataclass(frozen=True)
class AgendaItem:
    text: str
    author: str
    at: datetime


@dataclass(frozen=True)
class AgendaUpdate:
    number: int
    action_text: str
    update: ActionUpdate


@dataclass(frozen=True)
class Agenda:
    """The draft actielijst of the next OT."""

    meeting: Meeting | None
    previous: Meeting | None
    due: tuple[Action, ...] = ()
    overdue: tuple[Action, ...] = ()
    asap: tuple[Action, ...] = ()
    updates: tuple[AgendaUpdate, ...] = ()
    items: tuple[AgendaItem, ...] = ()
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class DecisionVersion:
    version: int
    text: str
    criteria: tuple[str, ...]
    interests: str
    author: str
    at: datetime


@dataclass(frozen=True)
class Decision:
    action: Action
    meeting: Meeting | None
    versions: tuple[DecisionVersion, ...]


class MeetingService(ServiceBase):
    """The OT calendar, the agenda, and decisions."""

    # planning --------------------------------------------------------------------------
    def plan(
        self, user: UserRef, chat: ChatRef | None, text: str, message_id: int | None = None
    ) -> MeetingChange:
        """Plan an OT ("24 april 14:00 Plein 40-45"); a tentative one becomes planned.

        With the Telegram message id, a message delivered twice changes nothing the second
        time (as for every command here that changes something).
        """
        now = self.now()
        when = self._when(text)
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            if not _first_time(repo, chat, message_id, "ot", now):
                return MeetingChange(_as_asked(repo, team.id, when))
            meeting = repo.meeting_on(team.id, when.day)
            estimated = repo.estimated_meeting_in_month(team.id, when.day)
            if estimated is not None and (meeting is None or meeting.id == estimated.id):
                # "OT mei" made a tentative OT with a placeholder day: this is that OT.
                meeting, estimated = estimated, None
                meeting.day = when.day
                self._move_actions(repo, repo.actions_at(meeting.id), meeting, now, mark=False)
            elif meeting is None:
                meeting = repo.new_meeting(team.id, when.day, "planned", now)
            if estimated is not None:
                # Another OT in the month was planned on this day: the placeholder joins it.
                self._move_actions(repo, repo.actions_at(estimated.id), meeting, now, mark=False)
                estimated.status = "cancelled"
                estimated.updated_at = now
            meeting.day_estimated = False
            meeting.status = "planned"
            meeting.start = when.start or meeting.start
            meeting.place = when.place[:255] or meeting.place
            meeting.updated_at = now
            repo.s.flush()
            attached = 0
            for row in repo.unscheduled_next_meeting_actions(team.id):
                before = self.local_date(row.created_at) - _ONE_DAY
                if row.series_id is not None:  # "elk OT": the OT after the previous one's
                    before = max(before, repo.last_due_before(row.series_id, row.number) or before)
                following = repo.meeting_after(team.id, before)
                if following is not None and following.id == meeting.id:
                    row.meeting_id, row.due_date = meeting.id, meeting.day
                    replan(repo, row, self.reminder_settings)
                    attached += 1
            repo.event(
                team.id, EventKind.MEETING_PLANNED, now, actor_id=actor.member_id, day=when.day
            )
            return MeetingChange(to_meeting(meeting), attached=attached)

    def upcoming(self, user: UserRef, chat: ChatRef | None) -> list[Meeting]:
        """Return the coming OTs of the team (planned and tentative)."""
        with unit_of_work(self.factory) as repo:
            _m, team, _a = self.resolve(repo, user, chat)
            return [to_meeting(m) for m in repo.meetings_from(team.id, self.today())]

    def move(
        self,
        user: UserRef,
        chat: ChatRef | None,
        old: str,
        new: str,
        message_id: int | None = None,
    ) -> MeetingChange:
        """Move an OT to another day; its actions and their reminders move along."""
        now = self.now()
        old_day, when = self._day(old), self._when(new)
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            if not _first_time(repo, chat, message_id, "ot verplaats", now):
                # Said once already (with the actions that moved): the OT, without them.
                return MeetingChange(_as_asked(repo, team.id, when))
            meeting = repo.meeting_on(team.id, old_day)
            if meeting is None:
                raise MeetingNotFound(old_day)
            if when.day != old_day and repo.meeting_on(team.id, when.day) is not None:
                raise BadValue("datum", "meeting_exists", when.day.isoformat())
            meeting.day = when.day
            meeting.start = when.start or meeting.start
            meeting.place = when.place[:255] or meeting.place
            meeting.updated_at = now
            rows = repo.actions_at(meeting.id)
            for row in rows:
                row.due_date = when.day
                row.updated_at = now
                repo.cancel_pending_reminders(row.id)
                replan(repo, row, self.reminder_settings)
            repo.event(
                team.id,
                EventKind.MEETING_MOVED,
                now,
                actor_id=actor.member_id,
                old=old_day,
                new=when.day,
            )
            repo.s.flush()
            return MeetingChange(
                to_meeting(meeting), tuple(repo.to_actions(rows, with_updates=False))
            )

    def cancel(
        self, user: UserRef, chat: ChatRef | None, text: str, message_id: int | None = None
    ) -> MeetingChange:
        """Cancel an OT; its actions go to the next OT (the secretary may choose another)."""
        now = self.now()
        day = self._day(text)
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            if not _first_time(repo, chat, message_id, "ot annuleer", now):
                # Not again: an OT planned on that day since must stay planned.
                return MeetingChange(Meeting(0, team.id, day, status="cancelled"))
            meeting = repo.meeting_on(team.id, day)
            if meeting is None:
                raise MeetingNotFound(day)
            meeting.status = "cancelled"
            meeting.updated_at = now
            repo.s.flush()
            target = repo.meeting_after(team.id, day)
            rows = self._move_actions(repo, repo.actions_at(meeting.id), target, now)
            options = [m for m in repo.meetings_from(team.id, self.today()) if m is not target]
            repo.event(
                team.id, EventKind.MEETING_CANCELLED, now, actor_id=actor.member_id, day=day
            )
            return MeetingChange(
                to_meeting(meeting),
                tuple(repo.to_actions(rows, with_updates=False)),
                to_meeting(target) if target else None,
                tuple(to_meeting(m) for m in options[:5]),
            )

    def redirect(
        self, user: UserRef, chat: ChatRef | None, cancelled_id: int, target_id: int | None
    ) -> MeetingChange:
        """Send a cancelled OT's actions to another OT, or to "volgend OT" (None)."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            cancelled = repo.s.get(MeetingRow, cancelled_id)
            if (
                cancelled is None
                or cancelled.team_id != team.id
                or cancelled.status != "cancelled"
            ):
                raise MeetingNotFound(None)
            target = repo.s.get(MeetingRow, target_id) if target_id else None
            if target_id and (target is None or target.team_id != team.id):
                raise MeetingNotFound(None)
            rows = repo.actions_carried_from(cancelled.id)
            self._move_actions(repo, rows, target, now, mark=False)
            return MeetingChange(
                to_meeting(cancelled),
                tuple(repo.to_actions(rows, with_updates=False)),
                to_meeting(target) if target else None,
            )

    def _move_actions(
        self,
        repo: Repo,
        rows: list[ActionRow],
        target: MeetingRow | None,
        now: datetime,
        mark: bool = True,
    ) -> list[ActionRow]:
        for row in rows:
            if mark:
                row.carried_from_id = row.meeting_id
            row.meeting_id = target.id if target else None
            row.due_date = target.day if target else None
            row.updated_at = now
            repo.cancel_pending_reminders(row.id)
            replan(repo, row, self.reminder_settings)
        return rows

    # the meeting itself ----------------------------------------------------------------
    def record_meeting(
        self, user: UserRef, chat: ChatRef | None, text: str, message_id: int | None = None
    ) -> Meeting:
        """Record chair, attendees and place of an OT (the actielijst's header)."""
        now = self.now()
        header = parse_header(text)
        first_line = text.strip().splitlines()[0] if text.strip() else ""
        day_text = header.day_text or ("" if ":" in first_line else first_line)
        if not header.chair and not header.attendees and not header.place:
            raise EmptyText()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            if day_text:
                day = self._day(day_text)
                meeting = repo.meeting_on(team.id, day)
            else:
                meeting = repo.latest_meeting(team.id, self.today())
                if meeting is None:
                    raise MeetingNotFound(None)
                day = meeting.day
            if not _first_time(repo, chat, message_id, "aanwezig", now):
                if meeting is not None:
                    return to_meeting(meeting, repo.attendees(meeting.id))
                # Cancelled since: do not create it again; confirm what was recorded.
                return Meeting(
                    0,
                    team.id,
                    day,
                    place=header.place,
                    chair=header.chair,
                    attendees=header.attendees,
                )
            meeting = record_header(repo, team.id, day, header, self.today(), now, meeting)
            repo.event(team.id, EventKind.MEETING_RECORDED, now, actor_id=actor.member_id, day=day)
            repo.s.flush()
            return to_meeting(meeting, repo.attendees(meeting.id))

    def put_on_agenda(
        self, user: UserRef, chat: ChatRef | None, text: str, message_id: int | None = None
    ) -> Meeting | None:
        """Ask for something to be on the next OT's agenda ("agenderen"); any member may."""
        now = self.now()
        text = text.strip()
        if not text:
            raise EmptyText()
        if len(text) > MAX_AGENDA_TEXT:
            raise TextTooLong(MAX_AGENDA_TEXT)
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            meeting = repo.meeting_after(team.id, self.today() - _ONE_DAY)
            if not _first_time(repo, chat, message_id, "agenderen", now):
                return to_meeting(meeting) if meeting else None
            repo.s.add(
                AgendaItemRow(
                    team_id=team.id,
                    meeting_id=meeting.id if meeting else None,
                    text=text,
                    author_id=actor.member_id,
                    created_at=now,
                )
            )
            repo.event(team.id, EventKind.AGENDA_ITEM, now, actor_id=actor.member_id)
            return to_meeting(meeting) if meeting else None

    def agenda(self, user: UserRef, chat: ChatRef | None) -> Agenda:
        """Assemble the draft actielijst of the next OT, as the secretary would by hand."""
        today = self.today()
        with unit_of_work(self.factory) as repo:
            _m, team, _a = self.resolve(repo, user, chat)
            meeting = repo.meeting_after(team.id, today - _ONE_DAY)
            previous = repo.latest_meeting(team.id, (meeting.day if meeting else today) - _ONE_DAY)
            due_rows = repo.actions_at(meeting.id) if meeting else []
            due_ids = {r.id for r in due_rows}
            open_rows = [r for r in repo.open_actions(team.id) if r.id not in due_ids]
            others = repo.to_actions(open_rows, with_updates=False)
            overdue = tuple(
                a
                for a in others
                if a.deadline.kind is DeadlineKind.DATE
                and a.deadline.due
                and a.deadline.due < today
            )
            asap = tuple(a for a in others if a.deadline.kind is DeadlineKind.ASAP)
            since = (
                datetime.combine(previous.day, datetime.min.time(), self.tz) if previous else None
            )
            numbers = {r.id: r for r in repo.open_actions(team.id)}
            updates = []
            for u in repo.updates_since(team.id, since):
                row = numbers.get(u.action_id) or repo.action_by_id(u.action_id)
                updates.append(
                    AgendaUpdate(
                        row.number,
                        row.text,
                        ActionUpdate(
                            author=u.author.name if u.author else "?", text=u.text, at=u.created_at
                        ),
                    )
                )
            items = tuple(
                AgendaItem(
                    i.text, repo.member(i.author_id).name if i.author_id else "?", i.created_at
                )
                for i in repo.agenda_items(team.id, meeting.id if meeting else None)
                if previous is None or i.created_at.date() >= previous.day
            )
            return Agenda(
                meeting=to_meeting(meeting) if meeting else None,
                previous=to_meeting(previous, repo.attendees(previous.id)) if previous else None,
                due=tuple(repo.to_actions(due_rows, with_updates=True)),
                overdue=overdue,
                asap=asap,
                updates=tuple(updates),
                items=items,
                today=today,
            )

    # decisions -------------------------------------------------------------------------
    def decisions(self, user: UserRef, chat: ChatRef | None) -> list[Decision]:
        """Return the team's decisions with their meeting, oldest first."""
        with unit_of_work(self.factory) as repo:
            _m, team, _a = self.resolve(repo, user, chat)
            rows = repo.decisions(team.id)
            actions = repo.to_actions(rows)
            return [self._decision(repo, r, a) for r, a in zip(rows, actions, strict=True)]

    def decision(self, user: UserRef, chat: ChatRef | None, number: int) -> Decision:
        """Return one decision with every version of its text."""
        with unit_of_work(self.factory) as repo:
            _m, team, _a = self.resolve(repo, user, chat)
            row = repo.action(team.id, number)
            if row is None:
                raise ActionNotFound(number)
            if row.kind != ItemKind.DECISION.value:
                raise WrongState(number, "action", "decision")
            return self._decision(repo, row, repo.to_actions([row])[0])

    def correct(
        self,
        user: UserRef,
        chat: ChatRef | None,
        number: int,
        text: str,
        message_id: int | None = None,
    ) -> Decision:
        """Correct a decision: a new version with who and when; the old text stays."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            row = repo.action(team.id, number)
            if row is None:
                raise ActionNotFound(number)
            fields = _decision_fields(text, self.local_date(now))
            if not _first_time(repo, chat, message_id, "corrigeer", now):
                return self._decision(repo, row, repo.to_actions([row])[0])
            if row.kind != ItemKind.DECISION.value:
                # Turning an action row into a decision ("dit was eigenlijk een besluit").
                row.kind = ItemKind.DECISION.value
                decided = lifecycle.decided(actor.member_id, now)
                set_state(row, replace(decided, closed_note=row.closed_note), now)
                row.meeting_id = row.meeting_id or _meeting_id(repo, team.id, self.local_date(now))
                replan(repo, row, self.reminder_settings)
            if not repo.decision_versions(row.id):
                record_version(repo, row, row.created_by_id, row.created_at)
            row.topic = fields.get("topic", row.topic)
            row.text = fields.get("text", row.text)
            row.criteria = fields.get("criteria", row.criteria)
            row.interests = fields.get("interests", row.interests)
            row.updated_at = now
            record_version(repo, row, actor.member_id, now)
            repo.event(
                team.id,
                EventKind.DECISION_CORRECTED,
                now,
                actor_id=actor.member_id,
                action_id=row.id,
            )
            repo.s.flush()
            return self._decision(repo, row, repo.to_actions([row])[0])

    def _decision(self, repo: Repo, row: ActionRow, action: Action) -> Decision:
        meeting = repo.s.get(MeetingRow, row.meeting_id) if row.meeting_id else None
        versions = tuple(
            DecisionVersion(
                version=v.version,
                text=v.text,
                criteria=tuple(json.loads(v.criteria)) if v.criteria else (),
                interests=v.interests,
                author=repo.member(v.author_id).name if v.author_id else "?",
                at=v.created_at,
            )
            for v in repo.decision_versions(row.id)
        )
        return Decision(action, to_meeting(meeting) if meeting else None, versions)

    # helpers ---------------------------------------------------------------------------
    def _when(self, text: str) -> MeetingWhen:
        try:
            return parse_when(text, self.today())
        except MeetingTextError as err:
            raise BadValue("datum", err.reason, text) from err

    def _day(self, text: str) -> date:
        try:
            return parse_day(text, self.today())
        except MeetingTextError as err:
            raise BadValue("datum", err.reason, text) from err


def _first_time(
    repo: Repo, chat: ChatRef | None, message_id: int | None, kind: str, now: datetime
) -> bool:
    """Claim the Telegram message for this change; False when it was handled before.

    Telegram hears that an update was handled only at the bot's next poll, so after a crash
    it delivers the last ones again. The claim commits with the change, or not at all.
    """
    return repo.claim_message(message_key(chat, message_id), kind, now)


def _as_asked(repo: Repo, team_id: int, when: MeetingWhen) -> Meeting:
    """The OT an /ot command delivered again was about, to confirm it once more."""
    found = repo.meeting_on(team_id, when.day)
    if found is not None:
        return to_meeting(found)
    return Meeting(0, team_id, when.day, when.start, when.place[:255])


def _meeting_id(repo: Repo, team_id: int, day: date) -> int | None:
    meeting = repo.latest_meeting(team_id, day)
    return meeting.id if meeting else None


def _decision_fields(text: str, written: date) -> dict[str, str]:
    """Read "Besluit:/Criteria:/Belangen:/Onderwerp:" lines of a correction."""
    body = text if "besluit" in text.casefold() else "Besluit: " + text
    result = parse_message(body, written)
    if result.problems:
        raise MessageNotUnderstood(result.problems)
    items = [i for i in result.items if i.kind is ItemKind.DECISION]
    if len(items) != 1:
        raise MessageNotUnderstood((ParseProblem(1, text[:80], "missing_text"),))
    item = items[0]
    fields = {"text": item.text}
    if item.topic:
        fields["topic"] = item.topic
    if item.criteria:
        fields["criteria"] = json.dumps(list(item.criteria), ensure_ascii=False)
    if item.interests:
        fields["interests"] = item.interests
    return fields


def _key(name: str) -> str:
    return normalize_name(name)


_ONE_DAY = timedelta(days=1)
