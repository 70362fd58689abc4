"""Generated "Wanneer" and "Wie" texts (hypothesis), each with its reading computed in the test.

The generators combine the spellings secretaries use (prefixes, ordinals, abbreviated months
with and without a dot, capitals, apostrophe years, remarks in brackets, ASAP in front or
behind) and the expected reading is computed here, independently of the parser, from
docs/wanneer.md and the calendar: the year rule (a day or month without a year is the next
one on or after the day written; the current month, quarter or week counts), periods ending on
their last day, `begin` the 10th, `medio` the 15th, weeks ending on Friday.

Forms where the doc and the parser once disagreed are regressions in
tests/unit/test_deadline_corpus.py (FIXED_DISAGREEMENTS); the generators include them.
"""

from __future__ import annotations

import calendar
import os
import unicodedata
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from domain.deadline import read_deadline
from domain.holidays import dutch_holidays
from domain.model import Deadline, DeadlineKind
from domain.owners import is_group_owner, split_organisation, split_owners

DATE = DeadlineKind.DATE
MEETING = DeadlineKind.MEETING
UNREADABLE = DeadlineKind.UNREADABLE

# A few seconds in CI; OTBOT_FUZZ=50 runs fifty times as many examples (as test_properties.py).
SCALE = max(1, int(os.environ.get("OTBOT_FUZZ", "1")))
FAST = settings(
    max_examples=200 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

WRITTEN = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))

# --- spellings ---------------------------------------------------------------------------------

MONTH_SPELLINGS = {
    1: ["januari", "jan", "jan.", "Januari", "Jan.", "JAN"],
    2: ["februari", "feb", "feb.", "febr", "febr.", "Februari", "FEB"],
    3: ["maart", "mrt", "mrt.", "Maart", "Mrt", "MRT."],
    4: ["april", "apr", "apr.", "April", "APRIL"],
    5: ["mei", "Mei", "MEI"],
    6: ["juni", "jun", "jun.", "Juni"],
    7: ["juli", "jul", "jul.", "Juli"],
    8: ["augustus", "aug", "aug.", "Aug.", "AUGUSTUS"],
    9: ["september", "sept", "sept.", "Sept.", "sep", "sep.", "SEPT"],
    10: ["oktober", "okt", "okt.", "Okt.", "OKT"],
    11: ["november", "nov", "nov.", "Nov", "NOVEMBER"],
    12: ["december", "dec", "dec.", "December", "DEC"],
}
# Words in front that change nothing next to a day ("vóór 1 mei" is 1 May).
DAY_PREFIXES = [
    "",
    "uiterlijk ",
    "Uiterlijk ",
    "UITERLIJK ",
    "voor ",
    "vóór ",
    "Vóór ",
    "Voor ",
    "op ",
    "Op ",
    "rond ",
    "ca. ",
    "ca ",
    "circa ",
    "ongeveer ",
    "tot ",
    "t/m ",
    "tot en met ",
    "deadline: ",
    "Deadline: ",
    "uiterlijk op ",
    "uiterlijk voor ",
]
# A weekday written in front of a date must be that date's (else the text is unreadable, see
# test_a_weekday_that_contradicts_the_date): the spellings per weekday (0 = Monday).
WEEKDAY_IN_FRONT = {
    0: ["Ma. ", "maandag ", "ma "], 1: ["di ", "dinsdag ", "Di. "], 2: ["wo ", "woensdag "],
    3: ["do ", "Do. ", "donderdag "], 4: ["vr ", "vrijdag ", "Vr. "], 5: ["za ", "zaterdag "],
    6: ["zo ", "zondag "],
}  # fmt: skip
REMARKS = ["", " (onder voorbehoud)", " (ovb)", " (o.v.b.)", ", liefst eerder", " (streefdatum)"]
REMARKS += [" (zie toelichting)", " (indicatief)"]
URGENT_BEFORE = ["ASAP, ", "zsm: ", "z.s.m. - ", "Spoed; ", "ASAP / ", "Z.S.M., ", "zsm, "]
URGENT_AFTER = [" (zsm)", ", ASAP", " - z.s.m.", " (ASAP!)", "; spoed"]
MONTH_PREFIXES = ["", "uiterlijk ", "Uiterlijk ", "ca. ", "rond ", "tot ", "deadline: "]
PERIOD_ONLY_PREFIXES = ["in ", "ergens in ", "in de loop van "]  # a month without a position
POSITIONS = {
    "begin": ["begin ", "Begin ", "start ", "aan het begin van ", "BEGIN "],
    "medio": ["medio ", "Medio ", "half ", "halverwege ", "midden ", "eerste helft "],
    "eind": ["eind ", "Eind ", "einde ", "EIND ", "eind van ", "tweede helft "],
}
POSITIONS["eind"] += ["laatste week van ", ""]


