"""Use cases for the actielijst as a document: import the team's Word list (preview, then
apply, updating rather than duplicating) and assemble the list for export."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date, datetime, timedelta

from domain import lifecycle
from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow
from domain.deadline import read_deadline
from domain.errors import BadValue, MeetingNotFound
from domain.events import EventKind
from domain.lifecycle import State
from domain.meetings import (
    MeetingTextError,
    parse_day,
    parse_header_day,
    team_domain,
    written_year,
)
from domain.model import (
    Action,
    Actor,
    ChatRef,
    DeadlineKind,
    ItemKind,
    Meeting,
    Status,
    UserRef,
)
from domain.owners import is_group_owner, normalize_name, split_owners
from domain.recurrence import with_next
from domain.rules import PROGRESS_LABEL, parse_progress_line, progress_text
from services.base import ServiceBase
from services.rows import (
    attach_to_meeting,
    is_running,
    next_occurrence,
    record_header,
    record_version,
    replan,
    set_state,
    start_series,
)
from storage.models import ActionOwnerRow, ActionRow, MeetingRow, TeamRow
from storage.repo import Repo, to_meeting, unit_of_work


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, shown before anything is stored."""

    team_name: str
    meeting_day: date
    year_assumed: bool  # the document gave no year: the bot picked the most recent one
    new_actions: int
    updated_actions: int
    unchanged: int
    decisions: int
    linked_owners: tuple[str, ...]  # names that match members with Telegram
    new_owners: tuple[str, ...]  # names the bot does not know yet
    unreadable: tuple[tuple[str, str], ...]  # (row text, Wanneer as written)
    attendees: int


@dataclass(frozen=True)
class ImportResult:
    added: tuple[int, ...]
    updated: tuple[int, ...]
    meeting: Meeting


@dataclass(frozen=True)
class ExportData:
    """Everything an export needs, assembled in one transaction."""

    team_id: int
    team_name: str
    doc: Actielijst
    actions: tuple[Action, ...]
    meetings: tuple[Meeting, ...]
    meeting: Meeting | None
    generated_at: datetime


@dataclass
class PendingImports:
    """Parsed documents waiting for the secretary's confirmation (in memory, short-lived)."""

    items: dict[str, tuple[int, Actielijst, datetime]] = field(default_factory=dict)

    def put(self, user_id: int, doc: Actielijst, now: datetime) -> str:
        """Keep a document for its owner; return the token the buttons carry."""
        for key, (_uid, _doc, at) in list(self.items.items()):
            if now - at > timedelta(hours=1):
                del self.items[key]
        token = secrets.token_hex(6)
        self.items[token] = (user_id, doc, now)
        return token

    def take(self, token: str, user_id: int) -> Actielijst | None:
        """Return the document once, and only to the person who sent it."""
        item = self.items.get(token)
        if item is None or item[0] != user_id:
            return None
        del self.items[token]
        return item[1]

    def peek(self, token: str, user_id: int) -> Actielijst | None:
        item = self.items.get(token)
        return item[1] if item and item[0] == user_id else None

    def sender(self, token: str) -> int | None:
        """Return who sent the document waiting under `token` (None: no such document)."""
        item = self.items.get(token)
        return item[0] if item else None


