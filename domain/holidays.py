"""Dutch public holidays, the default "no reminders today" list."""

from __future__ import annotations

from datetime import date, timedelta


def easter(year: int) -> date:
    """Return Easter Sunday (the Gregorian computus of Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def dutch_holidays(year: int) -> frozenset[date]:
    """Return the days most Dutch offices are closed in `year`."""
    e = easter(year)
    kings = date(year, 4, 27)
    if kings.weekday() == 6:  # on a Sunday, Koningsdag moves to Saturday the 26th
        kings = date(year, 4, 26)
    days = {
        date(year, 1, 1),  # Nieuwjaarsdag
        e - timedelta(days=2),  # Goede Vrijdag
        e,
        e + timedelta(days=1),  # Tweede Paasdag
        kings,
        e + timedelta(days=39),  # Hemelvaartsdag
        e + timedelta(days=49),
        e + timedelta(days=50),  # Tweede Pinksterdag
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if year % 5 == 0:  # Bevrijdingsdag is a day off for most every five years
        days.add(date(year, 5, 5))
    return frozenset(days)
