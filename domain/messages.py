"""Read actions and decisions from a secretary's message (labelled blocks, short and pipe lines).

Three forms, freely mixed in one message:

1. Labelled blocks ("Onderwerp:", "Actie:"/"Besluit:", "Toelichting:", "Wie:", "Wanneer:",
   "Criteria:", "Belangen:"), separated by blank lines.
2. Short lines: "Jan: data rondleidingen Expofette doorsturen (ASAP)".
3. Pipe lines with the Word table's columns: "Onderwerp | Actie | Toelichting | Wie | Wanneer"
   (3, 4 or 5 cells).

Nothing is guessed: whatever cannot be read becomes a ParseProblem with a reason code, and an
item with a problem is left out of the result (the caller stores nothing while there are
problems). The reason codes are listed in REASONS. A "Wanneer" that cannot be read is no
problem: the item keeps it as written, with kind UNREADABLE (no date, no reminders), and the
card says how to fix it. Only a "Wanneer" longer than MAX_DEADLINE_LENGTH is refused.

A short line is only read when its name part can be a list of names: each name at most
MAX_NAME_WORDS words (outside parentheses), the whole part at most MAX_NAME_PART_WORDS, and
not starting with a word that is never a name ("Aanwezig:", "Let op:", "Hoi Marloes:"; see
_NOT_OWNER_WORDS). A trailing parenthesis that is a readable deadline becomes the deadline;
one that looks like a deadline but cannot be read becomes an UNREADABLE deadline (see
_looks_like_deadline); anything else stays part of the text.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from domain.deadline import MAX_DEADLINE_LENGTH, read_deadline
from domain.model import (
    Deadline,
    DeadlineKind,
    DraftItem,
    ItemKind,
    ParseProblem,
    ParseResult,
)
from domain.owners import MAX_NAME_LENGTH, split_owners

MAX_TEXT_LENGTH = 2000
MAX_ITEMS = 200
# A short line's name part ("Danillo en Marloes:") is a list of names (split like "Wie") of
# at most MAX_NAME_WORDS words each, not counting "(organisation)" nor surname particles
# before a capital: "Niels Raat (Stadgenoot)" and "Peter van der Vliet" are two words. The
# whole part, separators and particles included, has at most MAX_NAME_PART_WORDS words.
MAX_NAME_WORDS = 3
MAX_NAME_PART_WORDS = 10
# Detail of a "not_understood" short line whose name part starts with a word that is never a
# name ("Aanwezig: Jan, Piet", "Let op: ...", "Hoi Marloes: ...").
NO_OWNER = "no_owner"

# Reason codes of ParseProblem, with what each means (texts.py renders them in Dutch).
REASONS = {
    "empty": "the message contains nothing to read",
    "not_understood": (
        "a line outside a labelled block fits none of the three forms; detail: 'no_owner' "
        "when it is shaped like a short line but its name part starts with a word that is "
        "never a name ('Aanwezig:', 'Let op:', 'Hoi Marloes:'), else ''"
    ),
    "unknown_label": "a 'Word:' line in a block is no known label; detail: closest label or ''",
    "duplicate_label": "a label appears twice in one block; detail: the label as written",
    "missing_text": "a block or line has no action/decision text",
    "action_and_decision": "a block has both an action label and a 'Besluit:' label",
    "criteria_on_action": "'Criteria:'/'Belangen:' on an action; detail: criteria|belangen",
    "deadline_too_long": (
        "the 'Wanneer' is longer than MAX_DEADLINE_LENGTH: no deadline is that long (a note in "
        "the wrong field); detail: the limit"
    ),
    "owner_too_long": "a name in 'Wie' is longer than MAX_NAME_LENGTH; detail: the name",
    "text_too_long": "the action/decision text exceeds MAX_TEXT_LENGTH; detail: its length",
    "too_many_items": "more than MAX_ITEMS items; line of the first one too many",
    "bad_columns": "a pipe line without 3 to 5 cells; detail: the number of cells",
}

# Block fields and the labels (casefolded) that fill them.
_TOPIC, _ACTION, _DECISION, _NOTE = "topic", "action", "decision", "note"
_OWNERS, _DEADLINE, _CRITERIA, _INTERESTS = "owners", "deadline", "criteria", "interests"
_LABELS = {
    "onderwerp": _TOPIC,
    "topic": _TOPIC,
    "thema": _TOPIC,
    "actielijn": _TOPIC,
    "actie": _ACTION,
    "afspraak": _ACTION,
    "taak": _ACTION,
    "wat": _ACTION,
    "besluit": _DECISION,
    "toelichting": _NOTE,
    "update": _NOTE,
    "context": _NOTE,
    "opmerking": _NOTE,
    "notitie": _NOTE,
    "uitleg": _NOTE,
    "wie": _OWNERS,
    "eigenaar": _OWNERS,
    "eigenaren": _OWNERS,
    "trekker": _OWNERS,
    "door": _OWNERS,
    "wanneer": _DEADLINE,
    "deadline": _DEADLINE,
    "datum": _DEADLINE,
    "uiterlijk": _DEADLINE,
    "termijn": _DEADLINE,
    "criteria": _CRITERIA,
    "criterium": _CRITERIA,
    "belangen": _INTERESTS,
    "belang": _INTERESTS,
    "belangenverstrengeling": _INTERESTS,
}
_LABEL_WORDS = list(_LABELS)
# Column headers of the Word table, so a pasted header row is skipped, not read as an item.
_HEADER_WORDS = frozenset(_LABELS) | {"let op indien besluit bijlage invullen"}

# Leading decoration before a label or a short line: spaces, bullets, bold/italic markers,
# quote marks, emoji. Letters, digits and "(" end it.
_DECORATION = frozenset(" \t-–—•·*_>#~")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_NUMBERED_RE = re.compile(r"\d{1,3}[.)]\s")
_PIPE_BULLET_RE = re.compile(r"(?:[-–—•·*]|\d{1,3}[.)])\s+")
_CRITERION_BULLET_RE = re.compile(r"(?:[·•*\-–—]|\d{1,3}[.)](?=\s|$))\s*")
_BESLUIT_PREFIX_RE = re.compile(r"[*_]*besluit[*_]*\s*:[*_]*\s*", re.IGNORECASE)
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?(?=\s|$)")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
# A typo'd label on the line just before a known label is reported instead of being read as
# a short line ("Onderwrp: Financiën" followed by "Actie: ..."). Strict, so that names such
# as "Anne" (close to "wanneer") stay names.
_TYPO_CUTOFF = 0.75
_UNKNOWN_LABEL_CUTOFF = 0.6

# Words that are never an owner's name when they start a short line's name part (casefolded,
# dots removed: "N.B." is "nb"). Minutes headings, greetings, notes and questions: such a
# line is reported (detail NO_OWNER), not read as an action owned by "Aanwezig". Known labels
# ("Datum:", "Toelichting:") open a labelled block before this list is consulted; it catches
# them in longer name parts ("Toelichting bij besluit:").
_NOT_OWNER_WORDS = frozenset(
    {
        # minutes headings
        "aanwezig", "aanwezigen", "afwezig", "afwezigen", "afgemeld", "notulen", "notitie",
        "opmerking", "opmerkingen", "vraag", "vragen", "datum", "locatie", "plaats", "tijd",
        "voorzitter", "agenda", "besluit", "besluiten", "toelichting", "update", "onderwerp",
        "status", "conclusie", "samenvatting", "actiepunten", "acties", "verslag",
        # notes and asides
        "let", "ps", "nb", "tip", "info", "link", "zie",
        # questions
        "wanneer", "wie", "waar",
        # greetings
        "hoi", "hallo", "hey", "hi", "beste", "goedemorgen", "goedemiddag", "goedenavond",
    }
)  # fmt: skip

# A trailing parenthesis of a short line that is no readable deadline ("Jan: x (ooit)") is a
# deadline attempt, kept as an UNREADABLE deadline, unless it is clearly something else, which
# stays part of the text (see _looks_like_deadline):
# - more than _DEADLINE_ATTEMPT_WORDS words: prose ("(na overleg met April de Vries)");
# - it starts with a word that introduces a remark or reference (_ASIDE_WORDS: "(met Karin)",
#   "(samen met gebiedsmakelaar)", "(i.o.m. Werk en Bestaanszekerheid)", "(zie bijlage)");
# - it has a preposition and a name ("(voor Ymere)", "(na gesprek met Karin)");
# - it is only a name or organisation ("(Stadgenoot)", "(Lieven de Key)");
# - it is an amount ("(€ 500)", "(10%)") or has no letters or digits ("(!)").
# A name is a capitalised word without digits that is no time word (_TIME_WORDS: months,
# weekdays, "Pasen", "OT") and no close misspelling of one ("(Apirl)" is an attempt).
# "(ooit)", "(eind mie)", "(31 april)", "(na de zomer)", "(Q5)", "(om 10 uur)" are attempts.
_DEADLINE_ATTEMPT_WORDS = 4
_ASIDE_WORDS = frozenset(
    {
        "met", "samen", "iom", "via", "zie", "bv", "bijv", "bijvoorbeeld", "oa", "incl",
        "inclusief", "excl", "exclusief", "ivm", "nav", "mbt", "obv", "mn", "dwz", "ovb",
        "p", "pag", "blz", "nr", "art", "bijlage", "versie", "als", "indien", "omdat", "want",
    }
)  # fmt: skip
_PREPOSITIONS = frozenset(
    {
        "aan", "bij", "door", "met", "namens", "na", "naar", "over", "tot", "van", "vanuit",
        "voor", "vóór", "zonder", "tegen", "in", "op", "om", "uit", "via", "per", "binnen",
        "sinds", "rond", "rondom", "iom", "samen",
    }
)  # fmt: skip
# Lowercase words inside a name or organisation: "Lieven de Key", "Ymere en Stadgenoot".
_NAME_PARTICLES = frozenset(
    {"de", "der", "den", "van", "het", "'t", "ten", "ter", "te", "en", "&", "von", "la", "le"}
)
_TIME_WORDS = frozenset(
    {
        "januari", "jan", "februari", "feb", "febr", "maart", "mrt", "april", "apr", "mei",
        "juni", "jun", "juli", "jul", "augustus", "aug", "september", "sep", "sept", "oktober",
        "okt", "november", "nov", "december", "dec",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "ma", "di", "wo", "do", "vr", "za", "zo",
        "asap", "zsm", "ot", "week", "weken", "maand", "maanden", "jaar", "kwartaal", "dag",
        "dagen", "eind", "einde", "begin", "medio", "half", "halverwege", "midden", "volgende",
        "volgend", "komende", "aanstaande", "deze", "dit", "uiterlijk", "deadline", "continu",
        "doorlopend", "vandaag", "morgen", "overmorgen", "straks", "later", "binnenkort",
        "ooit", "snel", "spoedig", "direct", "meteen", "tzt", "nader", "zomer", "winter",
        "lente", "herfst", "voorjaar", "najaar", "vakantie", "zomervakantie", "meivakantie",
        "herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "reces", "zomerreces",
        "pasen", "kerst", "kerstmis", "pinksteren", "hemelvaart", "koningsdag", "nieuwjaar",
    }
)  # fmt: skip
_TIME_WORD_LIST = sorted(_TIME_WORDS)
_TIME_WORD_CUTOFF = 0.8  # "apirl" is close to "april"; "stadgenoot" is close to nothing
_AMOUNT_SIGNS = frozenset("€$%")
_AMOUNT_WORDS = frozenset({"euro", "eur"})
_PARENTHESIS_RE = re.compile(r"\([^()]*\)")


def parse_message(text: str, written: date) -> ParseResult:
    """Read the actions and decisions in a secretary's message, or the problems blocking it."""
    return _Parser(written).parse(text)