class DocumentService(ServiceBase):
    """Import and export of the actielijst."""

    # import ----------------------------------------------------------------------------
    def meeting_day(self, doc: Actielijst, year: int | None = None) -> tuple[date, bool]:
        """The document's meeting day, and whether its year was assumed. A year the header
        names ("9 januari 2027", "05-02-2027", "2027-02-05") is taken as written; without one
        the day is in `year` when given (the secretary chose it), else the most recent such
        day (assumed: "18 maart" sent in November means this year's, not next)."""
        return self.read_meeting_day(doc.header.date_text, year)

    def read_meeting_day(self, text: str, year: int | None = None) -> tuple[date, bool]:
        """A meeting day written as a header's Datum is ("2027-03-18", "18-3-2027", "18 maart
        2027", "18 maart"), read as `meeting_day` reads it; empty is today, year assumed."""
        text = text.strip()
        today = self.today()
        if not text:
            return today, True
        try:
            day = parse_header_day(text, today)
        except MeetingTextError as err:
            raise BadValue("datum", "no_day", text) from err
        if written_year(text) is not None:
            return day, False
        if year is not None:
            try:
                return day.replace(year=year), False
            except ValueError:  # 29 February in a year without one
                raise BadValue("datum", "no_day", f"{text} {year}") from None
        return _most_recent(day, today), True

    def check_can_import(self, user: UserRef, chat: ChatRef | None) -> None:
        """Refuse before a document is even downloaded: only a team's secretary imports."""
        with unit_of_work(self.factory) as repo:
            self._secretary(repo, user, chat, None)

    def preview(
        self,
        user: UserRef | None,
        chat: ChatRef | None,
        doc: Actielijst,
        meeting_day: date,
        year_assumed: bool,
        team_name: str | None = None,
    ) -> ImportPreview:
        """Tell what importing would do; stores nothing."""
        with unit_of_work(self.factory) as repo:
            team, _actor = self._secretary(repo, user, chat, team_name)
            new = updated = unchanged = 0
            linked: set[str] = set()
            unknown: set[str] = set()
            unreadable = []
            known = _index(repo, team.id)
            for row in _rows(doc):
                existing = known.get(_key(row.topic, row.text))
                if existing is None:
                    new += 1
                elif _differs(existing, row):
                    updated += 1
                else:
                    unchanged += 1
                for name in split_owners(row.owners):
                    if is_group_owner(name):
                        continue
                    member = repo.member_by_key(team.id, normalize_name(name))
                    member = member or repo.member_by_full_name(team.id, normalize_name(name))
                    if member is not None and (member.user_id or member.is_group):
                        linked.add(member.name)
                    else:
                        unknown.add(name)
                if read_deadline(row.when, meeting_day).kind is DeadlineKind.UNREADABLE:
                    unreadable.append((row.text[:80], row.when))
            return ImportPreview(
                team_name=team.name,
                meeting_day=meeting_day,
                year_assumed=year_assumed,
                new_actions=new,
                updated_actions=updated,
                unchanged=unchanged,
                decisions=sum(1 for r in doc.rows if r.is_decision),
                linked_owners=tuple(sorted(linked)),
                new_owners=tuple(sorted(unknown)),
                unreadable=tuple(unreadable),
                attendees=len(doc.header.attendees),
            )

    def apply(
        self,
        user: UserRef | None,
        chat: ChatRef | None,
        doc: Actielijst,
        meeting_day: date,
        team_name: str | None = None,
    ) -> ImportResult:
        """Store the document in one transaction: new rows added, known rows updated."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            team, actor = self._secretary(repo, user, chat, team_name)
            meeting = self._meeting(repo, team, doc.header, meeting_day, now)
            added: list[int] = []
            updated: list[int] = []
            known = _index(repo, team.id)
            for row in _rows(doc):
                existing = known.get(_key(row.topic, row.text))
                if existing is None:
                    action = self._add_row(repo, team, actor, row, doc, meeting, meeting_day, now)
                    known[_key(action.topic, action.text)] = action
                    added.append(action.number)
                elif _differs(existing, row):
                    self._update_row(repo, team, actor, existing, row, meeting_day, now)
                    updated.append(existing.number)
            repo.event(
                team.id,
                EventKind.IMPORTED,
                now,
                actor_id=actor.member_id if actor else None,
                day=meeting_day,
                added=len(added),
                updated=len(updated),
            )
            repo.s.flush()
            return ImportResult(
                tuple(added), tuple(updated), to_meeting(meeting, repo.attendees(meeting.id))
            )

    def _secretary(
        self, repo: Repo, user: UserRef | None, chat: ChatRef | None, team_name: str | None
    ) -> tuple[TeamRow, Actor | None]:
        """The team and acting secretary; the server's CLI (no user) acts for a named team."""
        if user is None:
            team = repo.team_by_name(team_name or "") if team_name else _only_team(repo)
            if team is None:
                raise BadValue("team", "unknown_team", team_name or "")
            return team, None
        _m, team, actor = self.resolve(repo, user, chat, team_name=team_name)
        self.require_secretary(actor)
        return team, actor

    def _meeting(
        self, repo: Repo, team: TeamRow, header: DocHeader, day: date, now: datetime
    ) -> MeetingRow:
        return record_header(repo, team.id, day, header, self.today(), now)

    def _add_row(
        self,
        repo: Repo,
        team: TeamRow,
        actor: Actor | None,
        row: DocRow,
        doc: Actielijst,
        meeting: MeetingRow,
        day: date,
        now: datetime,
    ) -> ActionRow:
        number = repo.take_numbers(team.id, 1)
        deadline = read_deadline(row.when, day)
        decision = _appendix_for(row, doc.decisions) if row.is_decision else None
        action = ActionRow(
            team_id=team.id,
            number=number,
            kind=(ItemKind.DECISION if row.is_decision else ItemKind.ACTION).value,
            topic=row.topic[:2000],
            text=row.text[:2000] or row.topic[:2000],
            note=row.note,
            owners_text=row.owners,
            deadline_kind=deadline.kind.value,
            deadline_text=deadline.text[:255],
            due_date=deadline.due,
            deadline_urgent=deadline.urgent,
            criteria=json.dumps(list(decision.criteria), ensure_ascii=False) if decision else "",
            interests=decision.interests if decision else "",
            status=Status.OPEN.value,
            batch=f"import{meeting.id}",
            created_at=now,
            created_by_id=actor.member_id if actor else None,
            updated_at=now,
            closed_note="",
        )
        repo.s.add(action)
        start_series(repo, action, deadline, actor.member_id if actor else None, now)
        repo.s.flush()
        for position, name in enumerate(split_owners(row.owners)):
            member = repo.owner_member(team.id, name, now)
            if not any(o.member_id == member.id for o in action.owners):
                action.owners.append(
                    ActionOwnerRow(
                        member_id=member.id, position=position, claimed_at=None, added_at=now
                    )
                )
        repo.s.flush()
        if row.is_decision:
            set_state(action, lifecycle.decided(None, now), now)
            action.meeting_id = meeting.id
            record_version(repo, action, actor.member_id if actor else None, now)
        else:
            attach_to_meeting(repo, action, day, now, deadline.month)
            _mark_parts(repo, action, row, now, actor)
            if row.status in _CLOSED_AS:  # "Afgerond" / "Vervallen" in the Status column
                # As the list says; who closed it the list does not say.
                set_state(action, _closed_as(row.status, None, now), now)
                self._next(repo, action, actor, now)
        action.last_activity_at = now
        replan(repo, action, self.reminder_settings)
        repo.event(
            team.id,
            EventKind.ADDED,
            now,
            actor_id=actor.member_id if actor else None,
            action_id=action.id,
            source="import",
        )
        return action

    def _update_row(
        self,
        repo: Repo,
        team: TeamRow,
        actor: Actor | None,
        action: ActionRow,
        row: DocRow,
        day: date,
        now: datetime,
    ) -> None:
        old = {"note": action.note, "owners": action.owners_text, "when": action.deadline_text}
        action.note = row.note
        if row.owners != action.owners_text:
            action.owners_text = row.owners
            for position, name in enumerate(split_owners(row.owners)):
                member = repo.owner_member(team.id, name, now)
                if not any(o.member_id == member.id for o in action.owners):
                    action.owners.append(
                        ActionOwnerRow(
                            member_id=member.id, position=position, claimed_at=None, added_at=now
                        )
                    )
        if _when_differs(action, row):
            deadline = read_deadline(row.when, day)
            start_series(repo, action, deadline, actor.member_id if actor else None, now)
            action.deadline_kind = deadline.kind.value
            action.deadline_text = deadline.text[:255]
            action.due_date = deadline.due
            action.deadline_urgent = deadline.urgent
            attach_to_meeting(repo, action, day, now, deadline.month)
            repo.cancel_pending_reminders(action.id)
        repo.s.flush()  # new owner links get their members
        _mark_parts(repo, action, row, now, actor)
        closing = row.status in _CLOSED_AS and Status(action.status).is_open
        if closing:
            set_state(action, _closed_as(row.status, actor.member_id if actor else None, now), now)
        action.updated_at = now
        replan(repo, action, self.reminder_settings)
        if closing:
            self._next(repo, action, actor, now)
        repo.event(
            team.id,
            EventKind.EDITED,
            now,
            actor_id=actor.member_id if actor else None,
            action_id=action.id,
            source="import",
            old=old,
        )

    def _next(self, repo: Repo, action: ActionRow, actor: Actor | None, now: datetime) -> None:
        """A recurring action closed or cancelled by the document: its next occurrence."""
        actor_id = actor.member_id if actor else None
        next_occurrence(repo, action, actor_id, self.today(), now, self.reminder_settings)

    # export ----------------------------------------------------------------------------
    def export(
        self,
        user: UserRef | None,
        chat: ChatRef | None,
        day_text: str = "",
        team_name: str | None = None,
        person_only: bool = False,
    ) -> ExportData:
        """Assemble the actielijst of a meeting. Default: the latest OT known to have taken
        place (planned, recorded or imported: a tentative OT that nobody confirmed does not
        count while there is one), else the latest tentative one, else the next."""
        now = self.now()
        today = self.today()
        with unit_of_work(self.factory) as repo:
            if user is None:
                team, _a = self._secretary(repo, None, None, team_name)
                member_id = None
            else:
                member, team, _actor = self.resolve(repo, user, chat, team_name=team_name)
                member_id = member.id
            meeting = None
            if day_text:
                try:
                    day = parse_day(day_text, today)
                except MeetingTextError as err:
                    raise BadValue("datum", "no_day", day_text) from err
                meeting = repo.meeting_on(team.id, day)
                if meeting is None and written_year(day_text) is None:
                    earlier = _most_recent(day, today)  # "18 maart" asked in November
                    meeting = repo.meeting_on(team.id, earlier) if earlier != day else None
                if meeting is None:
                    raise MeetingNotFound(day)
            else:
                meeting = repo.latest_meeting(team.id, today) or repo.meeting_after(
                    team.id, today - timedelta(days=1)
                )
            before = meeting.day - timedelta(days=1) if meeting else None
            previous = repo.latest_meeting(team.id, before) if before else None
            since = (
                datetime.combine(previous.day, datetime.min.time(), self.tz) if previous else None
            )
            rows = [
                r
                for r in repo.all_actions(team.id)
                if Status(r.status).is_open
                or (
                    r.status == Status.DONE.value
                    and r.kind == ItemKind.ACTION.value
                    and (since is None or (r.closed_at and r.closed_at >= since))
                )
                or (
                    r.kind == ItemKind.DECISION.value
                    and meeting is not None
                    and r.meeting_id == meeting.id
                )
            ]
            actions = repo.to_actions(rows)
            if person_only and member_id is not None:
                actions = [a for a in actions if a.owned_by(member_id)]
            meetings = [to_meeting(m) for m in repo.meetings_from(team.id, today)]
            doc = _document(
                team.name,
                to_meeting(meeting, repo.attendees(meeting.id)) if meeting else None,
                actions,
                self.tz,
            )
            return ExportData(
                team_id=team.id,
                team_name=team.name,
                doc=doc,
                actions=tuple(actions),
                meetings=tuple(meetings),
                meeting=to_meeting(meeting) if meeting else None,
                generated_at=now,
            )