def month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_day(month: int, day: int, written: date) -> date:
    """The year rule: the next such day on or after `written` (29 February: a leap year)."""
    for year in range(written.year, written.year + 9):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= written:
            return date(year, month, day)
    raise AssertionError("no such day")


def exists(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def year_text(year: int, style: str) -> str:
    return f" {year}" if style == "full" else f" '{year % 100:02d}"


def day_spellings(day: int) -> list[str]:
    return [str(day), f"{day:02d}", f"{day}e"]


def check(
    text: str,
    written: date,
    kind: DeadlineKind,
    due: date | None = None,
    *,
    urgent: bool = False,
    month: date | None = None,
) -> None:
    expected = Deadline(kind, text.strip(), due, urgent=urgent, month=month)
    assert read_deadline(text, written) == expected, text


# --- a day and a month, with everything around it ----------------------------------------------


@FAST
@given(data=st.data(), written=WRITTEN)
def test_day_and_month_with_prefix_year_remark_and_urgency(data: st.DataObject, written: date):
    month = data.draw(st.integers(1, 12), label="month")
    day = data.draw(st.integers(1, calendar.monthrange(2028, month)[1]), label="day")
    year = data.draw(st.sampled_from([None, None, 2026, 2027, 2028, 2029]), label="year")
    if year is not None:
        assume(exists(year, month, day))
    due = date(year, month, day) if year else next_day(month, day, written)
    text = (
        data.draw(st.sampled_from(DAY_PREFIXES))
        + data.draw(st.sampled_from(["", "", *WEEKDAY_IN_FRONT[due.weekday()]]))
        + data.draw(st.sampled_from(day_spellings(day)))
        + " "
        + data.draw(st.sampled_from(MONTH_SPELLINGS[month]))
        + (year_text(year, data.draw(st.sampled_from(["full", "short"]))) if year else "")
        + data.draw(st.sampled_from(REMARKS))
    )
    where = data.draw(st.sampled_from(["", "", "before", "after"]), label="urgency")
    if where == "before":
        text = data.draw(st.sampled_from(URGENT_BEFORE)) + text
    elif where == "after":
        text += data.draw(st.sampled_from(URGENT_AFTER))
    text = (
        data.draw(st.sampled_from(["", " ", "  "])) + text + data.draw(st.sampled_from(["", " "]))
    )
    check(text, written, DATE, due, urgent=bool(where))


@FAST
@given(data=st.data(), written=WRITTEN)
def test_a_weekday_that_contradicts_the_date(data: st.DataObject, written: date) -> None:
    month = data.draw(st.integers(1, 12), label="month")
    day = data.draw(st.integers(1, 28), label="day")
    due = next_day(month, day, written)
    other = data.draw(st.sampled_from([d for d in range(7) if d != due.weekday()]))
    text = data.draw(st.sampled_from(WEEKDAY_IN_FRONT[other])) + data.draw(
        st.sampled_from([f"{day} {MONTH_SPELLINGS[month][0]}", f"{day}-{month}"])
    )
    assert read_deadline(text, written) == Deadline(
        UNREADABLE, text.strip(), reason="weekday_mismatch"
    ), text


@FAST
@given(data=st.data(), written=WRITTEN)
def test_a_day_that_cannot_exist_is_invalid(data: st.DataObject, written: date) -> None:
    month, day = data.draw(
        st.sampled_from([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (1, 32)])
    )
    year = data.draw(st.sampled_from([None, 2027, 2028]))
    spelled = data.draw(st.sampled_from(MONTH_SPELLINGS[month]))
    text = f"{data.draw(st.sampled_from(DAY_PREFIXES))}{day} {spelled}"
    text += f" {year}" if year else ""
    assert read_deadline(text, written) == Deadline(
        UNREADABLE, text.strip(), reason="invalid_date"
    )


@FAST
@given(data=st.data(), written=WRITTEN)
def test_29_february(data: st.DataObject, written: date) -> None:
    year = data.draw(st.sampled_from([None, 2027, 2028, 2029, 2032]))
    text = data.draw(st.sampled_from(["29 februari", "29 feb.", "29-2", "29/02"]))
    if year is not None:
        text += (" " if text[-1].isalpha() or text[-1] == "." else text[2]) + str(year)
    result = read_deadline(text, written)
    if year is None:
        assert result == Deadline(DATE, text, next_day(2, 29, written))
    elif calendar.isleap(year):
        assert result == Deadline(DATE, text, date(year, 2, 29))
    else:
        assert result == Deadline(UNREADABLE, text, reason="invalid_date")


# --- numeric dates, day first ------------------------------------------------------------------


@FAST
@given(data=st.data(), written=WRITTEN)
def test_numeric_day_first(data: st.DataObject, written: date) -> None:
    month = data.draw(st.integers(1, 12))
    day = data.draw(st.integers(1, calendar.monthrange(2028, month)[1]))
    sep = data.draw(st.sampled_from(["-", "/", "."]))
    day_s = data.draw(st.sampled_from([str(day), f"{day:02d}"]))
    month_s = data.draw(st.sampled_from([str(month), f"{month:02d}"]))
    year = data.draw(st.sampled_from([None, None, 2026, 2027, 2028, 2031]))
    if year is not None:
        assume(exists(year, month, day))
        year_s = data.draw(st.sampled_from([str(year), f"{year % 100:02d}"]))
        core = f"{day_s}{sep}{month_s}{sep}{year_s}"
    else:
        core = f"{day_s}{sep}{month_s}"
    due = date(year, month, day) if year else next_day(month, day, written)
    weekday = WEEKDAY_IN_FRONT[due.weekday()]
    prefix = data.draw(st.sampled_from(["", "", "uiterlijk ", "vóór ", "op ", "t/m ", *weekday]))
    text = prefix + core
    result = read_deadline(text, written)
    # "12.05" alone is a clock time (the doc: a time alone is unreadable); with a word in
    # front ("vr 12.05", "uiterlijk 12.05") it is ambiguous, and not generated.
    clock = sep == "." and year is None and day <= 23 and len(month_s) == 2
    assume(not (clock and prefix))
    if clock:
        assert result == Deadline(UNREADABLE, text, reason="has_time")
        return
    assert result == Deadline(DATE, text, due)


@FAST
@given(day=st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)), w=WRITTEN)
def test_iso_date(day: date, w: date) -> None:
    check(day.isoformat(), w, DATE, day)
    check(f"{day.year}-{day.month}-{day.day}", w, DATE, day)