@dataclass(frozen=True)
class _Label:
    """A line shaped like "Word: value"; `field` is None when Word is no known label."""

    word: str
    field: str | None
    value: str


@dataclass
class _Value:
    """A labelled value in a block: its label line, the inline value and continuation lines."""

    line: int
    text: str  # the label's line, for problems
    label: str  # the label as written, casefolded
    inline: str
    more: list[str] = field(default_factory=list)

    def parts(self) -> list[str]:
        """Return the non-empty lines of the value."""
        return [self.inline, *self.more] if self.inline else list(self.more)


@dataclass
class _Block:
    """A labelled block being read."""

    first_line: int
    first_text: str
    problems_before: int  # problems recorded before this block began
    values: dict[str, _Value] = field(default_factory=dict)
    current: _Value | None = None  # the value that continuation lines extend


class _Parser:
    """One parse of one message; collects items and problems in reading order."""

    def __init__(self, written: date) -> None:
        self.written = written
        self.items: list[DraftItem] = []
        self.problems: list[ParseProblem] = []
        self.candidates = 0  # items seen, readable or not, for the MAX_ITEMS check
        self.deadlines: dict[str, Deadline] = {}

    def parse(self, text: str) -> ParseResult:
        """Parse the whole message."""
        lines = _LINE_BREAK_RE.split(text)
        self._drop_command(lines)
        if all(not line.strip() for line in lines):
            self._problem(1, text.strip(), "empty")
            return self._result()
        block: _Block | None = None
        for index, raw in enumerate(lines):
            number = index + 1
            line = raw.strip()
            if not line:
                self._close(block)
                block = None
                continue
            if block is not None:
                if _pipe_cells(line) is not None:
                    self._close(block)
                    block = None
                    self._pipe_line(number, line)
                else:
                    self._block_line(block, number, line)
                continue
            block = self._loose_line(number, line, lines, index)
        self._close(block)
        return self._result()

    def _result(self) -> ParseResult:
        """Freeze what was read, problems in line order."""
        problems = sorted(self.problems, key=lambda problem: problem.line)
        return ParseResult(tuple(self.items), tuple(problems))

    @staticmethod
    def _drop_command(lines: list[str]) -> None:
        """Blank out a leading "/nieuw" (or "/nieuw@bot"), keeping the rest of its line."""
        for index, raw in enumerate(lines):
            stripped = raw.lstrip()
            if not stripped:
                continue
            match = _COMMAND_RE.match(stripped)
            if match:
                lines[index] = stripped[match.end() :]
            return

    # Lines outside a block -------------------------------------------------------------

    def _loose_line(self, number: int, line: str, lines: list[str], index: int) -> _Block | None:
        """Read a line outside a block; return the block it opens, if any."""
        cells = _pipe_cells(line)
        if cells is not None:
            self._pipe_line(number, line)
            return None
        label = _match_label(line)
        if label is not None and label.field is not None:
            block = _Block(number, line, len(self.problems))
            self._block_line(block, number, line)
            return block
        if "|" in line:
            self._pipe_line(number, line)
            return None
        short = _match_short(line)
        if short is None:
            self._problem(number, line, "not_understood")
            return None
        name, rest = short
        if label is not None and self._looks_like_typo(label.word, lines, index):
            block = _Block(number, line, len(self.problems))
            self._block_line(block, number, line)
            return block
        if _starts_with_non_name(name):
            self._problem(number, line, "not_understood", NO_OWNER)
            return None
        self._short_line(number, line, name, rest)
        return None

    @staticmethod
    def _looks_like_typo(word: str, lines: list[str], index: int) -> bool:
        """Return True when a "Word:" line is a mistyped label heading a labelled block."""
        if index + 1 >= len(lines):
            return False
        following = _match_label(lines[index + 1].strip())
        if following is None or following.field is None:
            return False
        return bool(_closest_label(word.casefold(), _TYPO_CUTOFF))

    def _short_line(self, number: int, line: str, name: str, rest: str) -> None:
        """Read "Jan: tekst (ASAP)"."""
        self._count(number, line)
        count_problems = len(self.problems)
        text, deadline = self._trailing_deadline(rest)
        kind, text = _kind_of(text)
        if not text:
            self._problem(number, line, "missing_text")
        self._check_text(number, line, text)
        owners = self._owners(number, line, name)
        if len(self.problems) == count_problems:
            self._add(
                DraftItem(
                    kind=kind,
                    text=text,
                    owners_text=name,
                    owners=owners,
                    deadline=deadline,
                    line=number,
                )
            )

    def _trailing_deadline(self, rest: str) -> tuple[str, Deadline]:
        """Split "tekst (ASAP)" into text and deadline.

        A parenthesis that is no deadline ("(Stadgenoot)", "(samen met Danillo)") stays part of
        the text; one that looks like a deadline but cannot be read ("(ooit)") is returned as
        an UNREADABLE deadline, with the text before it.
        """
        none = Deadline(DeadlineKind.NONE, "")
        text = rest.strip()
        body = text[:-1].rstrip() if text.endswith(".") else text
        if not body.endswith(")"):
            return text, none
        opening = body.rfind("(")
        inner = body[opening + 1 : -1]
        if opening < 0 or ")" in inner or len(inner) > MAX_DEADLINE_LENGTH:
            return text, none
        result = self._deadline_of(inner.strip())
        if result.kind is DeadlineKind.UNREADABLE:
            if _looks_like_deadline(inner):
                return body[:opening].rstrip(), result
            return text, none
        # "(geen)", "()": no deadline written, so the parenthesis stays part of the text.
        if result.kind is DeadlineKind.NONE:
            return text, none
        return body[:opening].rstrip(), result

    # Pipe lines --------------------------------------------------------------------------

    def _pipe_line(self, number: int, line: str) -> None:
        """Read "onderwerp | tekst | toelichting | wie | wanneer" (3 to 5 cells)."""
        cells = _pipe_cells(line)
        if cells is None:
            self._count(number, line)
            count = len(_split_pipes(line))
            self._problem(number, line, "bad_columns", str(count))
            return
        if _is_header_row(cells) or _is_rule_row(cells):
            return
        self._count(number, line)
        topic = note = ""
        if len(cells) == 3:
            text, owners_text, when = cells
        elif len(cells) == 4:
            topic, text, owners_text, when = cells
        else:
            topic, text, note, owners_text, when = cells
        count_problems = len(self.problems)
        kind, text = _kind_of(text)
        if not text:
            self._problem(number, line, "missing_text")
        self._check_text(number, line, text)
        owners = self._owners(number, line, owners_text)
        deadline = self._deadline(number, line, when)
        if len(self.problems) == count_problems and deadline is not None:
            self._add(
                DraftItem(
                    kind=kind,
                    text=text,
                    topic=topic,
                    note=note,
                    owners_text=owners_text,
                    owners=owners,
                    deadline=deadline,
                    line=number,
                )
            )

    # Labelled blocks ---------------------------------------------------------------------

    def _block_line(self, block: _Block, number: int, line: str) -> None:
        """Add a line to a block: a new label, an unknown label, or a continuation."""
        label = _match_label(line)
        if label is None:
            if block.current is not None:
                block.current.more.append(line)
            return
        if label.field is None:
            closest = _closest_label(label.word.casefold(), _UNKNOWN_LABEL_CUTOFF)
            self._problem(number, line, "unknown_label", closest)
            block.current = None  # its continuation lines belong to the unknown label
            return
        if label.field in block.values:
            self._problem(number, line, "duplicate_label", label.word.casefold())
            block.current = None
            return
        value = _Value(number, line, label.word.casefold(), label.value)
        block.values[label.field] = value
        block.current = value

    def _close(self, block: _Block | None) -> None:
        """Turn a finished block into an item, or into problems."""
        if block is None:
            return
        self._count(block.first_line, block.first_text)
        count_problems = block.problems_before
        values = block.values
        action, decision = values.get(_ACTION), values.get(_DECISION)
        text_value = action or decision
        if action and decision:
            later = max(action, decision, key=lambda v: v.line)
            self._problem(later.line, later.text, "action_and_decision")
        kind = ItemKind.DECISION if decision and not action else ItemKind.ACTION
        text = _joined(text_value)
        if text_value is None:
            self._problem(block.first_line, block.first_text, "missing_text")
        elif not text:
            self._problem(text_value.line, text_value.text, "missing_text")
        else:
            self._check_text(text_value.line, text_value.text, text)
        criteria: tuple[str, ...] = ()
        interests = ""
        if text_value is not None and kind is ItemKind.ACTION:
            for name in (_CRITERIA, _INTERESTS):
                if name in values:
                    value = values[name]
                    self._problem(value.line, value.text, "criteria_on_action", value.label)
        else:
            criteria = _criteria(values.get(_CRITERIA))
            interests = _joined(values.get(_INTERESTS))
        owners_text = _joined(values.get(_OWNERS))
        owners: tuple[str, ...] = ()
        if _OWNERS in values:
            owners = self._owners(values[_OWNERS].line, values[_OWNERS].text, owners_text)
        deadline: Deadline | None = Deadline(DeadlineKind.NONE, "")
        if _DEADLINE in values:
            value = values[_DEADLINE]
            deadline = self._deadline(value.line, value.text, _joined(value))
        if len(self.problems) == count_problems and deadline is not None:
            self._add(
                DraftItem(
                    kind=kind,
                    text=text,
                    topic=_joined(values.get(_TOPIC)),
                    note="\n".join(values[_NOTE].parts()) if _NOTE in values else "",
                    owners_text=owners_text,
                    owners=owners,
                    deadline=deadline,
                    criteria=criteria,
                    interests=interests,
                    line=block.first_line,
                )
            )

    # Shared checks -----------------------------------------------------------------------

    def _owners(self, number: int, line: str, owners_text: str) -> tuple[str, ...]:
        """Split the owners and report names that are too long."""
        owners = split_owners(owners_text)
        for name in owners:
            if len(name) > MAX_NAME_LENGTH:
                self._problem(number, line, "owner_too_long", name)
        return owners

    def _deadline(self, number: int, line: str, when: str) -> Deadline | None:
        """Read a "Wanneer" (unreadable ones are kept as written); None when it is too long."""
        when = when.strip()
        if len(when) > MAX_DEADLINE_LENGTH:
            self._problem(number, line, "deadline_too_long", str(MAX_DEADLINE_LENGTH))
            return None
        return self._deadline_of(when)

    def _deadline_of(self, when: str) -> Deadline:
        """Call read_deadline once per distinct text in this message."""
        cached = self.deadlines.get(when)
        if cached is None:
            cached = self.deadlines[when] = read_deadline(when, self.written)
        return cached

    def _check_text(self, number: int, line: str, text: str) -> None:
        """Report an action/decision text longer than MAX_TEXT_LENGTH."""
        if len(text) > MAX_TEXT_LENGTH:
            self._problem(number, line, "text_too_long", str(len(text)))

    def _count(self, number: int, line: str) -> None:
        """Count an item, readable or not; report the first one over MAX_ITEMS."""
        self.candidates += 1
        if self.candidates == MAX_ITEMS + 1:
            self._problem(number, line, "too_many_items", str(MAX_ITEMS))

    def _add(self, item: DraftItem) -> None:
        """Keep a readable item."""
        self.items.append(item)

    def _problem(self, number: int, line: str, reason: str, detail: str = "") -> None:
        """Record a problem on a line."""
        self.problems.append(ParseProblem(number, line, reason, detail))