def _document(team_name: str, meeting: Meeting | None, actions: list[Action], tz) -> Actielijst:  # type: ignore[no-untyped-def]
    """Turn actions into the team's table: grouped by onderwerp in first-seen order."""
    order: dict[str, int] = {}
    for a in sorted(actions, key=lambda a: a.number):
        order.setdefault(normalize_name(a.topic), len(order))
    ordered = sorted(actions, key=lambda a: (order[normalize_name(a.topic)], a.number))
    # A recurring action is listed once: its open occurrence, not the ones closed before.
    running = {a.series_id for a in ordered if a.series_id and a.status.is_open}
    ordered = [a for a in ordered if a.status.is_open or a.series_id not in running]
    rows = []
    for a in ordered:
        note = a.note
        # Each owner's part, once someone's is under way or done (an untouched joint action
        # keeps the note as written).
        if a.status.is_open and any(o.done or o.claimed for o in a.owners):
            part = progress_text(a)
        else:
            part = ""
        if part:
            note = (note + "\n" if note else "") + f"{PROGRESS_LABEL}: {part}"
        latest = a.latest_update
        if latest is not None:
            stamp = latest.at.astimezone(tz).strftime("%d-%m-%Y")
            note = (
                note + "\n" if note else ""
            ) + f"Update {stamp} ({latest.author}): {latest.text}"
        status = {Status.DONE: "afgerond", Status.CANCELLED: "vervallen"}.get(a.status, "")
        if a.kind is ItemKind.DECISION:
            status = ""
        rows.append(
            DocRow(
                topic=a.topic,
                text=a.text,
                note=note,
                owners=a.owners_text,
                when=with_next(a.deadline.text, a.deadline.due)
                if a.deadline.recurrence and a.status.is_open
                else a.deadline.text,
                is_decision=a.kind is ItemKind.DECISION,
                status=status,
                number=a.number,
            )
        )
    decisions = tuple(
        DocDecision(
            subject=(a.topic + ": " if a.topic else "") + a.text,
            criteria=a.criteria,
            interests=a.interests,
        )
        for a in ordered
        if a.kind is ItemKind.DECISION
    )
    header = DocHeader(
        domain=team_domain(team_name),
        chair=meeting.chair if meeting else "",
        attendees=meeting.attendees if meeting else (),
        date_text=_long_day(meeting.day) if meeting else "",
        place=meeting.place if meeting else "",
    )
    return Actielijst(header=header, rows=tuple(rows), decisions=decisions)


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _most_recent(day: date, today: date) -> date:
    """The same day and month on or before today (29 February: the last leap year's)."""
    year = day.year
    while True:
        try:
            candidate = day.replace(year=year)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= today:
            return candidate
        year -= 1


