"""The actielijst as Markdown, CSV and JSON, and the coming OTs and deadlines as iCalendar.

Pure functions from domain objects to text: no I/O, no Telegram, no database. The caller
chooses the encoding on disk (CSV gets a BOM there so Excel reads it as UTF-8).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, vDuration, vText

from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow
from domain.meetings import meeting_title
from domain.model import Action, DeadlineKind, ItemKind, Meeting

__all__ = ["CSV_COLUMNS", "PRODID", "to_csv", "to_ics", "to_json", "to_markdown"]

DASH = " \u2014 "  # em dash between the parts of a Markdown row
EN_DASH = " \u2013 "

# Markdown ------------------------------------------------------------------------------

# Characters that change the layout anywhere in a line; "<" because of inline HTML.
_MD_INLINE = re.compile(r"([\\`*_|\[\]<~])")
# Characters that change the layout at the start of a line (heading, quote, list, rule).
_MD_LINE_START = re.compile(r"^([#>+=-])")
# A bullet as people type it in Word or on a phone; the text after it is the item.
_BULLET = re.compile(r"^\s*(?:[\u00b7\u2022\u25aa\u25e6\u2023\u2219]\s*|[*+-]\s+)(?P<item>\S.*)$")


def _one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces: a cell written over several lines."""
    return " ".join(text.split())


def _md_inline(text: str) -> str:
    """Escape the characters that would break emphasis, code spans, tables or links."""
    return _MD_INLINE.sub(r"\\\1", text)


def _md_line(text: str) -> str:
    """Escape one line of user text so it stays a plain paragraph line."""
    return _MD_LINE_START.sub(r"\\\1", _md_inline(text.strip()))


def _md_heading(text: str) -> str:
    """Escape a heading's text; a trailing "#" would be read as a closing sequence."""
    escaped = _md_line(_one_line(text))
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped


def _md_block(text: str, indent: str = "") -> list[str]:
    """Render a multi-line cell: each line a paragraph, runs of bullets a list."""
    out: list[str] = []
    previous = ""  # "", "para" or "bullet"
    for raw in text.splitlines():
        if not raw.strip():
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            # A list may follow a paragraph directly; it belongs to the text above it.
            out.append(f"{indent}- {_md_line(bullet['item'])}")
            previous = "bullet"
        else:
            if previous:
                out.append("")
            out.append(f"{indent}{_md_line(raw)}")
            previous = "para"
    return out


def _md_row(row: DocRow) -> list[str]:
    parts = [f"**{_md_inline(_one_line(row.text))}**" if row.text.strip() else "(geen tekst)"]
    if row.is_decision:
        parts[0] = f"Besluit: {parts[0]}"
    if row.number is not None:
        parts[0] = f"#{row.number} {parts[0]}"
    parts += [_md_inline(_one_line(v)) for v in (row.owners, row.when) if v.strip()]
    status = row.status.strip()
    if status == "afgerond":
        parts.append("\u2714 afgerond")
    elif status == "vervallen":
        parts.append("\u2716 vervallen")
    elif status:
        parts.append(_md_inline(_one_line(status)))
    lines = [f"- {DASH.join(parts)}"]
    note = _md_block(row.note, indent="  ")
    if note:
        lines += ["", *note]
    return lines


def _md_header(header: DocHeader) -> list[str]:
    title = _md_heading(header.title) or "Actielijst"
    tail = ", ".join(_md_inline(_one_line(p)) for p in (header.domain, header.date_text) if p)
    lines = [f"# {title}{EN_DASH}{tail}" if tail else f"# {title}", ""]
    if header.programme.strip():
        lines += [f"*{_md_inline(_one_line(header.programme))}*", ""]
    attendees = ", ".join(
        f"{name} ({org})" if org else name for name, org in header.attendees if name
    )
    fields = [
        ("Domein", header.domain),
        ("Voorzitter", header.chair),
        ("Aanwezigen", attendees),
        ("Datum", header.date_text),
        ("Locatie", header.place),
    ]
    shown = [f"- **{k}:** {_md_inline(_one_line(v))}" for k, v in fields if v.strip()]
    return [*lines, *shown, ""] if shown else lines


def _md_decision(decision: DocDecision) -> list[str]:
    lines = [f"### {_md_heading(decision.subject) or 'Besluit'}", ""]
    criteria = [_one_line(c) for c in decision.criteria]
    criteria = [m["item"] if (m := _BULLET.match(c)) else c for c in criteria if c]
    if criteria:
        lines += ["Criteria:", "", *(f"- {_md_line(c)}" for c in criteria), ""]
    else:
        lines += ["Criteria: niet ingevuld", ""]
    interests = _md_block(decision.interests)
    if interests:
        interests[0] = f"Belangen: {interests[0]}"
        lines += [*interests, ""]
    else:
        lines += ["Belangen: niet ingevuld", ""]
    return lines


def _topic_key(topic: str) -> str:
    return _one_line(topic).casefold()