# Line shapes ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _closest_label(word: str, cutoff: float) -> str:
    """Return the known label closest to a word, or "" when none is close enough."""
    close = difflib.get_close_matches(word, _LABEL_WORDS, 1, cutoff)
    return close[0] if close else ""


def _strip_decoration(line: str) -> str:
    """Drop bullets, bold markers, numbering and emoji before a label or a name."""
    if line[:1].isalpha():
        return line
    start = 0
    while start < len(line):
        ch = line[start]
        if ch in _DECORATION or unicodedata.category(ch) in ("So", "Sk", "Mn", "Cf"):
            start += 1
            continue
        numbered = _NUMBERED_RE.match(line, start)
        if numbered is None:
            break
        start = numbered.end()
    return line[start:]


def _match_label(line: str) -> _Label | None:
    """Match "Wie: Jan", "*Wie:* Jan", "- Wie : Jan", "**Wie**: Jan" (one word before ':')."""
    text = _strip_decoration(line)
    word_match = _LETTERS_RE.match(text)
    if word_match is None:
        return None
    position = word_match.end()
    while position < len(text) and text[position] in " \t*_":
        position += 1
    if position >= len(text) or text[position] != ":":
        return None
    rest = text[position + 1 :]
    if rest.startswith("//"):  # "https://..." is a link, not a label
        return None
    word = word_match.group()
    value = rest.lstrip("*_") if rest[:1] in ("*", "_") else rest
    return _Label(word, _LABELS.get(word.casefold()), value.strip())


