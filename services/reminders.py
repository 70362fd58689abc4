"""Reminders: plan what is due into an outbox, hand out deliveries, record what Telegram took.

The schedule lives in the database. `actions.next_remind_at` says when the scheduler must look
at an action again, so a tick reads only what is due. A reminder becomes a row in `reminders`
(unique `dedupe` per occurrence and recipient) before anything is sent; a row is claimed
(`sending`) in its own short transaction, sent with no transaction open, then marked `sent`.
A process that dies between the two leaves `sending` rows; on start they become `uncertain`
and are never sent again: the bot prefers a rare lost reminder to a double one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from domain.model import Action, DeadlineKind
from domain.reminders import (
    ActionFacts,
    Planned,
    ReminderKind,
    ReminderSettings,
    digest_at,
    group_ping_at,
    in_window,
    is_stale,
    next_moment,
    next_reminder,
)
from domain.rules import sort_by_urgency
from services.base import ServiceBase
from services.rows import carry_over, facts_of, replan
from storage.models import ActionRow, ReminderRow
from storage.repo import Repo, unit_of_work

# Reminders planned this long after their time are marked late ("te laat verstuurd").
LATE_AFTER = timedelta(minutes=30)
# Messages handed out per claim; the job claims again until nothing is due, and the rate
# limiter (bot/ratelimit.py) paces them to Telegram's limits. One message per chat a claim.
MAX_PER_CLAIM = 200
MAX_ITEMS = 15  # reminders in one message; the rest follow in the next tick
PLAN_BATCH = 2000
BACKOFF = (60, 300, 900, 3600)  # seconds between attempts after network errors and 5xx
MAX_ATTEMPTS = 8
DIGEST = "digest"
PING = "ping"


@dataclass(frozen=True)
class ReminderItem:
    """One action in a reminder message, and why it is there."""

    reminder_id: int
    kind: str
    action: Action
    about: str = ""  # the owner's name when the message goes to someone else
    late: bool = False
    owner_left: bool = False  # `about` left the team's group: the secretary takes over


@dataclass(frozen=True)
class Mention:
    telegram_id: int
    name: str


@dataclass(frozen=True)
class Delivery:
    """One message to one chat: reminders grouped for one person, a group ping, a digest."""

    chat_id: int
    team_id: int
    team_name: str
    kind: str  # "reminders", PING or DIGEST
    reminder_ids: tuple[int, ...]
    items: tuple[ReminderItem, ...] = ()
    mentions: tuple[Mention, ...] = ()  # group messages: whom they are for
    to_group: bool = False
    meeting_day: date | None = None
    # Group ping: owners who did / did not post an update since the previous OT.
    updated: tuple[str, ...] = ()
    not_updated: tuple[str, ...] = ()
    overdue: tuple[Action, ...] = ()
    digest: tuple[Action, ...] = ()
    today: date = field(default_factory=date.today)
    multi_team: bool = False


@dataclass(frozen=True)
class TickReport:
    """What one scheduler run did (for logs and the benchmark)."""

    planned: int = 0  # action reminders put in the outbox
    folded: int = 0  # too old: left for the digest
    pings: int = 0
    digests: int = 0
    more: bool = False  # the planning batch was full: more actions may be due already

    def __add__(self, other: TickReport) -> TickReport:
        return TickReport(
            self.planned + other.planned,
            self.folded + other.folded,
            self.pings + other.pings,
            self.digests + other.digests,
            other.more,
        )


class ReminderService(ServiceBase):
    """Planning and recording reminders; the job in bot/ does the sending."""

    plan_batch = PLAN_BATCH  # actions planned per transaction (tests lower it)

    @property
    def settings(self) -> ReminderSettings:
        """Return the [reminders] settings of the configuration."""
        return self.reminder_settings

    # start-up --------------------------------------------------------------------------
    def recover(self) -> int:
        """After a crash: rows left `sending` are never sent again; plan migrated actions."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            stuck = repo.reminders_in("sending")
            for row in stuck:
                row.status = "uncertain"
                row.error = "process stopped while sending"
            for action in repo.actions_never_planned():
                action.last_activity_at = action.created_at
                self.replan(repo, action, now)
            return len(stuck)

    # planning --------------------------------------------------------------------------
    def replan(self, repo: Repo, row: ActionRow, now: datetime) -> None:
        """Set when the scheduler must next look at this action (None: never)."""
        replan(repo, row, self.settings)

    def plan(self) -> TickReport:
        """Turn everything due by now into outbox rows; fold what is too old into digests."""
        now = self.now()
        planned = folded = 0
        with unit_of_work(self.factory) as repo:
            carry_over(repo, self.local_date(now), now, self.settings)
            repo.s.flush()
            due = repo.actions_due(now, self.plan_batch)
            for row in due:
                p, f = self._plan_action(repo, row, now)
                planned += p
                folded += f
            pings = self._plan_pings(repo, now)
            digests = self._plan_digests(repo, now)
        return TickReport(planned, folded, pings, digests, more=len(due) >= self.plan_batch)

    def _plan_action(self, repo: Repo, row: ActionRow, now: datetime) -> tuple[int, int]:
        """Collect every occurrence due by now; send the newest, fold the older ones."""
        due: list[Planned] = []
        facts = facts_of(repo, row)
        planned = next_reminder(facts, self.settings)
        while planned is not None and planned.at <= now and len(due) < 50:
            due.append(planned)
            facts = _with_key(facts, planned)
            planned = next_reminder(facts, self.settings)
        made = folded = 0
        for i, p in enumerate(due):
            newest = i == len(due) - 1
            if newest and not is_stale(p, now, self.settings):
                made += self._outbox(repo, row, p, now)
            else:
                repo.add_reminder(_fold(row, p, now))
                folded += 1
            if p.kind is ReminderKind.ASAP:
                row.asap_nudges += 1
                row.last_asap_nudge_at = p.at
        # `facts` already knows the keys just added: no need to read them back.
        row.next_remind_at = planned.at if planned else None
        return made, folded

    def _outbox(self, repo: Repo, row: ActionRow, p: Planned, now: datetime) -> int:
        recipients = self._recipients(repo, row, p)
        late = now - p.at > LATE_AFTER
        for recipient_id, about in recipients.items():
            member = repo.member(recipient_id) if recipient_id else None
            repo.add_reminder(
                ReminderRow(
                    team_id=row.team_id,
                    action_id=row.id,
                    recipient_id=recipient_id,
                    user_id=member.user_id if member else None,
                    about=", ".join(about)[:255],
                    kind=p.kind.value,
                    dedupe=f"a{row.id}|{p.key}|{recipient_id or 'g'}",
                    status="pending",
                    due_at=p.at,
                    next_attempt_at=p.at,
                    attempts=0,
                    late=late,
                    created_at=now,
                    error="",
                )
            )
        return len(recipients)

    def _recipients(self, repo: Repo, row: ActionRow, p: Planned) -> dict[int | None, list[str]]:
        """Who gets it: owners privately, group owners in the group, unlinked names to the
        secretary; "loopt vast" to the secretary. Values: names the message is about."""
        out: dict[int | None, list[str]] = defaultdict(list)
        secretaries = [
            m.id
            for m in repo.secretaries(row.team_id, self.setups)
            if m.user is not None and m.user.reminders_on
        ]
        # An owner whose part of a joint action is done is reminded no more.
        owners = [o.member for o in row.owners if o.done_at is None]
        if p.to_secretary or not owners:
            names = [m.name for m in owners] or ["niemand"]
            for sid in secretaries or [None]:  # type: ignore[list-item]
                out[sid].extend(names)
            return out
        for member in owners:
            if member.is_group:
                out[member.id].append("")
            elif member.left_at is not None:  # left the group: nothing goes to them
                for sid in secretaries or [None]:  # type: ignore[list-item]
                    out[sid].append(member.name)
            elif member.user is not None:
                if member.user.reminders_on:
                    out[member.id].append("")
            else:
                for sid in secretaries or [None]:  # type: ignore[list-item]
                    out[sid].append(member.name)
        return {k: [n for n in v if n] for k, v in out.items()}

    def _plan_pings(self, repo: Repo, now: datetime) -> int:
        """The day before an OT, one message to the group with what is due there."""
        today = self.local_date(now)
        made = 0
        for team_id, day in repo.meeting_days(today, today + timedelta(days=14)):
            if group_ping_at(day, self.settings) > now:
                continue
            made += repo.add_reminder_once(
                ReminderRow(
                    team_id=team_id,
                    action_id=None,
                    recipient_id=None,
                    user_id=None,
                    about=day.isoformat(),
                    kind=PING,
                    dedupe=f"p{team_id}|{day.isoformat()}",
                    status="pending",
                    due_at=group_ping_at(day, self.settings),
                    next_attempt_at=now,
                    attempts=0,
                    late=False,
                    created_at=now,
                    error="",
                )
            )
        return made

    def _plan_digests(self, repo: Repo, now: datetime) -> int:
        """Monday morning: one digest per person with open actions (none when they have none)."""
        today = self.local_date(now)
        at = digest_at(today, self.settings)
        year, week, _ = today.isocalendar()
        marker = f"{year}-W{week:02d}"
        if now < at or repo.state("digest_week") == marker:
            return 0
        made = 0
        if now - at > timedelta(days=self.settings.catch_up_days):
            repo.set_state("digest_week", marker)  # too late for this week's digest
            return 0
        for user_id, team_id in repo.digest_recipients():
            made += repo.add_reminder_once(
                ReminderRow(
                    team_id=team_id,
                    action_id=None,
                    recipient_id=None,
                    user_id=user_id,
                    about=marker,
                    kind=DIGEST,
                    dedupe=f"d{user_id}|{marker}",
                    status="pending",
                    due_at=at,
                    next_attempt_at=now,
                    attempts=0,
                    late=False,
                    created_at=now,
                    error="",
                )
            )
        repo.set_state("digest_week", marker)
        return made

    def next_moment(self) -> datetime | None:
        """Return the first moment after now at which a run will have something to send
        (for `otbot demo`'s clock; the JobQueue itself simply looks every minute)."""
        now = self.now()
        today = self.local_date(now)
        with unit_of_work(self.factory) as repo:
            actions, pending = repo.upcoming_moments(now)
            days = [day for _, day in repo.meeting_days(today, today + timedelta(days=60))]
            digest = bool(repo.digest_recipients())
        return next_moment(
            now,
            self.settings,
            action_moments=actions,
            pending_attempts=pending,
            meeting_days=days,
            digest_wanted=digest,
        )

    # delivering ------------------------------------------------------------------------
    def claim(self, limit: int = MAX_PER_CLAIM) -> list[Delivery]:
        """Group due outbox rows (inside the send window) into one message per chat.

        Nothing is marked here: `start()` marks one delivery right before it is sent, so a
        crash leaves at most that one delivery in doubt.
        """
        now = self.now()
        if not in_window(now, self.settings):
            return []
        deliveries: list[Delivery] = []
        with unit_of_work(self.factory) as repo:
            rows = repo.reminders_ready(now, limit * 4)
            # Who, which team and which action every row is about: four statements in all,
            # not a few per row.
            repo.prefetch(
                (r.team_id for r in rows), (r.recipient_id for r in rows if r.recipient_id)
            )
            actions = repo.actions_by_id(r.action_id for r in rows if r.action_id)
            by_chat: dict[tuple[int, int], list[ReminderRow]] = defaultdict(list)
            for row in rows:
                chat = self._route(repo, row)
                if chat is None:
                    row.status = "skipped"
                    row.error = "nobody to send it to"
                    continue
                row.chat_id = chat
                # Pings and digests are messages of their own; reminders group per chat.
                by_chat[(chat, row.id) if row.kind in (PING, DIGEST) else (chat, 0)].append(row)
            for group in by_chat.values():
                if len(deliveries) >= limit:
                    break
                group = group[:MAX_ITEMS]
                delivery = self._delivery(repo, group, now, actions)
                if delivery is None:
                    for r in group:
                        r.status = "skipped"
                    continue
                deliveries.append(delivery)
        return deliveries

    def _route(self, repo: Repo, row: ReminderRow) -> int | None:
        team = repo.team(row.team_id)
        if row.kind == DIGEST:
            user = repo.user_by_id(row.user_id) if row.user_id else None
            ok = user is not None and user.private_chat and user.unreachable_at is None
            return user.telegram_id if ok and user else None
        if row.recipient_id is None:
            return team.chat_id
        member = repo.member(row.recipient_id)
        user = member.user
        if member.is_group or user is None:
            return team.chat_id
        if member.left_at is not None:
            return self._reroute_left(repo, row, member.name)
        if user.private_chat and user.unreachable_at is None:
            return user.telegram_id
        return team.chat_id if team.chat_id is not None else None

    def _reroute_left(self, repo: Repo, row: ReminderRow, name: str) -> int | None:
        """A reminder planned before its recipient left the group goes to a secretary who
        can be written to privately (or to the group) instead, about that owner."""
        team = repo.team(row.team_id)
        for secretary in repo.secretaries(row.team_id, self.setups):
            user = secretary.user
            if user and user.reminders_on and user.private_chat and not user.unreachable_at:
                row.recipient_id, row.user_id, row.about = secretary.id, user.id, name[:255]
                return user.telegram_id
        row.recipient_id, row.user_id, row.about = None, None, name[:255]
        return team.chat_id

    def _delivery(
        self, repo: Repo, rows: list[ReminderRow], now: datetime, actions: dict[int, ActionRow]
    ) -> Delivery | None:
        first = rows[0]
        team = repo.team(first.team_id)
        assert first.chat_id is not None
        today = self.local_date(now)
        ids = tuple(r.id for r in rows)
        base = Delivery(
            chat_id=first.chat_id,
            team_id=team.id,
            team_name=team.name,
            kind="reminders",
            reminder_ids=ids,
            today=today,
        )
        if first.kind == PING:
            return self._ping(repo, first, base)
        if first.kind == DIGEST:
            user = repo.user_by_id(first.user_id) if first.user_id else None
            if user is None:
                return None
            memberships = repo.memberships(user.id)
            open_actions = repo.to_actions(
                repo.open_actions_of([m.id for m, _ in memberships]), with_updates=False
            )
            if not open_actions:
                return None
            return replace(
                base,
                kind=DIGEST,
                digest=tuple(sort_by_urgency(open_actions, today)),
                multi_team=len(memberships) > 1,
            )
        action_rows = {r.action_id: actions[r.action_id] for r in rows if r.action_id in actions}
        by_id = {a.id: a for a in repo.to_actions(list(action_rows.values()), with_updates=False)}
        items = tuple(
            ReminderItem(
                r.id, r.kind, by_id[r.action_id], r.about, r.late, _left(by_id[r.action_id], r)
            )
            for r in rows
            if r.action_id is not None and r.action_id in by_id
        )
        to_group = first.chat_id == team.chat_id
        mentions: list[Mention] = []
        if to_group:
            for r in rows:
                member = repo.member(r.recipient_id) if r.recipient_id else None
                if member is not None and member.user is not None and not member.is_group:
                    mentions.append(Mention(member.user.telegram_id, member.name))
        return replace(
            base, items=items, to_group=to_group, mentions=tuple(dict.fromkeys(mentions))
        )

    def _ping(self, repo: Repo, row: ReminderRow, base: Delivery) -> Delivery | None:
        day = date.fromisoformat(row.about)
        team_id = row.team_id
        due_rows = repo.meeting_actions(team_id, day)
        if not due_rows:
            return None
        since = repo.previous_meeting_day(team_id, day)
        since_at = datetime.combine(since, datetime.min.time(), self.tz) if since else None
        actions = repo.to_actions(due_rows)
        updated: list[str] = []
        not_updated: list[str] = []
        for a in actions:
            fresh = [u for u in a.updates if since_at is None or u.at >= since_at]
            for o in a.owners:
                if o.done and not fresh:  # their part is done: no update asked of them
                    continue
                target = updated if fresh else not_updated
                if o.name not in updated and o.name not in not_updated:
                    target.append(o.name)
        today = base.today
        overdue = tuple(
            a
            for a in repo.to_actions(repo.open_actions(team_id), with_updates=False)
            if a.deadline.kind is DeadlineKind.DATE and a.deadline.due and a.deadline.due < today
        )
        return replace(
            base,
            kind=PING,
            items=tuple(ReminderItem(row.id, PING, a) for a in actions),
            to_group=True,
            meeting_day=day,
            updated=tuple(updated),
            not_updated=tuple(not_updated),
            overdue=overdue,
        )

    def start(self, delivery: Delivery) -> bool:
        """Mark a delivery `sending` just before the send; False if another run took it."""
        try:
            with unit_of_work(self.factory) as repo:
                if not all([repo.claim_reminder(i) for i in delivery.reminder_ids]):
                    raise _Taken()  # roll back: the other run owns these rows
        except _Taken:
            return False
        return True

    def sent(self, delivery: Delivery, message_id: int) -> None:
        """Record that Telegram accepted the message (its reminders are done, for good)."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            repo.finish_reminders(list(delivery.reminder_ids), "sent", now, message_id)

    def retry(self, delivery: Delivery, after: float, error: str) -> None:
        """Put the reminders back in the outbox to try again after `after` seconds."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            for row in repo.reminders_by_id(list(delivery.reminder_ids)):
                if row.attempts >= MAX_ATTEMPTS:
                    row.status = "failed"
                else:
                    row.status = "pending"
                    row.next_attempt_at = now + timedelta(seconds=after)
                row.error = error[:255]

    def backoff(self, delivery: Delivery, error: str) -> None:
        """Retry later after a network error or a 5xx, waiting longer each time."""
        with unit_of_work(self.factory) as repo:
            attempts = max(
                (r.attempts for r in repo.reminders_by_id(list(delivery.reminder_ids))), default=1
            )
        self.retry(delivery, BACKOFF[min(attempts, len(BACKOFF)) - 1], error)

    def unreachable(self, delivery: Delivery, error: str) -> None:
        """A person blocked the bot or never started it: send to the group from now on."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            user = repo.user(delivery.chat_id)
            if user is not None:
                user.unreachable_at = now
                user.private_chat = False
            for row in repo.reminders_by_id(list(delivery.reminder_ids)):
                # A digest has no group fallback; a reminder goes to the group next tick.
                row.status = "skipped" if row.kind == DIGEST else "pending"
                row.next_attempt_at = now
                row.error = error[:255]

    def failed(self, delivery: Delivery, error: str) -> None:
        """Telegram refused the message for good (e.g. a bad request): never retried."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            repo.finish_reminders(list(delivery.reminder_ids), "failed", now, None, error)


class _Taken(Exception):
    """Another scheduler run marked some of a delivery's rows first."""


def _left(action: Action, row: ReminderRow) -> bool:
    """Whether the owner(s) a reminder is about left the team's group."""
    about = set(row.about.split(", ")) if row.about else set()
    return any(o.left and o.name in about for o in action.owners)


def _with_key(facts: ActionFacts, p: Planned) -> ActionFacts:
    nudges = facts.asap_nudges_since_activity
    last = facts.last_asap_nudge_at
    if p.kind is ReminderKind.ASAP:
        nudges += 1
        last = p.at
    return replace(
        facts,
        sent_keys=facts.sent_keys | {p.key},
        asap_nudges_since_activity=nudges,
        last_asap_nudge_at=last,
    )


def _fold(row: ActionRow, p: Planned, now: datetime) -> ReminderRow:
    return ReminderRow(
        team_id=row.team_id,
        action_id=row.id,
        recipient_id=None,
        user_id=None,
        about="",
        kind=p.kind.value,
        dedupe=f"a{row.id}|{p.key}|folded",
        status="folded",
        due_at=p.at,
        next_attempt_at=p.at,
        attempts=0,
        late=True,
        created_at=now,
        error="",
    )
