"""Dutch public holidays (the `holidays` package, country NL), the default "no reminders today"
list; and the school holidays and named days that "Wanneer" texts name, which are ours.

The package's public holidays of NL are the days our own list had, year for year, from 2014
(Koningsdag) to 2100 and, with the end year raised, after it: Nieuwjaarsdag, Goede Vrijdag,
both Paasdagen, Koningsdag (Saturday the 26th when the 27th is a Sunday), Bevrijdingsdag only
in lustrum years (2025, 2030; many collective agreements give it off only then, the package's
"optional" category has it every year), Hemelvaartsdag, both Pinksterdagen and both
Kerstdagen; not 24 or 31 December. Before 2014 the package has Koninginnedag (30 April) where
our list put Koningsdag on 27 April in every year, and before 1966 it has no holidays at all:
days long past, on which no reminder or deadline falls. `bench/working_days.py` measures it.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter as _easter
from holidays.countries.netherlands import Netherlands


class _Netherlands(Netherlands):
    """The package's Dutch public holidays, also after 2100."""

    # The package stops at its default end year (2100). Every Dutch rule is a fixed date or
    # hangs on Easter, so the same days follow after it, as they did in our own list.
    end_year = 9999


def easter(year: int) -> date:
    """Return Easter Sunday (Gregorian; dateutil's computus)."""
    day: date = _easter(year)
    return day


@lru_cache(maxsize=256)  # the package builds a year in about 0.25 ms; a few are asked often
def dutch_holidays(year: int) -> frozenset[date]:
    """Return the days most Dutch offices are closed in `year`."""
    # The package's __init__ has no annotations: an untyped call to strict mypy.
    return frozenset(_Netherlands(years=year))  # type: ignore[no-untyped-call]


# --- school holidays and named days, as "Wanneer" texts name them -------------------------------
#
# A secretary writes "voor de herfstvakantie" or "voor de kerst". The school holidays are those
# of region Noord (Amsterdam), from the advice dates of the Ministry of Education (OCW). Where
# the table below has no entry for a year, a rule that matches the advice dates of recent years
# is used; the reading is always shown back with its date, so a wrong guess is visible at once.

SCHOOL_HOLIDAYS = ("herfst", "kerst", "voorjaar", "mei", "zomer")

# Summer holidays rotate between the regions; the start (a Saturday) for region Noord.
_NOORD_SUMMER_START = {
    2023: date(2023, 7, 22),
    2024: date(2024, 7, 20),
    2025: date(2025, 7, 12),
    2026: date(2026, 7, 4),
    2027: date(2027, 7, 3),
}
_SUMMER_WEEKS = 6
# The spring holiday (voorjaarsvakantie) of region Noord: the ISO week, when it is not week 8.
_NOORD_SPRING_WEEK = {2026: 9}


def school_holiday(name: str, school_year_start: int) -> tuple[date, date]:
    """Return the first and last day (Saturday to Sunday) of a school holiday of region Noord.

    `name` is one of SCHOOL_HOLIDAYS; `school_year_start` is the calendar year in which the
    school year begins (2026 for 2026-2027: herfst and kerst 2026, the others in 2027).
    """
    year = school_year_start if name in ("herfst", "kerst") else school_year_start + 1
    if name == "herfst":  # region Noord: ISO week 43 (2023-2026 all agree)
        start = date.fromisocalendar(year, 43, 1) - timedelta(days=2)
        return start, start + timedelta(days=8)
    if name == "kerst":  # two weeks from the last Saturday on or before Christmas Day
        christmas = date(year, 12, 25)
        start = christmas - timedelta(days=(christmas.weekday() - 5) % 7)
        return start, start + timedelta(days=15)
    if name == "voorjaar":
        week = _NOORD_SPRING_WEEK.get(year, 8)
        start = date.fromisocalendar(year, week, 1) - timedelta(days=2)
        return start, start + timedelta(days=8)
    if name == "mei":  # the week of Koningsdag: from the last Saturday on or before 27 April
        kings = date(year, 4, 27)
        start = kings - timedelta(days=(kings.weekday() - 5) % 7)
        return start, start + timedelta(days=8)
    if name == "zomer":
        known = _NOORD_SUMMER_START.get(year)
        if known is None:  # the middle of the three slots: the second Saturday of July
            first = date(year, 7, 1)
            known = first + timedelta(days=(5 - first.weekday()) % 7 + 7)
        return known, known + timedelta(days=7 * _SUMMER_WEEKS + 1)
    raise ValueError(name)


def named_day(name: str, year: int) -> date:
    """Return the day a named day falls on in `year` ("kerst", "pasen", "prinsjesdag", ...)."""
    e = easter(year)
    if name == "kerst":
        return date(year, 12, 25)
    if name == "tweede kerstdag":
        return date(year, 12, 26)
    if name == "oudjaar":
        return date(year, 12, 31)
    if name == "pasen":
        return e
    if name == "hemelvaart":
        return e + timedelta(days=39)
    if name == "pinksteren":
        return e + timedelta(days=49)
    if name == "koningsdag":
        kings = date(year, 4, 27)
        return kings - timedelta(days=1) if kings.weekday() == 6 else kings
    if name == "bevrijdingsdag":
        return date(year, 5, 5)
    if name == "sinterklaas":
        return date(year, 12, 5)
    if name == "nieuwjaar":
        return date(year, 1, 1)
    if name == "prinsjesdag":  # the third Tuesday of September
        first = date(year, 9, 1)
        return first + timedelta(days=(1 - first.weekday()) % 7 + 14)
    raise ValueError(name)


NAMED_DAYS = (
    "kerst",
    "pasen",
    "hemelvaart",
    "pinksteren",
    "koningsdag",
    "bevrijdingsdag",
    "sinterklaas",
    "nieuwjaar",
    "prinsjesdag",
    "tweede kerstdag",
    "oudjaar",
)


def is_working_day(day: date) -> bool:
    """Return True for a weekday that is no Dutch public holiday."""
    return day.weekday() < 5 and day not in dutch_holidays(day.year)


def last_working_day_before(day: date) -> date:
    """Return the last working day before `day`."""
    candidate = day - timedelta(days=1)
    while not is_working_day(candidate):
        candidate -= timedelta(days=1)
    return candidate


def last_working_day_of_month(day: date) -> date:
    """Return the last working day of the month of `day`."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return last_working_day_before(following)