def to_markdown(doc: Actielijst) -> str:
    """Render the actielijst as Markdown that also reads well as plain text."""
    lines = _md_header(doc.header)
    lines += ["## Afspraken, acties en besluiten", ""]
    groups: dict[str, list[DocRow]] = {}
    for row in doc.rows:  # grouped by onderwerp, in the order the topics first appear
        groups.setdefault(_topic_key(row.topic), []).append(row)
    if not groups:
        lines += ["Geen afspraken op deze lijst.", ""]
    for rows in groups.values():
        lines += [f"### {_md_heading(rows[0].topic) or 'Overig'}", ""]
        for row in rows:
            lines += [*_md_row(row), ""]
    if doc.decisions:
        lines += ["## Bijlage: Toelichting op besluiten", ""]
        for decision in doc.decisions:
            lines += _md_decision(decision)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "Onderwerp",
    "Afspraak/actie/besluit",
    "Toelichting / update",
    "Wie",
    "Wanneer",
    "Status",
    "Nummer",
)
# Excel runs a cell starting with these as a formula ("CSV injection", and "- punt" shows
# as #NAME?). A leading apostrophe makes it text, as OWASP advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_status(row: DocRow) -> str:
    if row.is_decision:
        return f"besluit ({row.status})" if row.status else "besluit"
    return row.status or "open"


def to_csv(doc: Actielijst) -> str:
    """Render the table as CSV (RFC 4180, CRLF), one row per line of the actielijst."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for row in doc.rows:
        cells = (row.topic, row.text, row.note, row.owners, row.when, _csv_status(row))
        number = "" if row.number is None else str(row.number)
        writer.writerow([*(_csv_cell(c) for c in cells), number])
    return buffer.getvalue()


# JSON ----------------------------------------------------------------------------------

JSON_FORMAT = "otbot-actielijst"
JSON_VERSION = 1


def _utc_iso(moment: datetime | None) -> str | None:
    """Return an aware moment as ISO 8601 in UTC; a naive one is taken to be UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _day_iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _json_action(action: Action) -> dict[str, Any]:
    # Telegram ids are left out: an export for other tools needs names, not accounts.
    return {
        "id": action.id,
        "team_id": action.team_id,
        "team_name": action.team_name,
        "number": action.number,
        "kind": action.kind.value,
        "topic": action.topic,
        "text": action.text,
        "note": action.note,
        "owners_text": action.owners_text,
        "owners": [
            {
                "member_id": o.member_id,
                "name": o.name,
                "claimed": o.claimed,
                "is_group": o.is_group,
            }
            for o in action.owners
        ],
        "deadline": {
            "kind": action.deadline.kind.value,
            "text": action.deadline.text,
            "due": _day_iso(action.deadline.due),
            "recurrence": action.deadline.recurrence,
        },
        "status": action.status.value,
        "created_at": _utc_iso(action.created_at),
        "closed_at": _utc_iso(action.closed_at),
        "closed_by": action.closed_by,
        "closed_note": action.closed_note,
        "criteria": list(action.criteria),
        "interests": action.interests,
        "updates": [
            {"author": u.author, "text": u.text, "at": _utc_iso(u.at)} for u in action.updates
        ],
        "carried_from": _day_iso(action.carried_from),
        "series_id": action.series_id,
    }


def to_json(doc: Actielijst, actions: Sequence[Action] = ()) -> str:
    """Render every field of the list (and of the actions behind it) as stable JSON."""
    header = doc.header
    data = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "header": {
            "title": header.title,
            "programme": header.programme,
            "domain": header.domain,
            "chair": header.chair,
            "attendees": [{"name": n, "organisation": o} for n, o in header.attendees],
            "date_text": header.date_text,
            "place": header.place,
        },
        "rows": [
            {
                "topic": r.topic,
                "text": r.text,
                "note": r.note,
                "owners": r.owners,
                "when": r.when,
                "is_decision": r.is_decision,
                "status": r.status,
                "number": r.number,
            }
            for r in doc.rows
        ],
        "decisions": [
            {"subject": d.subject, "criteria": list(d.criteria), "interests": d.interests}
            for d in doc.decisions
        ],
        "actions": [_json_action(a) for a in actions],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


# iCalendar -----------------------------------------------------------------------------
#
# The `icalendar` package writes the file: content lines folded at 75 octets (never inside a
# character), TEXT escaping, dates and times, and the VTIMEZONE, built from the zone's own
# rules for the years the timed events fall in. Ours are the events and their texts.

