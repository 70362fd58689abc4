"""Row helpers shared by the use cases: below every service module, so no service imports
another (services/*.py depend on base, rows, domain and storage only).

Each helper works on ORM rows inside the caller's transaction and never commits:
- meetings: tie an action to its OT, carry unfinished actions over a passed OT, record an OT's
  header (chair, place, attendees), record a decision's version;
- reminders: the facts the reminder policy reads, `replan` (when to look at an action next),
  `touched` (a sign of life restarts the ASAP cycle);
- recurring actions ("elke maand", "elk OT"): the series row and its occurrences. Only one
  occurrence of a running series is open at a time: closing it (or cancelling just that one)
  creates the next; stopping the series ends it;
- names: which unlinked list names may be a person's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain import lifecycle
from domain.actielijst import DocHeader
from domain.events import EventKind
from domain.holidays import is_working_day, last_working_day_of_month
from domain.lifecycle import State
from domain.meetings import MeetingHeader
from domain.model import Deadline, DeadlineKind, ItemKind, NameOffer, Status, UserRef
from domain.owners import MAX_NAME_OFFERS, first_name_match, normalize_name
from domain.recurrence import Recurrence, next_due
from domain.reminders import ActionFacts, ReminderSettings, next_reminder
from storage.models import (
    ActionOwnerRow,
    ActionRow,
    AttendeeRow,
    DecisionVersionRow,
    MeetingRow,
    MemberRow,
    SeriesRow,
    TeamRow,
)
from storage.repo import Repo

_ONE_DAY = timedelta(days=1)


# --- an action's state ------------------------------------------------------------------------


def state_of(row: ActionRow) -> State:
    """The lifecycle state of an action row (domain/lifecycle.py)."""
    return State(Status(row.status), row.closed_at, row.closed_by_id, row.closed_note or "")


def set_state(row: ActionRow, state: State, now: datetime) -> None:
    """Write a lifecycle state to the row: the one place an action's status is set."""
    row.status = state.status.value
    row.closed_at = state.closed_at
    row.closed_by_id = state.closed_by_id
    row.closed_note = state.closed_note
    row.updated_at = now


# --- meetings ------------------------------------------------------------------------------------


def attach_to_meeting(
    repo: Repo, row: ActionRow, written: date, now: datetime, month: date | None = None
) -> MeetingRow | None:
    """Tie a MEETING action to its OT; an OT nobody planned yet is created as tentative.

    `month` is the first day of the month of "OT mei": the OT of that month (planned before
    tentative); when the month has none, a tentative OT with a placeholder day (the month's
    last working day, `day_estimated`) that the secretary's `/ot` in that month replaces.
    Returns the meeting when it had to be created (so the secretary can be told once).
    """
    if row.deadline_kind != DeadlineKind.MEETING.value:
        row.meeting_id = None
        return None
    if row.due_date is None and month is not None:
        meeting = repo.meeting_in_month(row.team_id, month)
        created = None
        if meeting is None:
            placeholder = max(last_working_day_of_month(month), written)
            meeting = repo.new_meeting(row.team_id, placeholder, "tentative", now)
            meeting.day_estimated = True
            repo.event(
                row.team_id, EventKind.MEETING_TENTATIVE, now, day=placeholder, estimated=True
            )
            created = meeting
        row.meeting_id = meeting.id
        row.due_date = meeting.day
        return created
    if row.due_date is None:  # "volgend OT": the next meeting at the time of writing
        following = repo.meeting_after(row.team_id, written - _ONE_DAY)
        if following is not None and following.day >= written:
            row.meeting_id = following.id
            row.due_date = following.day
        return None
    meeting = repo.meeting_on(row.team_id, row.due_date)
    created = None
    if meeting is None:
        meeting = repo.new_meeting(row.team_id, row.due_date, "tentative", now)
        repo.event(row.team_id, EventKind.MEETING_TENTATIVE, now, day=row.due_date)
        created = meeting
    row.meeting_id = meeting.id
    return created


def carry_over(repo: Repo, today: date, now: datetime, settings: ReminderSettings) -> int:
    """After an OT has passed, its unfinished actions are due at the next one (marked)."""
    moved = 0
    for meeting in repo.meetings_passed(today):
        following = repo.meeting_after(meeting.team_id, meeting.day)
        for row in repo.actions_at(meeting.id):
            row.carried_from_id = row.carried_from_id or meeting.id
            row.meeting_id = following.id if following else None
            row.due_date = following.day if following else None
            row.updated_at = now
            repo.cancel_pending_reminders(row.id)
            replan(repo, row, settings)
            repo.event(
                row.team_id,
                EventKind.CARRIED_OVER,
                now,
                action_id=row.id,
                from_day=meeting.day,
                to_day=following.day if following else None,
            )
            moved += 1
        # A tentative OT (only named by an action's Wanneer) that nobody planned or recorded
        # is not known to have taken place: it must not head the next actielijst.
        meeting.status = "held" if meeting.status == "planned" else "unconfirmed"
        meeting.updated_at = now
    return moved


