"""Specific errors the services raise; handlers turn each into a friendly Dutch reply."""

from __future__ import annotations

from datetime import date

from domain.model import ParseProblem


class DomainError(Exception):
    """Base of every error a user can cause; never a bug."""


class NotAMember(DomainError):
    """The user belongs to no team (a stranger)."""


class GroupNotLinked(DomainError):
    """A command in a group that is not linked to a team."""


class ChooseTeam(DomainError):
    """The user is in several teams and must pick one for this command."""

    def __init__(self, teams: list[str]) -> None:
        super().__init__(", ".join(teams))
        self.teams = teams


class UnknownTeam(DomainError):
    def __init__(self, name: str, teams: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.teams = teams


class NotSecretary(DomainError):
    """Only a secretary may do this."""


class NotOwner(DomainError):
    """Only an owner of the action (or a secretary) may do this."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class ActionNotFound(DomainError):
    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class BadNumber(DomainError):
    """A command needs an action number and got none or garbage."""

    def __init__(self, given: str) -> None:
        super().__init__(given)
        self.given = given


class WrongState(DomainError):
    """The action is not in a state that allows this (e.g. closing a closed one)."""

    def __init__(self, number: int, status: str, wanted: str) -> None:
        super().__init__(number, status, wanted)
        self.number = number
        self.status = status
        self.wanted = wanted


class EmptyText(DomainError):
    """A command needs text and got none."""


class TextTooLong(DomainError):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class MessageNotUnderstood(DomainError):
    """A secretary's message could not be read whole; nothing was stored."""

    def __init__(self, problems: tuple[ParseProblem, ...]) -> None:
        super().__init__(len(problems))
        self.problems = problems


class UndoTooLate(DomainError):
    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class NothingToUndo(DomainError):
    """The batch was already undone, or never existed."""


class UnknownField(DomainError):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class BadValue(DomainError):
    """A field value that cannot be used; `reason` is a code texts.py renders."""

    def __init__(self, field: str, reason: str, detail: str = "") -> None:
        super().__init__(field, reason)
        self.field = field
        self.reason = reason
        self.detail = detail


class NameUnknown(DomainError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known


class NameTaken(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class PersonUnknown(DomainError):
    """The person named or replied to is not a member of this team."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class NotConfiguredSecretary(DomainError):
    """/koppel by someone the configuration does not name as a secretary of any team."""


class SecretaryNotSeen(DomainError):
    """A configured secretary @username the bot has not yet seen in the team's group: a
    username can change hands, so it counts only once its holder was seen there."""

    def __init__(self, team: str) -> None:
        super().__init__(team)
        self.team = team


class UndoNotYours(DomainError):
    """Only the person who added actions can undo them with the button."""


class AlreadyLinked(DomainError):
    def __init__(self, team: str) -> None:
        super().__init__(team)
        self.team = team


class Anonymous(DomainError):
    """A message without a person behind it (a channel or an anonymous group admin)."""


class Usage(DomainError):
    """A command used without the arguments it needs: show how it is used."""

    def __init__(self, command: str) -> None:
        super().__init__(command)
        self.command = command


class LinkedElsewhere(DomainError):
    """The team already has a group; moving it must be asked for explicitly."""

    def __init__(self, team: str) -> None:
        super().__init__(team)
        self.team = team


class NameNotYours(DomainError):
    """/ikben with a name that does not look like the sender's own."""

    def __init__(self, name: str, own: str) -> None:
        super().__init__(name)
        self.name = name
        self.own = own


class MeetingNotFound(DomainError):
    """No (planned or tentative) OT on that day, or a stale meeting button."""

    def __init__(self, day: date | None) -> None:
        super().__init__(day)
        self.day = day