PRODID = "-//NPSNW//OT actiebot//NL"
MEETING_LENGTH = timedelta(hours=2)
SUMMARY_LENGTH = 80
REFRESH = timedelta(hours=6)  # how often a subscribed calendar is fetched again
_START = re.compile(r"(\d{1,2})[:.](\d{2})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Text(vText):
    """A TEXT value in which every backslash is the writer's own.

    vText reads a backslash followed by "N" as a line break (its shorthand), so a place or
    text with "\\Nieuw-West" in it would lose the backslash and break the line. The backslashes
    are set aside while vText escapes and put back escaped; a NUL cannot be in the text
    (`_text` removes control characters).
    """

    def to_ical(self) -> bytes:
        return vText(self.replace("\\", "\x00")).to_ical().replace(b"\x00", b"\\\\")


def _text(text: str) -> _Text:
    """Return a TEXT value (RFC 5545 3.3.11); control characters other than tab go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _Text(_CONTROL.sub("", text))


def _shorten(text: str, limit: int) -> str:
    """Cut a one-line text at a word boundary, with an ellipsis, to at most `limit` chars."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "\u2026"


def _start_time(start: str) -> time | None:
    match = _START.fullmatch(start.strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _meeting_event(meeting: Meeting, team_name: str, zone: ZoneInfo, stamp: datetime) -> Event:
    """Return the VEVENT of a meeting: timed in `zone` when its start reads, else all day."""
    summary = meeting_title(team_name) + (" (voorlopig)" if meeting.tentative else "")
    event = Event()
    event.add("UID", f"meeting-{meeting.id}@otbot")
    event.add("DTSTAMP", stamp)
    start = _start_time(meeting.start)
    if start is not None:
        begin = datetime.combine(meeting.day, start, tzinfo=zone)
        event.add("DTSTART", begin)
        event.add("DTEND", begin + MEETING_LENGTH)  # wall-clock hours, as the OT is planned
    else:
        event.add("DTSTART", meeting.day)
        event.add("DTEND", meeting.day + timedelta(days=1))
    event.add("SUMMARY", _text(summary))
    if meeting.place.strip():
        event.add("LOCATION", _text(meeting.place.strip()))
    details = []
    if meeting.start.strip() and start is None:  # a time we could not read: show it
        details.append(f"Aanvang: {meeting.start.strip()}")
    if meeting.chair.strip():
        details.append(f"Voorzitter: {meeting.chair.strip()}")
    if details:
        event.add("DESCRIPTION", _text("\n".join(details)))
    event.add("STATUS", "TENTATIVE" if meeting.tentative else "CONFIRMED")
    return event


def _owners(action: Action) -> str:
    return action.owners_text.strip() or ", ".join(o.name for o in action.owners)


def _action_event(action: Action, stamp: datetime) -> Event:
    due = action.deadline.due
    assert due is not None
    text = _one_line(action.text)
    details = [text]
    if action.topic.strip():
        details.append(f"Onderwerp: {_one_line(action.topic)}")
    if _owners(action):
        details.append(f"Wie: {_owners(action)}")
    details.append(f"Wanneer: {action.deadline.text.strip() or due.isoformat()}")
    event = Event()
    event.add("UID", f"action-{action.team_id}-{action.number}@otbot")
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", due)
    event.add("DTEND", due + timedelta(days=1))
    event.add("SUMMARY", _text(_shorten(f"#{action.number} {text}", SUMMARY_LENGTH)))
    event.add("DESCRIPTION", _text("\n".join(details)))
    event.add("TRANSP", "TRANSPARENT")  # a deadline does not make anyone busy
    return event


def _dated(actions: Iterable[Action]) -> list[Action]:
    return sorted(
        (
            a
            for a in actions
            if a.kind is ItemKind.ACTION
            and a.status.is_open
            and a.deadline.kind is DeadlineKind.DATE
            and a.deadline.due is not None
        ),
        key=lambda a: (a.deadline.due, a.team_id, a.number),
    )


def to_ics(
    team_name: str,
    meetings: Sequence[Meeting],
    actions: Sequence[Action],
    *,
    now: datetime,
    tz_name: str = "Europe/Amsterdam",
    person: str | None = None,
) -> str:
    """Render the OTs and the dated deadlines of open actions as an iCalendar (RFC 5545)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValueError(f"unknown time zone: {tz_name!r}") from err
    stamp = now.astimezone(UTC)
    name = f"{team_name}{EN_DASH}OT en deadlines" + (f"{EN_DASH}{person}" if person else "")
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", _text(name))
    calendar.add("X-WR-TIMEZONE", _text(tz_name))
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    timed_years: list[int] = []
    for meeting in sorted(meetings, key=lambda m: (m.day, m.id)):
        if meeting.status == "cancelled":
            continue
        calendar.add_component(_meeting_event(meeting, team_name, zone, stamp))
        if _start_time(meeting.start) is not None:
            timed_years.append(meeting.day.year)
    for action in _dated(actions):
        calendar.add_component(_action_event(action, stamp))
    if timed_years:
        # A VTIMEZONE only when an event names the zone (RFC 5545 3.6.5), for whole years:
        # those of the timed OTs and the next (an OT late on 31 December ends in it).
        calendar.add_missing_timezones(
            first_date=date(min(timed_years), 1, 1), last_date=date(max(timed_years) + 2, 1, 1)
        )
    # sorted=False: the properties in the order added, not icalendar's canonical order.
    content: bytes = calendar.to_ical(sorted=False)
    return content.decode("utf-8")