# --- a month, with a position ------------------------------------------------------------------


def position_day(year: int, month: int, position: str) -> date:
    if position == "begin":
        return date(year, month, 10)
    if position == "medio":
        return date(year, month, 15)
    return month_last(year, month)


@FAST
@given(data=st.data(), written=WRITTEN)
def test_month_with_a_position(data: st.DataObject, written: date) -> None:
    month = data.draw(st.integers(1, 12))
    position = data.draw(st.sampled_from(list(POSITIONS)))
    spelled = data.draw(st.sampled_from(POSITIONS[position]))
    year = data.draw(st.sampled_from([None, None, 2026, 2027, 2028]))
    if spelled == "":
        prefix = data.draw(st.sampled_from(MONTH_PREFIXES + PERIOD_ONLY_PREFIXES))
    else:
        prefix = data.draw(st.sampled_from(MONTH_PREFIXES))
    text = prefix + spelled + data.draw(st.sampled_from(MONTH_SPELLINGS[month]))
    if year:
        text += year_text(year, data.draw(st.sampled_from(["full", "short"])))
        due = position_day(year, month, position)
    else:
        due = next(
            position_day(y, month, position)
            for y in range(written.year, written.year + 2)
            if position_day(y, month, position) >= written
        )
    check(text, written, DATE, due)