def _match_short(line: str) -> tuple[str, str] | None:
    """Match "Danillo en Marloes: tekst": a name part that can be a list of names, no digits."""
    text = _strip_decoration(line)
    colon = text.find(":")
    if colon <= 0:
        return None
    name = text[:colon].strip(" \t*_")
    rest = text[colon + 1 :]
    if rest.startswith("//"):
        return None
    if not name or name.casefold() in _LABELS or not _fits_names(name):
        return None
    if any(ch.isdigit() for ch in name) or not any(ch.isalpha() for ch in name):
        return None
    if rest[:1] in ("*", "_"):
        rest = rest.lstrip("*_")
    return name, rest.strip()


def _words_outside_parentheses(text: str) -> list[str]:
    """Return the words of a text, leaving out "(...)": "Niels Raat (Stadgenoot)" is two."""
    return _PARENTHESIS_RE.sub(" ", text).split()


def _name_words(name: str) -> int:
    """Count a name's words outside "(...)", without surname particles before a capital.

    "Niels Raat (Stadgenoot)" and "Peter van der Vliet" count two; "de stukken van de OT"
    counts four ("de" before "stukken" counts, "van de" before "OT" does not).
    """
    words = _words_outside_parentheses(name)
    count = 0
    for position, word in enumerate(words):
        if position > 0 and word in _NAME_PARTICLES:
            following = next((w for w in words[position + 1 :] if w not in _NAME_PARTICLES), "")
            if following[:1].isupper():
                continue
        count += 1
    return count