def _long_day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _rows(doc: Actielijst) -> list[DocRow]:
    return [own_note(r) for r in doc.rows if r.text.strip() or r.topic.strip()]


def _key(topic: str, text: str) -> tuple[str, str]:
    """An action is recognised by its onderwerp and text (normalised)."""
    return normalize_name(topic), normalize_name(text or topic)


def _index(repo: Repo, team_id: int) -> dict[tuple[str, str], ActionRow]:
    return {_key(a.topic, a.text): a for a in repo.all_actions(team_id)}


_UPDATE_LINE = re.compile(r"\n?Update \d{2}-\d{2}-\d{4} \([^()\n]*\): [\s\S]*$")


@dataclass(frozen=True)
class _ImportRow(DocRow):
    """A document row as the import reads it: the "Voortgang: Danillo ✔, Marloes open" line
    the export writes is taken out of the note and kept here (each owner's name and whether
    their part is done). Not a DocRow field: the JSON export lists every DocRow field."""

    progress: tuple[tuple[str, bool], ...] = ()


def own_note(row: DocRow) -> DocRow:
    """The Toelichting without the "Update dd-mm-jjjj (naam): ..." and "Voortgang: ..." lines
    our export adds, so importing an exported list gives back the same actions; the
    Voortgang line is kept as the row's `progress` (which owners' parts are done)."""
    kept: list[str] = []
    progress: tuple[tuple[str, bool], ...] = getattr(row, "progress", ())
    for line in _UPDATE_LINE.sub("", row.note).split("\n"):
        parts = parse_progress_line(line)
        if parts is None:
            kept.append(line)
        else:
            progress = tuple(parts.items())
    fields = {f.name: getattr(row, f.name) for f in dataclass_fields(DocRow)}
    fields["note"] = "\n".join(kept).rstrip()
    return _ImportRow(**fields, progress=progress)


