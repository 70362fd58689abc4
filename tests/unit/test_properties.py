"""Fault suite, part 1: the message and deadline parsers on any text (hypothesis).

Whatever a secretary (or anyone) types, `parse_message` returns a consistent result and never
raises, and `parse_deadline` returns a Deadline or raises DeadlineError, nothing else. Both
are deterministic: the same text read twice (also after other texts) gives the same answer.
"""

from __future__ import annotations

import os
import random
import re
from datetime import date

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from domain.deadline import parse_deadline
from domain.messages import MAX_ITEMS, MAX_TEXT_LENGTH, REASONS, parse_message
from domain.model import Deadline, DeadlineError, DeadlineKind, ParseResult
from domain.owners import MAX_NAME_LENGTH

WRITTEN = date(2027, 3, 18)
LONG = 20_000  # the longest text the suite feeds (Telegram allows 4096; forwards and edits
# of pasted minutes can still be long, and the parser must not care)
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the parser's own line split
DEADLINE_REASONS = {"unreadable", "invalid_date", "has_time", "weekday_mismatch"}
DUE_KINDS = {DeadlineKind.DATE}  # a DATE always has a day; a MEETING may lack one
NO_DUE_KINDS = {DeadlineKind.ASAP, DeadlineKind.NONE, DeadlineKind.ONGOING}

# CI runs a few seconds' worth; OTBOT_FUZZ=50 runs fifty times as many examples (a deep run).
SCALE = max(1, int(os.environ.get("OTBOT_FUZZ", "1")))
FAST = settings(
    max_examples=200 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=25 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any Unicode, including what st.text() leaves out by default: lone surrogates can reach the
# bot through JSON ("\ud800"), control characters and every line-break Python knows.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=300)

# The parser's own vocabulary, so that the generated text takes its difficult paths.
LABELS = [
    "Onderwerp:", "Actie:", "Wie:", "Wanneer:", "Besluit:", "Criteria:", "Belangen:",
    "Toelichting:", "Afspraak:", "Taak:", "Deadline:", "Eigenaar:", "Update:", "Thema:",
    "*Wie:*", "**Actie**:", "- Wanneer :", "Wanner:", "Onderwrp:", "Aanwezig:", "Let op:",
    "Hoi Marloes:", "N.B.:", "https://x.nl",
]  # fmt: skip
NAMES = [
    "Jan", "Marloes", "Louise de Rooij", "Danillo en Marloes", "Jan, Karin & Louise", "OT",
    "Partners NPSNW", "Niels Raat (Stadgenoot)", "Peter van der Vliet", "iedereen",
    "Jan/Piet", "A & B", "x" * 70, "Ŝtéphane", "محمد", "דוד", "李", "👩‍💻",
]  # fmt: skip
WHENS = [
    "ASAP", "asap", "z.s.m.", "zsm", "nvt", "geen", "continu proces", "doorlopend",
    "24 april", "31 februari", "29 februari", "30-2", "24-4-2027", "2027-04-24", "24.4.2027",
    "12.05", "10 uur", "10:00", "om 10", "vrijdagmiddag", "april", "eind mei", "begin juni",
    "medio juli", "half augustus", "eind van de maand", "volgende maand", "deze week",
    "volgende week", "week 17", "week 53", "week 54", "wk0", "Q2", "Q5", "2e kwartaal",
    "vierde kwartaal 2028", "eind dit jaar", "eind 2028", "2028", "over 2 weken",
    "binnen twee maanden", "over 999 maanden", "vandaag", "morgen", "overmorgen", "vrijdag",
    "komende vrijdag", "volgende week vrijdag", "vrijdag volgende week", "do 24 april",
    "OT", "OT 24 april", "OT week 17", "volgend OT", "het eerstvolgende OT-overleg",
    "uiterlijk 1 mei", "vóór 1 mei", "t/m 3 juni", "tot en met 3 juni", "deadline: 3 juni",
    "april 24", "24e april", "1ste mei", "ooit", "na de zomer", "voor de zomer",
    "na overleg met April de Vries", "13 24 november", "Apirl", "eind mie", "",
]  # fmt: skip
WORDS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "jan", "mrt", "sept", "maandag", "vr", "zo", "OT",
    "ASAP", "eind", "begin", "medio", "week", "kwartaal", "jaar", "maand", "volgende",
    "komende", "over", "binnen", "de", "van", "het", "uiterlijk", "voor", "vóór", "t/m", "q",
    "0", "1", "7", "24", "29", "31", "53", "99", "2027", "1999", "2999", "00", "-", "/", ".",
    ",", ":", "(", ")", "e", "ste", "uur", "u", "h", "om", "ochtend", "z.s.m", "z s m", "\u0301",
    "\u200f", "\u2013", "\u00a0", "Ⅻ", "٢٤", "２４",
]  # fmt: skip
PIECES = [
    *LABELS, *NAMES, *WHENS, *WORDS, "|", " | ", "||", "| --- |", "\n", "\n\n", "\r\n", "\r",
    "\u2028", "\x85", "\x0b", "\x0c", " ", "\t", "·", "•", "-", "1.", "2)", "*", "_", "#",
    ">", "/nieuw", "/nieuw@ot_actie_bot", "/claim 3", "(", ")", "()", "(ASAP)", "(ooit)",
    "(24 april)", "(€ 500)", "(samen met Karin)", "🎉", "é", "\u0301", "<script>", "&amp;",
    "<b>", ":", "//", "x", "data doorsturen", "Besluit: ",
]  # fmt: skip

