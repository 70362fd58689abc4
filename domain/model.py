"""Plain domain types shared by the parser, the services and the handlers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class DeadlineKind(StrEnum):
    """What kind of "Wanneer" an action has (see DOMAIN.md)."""

    ASAP = "asap"
    DATE = "date"
    MEETING = "meeting"
    ONGOING = "ongoing"
    NONE = "none"  # no deadline (yet): empty, "geen", "n.n.b.", "nader te bepalen", "?"
    UNREADABLE = "unreadable"  # kept as written; no date, no reminders, until it is fixed


@dataclass(frozen=True)
class Deadline:
    """A parsed "Wanneer": the kind, the text as written, and the date it means.

    `due` is the day the action is due (DATE: that day, or the day a period ends on;
    MEETING: the meeting day when the text names one, None for "volgend OT" and "OT mei"
    until the OT is known). `urgent` marks a date or OT written with ASAP ("ASAP, voor 15
    juni"): the date decides the reminders, the card says both. `month` is the first day of
    the month of "OT mei" (the OT planned in that month). `reason` says why an UNREADABLE
    text could not be read. `exact` is True when the text names one day ("24 april", not
    "eind mei"); it is not part of equality. `recurrence` is the rule code of a recurring
    action ("monthly" for "elke maand", "meeting" for "elk OT"; see domain/recurrence.py),
    whose `due` is the due day of the current occurrence; empty for a one-off deadline.
    """

    kind: DeadlineKind
    text: str
    due: date | None = None
    urgent: bool = False
    month: date | None = None
    reason: str = ""
    exact: bool = field(default=False, compare=False)
    recurrence: str = ""

    @property
    def is_next_meeting(self) -> bool:
        """Return True for "volgend OT": a meeting whose date is not known yet."""
        return self.kind is DeadlineKind.MEETING and self.due is None and self.month is None


class DeadlineError(ValueError):
    """A "Wanneer" text that cannot be read; `reason` is a code that texts.py renders."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.text = text
        self.reason = reason


class ItemKind(StrEnum):
    """A row of the actielijst is an action or a decision (besluit)."""

    ACTION = "action"
    DECISION = "decision"


@dataclass(frozen=True)
class DraftItem:
    """One action or decision read from a secretary's message, not stored yet."""

    kind: ItemKind
    text: str
    topic: str = ""
    note: str = ""
    owners_text: str = ""
    owners: tuple[str, ...] = ()
    deadline: Deadline = field(default_factory=lambda: Deadline(DeadlineKind.NONE, ""))
    criteria: tuple[str, ...] = ()  # decisions only: the criteria used ("Criteria:")
    interests: str = ""  # decisions only: the conflict-of-interest statement ("Belangen:")
    line: int = 1  # first line of the message this item came from (1-based)


@dataclass(frozen=True)
class ParseProblem:
    """Why (part of) a message could not be read: line number, the line, a reason code."""

    line: int
    text: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class ParseResult:
    """What a secretary's message contained: items, or the problems that block storing it."""

    items: tuple[DraftItem, ...]
    problems: tuple[ParseProblem, ...]

    @property
    def ok(self) -> bool:
        """Return True when the message can be stored whole."""
        return bool(self.items) and not self.problems


__all__ = [
    "DeadlineKind",
    "Deadline",
    "DeadlineError",
    "ItemKind",
    "DraftItem",
    "ParseProblem",
    "ParseResult",
]


class Status(StrEnum):
    """Where an action is in its life (DOMAIN.md "Life of an action")."""

    OPEN = "open"  # nobody has confirmed it yet
    CLAIMED = "claimed"  # an owner said "I am on it"
    DONE = "done"
    CANCELLED = "cancelled"  # vervallen, by the secretary
    WITHDRAWN = "withdrawn"  # undone right after it was added; hidden everywhere

    @property
    def is_open(self) -> bool:
        """Return True while the action still needs work."""
        return self in (Status.OPEN, Status.CLAIMED)


@dataclass(frozen=True)
class Team:
    id: int
    name: str
    chat_id: int | None


@dataclass(frozen=True)
class Person:
    """A member of one team as the bot knows them."""

    id: int
    team_id: int
    name: str
    telegram_id: int | None = None
    username: str | None = None
    is_secretary: bool = False
    is_group: bool = False
    private_chat: bool = False
    names: tuple[str, ...] = ()
    organisation: str = ""  # "Moustapha (SAAAM)": SAAAM

    @property
    def linked(self) -> bool:
        """Return True when a Telegram account is linked to this member."""
        return self.telegram_id is not None


@dataclass(frozen=True)
class NameOffer:
    """A name in a team's list nobody linked that may be the reader's own ("Ben jij Jan uit
    de actielijst?"), with the number of open actions on it."""

    team_id: int
    team_name: str
    member_id: int
    name: str
    open_actions: int


@dataclass(frozen=True)
class Actor:
    """Who is doing something, in which team, and what they may do."""

    member_id: int
    team_id: int
    team_name: str
    name: str
    telegram_id: int
    is_secretary: bool


@dataclass(frozen=True)
class Owner:
    member_id: int
    name: str
    telegram_id: int | None
    claimed: bool
    is_group: bool = False
    left: bool = False  # no longer in the team's group (their actions stay)
    done: bool = False  # this owner's part of a joint action is done


@dataclass(frozen=True)
class ActionUpdate:
    author: str
    text: str
    at: datetime


@dataclass(frozen=True)
class Action:
    """An action or decision as shown to users; never an ORM row."""

    id: int
    team_id: int
    team_name: str
    number: int
    kind: ItemKind
    topic: str
    text: str
    note: str
    owners_text: str
    owners: tuple[Owner, ...]
    deadline: Deadline
    status: Status
    created_at: datetime
    closed_at: datetime | None = None
    closed_by: str | None = None
    closed_note: str = ""
    criteria: tuple[str, ...] = ()
    interests: str = ""
    updates: tuple[ActionUpdate, ...] = ()
    carried_from: date | None = None  # the OT it was due at before it was carried over
    series_id: int | None = None  # the recurring series this is one occurrence of

    @property
    def latest_update(self) -> ActionUpdate | None:
        """Return the newest update, the one the next actielijst shows."""
        return self.updates[-1] if self.updates else None

    def owned_by(self, member_id: int) -> bool:
        """Return True when the member is one of the owners."""
        return any(o.member_id == member_id for o in self.owners)


@dataclass(frozen=True)
class UserRef:
    """The Telegram account behind an update, as handlers pass it to the services."""

    telegram_id: int
    first_name: str = ""
    last_name: str = ""
    username: str | None = None

    @property
    def full_name(self) -> str:
        """Return "first last" without stray spaces."""
        return " ".join(p for p in (self.first_name, self.last_name) if p) or (
            f"@{self.username}" if self.username else str(self.telegram_id)
        )


@dataclass(frozen=True)
class ChatRef:
    """The chat an update came from."""

    chat_id: int
    is_private: bool
    title: str = ""


@dataclass(frozen=True)
class TeamSetup:
    """A team as the configuration names it: its name, its group, its secretaries."""

    name: str
    chat_id: int | None = None
    secretary_ids: frozenset[int] = frozenset()
    secretary_usernames: frozenset[str] = frozenset()  # lower case, without "@"

    def secretary_accounts(self, pins: Mapping[str, int]) -> frozenset[int]:
        """Return the Telegram ids the configuration makes secretary: ids as written, and
        @usernames only through the account each was pinned to (`pins`: username -> id).

        A username can be given up and taken by someone else, so by itself it names nobody.
        """
        return self.secretary_ids | {pins[u] for u in self.secretary_usernames if u in pins}

    def unpinned_username(self, user: UserRef, pins: Mapping[str, int]) -> str | None:
        """Return the user's username when it is a configured secretary's, not yet pinned."""
        name = (user.username or "").lower()
        return name if name in self.secretary_usernames and name not in pins else None


@dataclass(frozen=True)
class Meeting:
    """An OT meeting as users see it."""

    id: int
    team_id: int
    day: date
    start: str = ""
    place: str = ""
    chair: str = ""
    status: str = "planned"  # planned, tentative, cancelled, held
    attendees: tuple[tuple[str, str], ...] = ()

    @property
    def tentative(self) -> bool:
        """Return True for a meeting that an action named but nobody planned yet."""
        return self.status == "tentative"
