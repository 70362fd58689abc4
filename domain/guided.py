"""The guided add (`/nieuw` without text): the steps of one action, as pure transitions.

Onderwerp -> actie -> wie -> wanneer -> preview. Each step takes a typed text or a pressed
choice; "Wijzigen" on the preview goes back to one step and returns to the preview after it.
The flow is stored between messages (`to_data` / `from_data`, a JSON-able dict) so that a
restart does not lose it, and it expires `TIMEOUT` after the last input.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from domain.deadline import read_deadline
from domain.messages import MAX_TEXT_LENGTH
from domain.model import Deadline, DeadlineKind, DraftItem, ItemKind
from domain.owners import MAX_NAME_LENGTH, split_owners

TIMEOUT = timedelta(minutes=30)
# An expired flow is kept this long, so that someone who comes back to it is told it expired
# (rather than their text being read as something else); then the scheduler drops it.
KEEP_EXPIRED = timedelta(days=1)
MAX_TOPIC_LENGTH = 200
MAX_OWNERS = 10
MAX_WHEN_LENGTH = 100


class Step(StrEnum):
    TOPIC = "topic"
    TEXT = "text"
    OWNERS = "owners"
    WHEN = "when"
    PREVIEW = "preview"


_ORDER = (Step.TOPIC, Step.TEXT, Step.OWNERS, Step.WHEN, Step.PREVIEW)


@dataclass(frozen=True)
class Draft:
    """What the flow has gathered so far."""

    topic: str = ""
    text: str = ""
    owners: tuple[str, ...] = ()
    when: str = ""

    @property
    def owners_text(self) -> str:
        """Return the owners as the actielijst writes them ("Danillo en Marloes")."""
        if len(self.owners) <= 1:
            return "".join(self.owners)
        return ", ".join(self.owners[:-1]) + " en " + self.owners[-1]


@dataclass(frozen=True)
class Flow:
    step: Step
    draft: Draft = field(default_factory=Draft)
    editing: bool = False  # one step changed from the preview: back to the preview after it
    updated_at: datetime | None = None

    def expired(self, now: datetime) -> bool:
        """Return True when the last input is longer ago than TIMEOUT."""
        return self.updated_at is not None and now - self.updated_at > TIMEOUT


# --- what a person does -----------------------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """A text typed as the answer to the current step."""

    text: str


@dataclass(frozen=True)
class Chose:
    """A button with a value for the current step (a topic, a Wanneer, "" for none)."""

    value: str


@dataclass(frozen=True)
class Toggle:
    """A member button in the Wie step: adds the name, or removes it when already chosen."""

    name: str


@dataclass(frozen=True)
class Next:
    """ "Klaar" in the Wie step (or "Overslaan" for an optional step)."""


@dataclass(frozen=True)
class Edit:
    """ "Wijzigen" on the preview, for one step."""

    step: Step


@dataclass(frozen=True)
class Save:
    pass


@dataclass(frozen=True)
class Cancel:
    pass


Event = Typed | Chose | Toggle | Next | Edit | Save | Cancel


# --- what comes of it -------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    """The flow goes on (at `flow.step`); `problem` is a reason code when the input was refused
    and the step is asked again."""

    flow: Flow
    problem: str = ""


@dataclass(frozen=True)
class Finished:
    """Opslaan on the preview: the draft is complete."""

    draft: Draft


@dataclass(frozen=True)
class Cancelled:
    pass


Outcome = Moved | Finished | Cancelled


def start(now: datetime) -> Flow:
    """Return a new flow at its first step."""
    return Flow(Step.TOPIC, updated_at=now)


def advance(flow: Flow, event: Event, now: datetime, today: date) -> Outcome:
    """Apply one input to the flow. Never raises for what a person typed or pressed: an
    input that does not fit the step is refused with a reason and the step is asked again."""
    if isinstance(event, Cancel):
        return Cancelled()
    flow = replace(flow, updated_at=now)
    if isinstance(event, Edit):
        if flow.step is not Step.PREVIEW or event.step is Step.PREVIEW:
            return Moved(flow, "not_now")
        return Moved(replace(flow, step=event.step, editing=True))
    if isinstance(event, Save):
        if flow.step is not Step.PREVIEW:
            return Moved(flow, "not_now")
        return Finished(flow.draft)
    handler = _STEPS[flow.step]
    return handler(flow, event, today)


def _forward(flow: Flow, draft: Draft) -> Moved:
    if flow.editing:
        return Moved(replace(flow, step=Step.PREVIEW, draft=draft, editing=False))
    return Moved(replace(flow, step=_ORDER[_ORDER.index(flow.step) + 1], draft=draft))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _topic(flow: Flow, event: Event, today: date) -> Moved:
    if isinstance(event, Typed | Chose):
        value = _clean(event.text if isinstance(event, Typed) else event.value)
        if isinstance(event, Typed) and not value:
            return Moved(flow, "empty")
        if len(value) > MAX_TOPIC_LENGTH:
            return Moved(flow, "too_long")
        return _forward(flow, replace(flow.draft, topic=value))
    if isinstance(event, Next):  # "Geen onderwerp"
        return _forward(flow, replace(flow.draft, topic=""))
    return Moved(flow, "not_now")


def _text(flow: Flow, event: Event, today: date) -> Moved:
    if not isinstance(event, Typed):
        return Moved(flow, "type_it")
    value = event.text.strip()
    if not value:
        return Moved(flow, "empty")
    if len(value) > MAX_TEXT_LENGTH:
        return Moved(flow, "too_long")
    return _forward(flow, replace(flow.draft, text=value))


def _owners(flow: Flow, event: Event, today: date) -> Moved:
    owners = flow.draft.owners
    if isinstance(event, Toggle):
        name = _clean(event.name)
        if not name:
            return Moved(flow, "empty")
        if name in owners:
            chosen = tuple(o for o in owners if o != name)
        elif len(owners) >= MAX_OWNERS:
            return Moved(flow, "too_many")
        else:
            chosen = (*owners, name)
        # Stay at the step: more people may be pressed; "Klaar" goes on.
        return Moved(replace(flow, draft=replace(flow.draft, owners=chosen)))
    if isinstance(event, Typed):
        names = split_owners(event.text)
        if not names:
            return Moved(flow, "no_names")
        if any(len(n) > MAX_NAME_LENGTH for n in names):
            return Moved(flow, "too_long")
        merged = (*owners, *(n for n in names if n not in owners))
        if len(merged) > MAX_OWNERS:
            return Moved(flow, "too_many")
        return _forward(flow, replace(flow.draft, owners=merged))
    if isinstance(event, Next):
        return _forward(flow, flow.draft)  # nobody yet is allowed: the secretary adds later
    return Moved(flow, "not_now")


def _when(flow: Flow, event: Event, today: date) -> Moved:
    if isinstance(event, Next):  # "Geen termijn"
        return _forward(flow, replace(flow.draft, when=""))
    if not isinstance(event, Typed | Chose):
        return Moved(flow, "not_now")
    value = _clean(event.text if isinstance(event, Typed) else event.value)
    if not value:
        return Moved(flow, "empty")
    if len(value) > MAX_WHEN_LENGTH:
        return Moved(flow, "too_long")
    if read_deadline(value, today).kind is DeadlineKind.UNREADABLE:
        return Moved(flow, "unreadable_when")
    return _forward(flow, replace(flow.draft, when=value))


def _preview(flow: Flow, event: Event, today: date) -> Moved:
    return Moved(flow, "use_buttons")


_STEPS = {
    Step.TOPIC: _topic,
    Step.TEXT: _text,
    Step.OWNERS: _owners,
    Step.WHEN: _when,
    Step.PREVIEW: _preview,
}


def to_item(draft: Draft, today: date) -> DraftItem:
    """Return the draft as the item a secretary's message would have given: the same path
    stores it (numbers, owners by name, the OT a Wanneer names, reminders)."""
    deadline = read_deadline(draft.when, today) if draft.when else Deadline(DeadlineKind.NONE, "")
    return DraftItem(
        kind=ItemKind.ACTION,
        text=draft.text,
        topic=draft.topic,
        owners_text=draft.owners_text,
        owners=draft.owners,
        deadline=deadline,
    )


def as_message(draft: Draft) -> str:
    """Return the draft as a secretary's labelled message: saving goes through the same
    path as a message (numbers, owners by name, the OT a Wanneer names, undo, reminders)."""
    lines = [f"Onderwerp: {_clean(draft.topic)}"] if draft.topic.strip() else []
    lines.append(f"Actie: {_clean(draft.text)}")
    if draft.owners:
        lines.append(f"Wie: {_clean(draft.owners_text)}")
    if draft.when.strip():
        lines.append(f"Wanneer: {_clean(draft.when)}")
    return "\n".join(lines)


# --- storing it between messages --------------------------------------------------------------


def to_data(flow: Flow) -> dict[str, Any]:
    """Return the flow as a JSON-able dict (the time is stored beside it)."""
    d = flow.draft
    return {
        "step": flow.step.value,
        "editing": flow.editing,
        "topic": d.topic,
        "text": d.text,
        "owners": list(d.owners),
        "when": d.when,
    }


def from_data(data: dict[str, Any], updated_at: datetime) -> Flow | None:
    """Rebuild a stored flow; None when the data is not a flow this version understands."""
    try:
        step = Step(data["step"])
        owners = tuple(str(o) for o in data.get("owners", ()))
        draft = Draft(
            topic=str(data.get("topic", "")),
            text=str(data.get("text", "")),
            owners=owners,
            when=str(data.get("when", "")),
        )
        return Flow(step, draft, editing=bool(data.get("editing", False)), updated_at=updated_at)
    except (KeyError, ValueError, TypeError):
        return None