VOCAB_TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=8)), max_size=60
).map("".join)


@st.composite
def labelled_blocks(draw: st.DrawFn) -> str:
    """Messages shaped like the real ones: blocks, short lines and pipe lines, mixed."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        form = draw(st.sampled_from(["block", "short", "pipe", "noise"]))
        name = draw(st.sampled_from(NAMES))
        when = draw(st.sampled_from(WHENS))
        text = draw(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=40)))
        if form == "block":
            lines = [
                f"Onderwerp: {draw(st.sampled_from(PIECES))}",
                f"{draw(st.sampled_from(['Actie:', 'Besluit:', 'Taak:']))} {text}",
                f"Wie: {name}",
                f"Wanneer: {when}",
            ]
            if draw(st.booleans()):
                lines.append(f"Criteria: {draw(st.sampled_from(PIECES))}\n· a\n· b")
            parts.append("\n".join(draw(st.permutations(lines))))
        elif form == "short":
            parts.append(f"{name}: {text} ({when})")
        elif form == "pipe":
            cells = [draw(st.sampled_from(PIECES)), text, name, when]
            parts.append(" | ".join(cells[: draw(st.integers(1, 4))] + [when]))
        else:
            parts.append(draw(VOCAB_TEXT))
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n"]))
    return separator.join(parts)


@st.composite
def long_texts(draw: st.DrawFn) -> str:
    """Texts up to LONG characters: one piece repeated, or vocabulary filled up."""
    size = draw(st.integers(4_000, LONG))
    kind = draw(st.sampled_from(["repeat", "one_line", "many_lines", "blocks"]))
    if kind == "repeat":
        piece = draw(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, min_size=1)))
        assume(piece)
        return (piece * (size // len(piece) + 1))[:size]
    if kind == "one_line":
        name = draw(st.sampled_from(NAMES))
        filler = draw(st.sampled_from(["x", "ä", "𝔘", "<"])) * (size - len(name) - 9)
        return f"{name}: {filler} (ASAP)"
    if kind == "many_lines":
        line = draw(st.sampled_from(["Jan: x (ASAP)", "Actie: y", "a | b | c", "?", ""]))
        return ("\n".join([line] * (size // (len(line) + 1) + 1)))[:size]
    block = draw(labelled_blocks())
    return ("\n\n".join([block] * (size // (len(block) + 2) + 1)))[:size]


def check_result(text: str, result: ParseResult) -> None:
    """The invariants of every parse."""
    assert isinstance(result, ParseResult)
    event("stored" if result.ok else "refused")  # --hypothesis-show-statistics shows the mix
    lines = LINE_BREAK.split(text)
    # Something to say: items, or the problems that block storing.
    assert result.items or result.problems
    assert result.ok == (bool(result.items) and not result.problems)
    previous = 0
    for problem in result.problems:
        assert problem.reason in REASONS, problem
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        assert problem.line >= previous, "problems are in line order"
        previous = problem.line
        assert problem.text in text, problem  # the line (or message) as written
    for item in result.items:
        assert item.text.strip(), item
        assert 1 <= item.line <= len(lines), (item, len(lines))
        assert lines[item.line - 1].strip(), item  # an item starts on a non-empty line
        assert isinstance(item.deadline, Deadline)
        if item.deadline.kind in DUE_KINDS:
            assert item.deadline.due is not None, item
        if item.deadline.kind in NO_DUE_KINDS:
            assert item.deadline.due is None, item
    if result.ok:
        # Whatever may be stored fits the limits the storage and the replies rely on.
        assert len(result.items) <= MAX_ITEMS
        for item in result.items:
            assert len(item.text) <= MAX_TEXT_LENGTH
            assert all(name.strip() and len(name) <= MAX_NAME_LENGTH for name in item.owners)


def check_message(text: str) -> None:
    first = parse_message(text, WRITTEN)
    check_result(text, first)
    parse_message("Jan: iets anders (eind mei)\nWie: Marloes", WRITTEN)  # warm the caches
    assert parse_message(text, WRITTEN) == first, "same text, same result"


# parse_message -------------------------------------------------------------------------------


@FAST
@given(st.text())
def test_message_any_text(text: str) -> None:
    check_message(text)


@FAST
@given(ANY_TEXT)
def test_message_any_unicode_incl_surrogates_and_controls(text: str) -> None:
    check_message(text)


@FAST
@given(VOCAB_TEXT)
def test_message_from_the_parsers_vocabulary(text: str) -> None:
    check_message(text)


@FAST
@given(labelled_blocks())
def test_message_shaped_like_real_messages(text: str) -> None:
    check_message(text)


# Whatever is written in a supported form is read whole: N items in, N items out, in order.
CLEAN_NAMES = [
    "Jan", "Marloes", "Louise de Rooij", "Danillo en Marloes", "OT", "Niels Raat (Stadgenoot)",
    "Jan, Karin & Louise", "محمد", "Ŝtéphane",
]  # fmt: skip
CLEAN_WORDS = [
    "data", "doorsturen", "memo", "delen", "rondleiding", "Expofette", "🎉", "<b>", "&",
    "&amp;", "<script>", "x", "alert('x')", "Financiën", "#12", "100%", "é", "‏",
]  # fmt: skip
CLEAN_WHENS = [
    "ASAP", "24 april", "eind mei", "volgende week", "OT 24 april", "continu proces", "Q2",
    "vrijdag", "over 2 weken", "2028", "week 17", "29 februari",
]  # fmt: skip


@st.composite
def clean_messages(draw: st.DrawFn) -> tuple[str, list[tuple[int, str, str, str]]]:
    """A message of 1-12 readable items and, per item: first line, text, owners, Wanneer."""
    parts: list[str] = []
    expected: list[tuple[int, str, str, str]] = []
    line = 1
    for _ in range(draw(st.integers(1, 12))):
        words = draw(st.lists(st.sampled_from(CLEAN_WORDS), min_size=1, max_size=8))
        text = "actie " + " ".join(words)
        name = draw(st.sampled_from(CLEAN_NAMES))
        when = draw(st.sampled_from(CLEAN_WHENS))
        form = draw(st.sampled_from(["short", "block", "pipe"]))
        if form == "short":
            part = f"{name}: {text} ({when})"
        elif form == "block":
            part = f"Onderwerp: Wonen\nActie: {text}\nWie: {name}\nWanneer: {when}"
        else:
            part = f"Wonen | {text} | {name} | {when}"
        parts.append(part)
        expected.append((line, text, name, when))
        line += part.count("\n") + 2
    return "\n\n".join(parts), expected


@FAST
@given(clean_messages())
def test_message_written_in_the_supported_forms_is_read_whole(
    message: tuple[str, list[tuple[int, str, str, str]]],
) -> None:
    text, expected = message
    result = parse_message(text, WRITTEN)
    check_result(text, result)
    assert result.ok, result.problems
    assert [(i.line, i.text, i.owners_text, i.deadline.text) for i in result.items] == expected


@SLOW
@given(long_texts())
def test_message_long_texts(text: str) -> None:
    assert len(text) <= LONG
    check_message(text)


@st.composite
def long_random_unicode(draw: st.DrawFn) -> str:
    """Up to LONG random code points (any plane, surrogates too), some of them line breaks.

    Hypothesis cannot draw a 20,000-character text directly (its buffer is smaller), so a
    drawn seed picks the characters."""
    rnd = random.Random(draw(st.integers(0, 2**32)))
    size = draw(st.integers(LONG // 2, LONG))
    breaks = draw(st.sampled_from(["\n", "\n\n", "\r\n", ":", "|", " "]))
    top = draw(st.sampled_from([0x80, 0x800, 0x10000, 0x110000]))
    chars = [breaks if rnd.random() < 0.02 else chr(rnd.randrange(1, top)) for _ in range(size)]
    return "".join(chars)[:LONG]


@settings(max_examples=10 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(long_random_unicode())
def test_message_long_random_unicode(text: str) -> None:
    check_message(text)


@FAST
@given(labelled_blocks(), st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_message_any_written_date(text: str, written: date) -> None:
    result = parse_message(text, written)
    check_result(text, result)
    assert parse_message(text, written) == result


# parse_deadline ------------------------------------------------------------------------------


def check_deadline(text: str, written: date = WRITTEN) -> None:
    """A Deadline that keeps the text, or a DeadlineError with a known reason; nothing else."""
    outcome: Deadline | DeadlineError
    try:
        outcome = parse_deadline(text, written)
    except DeadlineError as err:
        assert err.reason in DEADLINE_REASONS, err
        assert err.text == text.strip()
        outcome = err
    else:
        assert isinstance(outcome, Deadline)
        assert outcome.text == text.strip()
        if outcome.kind in DUE_KINDS:
            assert outcome.due is not None
        if outcome.kind in NO_DUE_KINDS:
            assert outcome.due is None
    try:
        again: Deadline | DeadlineError = parse_deadline(text, written)
    except DeadlineError as err:
        again = err
    if isinstance(outcome, DeadlineError):
        assert isinstance(again, DeadlineError)
        assert (again.reason, again.text) == (outcome.reason, outcome.text)
    else:
        assert again == outcome


DEADLINE_TEXT = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(WHENS), st.sampled_from([" ", "  "])),
    max_size=8,
).map(" ".join)


@FAST
@given(st.text())
def test_deadline_any_text(text: str) -> None:
    check_deadline(text)


@FAST
@given(ANY_TEXT)
def test_deadline_any_unicode_incl_surrogates_and_controls(text: str) -> None:
    check_deadline(text)


@FAST
@given(DEADLINE_TEXT, st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_deadline_from_its_vocabulary_on_any_day(text: str, written: date) -> None:
    check_deadline(text, written)


@FAST
@given(st.sampled_from(WHENS), st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_deadline_known_forms_on_any_day(text: str, written: date) -> None:
    check_deadline(text, written)


@SLOW
@given(st.one_of(st.sampled_from(WORDS + WHENS), st.text(ANY_CHAR, min_size=1, max_size=4)))
def test_deadline_long_texts(piece: str) -> None:
    assume(piece)
    check_deadline((piece + " ") * (LONG // (len(piece) + 1)))