def _fits_names(name: str) -> bool:
    """Return True when a name part is short enough to be a list of names.

    Each name (split like "Wie": on "en", "&", ",", ...) has at most MAX_NAME_WORDS words
    (see _name_words), the whole part at most MAX_NAME_PART_WORDS words ("Jan, Karin en
    Louise" is fine; "Let op dat we dit bespreken" is no name).
    """
    if len(_words_outside_parentheses(name)) > MAX_NAME_PART_WORDS:
        return False
    return all(_name_words(part) <= MAX_NAME_WORDS for part in split_owners(name))


def _word_key(word: str) -> str:
    """Casefold a word and drop dots and surrounding punctuation: "N.B.," is "nb"."""
    return word.casefold().replace(".", "").strip(",;:!?\"'‘’“”*_()[]")


def _starts_with_non_name(name: str) -> bool:
    """Return True when a name part starts with a word that is never a name ("Aanwezig")."""
    words = name.split()
    return bool(words) and _word_key(words[0]) in _NOT_OWNER_WORDS


def _is_name_word(word: str) -> bool:
    """Return True for a capitalised word that is no time word: "Karin", "Ymere", "SDC"."""
    if not word[:1].isupper() or any(ch.isdigit() for ch in word):
        return False
    key = _word_key(word)
    if not key or key in _TIME_WORDS or key in _PREPOSITIONS or key in _ASIDE_WORDS:
        return False
    return not difflib.get_close_matches(key, _TIME_WORD_LIST, 1, _TIME_WORD_CUTOFF)