# --- a quarter ---------------------------------------------------------------------------------

ORDINAL_WORDS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde"}
ORDINAL_SUFFIX = {1: ["e", "ste"], 2: ["e", "de"], 3: ["e", "de"], 4: ["e", "de"]}


def quarter_spellings(q: int) -> list[str]:
    return [
        f"Q{q}",
        f"q{q}",
        f"kw{q}",
        f"KW{q}",
        f"kw {q}",
        f"Kw. {q}",
        *(f"{q}{suffix} kwartaal" for suffix in ORDINAL_SUFFIX[q]),
        f"{ORDINAL_WORDS[q]} kwartaal",
        f"kwartaal {q}",
    ]


def quarter_due(year: int, q: int, position: str) -> date:
    if position == "begin":
        return month_last(year, 3 * q - 2)
    if position == "medio":
        return date(year, 3 * q - 1, 15)
    return month_last(year, 3 * q)


@FAST
@given(data=st.data(), written=WRITTEN)
def test_quarter(data: st.DataObject, written: date) -> None:
    q = data.draw(st.integers(1, 4))
    position = data.draw(st.sampled_from(["", "", "begin", "medio", "eind"]))
    position_s = {
        "": [""],
        "begin": ["begin ", "Begin "],
        "medio": ["medio ", "half ", "midden "],
        "eind": ["eind ", "Eind ", "einde "],
    }[position]
    year = data.draw(st.sampled_from([None, None, 2027, 2028]))
    text = (
        data.draw(st.sampled_from(["", "uiterlijk ", "in ", "ca. "]))
        + data.draw(st.sampled_from(position_s))
        + data.draw(st.sampled_from(quarter_spellings(q)))
    )
    if year:
        text += data.draw(st.sampled_from([f" {year}", f"-{year}", f" '{year % 100}"]))
        due = quarter_due(year, q, position)
    else:
        due = next(
            quarter_due(y, q, position)
            for y in range(written.year, written.year + 2)
            if quarter_due(y, q, position) >= written
        )
    check(text + data.draw(st.sampled_from(["", " (ovb)", " (indicatief)"])), written, DATE, due)


# --- two months: due when the later one ends ---------------------------------------------------


@FAST
@given(data=st.data(), written=WRITTEN)
def test_two_months(data: st.DataObject, written: date) -> None:
    first = data.draw(st.integers(1, 12))
    gap = data.draw(st.sampled_from([1, 2]))
    second = (first - 1 + gap) % 12 + 1
    covered = {(first - 1 + i) % 12 + 1 for i in range(gap + 1)}
    # Written inside the span is ambiguous ("november/december" written in December).
    assume(written.month not in covered)
    left_year = written.year if first > written.month else written.year + 1
    right_year = left_year if second > first else left_year + 1
    sep = data.draw(st.sampled_from(["/", "-", " of ", " t/m ", " en ", " / ", " - "]))
    text = (
        data.draw(st.sampled_from(["", "uiterlijk ", "ca. "]))
        + data.draw(st.sampled_from(MONTH_SPELLINGS[first]))
        + sep
        + data.draw(st.sampled_from(MONTH_SPELLINGS[second]))
    )
    if second > first and data.draw(st.booleans()):
        # The year written once belongs to both; not before the coming first month (that
        # case is in the corpus, FIXED_DISAGREEMENTS).
        right_year = data.draw(st.sampled_from([left_year, left_year + 1]))
        text += year_text(right_year, data.draw(st.sampled_from(["full", "short"])))
    check(text, written, DATE, month_last(right_year, second))


