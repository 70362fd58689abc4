"""Read the "Wanneer" column of the actielijst: Dutch deadline text to a `Deadline`.

Everything is relative to `written`, the local (Europe/Amsterdam) date on which the action was
agreed. The functions are pure: no clock, no I/O. `docs/wanneer.md` is the reading table for
people; this docstring is the grammar for programmers.

A text is read whole first, as one *part*:

    part    = keyword | meeting | [position] [prefix] core [time]
    keyword = none words ("geen", "n.n.b.", "?") | ASAP words ("zsm", "spoed") | ongoing words
    meeting = [lead] ["volgend"] OT-word [van|op|in] (day | month) | (day | month) OT-word
    prefix  = uiterlijk | voor | op | in | tot | t/m | rond | ca. | deadline | ergens in | ...
    position= eind | begin | medio/half/midden | eerste helft | tweede helft
    core    = day | month | week | quarter | half year | year | season | school holiday
              | named day | span ("april/mei", "1-5 mei", "Q1 of Q2": the later one counts)

When the whole does not read, it is cut into parts at brackets, commas, semicolons, " - ",
": " and "maar", and the parts are combined: ASAP with one date or OT is that date, urgent
("ASAP, voor 15 juni", "zsm (uiterlijk eind mei)"); "volgend OT" or "OT mei" with a day is the
OT on that day ("volgende OT (12 juni)"); a day with the word OT is that OT ("24 april (OT)");
a remark ("(onder voorbehoud)", "(zie toelichting)", a weekday beside a date) changes nothing.
Anything else is UNREADABLE: the text is kept as written and nothing is guessed.

Rules that decide a day:
- Year rule: a day without a year is the next such day on or after `written`; "29 februari"
  rolls to the next leap year; an explicit year is kept, even in the past ("'27" is 2027).
- A period ends on its last day: a month, a quarter, a half year, a year, a season (voorjaar
  March-May, zomer June-August, najaar September-November, winter December-February), in its
  coming occurrence (the current one counts). A week ends on Friday.
- `begin`: the 10th of a month, the Tuesday of a week, the end of the first month of a longer
  period. `medio`/`half`/`midden`: the 15th of a month, the Wednesday of a week, the 15th of
  the middle month of a period of an odd number of months, the end of the first half of one
  of an even number ("medio 2027" is 30 June). `eerste helft`: the 15th of a month, else the
  end of the first half; `tweede helft`: the end.
- A school holiday (region Noord, domain/holidays.py) ends on its last day; "voor de
  herfstvakantie" is the last working day before it starts. A named day ("kerst", "Pasen",
  "Prinsjesdag") is that day; "voor de kerst" is the last working day before it.
- A time of day next to a day is ignored ("24 april 14:00", "vrijdagmiddag"); a time alone
  is unreadable (reason `has_time`). A date that cannot exist is unreadable (`invalid_date`).
- "na", "vanaf" and "niet voor" name a start, not a deadline: unreadable.
- A prefix changes nothing before a day ("vóór 1 mei" is 1 May); "voor" before a whole
  month, week, quarter or year means before it begins ("voor januari": 31 December), like
  "voor de zomer", unless that day has passed.
- A weekday written before a date must be that date's, else unreadable (`weekday_mismatch`).
- A period and its year may be joined by a dash or slash ("juni-2027", "2027/Q1"); of two
  periods ("april/mei") the later counts, the current one when it is current ("nov/dec").

dateparser (Dutch only) is a guarded last resort for plain dates such as "april 24" and is
imported only when that resort is reached (PITFALLS.md).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from domain.holidays import (
    NAMED_DAYS,
    SCHOOL_HOLIDAYS,
    is_working_day,
    last_working_day_before,
    named_day,
    school_holiday,
)
from domain.model import Deadline, DeadlineError, DeadlineKind
from domain.recurrence import next_due, parse_recurrence

__all__ = ["MAX_DEADLINE_LENGTH", "parse_deadline", "read_deadline"]

UNREADABLE = "unreadable"
INVALID_DATE = "invalid_date"
HAS_TIME = "has_time"
WEEKDAY_MISMATCH = "weekday_mismatch"

# No deadline is longer; dateparser's cost grows with the input.
MAX_DEADLINE_LENGTH = 100
BEGIN_DAY = 10  # "begin juni"
MIDDLE_DAY = 15  # "medio juni", "half juni"
WEEK_END = 4  # Friday (date.weekday()): the end of the working week
WEEK_BEGIN = 1  # Tuesday: "begin volgende week"
WEEK_MIDDLE = 2  # Wednesday: "midden volgende week"
YEARS_AHEAD = 9  # how far the year rule looks for a date that exists (29 February)


def _words(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split("|"))


# Keywords, after normalising (lower case, no accents, no dots after letters, no trailing "!").
_NONE_WORDS = _words(
    "geen|geen deadline|geen datum|geen termijn|nvt|nnb|ntb|nog niet bekend|nog onbekend",
    "onbekend|nader te bepalen|nog te bepalen|nader te bepalen|nog niet bepaald|ntb|tbd|tba",
    "pm|tzt|ter zijner tijd|te zijner tijd|volgt|ooit|x|nog geen|nog geen datum|open",
    "geen haast|nog te plannen|nader in te vullen|in overleg|nvt geen deadline",
    "datum volgt|volgt nog|nog in te plannen|nader te plannen|in te plannen|nnb nog",
)
_ASAP_WORDS = _words(
    "asap|zsm|zo snel mogelijk|zo spoedig mogelijk|zo snel als mogelijk|zo snel als kan",
    "zo spoedig als mogelijk|direct|per direct|nu|meteen|per omgaande|onmiddellijk|gelijk",
    "spoed|met spoed|spoedig|urgent|dringend|prio|hoge prio|hoge prioriteit|prio 1|per heden",
    "zsm graag|asap graag|graag zsm|graag asap|z s m|a s a p|asp|spoedeisend|heel snel",
)
_ONGOING_WORDS = _words(
    "continu proces|continue proces|continuproces|continu|continue|doorlopend",
    "doorlopend proces|loopt door|lopend|structureel|permanent|blijvend|altijd|steeds",
    "ongoing|voortdurend|doorlopende actie|continu aandacht|blijvend aandacht",
    "loopt|loopt nog|loopt al|lopende|lopend proces|doorlopend traject|continu traject",
)
# Parts that change nothing next to a reading: "24 april (onder voorbehoud)".
_REMARKS = _words(
    "ovb|onder voorbehoud|indicatief|streefdatum|streven|streefdoel|voorlopig|tentatief",
    "planning|verwacht|schatting|inschatting|globaal|ongeveer|ca|circa|tbc|harde deadline",
    "hard|deadline|uiterlijk|liefst eerder|graag eerder|of eerder|eerder mag ook",
    "eerder is beter|zie toelichting|zie update|zie hierboven|zie bijlage|zie boven",
    "onder voorbehoud van planning|nog te bevestigen|te bevestigen|datum volgt nog",
    "svp|aub|pls|please|graag|nog|in ieder geval|iig",
)

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "febr": 2, "feb": 2, "maart": 3, "mrt": 3,
    "maa": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "maandag": 0, "ma": 0, "dinsdag": 1, "di": 1, "woensdag": 2, "wo": 2, "woe": 2,
    "donderdag": 3, "do": 3, "don": 3, "vrijdag": 4, "vr": 4, "vrij": 4, "zaterdag": 5,
    "za": 5, "zat": 5, "zondag": 6, "zo": 6, "zon": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "veertien": 14,
}  # fmt: skip
_ORDINAL_WORDS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": 4}
# School holidays (region Noord) as written, and named days.
_HOLIDAY_NAMES = {
    "herfstvakantie": "herfst", "herfstreces": "herfst", "kerstvakantie": "kerst",
    "kerstreces": "kerst", "voorjaarsvakantie": "voorjaar", "krokusvakantie": "voorjaar",
    "carnavalsvakantie": "voorjaar", "meivakantie": "mei", "zomervakantie": "zomer",
    "zomerreces": "zomer", "zomerstop": "zomer", "grote vakantie": "zomer",
    "schoolvakantie": "*", "vakantie": "*", "vakantieperiode": "*",
}  # fmt: skip
_DAY_NAMES = {
    "kerst": "kerst", "kerstmis": "kerst", "de kerstdagen": "kerst", "kerstdagen": "kerst",
    "pasen": "pasen", "paasweekend": "pasen", "de paasdagen": "pasen", "paasdagen": "pasen",
    "hemelvaart": "hemelvaart", "hemelvaartsdag": "hemelvaart", "pinksteren": "pinksteren",
    "koningsdag": "koningsdag", "bevrijdingsdag": "bevrijdingsdag",
    "sinterklaas": "sinterklaas", "pakjesavond": "sinterklaas", "nieuwjaar": "nieuwjaar",
    "de jaarwisseling": "nieuwjaar", "jaarwisseling": "nieuwjaar", "oud en nieuw": "nieuwjaar",
    "oud nieuw": "nieuwjaar", "oud & nieuw": "nieuwjaar", "prinsjesdag": "prinsjesdag",
    "nieuwjaarsdag": "nieuwjaar", "oudjaar": "oudjaar", "oudejaarsdag": "oudjaar",
    "oudejaarsavond": "oudjaar", "1 kerstdag": "kerst", "eerste kerstdag": "kerst",
    "2 kerstdag": "tweede kerstdag", "tweede kerstdag": "tweede kerstdag",
    "feestdagen": "kerst", "de feestdagen": "kerst", "kerstperiode": "kerst",
}  # fmt: skip
assert set(_DAY_NAMES.values()) <= set(NAMED_DAYS)
assert set(_HOLIDAY_NAMES.values()) <= {*SCHOOL_HOLIDAYS, "*"}
# Seasons: the first month and the number of months.
_SEASONS = {
    "voorjaar": 3, "lente": 3, "zomer": 6, "najaar": 9, "herfst": 9, "winter": 12,
}  # fmt: skip
_SEASON_MONTHS = 3


def _alternation(words: dict[str, int] | dict[str, str] | frozenset[str]) -> str:
    # Longest first, so "februari" is tried before "feb".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_YEAR = r"(?:[12]\d{3}|'\d{2})"
_MONTH = rf"(?P<month>{_alternation(_MONTHS)})"
_WEEKDAY = rf"(?P<weekday>{_alternation(_WEEKDAYS)})"
_NUMBER = rf"(?P<n>\d{{1,3}}|{_alternation(_NUMBER_WORDS)})"
_COMING = r"(?:komende|volgende|aanstaande|aankomende|as|deze)"

_TIME_RES = (
    re.compile(r"\b(?:om|vanaf|tot|voor|rond) \d{1,2}(?:[:.]\d{2})?\s?(?:uur|u|h)?$"),
    re.compile(r"\btussen \d{1,2}(?:[:.]\d{2})?(?: en | ?- ?)\d{1,2}(?:[:.]\d{2})?(?: ?uur|u)?$"),
    re.compile(r"\b(?:om )?half \d{1,2}$"),
    re.compile(r"\b(?:eod|cob|einde dag|eind van de dag|einde van de dag)$"),
    re.compile(r"\b\d{1,2}(?:[:.]\d{2})? ?uur$"),
    re.compile(r"\b\d{1,2}[:.]\d{2}\s?u$"),
    re.compile(r"(?<![\d.\-/])\d{1,2}:\d{2}(?:\s*-\s*\d{1,2}:\d{2})?$"),
    re.compile(r"(?<![\d.\-/])(?:[01]?\d|2[0-3])\.[0-5]\d(?![.\d])$"),
    re.compile(r"\b\d{1,2}\s?(?:u|h)(?:\d{2})?$"),
    re.compile(r"\buur$"),
    re.compile(r"(?:^| )'s (?:ochtends|middags|avonds|morgens|nachts)$"),
    re.compile(r"(?<=[a-z])(?:ochtend|middag|avond|nacht)$"),
    re.compile(r" (?:in de )?(?:ochtend|middag|avond)$"),
)
# Prefixes that change nothing ("uiterlijk 1 mei" is 1 May); the longest are tried first.
_NEUTRAL_PREFIXES = (
    "uiterlijk op", "uiterlijk in", "uiterlijk", "ergens in de loop van", "in de loop van",
    "ergens in", "ergens", "graag voor", "liefst voor", "bij voorkeur voor", "het liefst voor",
    "streefdatum", "streven", "deadline", "voor", "op", "in", "tot", "tm", "rond", "rondom",
    "omstreeks", "ca", "circa", "ongeveer", "plusminus", "met", "in ieder geval",
    "in elk geval", "sowieso", "liefst", "bij voorkeur", "het liefst", "graag",
    "tijdens", "klaar voor", "gereed voor", "af voor", "uiterl", "ong", "tegen", "tussen",
    "nog", "iig",
)  # fmt: skip
_NEUTRAL_RE = re.compile(
    rf"(?:{'|'.join(re.escape(p) for p in sorted(_NEUTRAL_PREFIXES, key=len, reverse=True))})"
    r"(?:\s*:\s*|\s+)|(?:~|\+-)\s*"
)
# A prefix that means "before it starts" with a season, a holiday or a named day.
_BEFORE_PREFIXES = frozenset(
    {
        "voor",
        "graag voor",
        "liefst voor",
        "het liefst voor",
        "bij voorkeur voor",
        "klaar voor",
        "gereed voor",
        "af voor",
    }
)
_START_RE = re.compile(r"(?:na|vanaf|niet voor|niet eerder dan|pas na|na afloop van|sinds)\b")
_POSITION_RE = re.compile(
    r"(?:(?P<eind>(?:aan het |tegen het |het )?(?:eind|einde|uiteinde|laatste week|ultimo)"
    r"(?: van)?)"
    r"|(?P<firstweek>(?:de )?(?:eerste|1) week(?: van)?)"
    r"|(?P<begin>(?:aan het |het )?(?:begin|start|primo)(?: van)?)"
    r"|(?P<medio>medio|half|halverwege|midden|mid|in het midden van|halfweg)"
    r"|(?P<first>(?:de )?(?:eerste|1) helft(?: van)?)"
    r"|(?P<second>(?:de )?(?:tweede|2) helft(?: van)?))"
    r"\s+"
)

_MEETING_WORD = (
    r"(?:ot overleg|ot vergadering|ot bijeenkomst|ot sessie|ot meeting|ot|opgaveteam overleg"
    r"|opgaveteam|overleg|vergadering|bijeenkomst)"
)
_MEETING_LEAD = (
    r"(?:(?:in ieder geval|in elk geval|sowieso|liefst|graag|uiterlijk|voor|op|in|tijdens|bij"
    r"|tm|tot)\s+)*(?:(?:het|de)\s+)?"
)
_NEXT_MEETING_RE = re.compile(
    _MEETING_LEAD + r"(?:eerst|aan)?(?:volgend|volgende|komend|komende|eerstvolgend"
    rf"|eerstvolgende) {_MEETING_WORD}(?:\s*:\s*|\s+(?:van|op|in|op de|in de)\s+|\s+)?"
    r"(?P<rest>.*)"
)
_MEETING_RE = re.compile(
    _MEETING_LEAD + rf"{_MEETING_WORD}(?:\s*:\s*|\s+(?:van|op|in|op de|in de|van de)\s+|\s+)"
    r"(?P<rest>.+)"
)
_NEXT_TIME_RE = re.compile(_MEETING_LEAD + r"(?:eerst)?(?:volgende|komende) keer")
_MEETING_AFTER_RE = re.compile(rf"(?P<rest>.+?)(?:\s*-\s*|\s+){_MEETING_WORD}")
_MEETING_ALONE_RE = re.compile(_MEETING_LEAD + _MEETING_WORD)

_RELATIVE_DAYS = {
    "vandaag": 0, "vanochtend": 0, "vanmiddag": 0, "vanavond": 0, "vandaag nog": 0,
    "morgen": 1, "overmorgen": 2,
}  # fmt: skip
_OFFSET_RE = re.compile(
    r"(?:over|binnen(?: de)?|in(?: de komende)?|de komende|komende|uiterlijk over"
    r"|uiterlijk binnen) "
    rf"(?:(?P<half>een half|half)|{_NUMBER}(?:\s?(?:a|of|-|tot)\s?(?P<n2>\d{{1,2}}|"
    rf"{_alternation(_NUMBER_WORDS)}))?) ?"
    r"(?P<unit>dag|dagen|dgn|werkdag|werkdagen|week|weken|wk|wkn|maand|maanden|mnd|mnden"
    r"|jaar)(?: (?:na vandaag|vanaf nu|vanaf vandaag))?"
)
_WEEKDAY_RE = re.compile(rf"(?:{_COMING} )?{_WEEKDAY}(?: {_COMING})?")
_WEEKDAY_THIS_WEEK_RE = re.compile(
    rf"{_WEEKDAY} deze week|deze week (?P<weekday2>{_alternation(_WEEKDAYS)})"
)
_WEEKDAY_IN_WEEK_RE = re.compile(
    rf"{_WEEKDAY},? (?:in |van )?(?:week|wk)\s?(?P<week>\d{{1,2}})"
    rf"|(?:week|wk)\s?(?P<week2>\d{{1,2}}),? (?P<weekday2>{_alternation(_WEEKDAYS)})"
)
_DAY_OF_MONTH_RE = re.compile(r"de (?P<day>\d{1,2})")
_WEEKDAY_NEXT_WEEK_RE = re.compile(
    rf"(?:volgende week {_WEEKDAY}|(?P<weekday2>{_alternation(_WEEKDAYS)}) volgende week)"
)
_DAY_MONTH_RE = re.compile(
    rf"(?:(?P<wd>{_alternation(_WEEKDAYS)}) )?(?P<day>\d{{1,2}}) {_MONTH}(?: (?P<year>{_YEAR}))?"
    rf"(?: (?:aanstaande|as))?"
)
_NUMERIC_RE = re.compile(
    rf"(?:(?P<wd>{_alternation(_WEEKDAYS)}) )?"
    r"(?:(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})"
    r"(?:(?P=sep)(?P<year>[12]\d{3}|\d{2}))?"
    r"|(?P<iso_year>[12]\d{3})-(?P<iso_month>\d{1,2})-(?P<iso_day>\d{1,2}))"
)
_MONTH_RE = re.compile(
    rf"(?:(?:de |(?P<coming>komende|volgende|aanstaande|as) )?{_MONTH}"
    rf"(?:\s*(?P<year>{_YEAR})|\s(?:aanstaande|as))?"
    r"|(?P<mnum>0?[1-9]|1[0-2])[-/](?P<myear>[12]\d{3})"
    r"|(?:(?P<which>deze|de|volgende|komende|vorige) )?maand)"
)
_THIS_WEEK_RE = re.compile(r"(?:deze|de|dit|het) week|(?:het|dit) weekend|week")
_NEXT_WEEK_RE = re.compile(r"(?:de )?(?:volgende|komende|aankomende) week")
_ISO_WEEK_RE = re.compile(
    rf"(?:week|wk)\s?(?P<week>\d{{1,2}})(?:(?: van)? (?P<year>{_YEAR}))?"
    r"|(?P<ordinal>\d{1,2}) week"
)
_WEEK_SPAN_RE = re.compile(
    r"(?:week|wk)\s?(?P<first>\d{1,2})\s*(?:[-/]|\s(?:tm|tot|of|en)\s)\s*(?:week |wk\s?)?"
    rf"(?P<week>\d{{1,2}})(?:(?: van)? (?P<year>{_YEAR}))?"
)
_QUARTER_RE = re.compile(
    rf"(?:(?:q|kw|k)\s?(?P<q1>\d)|kwartaal (?P<q2>\d)|(?P<q3>\d|{_alternation(_ORDINAL_WORDS)})"
    rf" (?:kwartaal|kw))(?:(?: van)?\s*-?\s*(?P<year>{_YEAR}|\d{{2}}))?"
    r"|(?:(?P<which>dit|het|deze|volgend|volgende|komend|komende) )?kwartaal"
)
_HALF_RE = re.compile(
    r"(?:h(?P<h>\d)|(?P<n>1|2|eerste|tweede) (?:helft|halfjaar|half jaar))"
    rf"(?:(?: van)?(?: het)? (?:(?P<year>{_YEAR})|(?P<which>dit|volgend|komend) jaar))?"
)
_YEAR_RE = re.compile(
    rf"(?P<year>{_YEAR})|(?:(?:dit|het|huidig|huidige|lopend|lopende) )?jaar|jaareinde"
    r"|jaarwisseling"
    r"|(?:het )?(?P<next>volgend|komend|aankomend|volgende|komende|nieuwe|nieuw) jaar"
)
_SEASON_RE = re.compile(
    r"(?:(?:de|het) )?"
    r"(?:(?P<which>deze|dit|komende|komend|volgende|volgend|aankomende|aankomend) )?"
    rf"(?P<season>{_alternation(_SEASONS)})(?:(?: van)? (?P<year>{_YEAR}))?"
)
_HOLIDAY_RE = re.compile(
    rf"(?:(?:de|het) )?(?P<name>{_alternation(_HOLIDAY_NAMES)})(?: (?P<year>{_YEAR}))?"
)
_NAMED_DAY_RE = re.compile(
    rf"(?:(?:de|het) )?(?P<name>{_alternation(_DAY_NAMES)})(?: (?P<year>{_YEAR}))?"
)

_SPAN_SEPARATORS = re.compile(r"\s*/\s*|\s*-\s*|\s+(?:of|tm|tot|en|a)\s+")
_PART_SEPARATORS = re.compile(
    r"\s*[,;]\s*|(?<!\d)\s*/\s*|\s*/\s*(?!\d)|\s+-\s+|\s*:\s+|(?<=[a-z]):\s*"
    r"|\s+(?:maar|en)\s+(?=\S)"
)
_CONNECTOR_RE = re.compile(r"^(?:(?:maar|en|of|dus|-)\s*)+")
# Words that may stand before or after a reading without a separator: "zsm 7 mei",
# "1 mei ovb" (longest first).
_ATTACHED = sorted(
    (w for w in (*_ASAP_WORDS, *_REMARKS) if not w.isdigit()), key=len, reverse=True
)
_BRACKETS_RE = re.compile(r"\(([^()]*)\)")

# Words dateparser may see besides a day, a month, a year and a weekday.
_FALLBACK_FILLERS = frozenset({"de", "van"})
_FALLBACK_TOKEN_RE = re.compile(r"[a-z]+|\d+")


class _Unreadable(Exception):
    """A text that is no deadline; `reason` is the code the card explains."""

    def __init__(self, reason: str = UNREADABLE) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Span:
    """A stretch of days a core names: a day (first == last), a month, a holiday, ..."""

    first: date
    last: date
    unit: str  # day, week, month, months (quarter, season, year, span), holiday, named
    months: int = 1  # whole months in the stretch (for begin/medio)
    implicit_year: bool = False  # a month whose year the text did not say


@dataclass(frozen=True)
class _Reading:
    """What one part of a text says."""

    kind: DeadlineKind
    due: date | None = None
    month: date | None = None
    exact: bool = False
    remark: bool = False  # changes nothing next to another reading
    meeting_word: bool = False  # "OT" alone: next to a day, that day is an OT
    weekday: bool = False  # a weekday alone ("(vrijdag)"): a remark beside a date
    in_month: date | None = None  # a month alone ("januari"): beside "OT", the OT in it


# --- entry points ----------------------------------------------------------------------------


def read_deadline(text: str, written: date) -> Deadline:
    """Read a "Wanneer" text written on `written`; what cannot be read is kind UNREADABLE."""
    original = text.strip()
    if len(original) > MAX_DEADLINE_LENGTH:
        return Deadline(DeadlineKind.UNREADABLE, original, reason=UNREADABLE)
    core = _normalize(original)
    if not re.search(r"[a-z0-9]", core):
        # Empty, a dash, "?", "…": nothing written yet.
        return Deadline(DeadlineKind.NONE, original)
    recurring = _recurring(original, written)
    if recurring is not None:
        return recurring
    try:
        reading, urgent = _read(core, written)
    except _Unreadable as err:
        return Deadline(DeadlineKind.UNREADABLE, original, reason=err.reason)
    if reading.kind is DeadlineKind.ASAP:
        urgent = False  # ASAP is urgent by itself
    return Deadline(
        reading.kind,
        original,
        reading.due,
        urgent=urgent,
        month=reading.month,
        exact=reading.exact,
    )


def _recurring(original: str, written: date) -> Deadline | None:
    """Read "elke maand", "elk OT" (domain/recurrence.py): the first occurrence's due day.

    That is the rule's first due day after `written`, or the day of an exported
    "(volgende: 30 april 2027)" when it reads as one. "elk OT" is due at the next OT, like
    "volgend OT" (the caller ties it to the meeting). The text kept is the rule as written.
    """
    rec = parse_recurrence(original)
    if rec is None:
        return None
    hint: date | None = None
    if rec.next_text:
        told = read_deadline(rec.next_text, written)
        if told.kind in (DeadlineKind.DATE, DeadlineKind.MEETING) and not told.recurrence:
            hint = told.due
    if rec.is_meeting:
        return Deadline(DeadlineKind.MEETING, rec.text, hint, recurrence=rec.rule)
    due = hint or next_due(rec, written, is_working_day=is_working_day)
    return Deadline(DeadlineKind.DATE, rec.text, due, recurrence=rec.rule)


def parse_deadline(text: str, written: date) -> Deadline:
    """Read a "Wanneer" text written on `written`; raise DeadlineError when it cannot be read."""
    deadline = read_deadline(text, written)
    if deadline.kind is DeadlineKind.UNREADABLE:
        raise DeadlineError(deadline.text, deadline.reason)
    return deadline


# --- normalising and cutting into parts -----------------------------------------------------


def _normalize(text: str) -> str:
    # Fold accents ("vóór", "één"), case, dots after letters ("z.s.m.", "do."), dashes and
    # quotes, runs of whitespace; then drop punctuation around the whole text.
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = re.sub(r"[\u2018\u2019\u201b\u0060\u00b4]", "'", folded)
    folded = re.sub(r"[\u2010-\u2015\u2212]", "-", folded)
    folded = folded.replace("\u00b1", "+-").replace("\u2026", "...")
    folded = re.sub(r"\btot en met\b|\bt/m\b|\bt\.m\.?", "tm", folded)
    folded = re.sub(r"(?<=[a-z])\.", "", folded)
    folded = re.sub(
        r"\b(ot|opgaveteam)\s*-\s*(?=overleg|vergadering|bijeenkomst|meeting)", r"\1 ", folded
    )
    folded = re.sub(r"\bv/d\b|\bvd\b", "van de", folded)
    folded = re.sub(r"(?:^|(?<= ))'?t(?= )", "het", folded)  # "voor 't weekend"
    folded = re.sub(r"(?<=\d) *([-/]) *(?=\d)", r"\1", folded)  # "24 -4" is "24-4"
    folded = re.sub(r"\b(ot)(?=\d)", r"\1 ", folded)  # "OT24 april"
    folded = re.sub(r"\s+", " ", folded)
    folded = folded.strip(' .;:!?"*_[]')
    folded = re.sub(r"[!?]+", "", folded).strip()
    # Ordinals: "24e april", "1ste mei", "2de kwartaal".
    return re.sub(r"\b(\d{1,2})(?:e|ste|de)\b", r"\1", folded)


def _read(core: str, written: date) -> tuple[_Reading, bool]:
    """Read a normalised text: whole, or as parts combined. Return the reading and urgency."""
    try:
        reading = _read_part(core, written)
    except _Unreadable as whole_error:
        parts = _parts(core)
        if parts == [core]:
            raise
        try:
            readings = [_read_part(part, written) for part in parts]
        except _Unreadable:
            raise whole_error from None
        return _combine(readings, whole_error)
    if reading.remark or reading.meeting_word:
        raise _Unreadable
    return reading, False


def _parts(core: str) -> list[str]:
    """Cut a text at brackets, commas, semicolons, " - ", ": " and "maar"."""
    rest = _BRACKETS_RE.sub(",", core)
    pieces = [*_PART_SEPARATORS.split(rest), *_BRACKETS_RE.findall(core)]
    parts: list[str] = []
    for piece in pieces:
        piece = _CONNECTOR_RE.sub("", piece.strip(" .()[]")).strip(" .()[]-")
        if piece:
            parts.extend(_attached(piece))
    return parts


def _attached(piece: str) -> list[str]:
    """Cut an ASAP word or a remark off either end of a part: "zsm 7 mei", "1 mei ovb"."""
    if piece in _ASAP_WORDS or piece in _REMARKS:
        return [piece]
    for word in _ATTACHED:
        if piece.startswith(word + " "):
            return [word, *_attached(piece[len(word) + 1 :])]
        if piece.endswith(" " + word):
            return [*_attached(piece[: -len(word) - 1]), word]
    return [piece]


def _combine(readings: list[_Reading], whole_error: _Unreadable) -> tuple[_Reading, bool]:
    """Combine the readings of the parts of one text (see the module docstring)."""
    kept = [r for r in readings if not r.remark]
    asap = [r for r in kept if r.kind is DeadlineKind.ASAP]
    words = [r for r in kept if r.meeting_word]
    dated = [r for r in kept if r.kind in (DeadlineKind.DATE, DeadlineKind.MEETING)]
    dated_days = [r for r in dated if not r.weekday]
    if dated_days:
        # A weekday beside a date is a remark: "24 april (vrijdag)".
        dated = dated_days
    others = [
        r
        for r in kept
        if r not in asap
        and r not in words
        and r.kind not in (DeadlineKind.DATE, DeadlineKind.MEETING)
    ]
    if others:
        if not dated and not asap and not words:
            # "doorlopend (zie toelichting)"; "n.v.t. - doorlopend": ongoing wins over none.
            kinds = {r.kind for r in others}
            if kinds <= {DeadlineKind.NONE, DeadlineKind.ONGOING}:
                ongoing = DeadlineKind.ONGOING in kinds
                return _Reading(DeadlineKind.ONGOING if ongoing else DeadlineKind.NONE), False
        raise whole_error
    urgent = bool(asap)
    if not dated:
        if asap and not words:
            return _Reading(DeadlineKind.ASAP), False
        raise whole_error
    meetings = [r for r in dated if r.kind is DeadlineKind.MEETING]
    days = [r for r in dated if r.kind is DeadlineKind.DATE]
    if len(meetings) > 1 or len({r.due for r in days}) > 1:
        raise whole_error  # two different deadlines: do not choose
    if meetings:
        meeting = meetings[0]
        if not days:
            return meeting, urgent
        day = days[0]
        if day.in_month is not None and meeting.due is None and meeting.month is None:
            return _Reading(DeadlineKind.MEETING, month=day.in_month), urgent  # "volgend OT (mei)"
        if not day.exact:
            raise whole_error
        if meeting.due is None and meeting.month is None:  # "volgend OT (12 juni)"
            return _Reading(DeadlineKind.MEETING, day.due, exact=True), urgent
        if meeting.month is not None and day.due is not None:  # "OT mei (20 mei)"
            if (day.due.year, day.due.month) == (meeting.month.year, meeting.month.month):
                return _Reading(DeadlineKind.MEETING, day.due, exact=True), urgent
            raise whole_error
        if meeting.due == day.due:
            return meeting, urgent
        raise whole_error
    day = days[0]
    if words:
        if day.in_month is not None:
            return _Reading(DeadlineKind.MEETING, month=day.in_month), urgent  # "mei (OT)"
        if not day.exact:
            raise whole_error
        return _Reading(DeadlineKind.MEETING, day.due, exact=True), urgent  # "24 april (OT)"
    return day, urgent


# --- one part --------------------------------------------------------------------------------


def _read_part(part: str, written: date) -> _Reading:
    """Read one part: a keyword, a meeting, a remark, or a [position] [prefix] core."""
    keyword = _keyword(part)
    if keyword is not None:
        return keyword
    if part in _REMARKS:
        return _Reading(DeadlineKind.NONE, remark=True)
    if _MEETING_ALONE_RE.fullmatch(part):
        if re.search(r"\b(?:het|de)\b", part):
            # "voor het OT", "op de vergadering": the coming one, as "volgend OT".
            return _Reading(DeadlineKind.MEETING)
        return _Reading(DeadlineKind.MEETING, meeting_word=True)  # "OT" alone: maybe a Wie
    meeting = _meeting(part, written)
    if meeting is not None:
        return meeting
    span, due = _dated(part, written)
    exact = span.unit == "day" and span.first == due
    weekday = bool(_WEEKDAY_RE.fullmatch(part))
    in_month = span.first if span.unit == "month" and due == span.last else None
    return _Reading(DeadlineKind.DATE, due, exact=exact, weekday=weekday, in_month=in_month)


def _keyword(part: str) -> _Reading | None:
    squeezed = part.replace(" ", "")
    for words, kind in (
        (_NONE_WORDS, DeadlineKind.NONE),
        (_ASAP_WORDS, DeadlineKind.ASAP),
        (_ONGOING_WORDS, DeadlineKind.ONGOING),
    ):
        if part in words or squeezed in words:
            return _Reading(kind)
    return None


def _meeting(part: str, written: date) -> _Reading | None:
    """Read "OT 24 april", "het OT in mei", "volgend OT", "24 april OT"; None if no OT."""
    if _NEXT_TIME_RE.fullmatch(part):
        return _Reading(DeadlineKind.MEETING)  # "voor de volgende keer": the next OT
    if match := _NEXT_MEETING_RE.fullmatch(part):
        rest = match["rest"].strip()
        if not rest:
            return _Reading(DeadlineKind.MEETING)
        day = _meeting_day(rest, written)  # "volgend OT: 12 juni"
        if day is None or day.due is None:
            raise _Unreadable
        return day
    match = _MEETING_RE.fullmatch(part) or _MEETING_AFTER_RE.fullmatch(part)
    if match is None:
        return None
    reading = _meeting_day(match["rest"].strip(), written)
    if reading is None:
        raise _Unreadable  # a meeting is one day: "OT week 17" names none
    return reading


def _meeting_day(rest: str, written: date) -> _Reading | None:
    """Read the day or month of a meeting; None when it names neither."""
    day = _day_with_time(rest, written)
    if day is not None:
        return _Reading(DeadlineKind.MEETING, day, exact=True)
    month = _MONTH_RE.fullmatch(rest)
    if month is not None and month["which"] != "vorige":
        span = _month_span(month, written)
        return _Reading(DeadlineKind.MEETING, month=span.first)
    return None


def _dated(part: str, written: date) -> tuple[_Span, date]:
    """Read "[position] [prefix] core": return the core's span and the day it is due."""
    if _START_RE.match(part):
        raise _Unreadable  # "na de zomer", "vanaf 1 mei": a start, no deadline
    before = False
    position = ""
    text = part
    while True:
        if match := _POSITION_RE.match(text):
            if position:
                raise _Unreadable
            position = next(name for name, value in match.groupdict().items() if value)
            text = text[match.end() :]
            continue
        if _OFFSET_RE.fullmatch(text):
            break  # "in 2 weken", "binnen de 2 weken": the prefix is part of the offset
        if match := _NEUTRAL_RE.match(text):
            before = before or match.group().strip(" :") in _BEFORE_PREFIXES
            text = text[match.end() :]
            continue
        break
    if not text:
        raise _Unreadable
    if not position and text in ("week", "maand", "jaar"):
        raise _Unreadable  # "eind jaar" reads, "jaar" alone does not
    if year_first := re.fullmatch(r"([12]\d{3}) ([a-z].*)", text):
        text = f"{year_first[2]} {year_first[1]}"  # "2027 Q1" is "Q1 2027"
    span = _core(text, written, before)
    if before and not position and span.unit in ("month", "months", "week"):
        # "voor september", "voor Q2", "voor 2027": before it begins, as "voor de zomer".
        due = _before(span.first)
        if due >= written:
            return _Span(due, due, "event"), due
    due = _position(span, position, written)
    if due < written and span.implicit_year:
        # "begin maart" written on 18 March, "begin Q4" in December: the year rule for that
        # day gives next year's.
        span = replace(
            span,
            first=_add_years(span.first, 1),
            last=_month_last(span.last.year + 1, span.last.month),
        )
        due = _position(span, position, written)
    return span, due


