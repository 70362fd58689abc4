"""Recurring actions: the "Wanneer" text of a standing agreement and its next due day.

A secretary writes "elke maand", "elk kwartaal" or "elke eerste maandag van de maand" in the
Wanneer column. `parse_recurrence` reads those words into a `Recurrence` with a canonical rule
code (what storage keeps), `describe` gives the canonical Dutch wording back, and `next_due`
says on which day the next occurrence is due.

Rule codes (each at most 60 characters):

- ``meeting``        every OT ("elk OT"); its due day is the next planned OT, which the
                     caller knows, so `next_due` returns None.
- ``weekly``         every week; period Monday to Sunday.
- ``weekly:2``       every two weeks; periods of two ISO weeks (see `_TWO_WEEK_ANCHOR`).
- ``monthly``        every calendar month.
- ``quarterly``      every quarter (January, April, July, October).
- ``yearly``         every calendar year.
- ``weekday:W``      every weekday W (0 = Monday .. 4 = Friday).
- ``monthday:N:W``   the N-th weekday W of every month, N in 1..4, or -1 for the last one
                     ("monthday:1:0" is the first Monday, "monthday:-1:4" the last Friday).

Due days. A period rule (weekly, weekly:2, monthly, quarterly, yearly) has one due day per
period: its last working day (the Friday of a week, unless that is a holiday; the last working
day of the month, quarter or year). A day rule (weekday, monthday) is due on the day itself;
when that day is no working day (Tweede Paasdag, Koningsdag, Christmas) it moves forward to the
next working day. `next_due(rec, after)` is the first due day strictly after `after`, so the
due day of an occurrence that was moved past `after` still counts.

Which days are working days is up to the caller: `is_working_day` is passed in (the bot passes
`domain.holidays.is_working_day`, the Dutch calendar).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "RULE_MAX_LENGTH",
    "Recurrence",
    "describe",
    "next_due",
    "occurrences",
    "parse_recurrence",
    "split_scope",
    "with_next",
]

RULE_MAX_LENGTH = 60

WorkingDay = Callable[[date], bool]

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": -1}
_ORDINAL_NAMES = {number: name for name, number in _ORDINALS.items()}
_MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip

# Two-week periods start on the Mondays an even number of weeks from this one (Monday
# 1 January 2024, ISO week 1 of 2024). Up to and including 2026 that is every odd ISO week;
# counting on from a fixed Monday keeps the rhythm across a year with an ISO week 53 (2026),
# where the ISO week numbers themselves would put two odd weeks in a row.
_TWO_WEEK_ANCHOR = date(2024, 1, 1)

# How far a due day may move to find a working day before the calendar is called unusable.
_MAX_SHIFT = 31

_PERIOD_DESCRIPTIONS = {
    "meeting": "elk OT",
    "weekly": "elke week",
    "weekly:2": "elke twee weken",
    "monthly": "elke maand",
    "quarterly": "elk kwartaal",
    "yearly": "elk jaar",
}

# The written forms, after lower-casing and collapsing white space.
_FIXED_FORMS = {
    "elk ot": "meeting",
    "elke ot": "meeting",
    "ieder ot": "meeting",
    "iedere ot": "meeting",
    "elk overleg": "meeting",
    "ieder overleg": "meeting",
    "elke week": "weekly",
    "iedere week": "weekly",
    "wekelijks": "weekly",
    "per week": "weekly",
    "elke twee weken": "weekly:2",
    "iedere twee weken": "weekly:2",
    "elke 2 weken": "weekly:2",
    "om de twee weken": "weekly:2",
    "om de 2 weken": "weekly:2",
    "om de week": "weekly:2",
    "tweewekelijks": "weekly:2",
    "twee-wekelijks": "weekly:2",
    "elke maand": "monthly",
    "iedere maand": "monthly",
    "maandelijks": "monthly",
    "per maand": "monthly",
    "elk kwartaal": "quarterly",
    "ieder kwartaal": "quarterly",
    "elke kwartaal": "quarterly",
    "per kwartaal": "quarterly",
    "elk jaar": "yearly",
    "ieder jaar": "yearly",
    "elke jaar": "yearly",
    "jaarlijks": "yearly",
    "per jaar": "yearly",
}

_EVERY = r"(?:elke|iedere|elk|ieder)"
_WEEKDAY_RE = re.compile(rf"{_EVERY} ({'|'.join(WEEKDAYS)})")
_MONTHDAY_RE = re.compile(
    rf"{_EVERY} ({'|'.join(_ORDINALS)}) ({'|'.join(WEEKDAYS)})(?: van de maand| per maand)?"
)
# "(volgende: 30 april)" or "(volgende 30-4-2027)" at the end, as the Word export writes it.
_NEXT_SUFFIX_RE = re.compile(r"\(\s*volgende\s*:?\s*([^()]*?)\s*\)\s*$", re.IGNORECASE)
_RULE_RE = re.compile(r"weekday:([0-4])|monthday:(-1|[1-4]):([0-4])")


def _check_rule(rule: str) -> None:
    if rule in _PERIOD_DESCRIPTIONS or _RULE_RE.fullmatch(rule):
        return
    raise ValueError(f"unknown recurrence rule {rule!r}")


@dataclass(frozen=True)
class Recurrence:
    """A recurrence as read from a Wanneer text.

    `rule` is the canonical code (see the module docstring), `text` the words as written
    (stripped, without a "(volgende: ...)" suffix) and `next_text` what such a suffix said
    (e.g. "30 april"), unparsed. `next_text` is a hint from an export, not part of the rule,
    so it takes no part in equality.
    """

    rule: str
    text: str
    next_text: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        _check_rule(self.rule)

    @classmethod
    def from_rule(cls, rule: str, text: str, next_text: str | None = None) -> Recurrence:
        """Rebuild a recurrence from stored values; ValueError for an unknown rule."""
        return cls(rule=rule, text=text, next_text=next_text)

    @property
    def is_meeting(self) -> bool:
        """True for "elk OT": due at the next planned OT rather than on a calendar day."""
        return self.rule == "meeting"


def parse_recurrence(text: str) -> Recurrence | None:
    """Read a Wanneer text as a recurrence, or return None when it is not one."""
    written = text.strip()
    next_text: str | None = None
    suffix = _NEXT_SUFFIX_RE.search(written)
    if suffix:
        next_text = suffix.group(1) or None
        written = written[: suffix.start()].strip()
    key = " ".join(written.lower().split()).rstrip(".").strip()
    rule = _FIXED_FORMS.get(key)
    if rule is None:
        if match := _WEEKDAY_RE.fullmatch(key):
            rule = f"weekday:{WEEKDAYS.index(match.group(1))}"
        elif match := _MONTHDAY_RE.fullmatch(key):
            ordinal = _ORDINALS[match.group(1)]
            rule = f"monthday:{ordinal}:{WEEKDAYS.index(match.group(2))}"
        else:
            return None
    return Recurrence(rule=rule, text=written, next_text=next_text)


def describe(rec: Recurrence) -> str:
    """Return the canonical Dutch wording of the rule ("elke maand", "elk OT")."""
    if rec.rule in _PERIOD_DESCRIPTIONS:
        return _PERIOD_DESCRIPTIONS[rec.rule]
    parts = rec.rule.split(":")
    if parts[0] == "weekday":
        return f"elke {WEEKDAYS[int(parts[1])]}"
    return f"elke {_ORDINAL_NAMES[int(parts[1])]} {WEEKDAYS[int(parts[2])]} van de maand"


# --- due days -----------------------------------------------------------------------------------


def _back_to_working_day(day: date, is_working_day: WorkingDay) -> date:
    for shift in range(_MAX_SHIFT + 1):
        candidate = day - timedelta(days=shift)
        if is_working_day(candidate):
            return candidate
    raise ValueError(f"no working day in the {_MAX_SHIFT} days up to {day}")


def _on_to_working_day(day: date, is_working_day: WorkingDay) -> date:
    for shift in range(_MAX_SHIFT + 1):
        candidate = day + timedelta(days=shift)
        if is_working_day(candidate):
            return candidate
    raise ValueError(f"no working day in the {_MAX_SHIFT} days from {day}")


def _month_start(year: int, month: int) -> date:
    """The first day of a month; months beyond 12 or below 1 roll into other years."""
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def _period_ends(rule: str, around: date) -> Iterator[date]:
    """The last days of successive periods, from the period before the one holding `around`."""
    if rule == "weekly":
        sunday = around + timedelta(days=6 - around.weekday())
        end = sunday - timedelta(days=7)
        while True:
            yield end
            end += timedelta(days=7)
    if rule == "weekly:2":
        monday = around - timedelta(days=around.weekday())
        index = (monday - _TWO_WEEK_ANCHOR).days // 14
        end = _TWO_WEEK_ANCHOR + timedelta(days=14 * index + 13 - 14)
        while True:
            yield end
            end += timedelta(days=14)
    months = {"monthly": 1, "quarterly": 3, "yearly": 12}[rule]
    first = around.month - (around.month - 1) % months  # first month of the period
    start = _month_start(around.year, first - months)  # the period before
    while True:
        following = _month_start(start.year, start.month + months)
        yield following - timedelta(days=1)
        start = following


def _nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> date:
    first = date(year, month, 1)
    if ordinal > 0:
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))
        return day
    last = _month_start(year, month + 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _day_occurrences(rule: str, around: date) -> Iterator[date]:
    """Nominal days of a day rule, from a little before `around` on."""
    parts = rule.split(":")
    if parts[0] == "weekday":
        weekday = int(parts[1])
        # A week earlier than the last such weekday on or before `around`: a day moved
        # forward past a run of holidays may still fall after `around`.
        day = around - timedelta(days=(around.weekday() - weekday) % 7 + 7)
        while True:
            yield day
            day += timedelta(days=7)
    ordinal, weekday = int(parts[1]), int(parts[2])
    month = _month_start(around.year, around.month - 1)
    while True:
        yield _nth_weekday(month.year, month.month, ordinal, weekday)
        month = _month_start(month.year, month.month + 1)


def _due_days(rec: Recurrence, around: date, is_working_day: WorkingDay) -> Iterator[date]:
    if rec.rule.startswith(("weekday:", "monthday:")):
        for day in _day_occurrences(rec.rule, around):
            yield _on_to_working_day(day, is_working_day)
    else:
        for end in _period_ends(rec.rule, around):
            yield _back_to_working_day(end, is_working_day)


def next_due(rec: Recurrence, after: date, *, is_working_day: WorkingDay) -> date | None:
    """Return the first due day strictly after `after`; None for "elk OT" (rule meeting).

    Period rules are due on the last working day of each period; day rules on the day itself,
    moved forward to the next working day when it is none. See the module docstring.
    """
    if rec.is_meeting:
        return None
    for due in _due_days(rec, after, is_working_day):
        if due > after:
            return due
    raise AssertionError("unreachable: the due days go on forever")  # pragma: no cover


def occurrences(
    rec: Recurrence, start: date, count: int, *, is_working_day: WorkingDay
) -> list[date]:
    """Return the next `count` due days strictly after `start`; [] for "elk OT"."""
    days: list[date] = []
    after = start
    while len(days) < count:
        due = next_due(rec, after, is_working_day=is_working_day)
        if due is None:
            return []
        days.append(due)
        after = due
    return days


def with_next(text: str, due: date | None) -> str:
    """The Wanneer of a series in an actielijst: "elke maand (volgende: 30 april 2027)".

    The year is always written: an occurrence that is overdue at the next OT must not read
    back as next year's. `parse_recurrence` takes the suffix off again. Without a due day
    ("elk OT" with no OT planned yet) the rule stands alone.
    """
    if due is None:
        return text
    return f"{text} (volgende: {due.day} {_MONTH_NAMES[due.month - 1]} {due.year})"


# "/vervallen N deze [reden]" and "/vervallen N reeks [reden]" on a recurring action: the
# first words say which part is cancelled (read only for an occurrence of a series, so the
# reason of a one-off action is never cut).
_SCOPE_RE = re.compile(
    r"(?P<one>(?:alleen )?deze(?: keer)?|eenmalig)|(?P<series>(?:de )?(?:hele )?(?:reeks|serie))",
    re.IGNORECASE,
)


def split_scope(text: str) -> tuple[str | None, str]:
    """Split "deze: dubbel" into ("one", "dubbel"); (None, text) when no scope leads."""
    stripped = text.strip()
    match = _SCOPE_RE.match(stripped)
    if match is None:
        return None, text
    rest = stripped[match.end() :]
    if rest and rest[0].isalnum():  # "dezelfde ...", "reeksen": another word
        return None, text
    scope = "one" if match.group("one") else "series"
    return scope, rest.lstrip(":,-– ").strip()