# --- weekdays, offsets and weeks ----------------------------------------------------------------

WEEKDAY_SPELLINGS = {
    0: ["maandag", "Maandag", "ma", "ma."],
    1: ["dinsdag", "di", "Di."],
    2: ["woensdag", "wo", "woe"],
    3: ["donderdag", "do", "Do."],
    4: ["vrijdag", "Vrijdag", "vr", "vr."],
    5: ["zaterdag", "za"],
    6: ["zondag", "zo."],
}
NUMBER_WORDS = {1: "een", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 10: "tien"}


@FAST
@given(data=st.data(), written=WRITTEN)
def test_weekday(data: st.DataObject, written: date) -> None:
    weekday = data.draw(st.integers(0, 6))
    name = data.draw(st.sampled_from(WEEKDAY_SPELLINGS[weekday]))
    form = data.draw(st.sampled_from(["{}", "komende {}", "volgende {}", "{} a.s.", "a.s. {}"]))
    next_week = data.draw(st.sampled_from(["", "volgende week {}", "{} volgende week"]))
    prefix = data.draw(st.sampled_from(["", "uiterlijk ", "op ", "vóór "]))
    monday = written - timedelta(days=written.weekday())
    if next_week:
        text = prefix + next_week.format(name)
        due = monday + timedelta(days=7 + weekday)
    else:
        text = prefix + form.format(name)
        # The first such weekday after the day written.
        due = written + timedelta(days=(weekday - written.weekday()) % 7 or 7)
    check(text, written, DATE, due)


def working_days_later(written: date, count: int) -> date:
    day = written
    for _ in range(count):
        day += timedelta(days=1)
        while day.weekday() >= 5 or day in dutch_holidays(day.year):
            day += timedelta(days=1)
    return day


@FAST
@given(data=st.data(), written=WRITTEN)
def test_counted_from_the_day_written(data: st.DataObject, written: date) -> None:
    n = data.draw(st.sampled_from([1, 2, 3, 4, 5, 6, 10, 14]))
    number = data.draw(st.sampled_from([str(n), NUMBER_WORDS.get(n, str(n))]))
    unit = data.draw(st.sampled_from(["dagen", "weken", "werkdagen"]))
    if n == 1:
        unit = {"dagen": "dag", "weken": "week", "werkdagen": "werkdag"}[unit]
    lead = data.draw(st.sampled_from(["over", "binnen", "Binnen", "uiterlijk binnen"]))
    text = f"{lead} {number} {unit}"
    if unit.startswith("werkdag"):
        due = working_days_later(written, n)
    elif unit in ("week", "weken"):
        due = written + timedelta(weeks=n)
    else:
        due = written + timedelta(days=n)
    check(text, written, DATE, due)


@FAST
@given(data=st.data(), written=WRITTEN)
def test_iso_week(data: st.DataObject, written: date) -> None:
    week = data.draw(st.integers(1, 53))
    spelled = data.draw(st.sampled_from(["week {}", "Week {}", "wk{}", "wk {}", "wk. {}"]))
    year = data.draw(st.sampled_from([None, None, 2026, 2027, 2028]))
    text = data.draw(st.sampled_from(["", "in ", "uiterlijk "])) + spelled.format(week)
    if year is not None:
        text += f" {year}"
        try:
            due = date.fromisocalendar(year, week, 5)
        except ValueError:
            check_invalid = Deadline(UNREADABLE, text, reason="invalid_date")
            assert read_deadline(text, written) == check_invalid
            return
    else:
        due = None
        for iso_year in range(written.isocalendar().year, written.year + 9):
            try:
                friday = date.fromisocalendar(iso_year, week, 5)
            except ValueError:
                continue  # a year without week 53
            if friday >= written:
                due = friday
                break
    check(text, written, DATE, due)


