"""Every inline button's callback data, built and read here and nowhere else.

Each kind of button is a small frozen dataclass whose `encode()` gives the string Telegram
carries; `decode()` turns any string back into one of them, or None for data no button of ours
could carry (stale, tampered, too long). The wire format is the one buttons already in chats
carry, so it never changes; a new kind gets a new prefix. Numbers are ASCII digits, at most
nine of them (database ids and action numbers: far below SQLite's 2**63), chat and user ids
at most 15 and 20; tokens are ASCII letters and digits. Telegram allows 1-64 bytes of data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, TypeVar

from domain.guided import Step

MAX_BYTES = 64  # Telegram's limit for callback_data
ID_DIGITS = 9  # team, member, meeting and proposal ids, action numbers, years, positions
MAX_CHAT_DIGITS = 15  # a group's chat id, after its "-"
MAX_USER_DIGITS = 20  # a Telegram user id
_TOKEN = re.compile(r"[0-9A-Za-z]{1,32}")  # undo batches, import tokens
E = TypeVar("E", bound=StrEnum)


class ActionOp(StrEnum):
    """What a button under an action (or in a reminder) does."""

    CLAIM = "claim"
    UPDATE = "upd"  # asks for the update text
    CLOSE = "close"  # asks "my part or the whole?" for a joint action
    PART = "part"  # an owner's part of a joint action done
    WHOLE = "whole"  # the whole joint action done
    CANCEL_ONE = "vone"  # a recurring action: only this occurrence cancelled
    CANCEL_SERIES = "vall"  # a recurring action: the whole series stopped
    LATER = "later"  # a reminder snoozed


class ImportOp(StrEnum):
    """The buttons under an import preview."""

    STORE = "ok"
    YEAR = "year"  # the header's day was in the year before
    CANCEL = "no"


class GuidedOp(StrEnum):
    """The guided add's buttons that carry no choice."""

    CANCEL = "x"
    EDIT_MENU = "e"  # shows which field to change
    BACK = "b"  # from that menu back to the preview
    NEXT = "n"  # skip the step, or done choosing owners
    SAVE = "s"
    ASAP = "w:a"
    MONTH_END = "w:m"


class GuidedList(StrEnum):
    """The guided add's lists of choices; the button carries the position in the list."""

    TOPIC = "t"
    OWNER = "o"
    MEETING = "w:o"


EDITABLE = (Step.TOPIC, Step.TEXT, Step.OWNERS, Step.WHEN)  # what "Wijzigen" offers


@dataclass(frozen=True)
class ActionButton:
    """a:<op>:<team>:<number>, under a card, a question or a reminder."""

    PREFIX: ClassVar[str] = "a"
    op: ActionOp
    team_id: int
    number: int

    def encode(self) -> str:
        """Return the callback data."""
        return f"a:{self.op}:{self.team_id}:{self.number}"


@dataclass(frozen=True)
class UndoButton:
    """u:<team>:<batch>: withdraw what one message added."""

    PREFIX: ClassVar[str] = "u"
    team_id: int
    batch: str

    def encode(self) -> str:
        """Return the callback data."""
        return f"u:{self.team_id}:{self.batch}"


@dataclass(frozen=True)
class ImportButton:
    """i:<op>:<token>:<year>: store, re-date or cancel a previewed import."""

    PREFIX: ClassVar[str] = "i"
    op: ImportOp
    token: str
    year: int = 0  # the meeting's year (0 under Annuleren)

    def encode(self) -> str:
        """Return the callback data."""
        return f"i:{self.op}:{self.token}:{self.year}"


@dataclass(frozen=True)
class NameOfferButton:
    """n:ik:<team>:<member>:<offered to>: "Ja, ik ben Jan", for one person only."""

    PREFIX: ClassVar[str] = "n"
    team_id: int
    member_id: int
    telegram_id: int

    def encode(self) -> str:
        """Return the callback data."""
        return f"n:ik:{self.team_id}:{self.member_id}:{self.telegram_id}"


@dataclass(frozen=True)
class ProposalButton:
    """pr:<proposal>:<a|r>: a secretary takes over or rejects a member's proposal."""

    PREFIX: ClassVar[str] = "pr"
    proposal_id: int
    accept: bool

    def encode(self) -> str:
        """Return the callback data."""
        return f"pr:{self.proposal_id}:{'a' if self.accept else 'r'}"


@dataclass(frozen=True)
class MoveButton:
    """mv:<ok|no>:<team>:<new chat>: the current group confirms or refuses a move."""

    PREFIX: ClassVar[str] = "mv"
    confirm: bool
    team_id: int
    chat_id: int  # the group to move to (negative)

    def encode(self) -> str:
        """Return the callback data."""
        return f"mv:{'ok' if self.confirm else 'no'}:{self.team_id}:{self.chat_id}"


@dataclass(frozen=True)
class RedirectButton:
    """m:to:<cancelled OT>:<target OT, 0 = no date>: where a cancelled OT's actions go."""

    PREFIX: ClassVar[str] = "m"
    cancelled_id: int
    target_id: int | None

    def encode(self) -> str:
        """Return the callback data."""
        return f"m:to:{self.cancelled_id}:{self.target_id or 0}"