def _looks_like_deadline(inner: str) -> bool:
    """Return True when an unreadable trailing parenthesis is meant as a deadline.

    The rule is described at _DEADLINE_ATTEMPT_WORDS: short, no remark, no name, no amount.
    """
    words = inner.split()
    if not words or len(words) > _DEADLINE_ATTEMPT_WORDS:
        return False
    if not any(ch.isalnum() for ch in inner):
        return False
    keys = [_word_key(word) for word in words]
    if any(ch in _AMOUNT_SIGNS for ch in inner) or any(key in _AMOUNT_WORDS for key in keys):
        return False
    if keys[0] in _ASIDE_WORDS:
        return False
    names = [_is_name_word(word) for word in words]
    if any(names) and any(key in _PREPOSITIONS for key in keys):
        return False
    # Only a name or organisation, maybe with particles: "(Stadgenoot)", "(Lieven de Key)".
    only_names = all(
        is_name or key in _NAME_PARTICLES for is_name, key in zip(names, keys, strict=True)
    )
    return not (any(names) and only_names)


def _split_pipes(line: str) -> list[str]:
    """Split a pipe line into stripped cells, ignoring a table's outer pipes."""
    bullet = _PIPE_BULLET_RE.match(line)
    text = line[bullet.end() :] if bullet else line
    # "| a | b | c |" (a Markdown table) has outer pipes; "a | b | " ends in an empty cell.
    if len(text) > 1 and text.startswith("|") and text.endswith("|"):
        text = text[1:-1]
    return [cell.strip() for cell in text.split("|")]