def record_header(
    repo: Repo,
    team_id: int,
    day: date,
    header: MeetingHeader | DocHeader,
    today: date,
    now: datetime,
    meeting: MeetingRow | None = None,
) -> MeetingRow:
    """Store an OT's chair, place and attendees (creating the OT when it is not known). The
    header confirms the OT took place: a tentative one becomes planned (carried over as
    usual once passed), an unconfirmed one (passed while tentative) held."""
    meeting = meeting or repo.meeting_on(team_id, day)
    if meeting is None:
        meeting = repo.new_meeting(team_id, day, "held" if day < today else "planned", now)
    elif meeting.status in ("tentative", "unconfirmed"):
        meeting.status = "planned" if meeting.status == "tentative" else "held"
        meeting.day_estimated = False  # the header names this very day
    meeting.chair = header.chair[:255] or meeting.chair
    meeting.place = header.place[:255] or meeting.place
    meeting.updated_at = now
    if header.attendees:
        for old in repo.attendees(meeting.id):
            repo.s.delete(old)
        for name, org in header.attendees:
            key = normalize_name(name)
            member = repo.member_by_key(team_id, key) or repo.member_by_full_name(team_id, key)
            repo.s.add(
                AttendeeRow(
                    meeting_id=meeting.id,
                    name=name[:255],
                    organisation=org[:255],
                    member_id=member.id if member else None,
                )
            )
    repo.s.flush()
    return meeting


def record_version(repo: Repo, row: ActionRow, author_id: int | None, at: datetime) -> None:
    """Store the decision's current text as its next version."""
    version = len(repo.decision_versions(row.id)) + 1
    repo.s.add(
        DecisionVersionRow(
            action_id=row.id,
            version=version,
            topic=row.topic,
            text=row.text,
            criteria=row.criteria,
            interests=row.interests,
            author_id=author_id,
            created_at=at,
        )
    )
    repo.s.flush()


# --- reminders -----------------------------------------------------------------------------------


def facts_of(repo: Repo, row: ActionRow, fresh: bool = False) -> ActionFacts:
    """Collect what the reminder policy needs to know about an action (`fresh`: just added,
    so nothing was ever sent for it and there is nothing to read)."""
    opened = row.created_at
    return ActionFacts(
        deadline_kind=DeadlineKind(row.deadline_kind),
        due=row.due_date,
        opened_at=opened,
        last_activity_at=row.last_activity_at or opened,
        sent_keys=frozenset() if fresh else frozenset(repo.reminder_keys(row.id)),
        asap_nudges_since_activity=row.asap_nudges,
        last_asap_nudge_at=row.last_asap_nudge_at,
        snoozed_until=row.snoozed_until,
    )


def replan(repo: Repo, row: ActionRow, settings: ReminderSettings, fresh: bool = False) -> None:
    """Set when the scheduler must next look at an action; a closed one never again."""
    if not Status(row.status).is_open:
        row.next_remind_at = None
        if not fresh:
            repo.cancel_pending_reminders(row.id)
        return
    planned = next_reminder(facts_of(repo, row, fresh), settings)
    row.next_remind_at = planned.at if planned else None


def touched(repo: Repo, row: ActionRow, now: datetime, settings: ReminderSettings) -> None:
    """Record a sign of life (claim, update, reopen): the ASAP cycle starts again."""
    row.last_activity_at = now
    row.asap_nudges = 0
    row.last_asap_nudge_at = None
    replan(repo, row, settings)


# --- recurring actions ---------------------------------------------------------------------------


def start_series(
    repo: Repo, row: ActionRow, deadline: Deadline, actor_id: int | None, now: datetime
) -> None:
    """Make an action an occurrence of a series when its Wanneer recurs.

    A new recurring Wanneer on an occurrence changes the rule of its running series; a
    one-off Wanneer on an occurrence ("15 mei") moves only that occurrence.
    """
    if not deadline.recurrence or row.kind != ItemKind.ACTION.value:
        return
    series = row.series
    if series is not None and series.stopped_at is None:
        series.rule = deadline.recurrence
        series.text = deadline.text[:255]
        return
    row.series = SeriesRow(
        team_id=row.team_id,
        rule=deadline.recurrence,
        text=deadline.text[:255],
        created_at=now,
        created_by_id=actor_id,
    )
    repo.s.add(row.series)


def is_running(row: ActionRow) -> bool:
    """Return True for an occurrence of a series that has not been stopped."""
    return row.series is not None and row.series.stopped_at is None


