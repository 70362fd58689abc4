"""Plain domain types shared by the parser, the services and the handlers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class DeadlineKind(StrEnum):
    """What kind of "Wanneer" an action has (see DOMAIN.md)."""

    ASAP = "asap"
    DATE = "date"
    MEETING = "meeting"
    ONGOING = "ongoing"
    NONE = "none"


@dataclass(frozen=True)
class Deadline:
    """A parsed "Wanneer": the kind, the text as written, and the date it means.

    `due` is the day the action is due (DATE: that day or the last day of the month;
    MEETING: the meeting day when the text names one, None for "volgend OT").
    """

    kind: DeadlineKind
    text: str
    due: date | None = None

    @property
    def is_next_meeting(self) -> bool:
        """Return True for "volgend OT": a meeting whose date is not known yet."""
        return self.kind is DeadlineKind.MEETING and self.due is None


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