def _pipe_cells(line: str) -> list[str] | None:
    """Return the cells of a line with 3 to 5 pipe cells, else None."""
    if line.count("|") < 2:
        return None
    cells = _split_pipes(line)
    return cells if 3 <= len(cells) <= 5 else None


def _is_header_row(cells: list[str]) -> bool:
    """Return True for the Word table's header ("Onderwerp | Actie | ... | Wanneer")."""
    for cell in cells:
        for part in cell.casefold().replace("?", "/").split("/"):
            if part.strip(" *_:") not in _HEADER_WORDS:
                return False
    return True


def _is_rule_row(cells: list[str]) -> bool:
    """Return True for a Markdown table rule ("|---|---|---|")."""
    return all(cell and set(cell) <= set("-:= ") for cell in cells)


def _kind_of(text: str) -> tuple[ItemKind, str]:
    """Return DECISION and the rest for "Besluit: ...", else ACTION and the text."""
    match = _BESLUIT_PREFIX_RE.match(text)
    if match:
        return ItemKind.DECISION, text[match.end() :].strip()
    return ItemKind.ACTION, text.strip()


def _joined(value: _Value | None) -> str:
    """Join a value's lines with spaces."""
    return " ".join(value.parts()) if value is not None else ""


def _criteria(value: _Value | None) -> tuple[str, ...]:
    """Read criteria: the inline value (split on ';') and one per bullet line below it."""
    if value is None:
        return ()
    criteria = [part.strip() for part in value.inline.split(";") if part.strip()]
    for line in value.more:
        bullet = _CRITERION_BULLET_RE.match(line)
        if bullet:
            item = line[bullet.end() :].strip()
            if item:
                criteria.append(item)
        elif criteria:
            # A wrapped line continues the criterion above it.
            criteria[-1] = f"{criteria[-1]} {line}"
        else:
            criteria.append(line)
    return tuple(criteria)


__all__ = ["MAX_ITEMS", "MAX_TEXT_LENGTH", "NO_OWNER", "REASONS", "parse_message"]