def next_occurrence(
    repo: Repo,
    row: ActionRow,
    actor_id: int | None,
    today: date,
    now: datetime,
    settings: ReminderSettings,
) -> ActionRow | None:
    """Create the occurrence after `row` (just closed or cancelled); None when the series
    is stopped, `row` is none, or another occurrence is still open.

    The new one has the same onderwerp, text, toelichting and owners, the series' Wanneer
    and the rule's first due day after both `row`'s due day and today: an occurrence closed
    early does not make the next one due in the same period, one closed late does not
    create a backlog. "elk OT" is due at the OT after `row`'s OT (or after today).
    """
    series = row.series
    if series is None or series.stopped_at is not None:
        return None
    if any(Status(o.status).is_open for o in repo.occurrences(series.id) if o.id != row.id):
        return None
    rec = Recurrence.from_rule(series.rule, series.text)
    after = max(row.due_date or today, today)
    meeting = rec.is_meeting
    following = ActionRow(
        team_id=row.team_id,
        number=repo.take_numbers(row.team_id, 1),
        kind=ItemKind.ACTION.value,
        topic=row.topic,
        text=row.text,
        note=row.note,
        owners_text=row.owners_text,
        deadline_kind=(DeadlineKind.MEETING if meeting else DeadlineKind.DATE).value,
        deadline_text=series.text,
        due_date=None if meeting else next_due(rec, after, is_working_day=is_working_day),
        deadline_urgent=False,
        criteria="",
        interests="",
        status=Status.OPEN.value,
        batch=f"series{series.id}",
        created_at=now,
        created_by_id=actor_id,
        updated_at=now,
        closed_note="",
        last_activity_at=now,
        asap_nudges=0,
        series=series,
        owners=[
            ActionOwnerRow(
                member=o.member, member_id=o.member_id, position=o.position, added_at=now
            )
            for o in row.owners
        ],
    )
    repo.s.add(following)
    if meeting:
        attach_to_meeting(repo, following, after + _ONE_DAY, now)
    replan(repo, following, settings, fresh=True)
    repo.s.flush()
    repo.event(
        row.team_id,
        EventKind.ADDED,
        now,
        actor_id=actor_id,
        action_id=following.id,
        source="series",
        after=row.number,
    )
    return following


def stop_series(repo: Repo, row: ActionRow, actor_id: int | None, now: datetime) -> bool:
    """Stop the series of `row`; False when it has none or was stopped already."""
    series = row.series
    if series is None or series.stopped_at is not None:
        return False
    series.stopped_at = now
    series.stopped_by_id = actor_id
    repo.event(row.team_id, EventKind.SERIES_STOPPED, now, actor_id=actor_id, action_id=row.id)
    return True


def withdraw_follow_up(
    repo: Repo, row: ActionRow, now: datetime, settings: ReminderSettings
) -> ActionRow | None:
    """On reopening an occurrence, take back the next one its closing created, as long as
    nobody touched it (claimed, updated, part done): two open occurrences would remind
    twice. Returns the withdrawn occurrence."""
    series = row.series
    if series is None:
        return None
    for other in repo.occurrences(series.id):
        if other.number <= row.number or not Status(other.status).is_open:
            continue
        touched = any(o.claimed_at or o.done_at for o in other.owners)
        if touched or repo.has_updates(other.id):
            return None
        change = lifecycle.withdraw(state_of(other))
        set_state(other, change.state, now)
        replan(repo, other, settings)
        repo.event(row.team_id, change.event, now, action_id=other.id, source="series")
        return other
    return None


# --- names ---------------------------------------------------------------------------------------


def name_fits(name: str, user: UserRef) -> bool:
    """Return True when a list name plausibly is this person's (their own first or full name).

    Anyone may link themselves to their own name; any other name needs the secretary, so
    nobody takes over another member's actions, and a typo renames nobody.
    """
    key = normalize_name(name)
    full = normalize_name(f"{user.first_name} {user.last_name}")
    username = (user.username or "").casefold()
    return bool(key) and (
        key in (full, username) or first_name_match(name, user.first_name) is not None
    )


def name_offers(
    repo: Repo, user: UserRef, memberships: list[tuple[MemberRow, TeamRow]]
) -> tuple[NameOffer, ...]:
    """The names nobody linked that may be this user's (their first name, or a full name
    beginning with it), in the teams where no action is theirs yet; best matches first."""
    owning = repo.owning(m.id for m, _ in memberships)
    teams = {t.id: t for m, t in memberships if m.id not in owning}
    found: list[tuple[int, str, int, NameOffer]] = []
    for owner, count in repo.unlinked_owners(teams):
        rank = first_name_match(owner.name, user.first_name)  # what name_fits lets /ikben link
        if rank is None:
            continue
        team = teams[owner.team_id]
        offer = NameOffer(team.id, team.name, owner.id, owner.name, count)
        found.append((rank, normalize_name(owner.name), team.id, offer))
    found.sort(key=lambda f: f[:3])
    return tuple(f[3] for f in found[:MAX_NAME_OFFERS])