@dataclass(frozen=True)
class GuidedButton:
    """g:<op>: a guided add's button without a choice."""

    PREFIX: ClassVar[str] = "g"
    op: GuidedOp

    def encode(self) -> str:
        """Return the callback data."""
        return f"g:{self.op}"


@dataclass(frozen=True)
class GuidedPick:
    """g:<list>:<position>: a topic, an owner or an OT from the step's list."""

    PREFIX: ClassVar[str] = "g"
    choice: GuidedList
    index: int

    def encode(self) -> str:
        """Return the callback data."""
        return f"g:{self.choice}:{self.index}"


@dataclass(frozen=True)
class GuidedEdit:
    """g:e:<step>: change one field of the preview."""

    PREFIX: ClassVar[str] = "g"
    step: Step

    def encode(self) -> str:
        """Return the callback data."""
        return f"g:e:{self.step}"


Callback = (
    ActionButton
    | UndoButton
    | ImportButton
    | NameOfferButton
    | ProposalButton
    | MoveButton
    | RedirectButton
    | GuidedButton
    | GuidedPick
    | GuidedEdit
)


def pattern(kind: type[Callback]) -> str:
    """The regular expression a CallbackQueryHandler routes this kind of button with."""
    return rf"^{kind.PREFIX}:"


def _digits(text: str, most: int) -> int | None:
    """A number of 1 to `most` ASCII digits ("²" and "①" are digits to str.isdigit())."""
    if 0 < len(text) <= most and text.isascii() and text.isdigit():
        return int(text)
    return None


def _id(text: str) -> int | None:
    return _digits(text, ID_DIGITS)


def _token(text: str) -> str | None:
    return text if _TOKEN.fullmatch(text) else None


def _enum(kind: type[E], text: str) -> E | None:
    try:
        return kind(text)
    except ValueError:
        return None


def decode(data: str | None) -> Callback | None:
    """Read callback data back into its button; None for anything no button of ours carries."""
    if not data:
        return None
    try:
        if len(data.encode()) > MAX_BYTES:
            return None
    except UnicodeEncodeError:  # a lone surrogate from a hand-made request
        return None
    prefix, _, rest = data.partition(":")
    parts = rest.split(":")
    match prefix:
        case "a":
            return _action(parts)
        case "u":
            return _undo(parts)
        case "i":
            return _import(parts)
        case "n":
            return _name_offer(parts)
        case "pr":
            return _proposal(parts)
        case "mv":
            return _move(parts)
        case "m":
            return _redirect(parts)
        case "g":
            return _guided(rest, parts)
    return None


def _action(parts: list[str]) -> ActionButton | None:
    if len(parts) != 3:
        return None
    op, team_id, number = _enum(ActionOp, parts[0]), _id(parts[1]), _id(parts[2])
    if op is None or team_id is None or number is None:
        return None
    return ActionButton(op, team_id, number)


def _undo(parts: list[str]) -> UndoButton | None:
    if len(parts) != 2:
        return None
    team_id, batch = _id(parts[0]), _token(parts[1])
    return None if team_id is None or batch is None else UndoButton(team_id, batch)


def _import(parts: list[str]) -> ImportButton | None:
    if len(parts) != 3:
        return None
    op, token, year = _enum(ImportOp, parts[0]), _token(parts[1]), _id(parts[2])
    if op is None or token is None or year is None:
        return None
    return ImportButton(op, token, year)


def _name_offer(parts: list[str]) -> NameOfferButton | None:
    if len(parts) != 4 or parts[0] != "ik":
        return None
    team_id, member_id = _id(parts[1]), _id(parts[2])
    telegram_id = _digits(parts[3], MAX_USER_DIGITS)
    if team_id is None or member_id is None or telegram_id is None:
        return None
    return NameOfferButton(team_id, member_id, telegram_id)


def _proposal(parts: list[str]) -> ProposalButton | None:
    if len(parts) != 2 or parts[1] not in ("a", "r"):
        return None
    proposal_id = _id(parts[0])
    return None if proposal_id is None else ProposalButton(proposal_id, parts[1] == "a")


def _move(parts: list[str]) -> MoveButton | None:
    if len(parts) != 3 or parts[0] not in ("ok", "no") or not parts[2].startswith("-"):
        return None
    team_id, chat = _id(parts[1]), _digits(parts[2][1:], MAX_CHAT_DIGITS)
    if team_id is None or not chat:  # no chat id, or "-0"
        return None
    return MoveButton(parts[0] == "ok", team_id, -chat)


def _redirect(parts: list[str]) -> RedirectButton | None:
    if len(parts) != 3 or parts[0] != "to":
        return None
    cancelled, target = _id(parts[1]), _id(parts[2])
    if cancelled is None or target is None:
        return None
    return RedirectButton(cancelled, target or None)


def _guided(rest: str, parts: list[str]) -> GuidedButton | GuidedPick | GuidedEdit | None:
    op = _enum(GuidedOp, rest)
    if op is not None:
        return GuidedButton(op)
    listed, _, position = rest.rpartition(":")
    choice, index = _enum(GuidedList, listed), _id(position)
    if choice is not None and index is not None:
        return GuidedPick(choice, index)
    step = _enum(Step, parts[1]) if len(parts) == 2 and parts[0] == "e" else None
    if step is None or step not in EDITABLE:
        return None
    return GuidedEdit(step)
