"""Recurring actions ("elke maand", "elk OT"): the series row and its occurrences.

A series is one `action_series` row; each occurrence is an ordinary action with its own
number, due day, reminders and done state. Only one occurrence of a running series is open
at a time: closing it (or cancelling just that one) creates the next, stopping the series
(`/vervallen N` → "hele reeks") ends it. These are row helpers shared by the action and
document use cases.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.holidays import is_working_day
from domain.model import Deadline, DeadlineKind, ItemKind, Status
from domain.recurrence import Recurrence, next_due
from domain.reminders import ReminderSettings
from services.meetings import attach_to_meeting
from services.reminders import replan
from storage.models import ActionOwnerRow, ActionRow, SeriesRow
from storage.repo import Repo

_ONE_DAY = timedelta(days=1)


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
        "added",
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
    repo.event(row.team_id, "series_stopped", now, actor_id=actor_id, action_id=row.id)
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
        other.status = Status.WITHDRAWN.value
        other.updated_at = now
        replan(repo, other, settings)
        repo.event(row.team_id, "withdrawn", now, action_id=other.id, source="series")
        return other
    return None
