"""Dutch holidays: Easter and the days that hang on it, Koningsdag on a Sunday."""

from __future__ import annotations

from datetime import date

import pytest

from domain.holidays import dutch_holidays, easter


@pytest.mark.parametrize(
    "year,expected",
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2027, date(2027, 3, 28)),
        (2028, date(2028, 4, 16)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year: int, expected: date) -> None:
    assert easter(year) == expected


def test_holidays_2027() -> None:
    days = dutch_holidays(2027)
    assert date(2027, 3, 26) in days  # Goede Vrijdag
    assert date(2027, 3, 29) in days  # Tweede Paasdag
    assert date(2027, 4, 27) in days  # Koningsdag
    assert date(2027, 5, 6) in days  # Hemelvaart
    assert date(2027, 5, 17) in days  # Tweede Pinksterdag
    assert date(2027, 5, 5) not in days  # Bevrijdingsdag: only every five years
    assert date(2030, 5, 5) in dutch_holidays(2030)


def test_koningsdag_on_sunday_moves_to_saturday() -> None:
    assert date(2025, 4, 26) in dutch_holidays(2025)
    assert date(2025, 4, 27) not in dutch_holidays(2025)


def test_no_day_off_on_christmas_eve_or_new_years_eve() -> None:
    days = dutch_holidays(2027)
    assert date(2027, 12, 24) not in days and date(2027, 12, 31) not in days
    assert len(days) == 10  # incl. Eerste Paasdag and Eerste Pinksterdag, both Sundays


def test_the_same_rules_after_the_packages_end_year() -> None:
    # The holidays package stops at 2100 unless told otherwise; domain/holidays.py raises it.
    days = dutch_holidays(2150)
    assert date(2150, 4, 13) in days  # Tweede Paasdag (Easter: 12 April 2150)
    assert date(2150, 4, 27) in days and date(2150, 5, 5) in days  # Koningsdag, a lustrum year
    assert len(days) == 11


def test_before_2014_the_package_has_koninginnedag() -> None:
    # Our own list put Koningsdag on 27 April in every year; the package has the day as it was.
    assert date(2013, 4, 30) in dutch_holidays(2013)
    assert date(2013, 4, 27) not in dutch_holidays(2013)