def _progress_to_apply(action: ActionRow, row: DocRow) -> list[ActionOwnerRow]:
    """The owner links of an open action whose part the document's Voortgang line says is
    done while the database does not (matched by name). Parts are only ever marked done
    here: a part done in the bot after the export is not undone by an older list."""
    progress: tuple[tuple[str, bool], ...] = getattr(row, "progress", ())
    if not progress or not Status(action.status).is_open or len(action.owners) < 2:
        return []
    done = {normalize_name(name) for name, is_done in progress if is_done}
    return [
        o
        for o in action.owners
        if o.done_at is None and o.member is not None and normalize_name(o.member.name) in done
    ]


def _mark_parts(
    repo: Repo, action: ActionRow, row: DocRow, now: datetime, actor: Actor | None
) -> None:
    """Restore the parts the document says are done (the whole stays open: closing it is
    the Status column's business)."""
    for link in _progress_to_apply(action, row):
        link.done_at = now
        link.done_by_id = link.member_id
        repo.event(
            action.team_id,
            EventKind.PART_DONE,
            now,
            actor_id=actor.member_id if actor else None,
            action_id=action.id,
            source="import",
            owner=link.member.name,
        )


# A row's status in the document (documents/docx_io.py reads it from the Status column or the
# last line of Wanneer) and what it makes of an action that is still open.
_CLOSED_AS = {"afgerond": Status.DONE, "vervallen": Status.CANCELLED}