def _position(span: _Span, position: str, written: date) -> date:
    """Apply "eind", "begin", "medio", "eerste/tweede helft" to a span."""
    if span.unit in ("day", "days", "event") and position:
        raise _Unreadable  # "eind 24 april"
    if not position or position in ("eind", "second"):
        return span.last
    if position == "firstweek":
        if span.unit != "month":
            position = "begin"
        else:
            # The Friday of the month's first week: the week that holds its 4th (as ISO).
            fourth = span.first.replace(day=4)
            return fourth - timedelta(days=fourth.weekday()) + timedelta(days=WEEK_END)
    if span.unit == "week":
        monday = span.first - timedelta(days=span.first.weekday())
        return monday + timedelta(days=WEEK_BEGIN if position == "begin" else WEEK_MIDDLE)
    if span.unit in ("holiday", "named"):
        if position == "begin":
            return span.first
        return span.first + (span.last - span.first) // 2
    if span.months == 1:
        return span.first.replace(day=BEGIN_DAY if position == "begin" else MIDDLE_DAY)
    if position == "begin":
        return _month_last(span.first.year, span.first.month)
    if position in ("medio", "first") and span.months % 2 == 1:
        middle = _add_months(span.first, span.months // 2)
        return middle.replace(day=MIDDLE_DAY)
    half = _add_months(span.first, span.months // 2 - 1)
    return _month_last(half.year, half.month)


# --- cores -----------------------------------------------------------------------------------


def _core(text: str, written: date, before: bool) -> _Span:
    """Read the core of a part: a day, a period, a holiday, or a span of two of them."""
    if before:
        event = _event_before(text, written)
        if event is not None:
            return event
    day = _day_with_time(text, written)
    if day is not None:
        return _Span(day, day, "day")
    for reader in _PERIOD_READERS:
        span = reader(text, written)
        if span is not None:
            return span
    span = _span_of_two(text, written)
    if span is not None:
        return span
    day = _dateparser_date(text, written)
    if day is not None:
        return _Span(day, day, "day")
    raise _Unreadable


def _day_with_time(text: str, written: date) -> date | None:
    """Read a day, ignoring a time of day after it ("24 april 14:00", "vrijdagmiddag")."""
    if re.fullmatch(r"(?:[01]?\d|2[0-3])\.[0-5]\d", text):
        raise _Unreadable(HAS_TIME)  # "12.05" is a clock time before it is 12 May
    day = _day(text, written)
    if day is not None:
        return day
    stripped = text
    for _ in range(3):
        for pattern in _TIME_RES:
            match = pattern.search(stripped)
            if match:
                stripped = stripped[: match.start()].strip(" ,-")
                break
        else:
            break
    if stripped == text:
        return None
    if not stripped:
        raise _Unreadable(HAS_TIME)
    day = _day(stripped, written)
    if day is None:
        raise _Unreadable(HAS_TIME)
    return day


def _day(core: str, written: date) -> date | None:
    """Return the day a day-precise text names, or None when it names no single day."""
    if core in _RELATIVE_DAYS:
        return written + timedelta(days=_RELATIVE_DAYS[core])
    if match := _OFFSET_RE.fullmatch(core):
        if match["half"]:  # "binnen een half jaar"
            if match["unit"] != "jaar":
                return None
            return _offset(written, 6, "maand")
        amount = _number(match["n2"] or match["n"])  # "binnen 2 a 3 weken": the later
        return _offset(written, amount, match["unit"])
    if match := _WEEKDAY_THIS_WEEK_RE.fullmatch(core):
        return _monday(written) + timedelta(days=_WEEKDAYS[match["weekday"] or match["weekday2"]])
    if match := _WEEKDAY_IN_WEEK_RE.fullmatch(core):
        week = int(match["week"] or match["week2"])
        weekday = _WEEKDAYS[match["weekday"] or match["weekday2"]]
        friday = _iso_week_end(week, None, written - timedelta(days=6))
        return friday - timedelta(days=WEEK_END - weekday)
    if match := _DAY_OF_MONTH_RE.fullmatch(core):
        # "de 15e": the next 15th of a month, on or after the day written.
        day = int(match["day"])
        first = written.replace(day=1)
        for step in range(13):
            month = _add_months(first, step)
            if day <= _month_last(month.year, month.month).day and (
                month.replace(day=day) >= written
            ):
                return month.replace(day=day)
        raise _Unreadable(INVALID_DATE)
    if match := _WEEKDAY_NEXT_WEEK_RE.fullmatch(core):
        weekday = _WEEKDAYS[match["weekday"] or match["weekday2"]]
        return _monday(written) + timedelta(days=7 + weekday)
    if match := _WEEKDAY_RE.fullmatch(core):
        ahead = (_WEEKDAYS[match["weekday"]] - written.weekday()) % 7 or 7
        return written + timedelta(days=ahead)
    if match := _DAY_MONTH_RE.fullmatch(core):
        found = _day_in_year(int(match["day"]), _MONTHS[match["month"]], match["year"], written)
        return _same_weekday(found, match["wd"])
    if match := _NUMERIC_RE.fullmatch(core):
        if match["iso_year"]:
            return _exact(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
        found = _day_in_year(int(match["day"]), int(match["month"]), match["year"], written)
        return _same_weekday(found, match["wd"])
    return None


def _same_weekday(day: date, weekday: str | None) -> date:
    """A weekday written before a date must be that date's ("vrijdag 10 december" on a
    Thursday is unreadable: the writer may mean Friday 11th or Thursday 10th)."""
    if weekday is not None and _WEEKDAYS[weekday] != day.weekday():
        raise _Unreadable(WEEKDAY_MISMATCH)
    return day


def _month_core(text: str, written: date) -> _Span | None:
    match = _MONTH_RE.fullmatch(text)
    return _month_span(match, written) if match else None


def _month_span(match: re.Match[str], written: date) -> _Span:
    implicit = False
    year: int | None
    if match["mnum"]:  # "06-2027"
        month, year = int(match["mnum"]), int(match["myear"])
    elif match["month"]:
        month, year = _MONTHS[match["month"]], _year(match["year"])
        if year is None:
            # The coming occurrence; the current month counts.
            year = written.year if month >= written.month else written.year + 1
            implicit = True
    else:
        # "deze maand", "de maand", "volgende maand": counted from the written month.
        if match["which"] == "vorige":
            raise _Unreadable
        step = 1 if match["which"] in ("volgende", "komende") else 0
        first = _add_months(written.replace(day=1), step)
        month, year = first.month, first.year
    return _Span(date(year, month, 1), _month_last(year, month), "month", 1, implicit)


def _week_core(text: str, written: date) -> _Span | None:
    if _THIS_WEEK_RE.fullmatch(text):
        monday = _monday(written)
        friday = monday + timedelta(days=WEEK_END)
        if friday < written:  # on a Saturday or Sunday: this week's Sunday
            return _Span(monday, monday + timedelta(days=6), "week")
        return _Span(monday, friday, "week")
    if _NEXT_WEEK_RE.fullmatch(text):
        monday = _monday(written) + timedelta(days=7)
        return _Span(monday, monday + timedelta(days=WEEK_END), "week")
    match = _WEEK_SPAN_RE.fullmatch(text) or _ISO_WEEK_RE.fullmatch(text)
    if match:
        if match.groupdict().get("ordinal"):
            raise _Unreadable  # "2 week": no week number
        week = int(match["week"])
        if match.groupdict().get("first") and int(match["first"]) > week:
            # "week 52/1": the first week of the year after.
            left = _iso_week_end(int(match["first"]), None, written)
            friday = _iso_week_end(week, None, left)
            return _Span(friday - timedelta(days=WEEK_END), friday, "week")
        friday = _iso_week_end(week, _year(match["year"]), written)
        return _Span(friday - timedelta(days=WEEK_END), friday, "week")
    return None


def _quarter_core(text: str, written: date) -> _Span | None:
    match = _QUARTER_RE.fullmatch(text)
    if match is None:
        return None
    current = (written.month - 1) // 3 + 1
    raw = match["q1"] or match["q2"] or match["q3"]
    if not raw:  # "dit kwartaal", "volgend kwartaal", "einde kwartaal"
        step = 1 if (match["which"] or "").startswith(("volgend", "komend")) else 0
        index = written.year * 4 + current - 1 + step
        year, quarter = index // 4, index % 4 + 1
    else:
        quarter = _ORDINAL_WORDS.get(raw) or int(raw)
        if not 1 <= quarter <= 4:
            raise _Unreadable(INVALID_DATE)
        explicit = _year(match["year"])
        year = explicit if explicit is not None else written.year + (quarter < current)
    first = date(year, 3 * quarter - 2, 1)
    implicit = bool(raw) and match["year"] is None
    return _Span(first, _month_last(year, 3 * quarter), "months", 3, implicit)


def _half_core(text: str, written: date) -> _Span | None:
    match = _HALF_RE.fullmatch(text)
    if match is None:
        return None
    raw = match["h"] or match["n"]
    half = 1 if raw in ("1", "eerste") else 2 if raw in ("2", "tweede") else 0
    if not half:
        raise _Unreadable(INVALID_DATE)
    year = _year(match["year"])
    if year is None:
        if match["which"]:
            year = written.year + (match["which"] != "dit")
        else:
            year = written.year + (half == 1 and written.month > 6)
    first = date(year, 6 * half - 5, 1)
    implicit = match["year"] is None and not match["which"]
    return _Span(first, _month_last(year, 6 * half), "months", 6, implicit)


def _year_core(text: str, written: date) -> _Span | None:
    match = _YEAR_RE.fullmatch(text)
    if match is None:
        return None
    year = _year(match["year"])
    if year is None:
        year = written.year + (1 if match["next"] else 0)
    return _Span(date(year, 1, 1), date(year, 12, 31), "months", 12)


def _season_core(text: str, written: date) -> _Span | None:
    match = _SEASON_RE.fullmatch(text)
    if match is None:
        return None
    first_month = _SEASONS[match["season"]]
    explicit = _year(match["year"])
    if explicit is not None:
        return replace(_season(explicit, first_month), implicit_year=False)
    # The coming occurrence: the current one counts ("deze", "komende"); "volgende" is the
    # first that has not begun yet.
    for year in range(written.year - 1, written.year + 2):
        span = _season(year, first_month)
        which = match["which"] or ""
        if which.startswith("volgend"):
            if span.first > written:
                return span
        elif span.last >= written:
            return span
    raise _Unreadable  # not reached: a season recurs every year


def _season(year: int, first_month: int) -> _Span:
    first = date(year, first_month, 1)
    last_month = _add_months(first, _SEASON_MONTHS - 1)
    return _Span(first, _month_last(last_month.year, last_month.month), "months", 3, True)


def _holiday_core(text: str, written: date) -> _Span | None:
    """A school holiday as a period: "in de herfstvakantie" ends on its last day."""
    match = _HOLIDAY_RE.fullmatch(text)
    if match is None:
        return None
    first, last = _holiday(match["name"], _year(match["year"]), written, lambda f, last: last)
    return _Span(first, last, "holiday")


def _named_day_core(text: str, written: date) -> _Span | None:
    """A named day ("kerst", "Pasen", "Prinsjesdag") in its coming occurrence."""
    match = _NAMED_DAY_RE.fullmatch(text)
    if match is None:
        return None
    name = _DAY_NAMES[match["name"]]
    explicit = _year(match["year"])
    years = [explicit] if explicit is not None else range(written.year, written.year + 2)
    for year in years:
        day = named_day(name, year)
        if day >= written or explicit is not None:
            return _Span(day, day, "named")
    raise _Unreadable  # not reached


def _event_before(text: str, written: date) -> _Span | None:
    """ "voor de herfstvakantie", "voor de kerst", "voor de zomer": the last working day
    before the holiday starts, in its coming occurrence."""
    text = re.sub(r"^(?:de|het) ", "", text)
    summer = re.fullmatch(rf"zomer(?:periode)?(?: van)?(?P<year> {_YEAR})?", text)
    if summer:  # "voor de zomer" is before the summer holiday, as offices say it
        text = "zomervakantie" + (summer["year"] or "")
    season = _SEASON_RE.fullmatch(text)
    if season is not None:
        # A season: the last working day before it begins ("voor het najaar": 31 August).
        first_month = _SEASONS[season["season"]]
        explicit = _year(season["year"])
        years = [explicit] if explicit is not None else range(written.year, written.year + 2)
        for year in years:
            due = _before(date(year, first_month, 1))
            if due >= written or explicit is not None:
                return _Span(due, due, "event")
    match = _HOLIDAY_RE.fullmatch(text)
    if match is not None:
        first, _last = _holiday(
            match["name"], _year(match["year"]), written, lambda f, last: _before(f)
        )
        due = _before(first)
        return _Span(due, due, "event")
    match = _NAMED_DAY_RE.fullmatch(text)
    if match is not None:
        name = _DAY_NAMES[match["name"]]
        explicit = _year(match["year"])
        years = [explicit] if explicit is not None else range(written.year, written.year + 2)
        for year in years:
            due = _before(named_day(name, year))
            if due >= written or explicit is not None:
                return _Span(due, due, "event")
    return None


def _before(day: date) -> date:
    return last_working_day_before(day)


def _holiday(
    name: str, year: int | None, written: date, due_of: Callable[[date, date], date]
) -> tuple[date, date]:
    """Return the first and last day of the coming school holiday `name` (region Noord).

    "vakantie" alone is whichever school holiday comes first. The coming one is the first
    whose due day (`due_of(first, last)`) is on or after `written`.
    """
    key = _HOLIDAY_NAMES[name]
    names = SCHOOL_HOLIDAYS if key == "*" else (key,)
    candidates = []
    for school_year in range(written.year - 1, written.year + 2):
        for holiday in names:
            first, last = school_holiday(holiday, school_year)
            if year is not None and first.year != year:
                continue  # "kerstvakantie 2026" is the one that begins in December 2026
            candidates.append((first, last))
    candidates.sort()
    for first, last in candidates:
        if due_of(first, last) >= written or year is not None:
            return first, last
    raise _Unreadable


def _span_of_two(text: str, written: date) -> _Span | None:
    """ "april/mei", "juni-juli", "1-5 mei", "eind april/begin mei": due when the later one is."""
    pieces = _SPAN_SEPARATORS.split(text)
    if len(pieces) != 2 or not all(pieces):
        return None
    left_text, right_text = pieces
    # "juni-2027", "2027-Q1": one period and its year, not two periods.
    if re.fullmatch(_YEAR, right_text) and not re.fullmatch(rf"{_YEAR}|\d+", left_text):
        return _core_or_none(f"{left_text} {right_text}", written)
    if re.fullmatch(r"[12]\d{3}", left_text) and not re.fullmatch(rf"{_YEAR}|\d+", right_text):
        return _core_or_none(f"{right_text} {left_text}", written)
    try:
        right, right_due = _dated(right_text, written)
    except _Unreadable:
        return None
    if _POSITION_RE.match(left_text + " "):
        # "medio/eind mei": two positions in one month, due at the later.
        return _Span(right_due, right_due, "event")
    year = re.search(rf"(?<![\d'])({_YEAR})$", right_text)
    if year and not re.search(_YEAR, left_text) and not left_text.isdigit():
        # "november/december 2026": the year written once belongs to both.
        left_text = f"{left_text} {year.group(1)}"
    if left_text.isdigit() and right.unit == "day":
        # "1-5 mei": the first day takes the month and year of the second.
        try:
            left_day = right.first.replace(day=int(left_text))
        except ValueError:
            raise _Unreadable(INVALID_DATE) from None
        if left_day >= right.first:
            raise _Unreadable
        return _Span(left_day, right.last, "days")
    try:
        left, left_due = _dated(left_text, written)
    except _Unreadable:
        return None
    if right_due < left_due:
        if re.search(_YEAR, right_text):
            raise _Unreadable  # "2028/2027"
        if re.search(_YEAR, left_text) or right_due < written:
            right_due = _add_years(right_due, 1)  # "december/januari": the January after
        # else "nov/dec" written in December: the current December, November before it
    first = min(left.first, left_due)
    months = (right_due.year - first.year) * 12 + right_due.month - first.month + 1
    return _Span(first, right_due, "months", max(months, 1))


def _core_or_none(text: str, written: date) -> _Span | None:
    """Read a core (no position, no prefix), or None when it is none."""
    try:
        return _core(text, written, before=False)
    except _Unreadable:
        return None


_PERIOD_READERS: tuple[Callable[[str, date], _Span | None], ...] = (
    _month_core,
    _week_core,
    _quarter_core,
    _half_core,
    _year_core,
    _season_core,
    _holiday_core,
    _named_day_core,
)


# --- calendar arithmetic ---------------------------------------------------------------------


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    if raw.startswith("'"):
        return 2000 + int(raw[1:])
    if len(raw) == 2:
        return 2000 + int(raw)
    return int(raw)


def _day_in_year(day: int, month: int, year: str | None, written: date) -> date:
    explicit = _year(year)
    if explicit is not None:
        return _exact(explicit, month, day)
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise _Unreadable(INVALID_DATE)  # 2000 is a leap year: only days that never exist
    for candidate_year in range(written.year, written.year + YEARS_AHEAD):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue  # 29 February outside a leap year
        if candidate >= written:
            return candidate
    raise _Unreadable(INVALID_DATE)


def _exact(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Unreadable(INVALID_DATE) from None


def _iso_week_end(week: int, year: int | None, written: date) -> date:
    if not 1 <= week <= 53:
        raise _Unreadable(INVALID_DATE)
    if year is not None:
        try:
            return date.fromisocalendar(year, week, WEEK_END + 1)
        except ValueError:
            raise _Unreadable(INVALID_DATE) from None  # a year without week 53
    first_year = written.isocalendar().year
    for candidate_year in range(first_year, first_year + YEARS_AHEAD):
        try:
            candidate = date.fromisocalendar(candidate_year, week, WEEK_END + 1)
        except ValueError:
            continue
        if candidate >= written:
            return candidate
    raise _Unreadable(INVALID_DATE)


def _offset(written: date, amount: int, unit: str) -> date:
    if unit in ("dag", "dagen", "dgn"):
        return written + timedelta(days=amount)
    if unit == "jaar":
        return _add_years(written, amount)
    if unit in ("werkdag", "werkdagen"):
        day = written
        for _ in range(amount):
            day += timedelta(days=1)
            while not is_working_day(day):
                day += timedelta(days=1)
        return day
    if unit in ("week", "weken", "wk", "wkn"):
        return written + timedelta(weeks=amount)
    moved = _add_months(written.replace(day=1), amount)
    return moved.replace(day=min(written.day, _month_last(moved.year, moved.month).day))


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _add_years(day: date, years: int) -> date:
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _number(raw: str) -> int:
    return _NUMBER_WORDS[raw] if raw in _NUMBER_WORDS else int(raw)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _dateparser_date(core: str, written: date) -> date | None:
    """Read a plain date the rules missed ("april 24") with dateparser, or return None."""
    tokens = _FALLBACK_TOKEN_RE.findall(core)
    months = [token for token in tokens if token in _MONTHS]
    days = [token for token in tokens if token.isdigit() and len(token) <= 2]
    years = [token for token in tokens if token.isdigit() and len(token) == 4]
    weekdays = [token for token in tokens if token in _WEEKDAYS]
    fillers = [token for token in tokens if token in _FALLBACK_FILLERS]
    # Only one day and one month, maybe a weekday first and a year last, may reach dateparser:
    # a sentence that contains a date ("na overleg met April de Vries") is not a deadline,
    # and dateparser reads a heap of numbers ("13 24 november") as some date.
    shape = (len(months), len(days), len(years), len(weekdays))
    if shape[:2] != (1, 1) or shape[2] > 1 or shape[3] > 1:
        return None
    if len(tokens) != sum(shape) + len(fillers):
        return None
    if (weekdays and tokens[0] != weekdays[0]) or (years and tokens[-1] != years[0]):
        return None

    from dateparser.date import DateDataParser  # costs ~55 ms: only when needed

    settings = {
        "RELATIVE_BASE": datetime.combine(written, time(12, 0)),
        "TIMEZONE": "Europe/Amsterdam",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month"],
    }
    data = DateDataParser(languages=["nl"], settings=settings).get_date_data(core)
    found = data.date_obj
    # A relative reading keeps the base time (noon); an absolute date comes back at midnight.
    if found is None or data.period != "day" or found.time() != time(0, 0):
        return None
    # Accept only the date the tokens name; dateparser may not invent any part of it.
    if (found.day, found.month) != (int(days[0]), _MONTHS[months[0]]):
        return None
    if years:
        return found.date() if found.year == int(years[0]) else None
    # dateparser chose the year: decide it ourselves (PITFALLS.md).
    return _day_in_year(found.day, found.month, None, written)