# --- an OT -------------------------------------------------------------------------------------

MEETING_ON_A_DAY = [
    "OT {}",
    "Ot {}",
    "ot {}",
    "OT-overleg {}",
    "Ot-overleg {}",
    "OT overleg {}",
    "OT-vergadering {}",
    "OT van {}",
    "OT: {}",
    "op het OT van {}",
    "voor het OT van {}",
    "uiterlijk OT {}",
    "{} (OT)",
    "{} OT",
    "volgend OT ({})",
    "volgende OT: {}",
]
MEETING_IN_A_MONTH = ["OT {}", "Ot {}", "het OT in {}", "OT van {}", "OT in {}", "{}-OT"]


@FAST
@given(data=st.data(), written=WRITTEN)
def test_meeting_on_a_day(data: st.DataObject, written: date) -> None:
    month = data.draw(st.integers(1, 12))
    day = data.draw(st.integers(1, calendar.monthrange(2027, month)[1]))
    year = data.draw(st.sampled_from([None, None, 2027, 2028]))
    spelled = data.draw(st.sampled_from(day_spellings(day)))
    spelled += " " + data.draw(st.sampled_from(MONTH_SPELLINGS[month]))
    if year:
        spelled += year_text(year, data.draw(st.sampled_from(["full", "short"])))
    text = data.draw(st.sampled_from(MEETING_ON_A_DAY)).format(spelled)
    due = date(year, month, day) if year else next_day(month, day, written)
    urgent = data.draw(st.booleans())
    if urgent:
        text = "ASAP, " + text
    check(text, written, MEETING, due, urgent=urgent)


@FAST
@given(data=st.data(), written=WRITTEN)
def test_meeting_in_a_month(data: st.DataObject, written: date) -> None:
    month = data.draw(st.integers(1, 12))
    spelled = data.draw(st.sampled_from(MONTH_SPELLINGS[month]))
    year = data.draw(st.sampled_from([None, None, 2027, 2028]))
    form = data.draw(st.sampled_from(MEETING_IN_A_MONTH))
    if year and not form.startswith("{}"):
        spelled += f" {year}"
    else:
        year = None
    text = form.format(spelled)
    # The OT planned in that month, in its coming occurrence (the current month counts).
    if year is None:
        year = written.year if month >= written.month else written.year + 1
    check(text, written, MEETING, month=date(year, month, 1))


# --- "Wie": owner lists ------------------------------------------------------------------------

