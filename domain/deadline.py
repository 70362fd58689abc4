"""Read the "Wanneer" column of the actielijst: Dutch deadline text to a `Deadline`.

Everything is relative to `written`, the local (Europe/Amsterdam) date on which the action was
agreed. The function is pure: no clock, no I/O. A Dutch rule layer reads every form the team
uses; dateparser (Dutch only) is a guarded last resort for other plain dates such as
"april 24", and is imported only when that resort is reached.

Decisions (see DOMAIN.md, "What Wanneer means", and PITFALLS.md, "dateparser"):

- Year rule: a day without a year is the next such day on or after `written` ("24 april"
  written on 24 April is that same day; written on 25 April it is next year). "29 februari"
  rolls to the next leap year. An explicit year is kept, even when it is in the past.
- A month alone ("april", "eind mei", "eind van de maand") is the last day of that month, in
  its coming occurrence; the current month counts. "begin <maand>" is the 10th and
  "medio"/"half"/"halverwege"/"midden <maand>" the 15th; without a year they follow the year
  rule for that day ("begin maart" written on 18 March is 10 March next year).
- A weekday alone ("vrijdag", "komende vrijdag", "volgende vrijdag", "aanstaande vrijdag") is
  the first such day strictly after `written`: "vrijdag" written on a Friday is a week later.
  "volgende week vrijdag" is the Friday of the next ISO week.
- Weeks end on Friday, the end of the working week: "volgende week" is the Friday of the next
  ISO week, "week 17" the Friday of ISO week 17 (the coming one), "deze week" this week's
  Friday (on a Saturday or Sunday, when that Friday has passed: this week's Sunday).
- "Q2"/"2e kwartaal" is the last day of the quarter (the current quarter counts); "eind dit
  jaar"/"eind van het jaar" is 31 December; "eind 2028" or "2028" is 31 December 2028.
- "over 2 weken"/"over twee weken"/"binnen 2 weken" add days, weeks or months to `written`
  (a month keeps the day of the month, capped at the month's last day).
- "uiterlijk", "voor"/"vóór", "op", "in", "tot (en met)", "t/m" and "deadline:" in front
  change nothing: "vóór 1 mei" is 1 May.
- A weekday written in front of a date ("do 24 april") is not checked against the date: the
  date wins.
- Times are not supported: "uur", "10:00", "10.30", "10u", "om 10", or a part of the day
  ("vrijdagmiddag") raise `has_time`. A dotted day-month without a year that is also a valid
  clock time ("12.05") counts as a time; "24.4.2027" is a date.
- Never guess: the whole text must be a deadline; a sentence that contains a date
  ("na overleg met April de Vries"), "voor de zomer", "na de zomer" and "begin 2028" raise
  `unreadable`. A date that cannot exist ("31 februari", "30-2", "week 54") raises
  `invalid_date`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, time, timedelta

from domain.model import Deadline, DeadlineError, DeadlineKind

__all__ = ["parse_deadline"]

UNREADABLE = "unreadable"
INVALID_DATE = "invalid_date"
HAS_TIME = "has_time"

BEGIN_DAY = 10  # "begin juni"
MIDDLE_DAY = 15  # "medio juni", "half juni"
WEEK_END = 4  # Friday (date.weekday()): the end of the working week
YEARS_AHEAD = 9  # how far the year rule looks for a date that exists (29 February)

_NONE_WORDS = frozenset({"nvt", "geen", "geen deadline"})
_ASAP_WORDS = frozenset(
    {
        "asap",
        "zsm",
        "zo snel mogelijk",
        "zo spoedig mogelijk",
        "direct",
        "per direct",
        "nu",
        "meteen",
        "per omgaande",
    }
)
_ONGOING_WORDS = frozenset(
    {
        "continu proces",
        "continue proces",
        "continuproces",
        "continu",
        "continue",
        "doorlopend",
        "doorlopend proces",
        "loopt door",
        "structureel",
        "permanent",
    }
)
# Abbreviations typed without dots or spaces ("z s m", "a s a p").
_SQUEEZED = {"zsm": DeadlineKind.ASAP, "asap": DeadlineKind.ASAP, "nvt": DeadlineKind.NONE}

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "febr": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "maandag": 0,
    "ma": 0,
    "dinsdag": 1,
    "di": 1,
    "woensdag": 2,
    "wo": 2,
    "donderdag": 3,
    "do": 3,
    "vrijdag": 4,
    "vr": 4,
    "zaterdag": 5,
    "za": 5,
    "zondag": 6,
    "zo": 6,
}
_NUMBER_WORDS = {
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
}
_ORDINAL_WORDS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}


def _alternation(words: dict[str, int]) -> str:
    # Longest first, so "februari" is tried before "feb".
    return "|".join(sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<month>{_alternation(_MONTHS)})"
_WEEKDAY = rf"(?P<weekday>{_alternation(_WEEKDAYS)})"
_NUMBER = rf"(?P<n>\d{{1,3}}|{_alternation(_NUMBER_WORDS)})"
_COMING = r"(?:komende|volgende|aanstaande|as)"
_YEAR = r"[12]\d{3}"

_NONE_TEXT_RE = re.compile(r"[\s\-\u2013\u2014]*")
_TIME_RES = (
    re.compile(r"\buur\b"),
    re.compile(r"\b\d{1,2}:\d{2}\b"),
    re.compile(r"(?<![\d.])(?:[01]?\d|2[0-3])\.[0-5]\d\b(?!\.\d)"),
    re.compile(r"\b\d{1,2}\s?(?:u|h)(?:\d{2})?\b"),
    re.compile(r"\bom \d{1,2}\b"),
    re.compile(r"(?:ochtend|middag|avond|nacht)s?\b"),
)
_PREFIX_RE = re.compile(r"(?:uiterlijk|voor|deadline:?|op|in|tot en met|t/m|tot)\s+")

_MEETING_WORD = r"(?:ot overleg|ot vergadering|ot|overleg|vergadering)"
_NEXT_MEETING_RE = re.compile(
    rf"(?:het |de )?(?:eerst)?(?:volgend|volgende|komend|komende) {_MEETING_WORD}"
)
_MEETING_RE = re.compile(rf"{_MEETING_WORD}:?(?: van| op)? (?P<rest>.+)")

_RELATIVE_DAYS = {"vandaag": 0, "morgen": 1, "overmorgen": 2}
_OFFSET_RE = re.compile(rf"(?:over|binnen) {_NUMBER} (?P<unit>dag|dagen|week|weken|maand|maanden)")
_WEEKDAY_RE = re.compile(rf"(?:{_COMING} )?{_WEEKDAY}(?: {_COMING})?")
_WEEKDAY_NEXT_WEEK_RE = re.compile(
    rf"(?:volgende week {_WEEKDAY}|(?P<weekday2>{_alternation(_WEEKDAYS)}) volgende week)"
)
_DAY_MONTH_RE = re.compile(
    rf"(?:(?:{_alternation(_WEEKDAYS)}) )?(?P<day>\d{{1,2}}) {_MONTH}(?: (?P<year>{_YEAR}))?"
    rf"(?: (?:aanstaande|as))?"
)
_NUMERIC_RE = re.compile(
    rf"(?:(?:{_alternation(_WEEKDAYS)}) )?"
    r"(?:(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})"
    rf"(?:(?P=sep)(?P<year>{_YEAR}|\d{{2}}))?"
    rf"|(?P<iso_year>{_YEAR})-(?P<iso_month>\d{{1,2}})-(?P<iso_day>\d{{1,2}}))"
)

_MONTH_PART = (
    r"(?:(?P<part>eind|einde|begin|medio|half|halverwege|midden)(?: van)?(?: de| het)? )?"
)
_MONTH_RE = re.compile(
    _MONTH_PART + rf"(?:{_MONTH}(?: (?P<year>{_YEAR}))?|(?P<which>deze|de|volgende|komende) maand)"
)
_THIS_WEEK_RE = re.compile(r"(?:(?:eind|einde)(?: van)? )?(?:deze|de) week")
_NEXT_WEEK_RE = re.compile(r"(?:(?:eind|einde)(?: van)? )?(?:de )?volgende week")
_ISO_WEEK_RE = re.compile(
    r"(?:(?:eind|einde)(?: van)? )?(?:week|wk)\s?(?P<week>\d{1,2})"
    rf"(?:(?: van)? (?P<year>{_YEAR}))?"
)
_QUARTER_RE = re.compile(
    r"(?:(?:eind|einde)(?: van)?(?: het)? )?"
    rf"(?:(?:q|kw)\s?(?P<q1>\d)|kwartaal (?P<q2>\d)|(?P<q3>\d|{_alternation(_ORDINAL_WORDS)})"
    rf" kwartaal)(?: (?P<year>{_YEAR}))?"
)
_YEAR_RE = re.compile(
    r"(?:(?:eind|einde)(?: van)? )?"
    rf"(?:(?P<year>{_YEAR})|(?:dit|het) jaar|(?P<next>volgend) jaar)"
    r"|(?:eind|einde) jaar"
)

# Words dateparser may see besides a day, a month, a year and a weekday.
_FALLBACK_FILLERS = frozenset({"de", "van"})
_FALLBACK_TOKEN_RE = re.compile(r"[a-z]+|\d+")


def parse_deadline(text: str, written: date) -> Deadline:
    """Read a "Wanneer" text written on `written`; raise DeadlineError when it cannot be read."""
    original = text.strip()
    if _NONE_TEXT_RE.fullmatch(original):
        return Deadline(DeadlineKind.NONE, original)
    core = _normalize(original)
    if not core:
        raise DeadlineError(original, UNREADABLE)

    kind = _keyword_kind(core)
    if kind is not None:
        return Deadline(kind, original)
    if any(pattern.search(core) for pattern in _TIME_RES):
        raise DeadlineError(original, HAS_TIME)

    try:
        return _parse_dated(_strip_prefixes(core), original, written)
    except _InvalidDate:
        raise DeadlineError(original, INVALID_DATE) from None


class _InvalidDate(Exception):
    """A text that names a date which does not exist."""


def _normalize(text: str) -> str:
    # Fold accents ("vóór", "één"), case, dots after letters ("z.s.m.", "do."), dashes,
    # commas and runs of whitespace; then drop punctuation around the whole text.
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = re.sub(r"(?<=[a-z])\.", "", folded)
    folded = folded.replace("\u2013", "-").replace("\u2014", "-").replace(",", " ")
    folded = re.sub(r"\bot\s*-\s*(?=overleg|vergadering)", "ot ", folded)
    folded = re.sub(r"\s+", " ", folded)
    folded = folded.strip(" .;:!?\"'()[]*-")
    # Ordinals: "24e april", "1ste mei", "2de kwartaal".
    return re.sub(r"\b(\d{1,2})(?:e|ste|de)\b", r"\1", folded)


def _keyword_kind(core: str) -> DeadlineKind | None:
    if core in _NONE_WORDS:
        return DeadlineKind.NONE
    if core in _ASAP_WORDS:
        return DeadlineKind.ASAP
    if core in _ONGOING_WORDS:
        return DeadlineKind.ONGOING
    return _SQUEEZED.get(core.replace(" ", ""))


def _strip_prefixes(core: str) -> str:
    while match := _PREFIX_RE.match(core):
        core = core[match.end() :]
    return core


def _parse_dated(core: str, original: str, written: date) -> Deadline:
    if _NEXT_MEETING_RE.fullmatch(core):
        return Deadline(DeadlineKind.MEETING, original)
    if meeting := _MEETING_RE.fullmatch(core):
        # A meeting is one day: "OT april" or "OT week 17" is not a meeting date.
        due = _parse_day(meeting["rest"], written)
        if due is None:
            raise DeadlineError(original, UNREADABLE)
        return Deadline(DeadlineKind.MEETING, original, due)

    due = _parse_day(core, written) or _parse_period(core, written)
    if due is None:
        due = _dateparser_date(core, written)
    if due is None:
        raise DeadlineError(original, UNREADABLE)
    return Deadline(DeadlineKind.DATE, original, due)


def _parse_day(core: str, written: date) -> date | None:
    """Return the day a day-precise text names, or None when it names no single day."""
    if core in _RELATIVE_DAYS:
        return written + timedelta(days=_RELATIVE_DAYS[core])
    if match := _OFFSET_RE.fullmatch(core):
        return _offset(written, _number(match["n"]), match["unit"])
    if match := _WEEKDAY_NEXT_WEEK_RE.fullmatch(core):
        weekday = _WEEKDAYS[match["weekday"] or match["weekday2"]]
        return _monday(written) + timedelta(days=7 + weekday)
    if match := _WEEKDAY_RE.fullmatch(core):
        ahead = (_WEEKDAYS[match["weekday"]] - written.weekday()) % 7 or 7
        return written + timedelta(days=ahead)
    if match := _DAY_MONTH_RE.fullmatch(core):
        return _day_in_year(int(match["day"]), _MONTHS[match["month"]], match["year"], written)
    if match := _NUMERIC_RE.fullmatch(core):
        if match["iso_year"]:
            return _exact(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
        year = match["year"]
        if year is not None and len(year) == 2:
            year = f"20{year}"
        return _day_in_year(int(match["day"]), int(match["month"]), year, written)
    return None


def _parse_period(core: str, written: date) -> date | None:
    """Return the day a month, week, quarter or year text ends on, or None."""
    if match := _MONTH_RE.fullmatch(core):
        return _month_day(match, written)
    if _THIS_WEEK_RE.fullmatch(core):
        friday = _monday(written) + timedelta(days=WEEK_END)
        return friday if friday >= written else _monday(written) + timedelta(days=6)
    if _NEXT_WEEK_RE.fullmatch(core):
        return _monday(written) + timedelta(days=7 + WEEK_END)
    if match := _ISO_WEEK_RE.fullmatch(core):
        return _iso_week_end(int(match["week"]), match["year"], written)
    if match := _QUARTER_RE.fullmatch(core):
        raw = match["q1"] or match["q2"] or match["q3"]
        quarter = _ORDINAL_WORDS.get(raw) or int(raw)
        if not 1 <= quarter <= 4:
            raise _InvalidDate
        return _month_end(3 * quarter, match["year"], written)
    if match := _YEAR_RE.fullmatch(core):
        next_year = 1 if match["next"] else 0
        return date(int(match["year"]) if match["year"] else written.year + next_year, 12, 31)
    return None


def _month_day(match: re.Match[str], written: date) -> date:
    if match["month"]:
        month, year = _MONTHS[match["month"]], match["year"]
    else:
        # "deze maand", "de maand", "volgende maand": counted from the written month.
        step = 1 if match["which"] in ("volgende", "komende") else 0
        index = written.year * 12 + written.month - 1 + step
        month, year = index % 12 + 1, str(index // 12)
    part = match["part"]
    if part in (None, "eind", "einde"):
        return _month_end(month, year, written)
    day = BEGIN_DAY if part == "begin" else MIDDLE_DAY
    return _day_in_year(day, month, year, written)


def _month_end(month: int, year: str | None, written: date) -> date:
    if year is None:
        # The coming occurrence; the current month counts, its last day is never past.
        year_number = written.year if month >= written.month else written.year + 1
    else:
        year_number = int(year)
    return date(year_number, month, calendar.monthrange(year_number, month)[1])


def _day_in_year(day: int, month: int, year: str | None, written: date) -> date:
    if year is not None:
        return _exact(int(year), month, day)
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise _InvalidDate  # 2000 is a leap year: this rejects only days that never exist
    for candidate_year in range(written.year, written.year + YEARS_AHEAD):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue  # 29 February outside a leap year
        if candidate >= written:
            return candidate
    raise _InvalidDate


def _exact(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _InvalidDate from None


def _iso_week_end(week: int, year: str | None, written: date) -> date:
    if not 1 <= week <= 53:
        raise _InvalidDate
    if year is not None:
        try:
            return date.fromisocalendar(int(year), week, WEEK_END + 1)
        except ValueError:
            raise _InvalidDate from None  # a year without week 53
    first_year = written.isocalendar().year
    for candidate_year in range(first_year, first_year + YEARS_AHEAD):
        try:
            candidate = date.fromisocalendar(candidate_year, week, WEEK_END + 1)
        except ValueError:
            continue
        if candidate >= written:
            return candidate
    raise _InvalidDate


def _offset(written: date, amount: int, unit: str) -> date:
    if unit in ("dag", "dagen"):
        return written + timedelta(days=amount)
    if unit in ("week", "weken"):
        return written + timedelta(weeks=amount)
    index = written.year * 12 + written.month - 1 + amount
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(written.day, calendar.monthrange(year, month)[1]))


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
