"""Reading what a secretary writes about meetings: "/ot 24 april 14:00 Plein 40-45", the
header of the actielijst (voorzitter, aanwezigen with organisations, locatie)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.deadline import parse_deadline
from domain.model import DeadlineError, DeadlineKind

_TIME = re.compile(r"(?<![\d-])([01]?\d|2[0-3])(?:[:.]([0-5]\d)|\s*u(?:ur)?\b)(?![\d-])")
_DAY_WORDS = re.compile(
    r"\d|\b(ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"morgen|overmorgen|vandaag)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*[-*•·]?\s*\*?([A-Za-zÀ-ÿ ]+?)\*?\s*:\s*(.*)$")
_HEADER_LABELS = {
    "voorzitter": "chair",
    "voorzitster": "chair",
    "aanwezig": "attendees",
    "aanwezigen": "attendees",
    "datum": "day",
    "locatie": "place",
    "plaats": "place",
    "waar": "place",
    "tijd": "time",
}


class MeetingTextError(ValueError):
    """The text does not name a day; `reason` is a code texts.py renders."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class MeetingWhen:
    """A meeting's day, start time ("14:00" or "") and place, as the secretary wrote them."""

    day: date
    start: str = ""
    place: str = ""


@dataclass(frozen=True)
class MeetingHeader:
    """The header block of an actielijst: who chaired, who attended (and for whom), where."""

    chair: str = ""
    attendees: tuple[tuple[str, str], ...] = ()
    day_text: str = ""
    place: str = ""
    start: str = ""


def parse_day(text: str, written: date) -> date:
    """Read one meeting day ("24 april", "do 24-4", "vrijdag"); a month alone is no day."""
    text = text.strip()
    if not text or not _DAY_WORDS.search(text):
        raise MeetingTextError(text, "no_day")
    try:
        deadline = parse_deadline(text, written)
    except DeadlineError as err:
        raise MeetingTextError(text, "no_day") from err
    if deadline.kind is not DeadlineKind.DATE or deadline.due is None:
        raise MeetingTextError(text, "no_day")
    return deadline.due


def parse_when(text: str, written: date) -> MeetingWhen:
    """Read "24 april 14:00 Plein 40-45": a day, an optional time, an optional place."""
    text = " ".join(text.split())
    match = _TIME.search(text)
    if match:
        day = parse_day(text[: match.start()], written)
        start = f"{int(match.group(1)):02d}:{match.group(2) or '00'}"
        return MeetingWhen(day, start, text[match.end() :].strip(" ,-"))
    words = text.split(" ")
    # Without a time: the longest leading words that make a day; the rest is the place.
    for n in range(min(len(words), 4), 0, -1):
        try:
            day = parse_day(" ".join(words[:n]), written)
        except MeetingTextError:
            continue
        return MeetingWhen(day, "", " ".join(words[n:]).strip(" ,-"))
    raise MeetingTextError(text, "no_day")


def split_attendees(text: str) -> tuple[tuple[str, str], ...]:
    """Read "Jan van de Borden (Vuilnisoproer), Marjolein Cazemier (Ymere)" into pairs."""
    people: list[tuple[str, str]] = []
    depth = 0
    current = ""
    for ch in text + ",":
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in ",;\n" and depth == 0:
            part = current.strip(" .")
            current = ""
            if not part:
                continue
            org = ""
            m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", part)
            if m:
                part, org = m.group(1).strip(), m.group(2).strip()
            if part:
                people.append((part, org))
            continue
        current += ch
    return tuple(people)


def parse_header(text: str) -> MeetingHeader:
    """Read the header lines of an actielijst; unknown lines are ignored by the caller."""
    fields: dict[str, str] = {}
    last = ""
    for line in text.splitlines():
        m = _LABEL.match(line)
        key = _HEADER_LABELS.get(m.group(1).strip().casefold()) if m else None
        if m and key:
            fields[key] = m.group(2).strip()
            last = key
        elif last == "attendees" and line.strip():
            fields["attendees"] += ", " + line.strip()
    return MeetingHeader(
        chair=fields.get("chair", ""),
        attendees=split_attendees(fields.get("attendees", "")),
        day_text=fields.get("day", ""),
        place=fields.get("place", ""),
        start=fields.get("time", ""),
    )