FIRST_NAMES = [
    "Marloes", "Danillo", "Tanay", "Karin", "Nabila", "Henk-Jan", "Louise", "Moustapha",
    "Niels", "Anne", "Evert", "Fatima", "Mohamed", "Sanne", "Joost", "Ilse", "Priya", "Daan",
    "Lotte", "Yasmina", "Anne-Fleur", "Jan-Willem", "Zoë", "Ömer", "Bente", "Karen", "Metin",
    "Eva", "Cas",
]  # fmt: skip
SURNAMES = [
    "", " de Vries", " van der Meulen", " van Dijk", " Raat", " el Amrani", " ter Horst",
    " van den Berg-Jansen", " Bakker", " de Jong", " Ramdin", " van 't Hof",
]  # fmt: skip
# Words that are separators or suffixes by themselves ("Jan met Piet", "Marloes e.v.a.").
RESERVED = {"en", "and", "plus", "met", "ism", "iom", "icm", "mmv"}
GENERATED_NAME = st.builds(
    str.__add__,
    st.sampled_from("ABCDEFGHIJKLMNOPRSTUVWYZ"),
    st.text("abcdefghijklmnoprstuvwyz", min_size=2, max_size=9),
).filter(lambda word: word.lower() not in RESERVED)
ORGANISATIONS = [
    "SAAAM", "Stadgenoot", "Ymere", "Lieven de Key", "!Woon", "Gemeente Amsterdam", "BZK",
    "NPSNW", "SDC", "Vuilnisoproer", "Stadgenoot/Ymere", "Ymere en Stadgenoot",
]  # fmt: skip
ROLES = ["trekker", "voorzitter", "contactpersoon", "Trekker"]
OWNER_SEPARATORS = [
    ", ", " en ", " En ", " & ", "/", " / ", " + ", "; ", " i.o.m. ", " samen met ", " ism ",
    " i.s.m. ", " en/of ", " m.m.v. ", " met ", " and ", ",",
]  # fmt: skip


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@st.composite
def person(draw: st.DrawFn) -> tuple[str, str]:
    """A person as written and the organisation the bracket names ("" for none or a role)."""
    first = draw(st.one_of(st.sampled_from(FIRST_NAMES), GENERATED_NAME))
    name = first + draw(st.sampled_from(SURNAMES))
    bracket = draw(st.sampled_from(["none", "none", "organisation", "role"]))
    if bracket == "organisation":
        organisation = draw(st.sampled_from(ORGANISATIONS))
        return f"{name} ({organisation})", organisation
    if bracket == "role":
        return f"{name} ({draw(st.sampled_from(ROLES))})", ""
    return name, ""


@FAST
@given(data=st.data())
def test_owner_list(data: st.DataObject) -> None:
    people = data.draw(
        st.lists(
            person(),
            min_size=1,
            max_size=5,
            unique_by=lambda p: fold(p[0].split(" (")[0]),
        )
    )
    text = people[0][0]
    for written, _organisation in people[1:]:
        text += data.draw(st.sampled_from(OWNER_SEPARATORS)) + written
    text += data.draw(st.sampled_from(["", "", " e.a.", " c.s.", " en anderen"]))
    assert split_owners(text) == tuple(written for written, _ in people), text
    for written, organisation in people:
        name = written.split(" (")[0]
        assert split_organisation(written) == (name, organisation)
        assert not is_group_owner(written)


# --- any text ----------------------------------------------------------------------------------

VOCABULARY = [
    "ASAP", "zsm", "OT", "Ot", "volgend", "24", "1", "7e", "april", "mei", "sept.", "mrt",
    "2027", "'27", "eind", "begin", "medio", "half", "Q2", "kw3", "week", "17", "voor", "vóór",
    "uiterlijk", "(ovb)", "(", ")", ",", "/", "-", " - ", ":", "maar", "en", "of", "t/m", "na",
    "vanaf", "14:00", "uur", "vrijdag", "morgen", "over", "twee", "weken", "werkdagen", "?",
    "!", "kerst", "zomer", "vakantie", "de", "het", "van", "doorlopend", "geen", "31", "februari",
]  # fmt: skip
ANY_TEXT = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=8).map("".join),
)
REASONS = {"unreadable", "invalid_date", "has_time"}


@settings(max_examples=400 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, written=WRITTEN)
def test_any_text_is_read_without_raising_and_kept_as_written(text: str, written: date) -> None:
    result = read_deadline(text, written)
    assert result.text == text.strip()
    if result.kind is UNREADABLE:
        assert result.reason in REASONS
        assert (result.due, result.month, result.urgent) == (None, None, False)
        return
    assert result.reason == ""
    if result.kind is DATE:
        assert result.due is not None
    elif result.kind is MEETING:
        assert result.due is None or result.month is None
    else:  # none, asap, ongoing
        assert (result.due, result.month, result.urgent) == (None, None, False)
