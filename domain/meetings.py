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
# A year as written in a date: "2027" (not part of a longer number), or the two digits after a
# numeric day and month ("5-2-27").
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SHORT_YEAR = re.compile(r"(?<![\d-])\d{1,2}[-/.]\d{1,2}[-/.](\d{2})(?![\d:])")
_APOSTROPHE_YEAR = re.compile(r"['\u2018\u2019](\d{2})(?!\d)")  # "5 feb. '27"
_WEEKDAY_WORD = re.compile(
    r"(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\.?,?",
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
# A team named after its meeting ("OT Wonen", "ot-Jeugd"): "OT" as a word, any case; "Otters"
# is no such name.
_OT_PREFIX = re.compile(r"^\s*OT\b[\s:\-\u2013\u2014]*", re.IGNORECASE)


def meeting_title(team_name: str) -> str:
    """Name a team's meeting: "OT Wonen" for team "Wonen" and for team "OT Wonen" alike."""
    name = team_name.strip()
    return name if _OT_PREFIX.match(name) else f"OT {name}".rstrip()


def team_domain(team_name: str) -> str:
    """The domain a team works on: its name without a leading "OT" ("OT Wonen": "Wonen")."""
    name = team_name.strip()
    return _OT_PREFIX.sub("", name, count=1).strip() or name


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


def written_year(text: str) -> int | None:
    """The year a date text names ("9 januari 2027", "05-02-2027", "2027-02-05", "5-2-27",
    "5 feb. '27"),
    or None when it names none ("18 maart")."""
    match = _YEAR.search(text)
    if match:
        return int(match.group(1))
    short = _SHORT_YEAR.search(text) or _APOSTROPHE_YEAR.search(text)
    return 2000 + int(short.group(1)) if short else None


def parse_day(text: str, written: date) -> date:
    """Read one meeting day ("24 april", "do 24-4", "vrijdag", "9 januari 2027"); a month
    alone ("april", "januari 2027") is no day."""
    text = text.strip()
    if not text or not _DAY_WORDS.search(_YEAR.sub(" ", text)):
        raise MeetingTextError(text, "no_day")
    try:
        deadline = parse_deadline(text, written)
    except DeadlineError as err:
        raise MeetingTextError(text, "no_day") from err
    if deadline.kind is not DeadlineKind.DATE or deadline.due is None or not deadline.exact:
        # "week 17", "Q2", "voor de kerst": a deadline, but no one day to meet on
        raise MeetingTextError(text, "no_day")
    return deadline.due


def parse_header_day(text: str, written: date) -> date:
    """Read the Datum of an actielijst's header: a day as `parse_day` reads it, followed
    perhaps by a time or anything else ("donderdag 9 januari 2027, 14.00-16.00 uur"). A year
    the text names is the day's year; without one the day is the next such day after
    `written` (the caller decides whether that is meant)."""
    words = text.replace(",", " ").split()
    for n in range(min(len(words), 6), 0, -1):  # the longest leading words that make a day
        part = " ".join(words[:n])
        try:
            day = parse_day(part, written)
        except MeetingTextError:
            # The list is written already: a weekday that does not fit the date ("donderdag
            # 9 januari 2027", a Saturday) gives way to the date, which the preview shows.
            if n < 2 or _WEEKDAY_WORD.fullmatch(words[0]) is None:
                continue
            try:
                day = parse_day(" ".join(words[1:n]), written)
            except MeetingTextError:
                continue
        year = written_year(part)
        if year is not None and year != day.year:
            try:
                day = day.replace(year=year)
            except ValueError:  # 29 February in a year without one
                raise MeetingTextError(text, "no_day") from None
        return day
    raise MeetingTextError(text, "no_day")


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