def _differs(action: ActionRow, row: DocRow) -> bool:
    return (
        action.note != row.note
        or action.owners_text != row.owners
        or _when_differs(action, row)
        or (row.status in _CLOSED_AS and Status(action.status).is_open)
        or bool(_progress_to_apply(action, row))
    )


def _closed_as(status: str, actor_id: int | None, now: datetime) -> State:
    """The state the document's "Afgerond" / "Vervallen" gives an open action."""
    if _CLOSED_AS[status] is Status.CANCELLED:
        return lifecycle.cancel(actor_id, now).state
    return lifecycle.close(actor_id, now).state


def _when_differs(action: ActionRow, row: DocRow) -> bool:
    """Whether the document's Wanneer says something else than the action's: a recurring
    action may come back as exported, "elke maand (volgende: 30 april 2027)"."""
    when = row.when.strip()
    if when == action.deadline_text:
        return False
    return not is_running(action) or when != with_next(action.deadline_text, action.due_date)


def _appendix_for(row: DocRow, decisions: tuple[DocDecision, ...]) -> DocDecision | None:
    """The appendix entry that explains a decision row: the most words in common."""
    words = set(normalize_name(f"{row.topic} {row.text}").split())
    best, score = None, 0
    for d in decisions:
        common = len(words & set(normalize_name(d.subject).split()))
        if common > score:
            best, score = d, common
    return best


def _only_team(repo: Repo) -> TeamRow | None:
    teams = repo.teams()
    return teams[0] if len(teams) == 1 else None
