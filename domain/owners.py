"""Owners ("Wie"): split a written owner list into names and match names loosely.

The grammar of a "Wie": names joined by a separator, each name maybe followed by its
organisation in brackets.

    owners    = name {separator name} [suffix]
    separator = , ; / & + | en | and | plus | met | samen met | i.o.m. | in overleg met
                | i.s.m. | in samenwerking met | i.c.m. | m.m.v. | en/of | ondersteund door
    name      = words ["(" organisation ")"]        "Moustapha (SAAAM)", "Niels Raat (Stadgenoot)"
    suffix    = e.a. | c.s. | en anderen              dropped: they name nobody

Every name becomes an owner ("Tanay i.o.m. Danillo" is Tanay and Danillo: both have to act).
The organisation in brackets belongs to the person (`split_organisation`), not to the name;
a role in brackets ("(trekker)") is neither.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 64
MAX_NAME_OFFERS = 3  # "Ben jij Jan uit de actielijst?": at most this many names, each a button

# Separators between names. The word separators need spaces around them so that names such
# as "Karen", "Metin" or "Henk-Jan" stay whole; they match in any case ("Jan En Piet").
_WORD_SEPARATORS = (
    r"en\s*/\s*of|in overleg met|in samenwerking met|in combinatie met|met medewerking van"
    r"|ondersteund door|bijgestaan door|samen met|i\.?\s?o\.?\s?m\.?|i\.?\s?s\.?\s?m\.?"
    r"|i\.?\s?c\.?\s?m\.?|m\.?\s?m\.?\s?v\.?|met hulp van|geholpen door|plus|met|en|and|of"
    r"|óf"
)
_SEPARATOR_RE = re.compile(
    rf"\s+(?:{_WORD_SEPARATORS})(?:\s+|$)|\s*[&+|]\s*|[,;/]|\s*\n\s*", re.IGNORECASE
)
# "Tanay (i.o.m. Danillo)": a second person in brackets is an owner too.
_BRACKETED_PERSON_RE = re.compile(
    r"\(\s*((?:i\.?\s?o\.?\s?m\.?|i\.?\s?s\.?\s?m\.?|samen met|in overleg met|met|en|\+|&)"
    r"\s*[^()]+)\)",
    re.IGNORECASE,
)
# "Nabila i.p.v. Karin": Karin is replaced, not an owner.
_INSTEAD_RE = re.compile(r"\s+i\.?\s?p\.?\s?v\.?\s+[^,;/&+|\n]*", re.IGNORECASE)
# "Karin, evt. Nabila": a possible owner is an owner.
_MAYBE_RE = re.compile(r"^(?:evt\.?|eventueel|mogelijk|eventueel ook)\s+", re.IGNORECASE)
# "Marloes en Danillo (beiden NPSNW)": one organisation for all of them.
_SHARED_ORG_RE = re.compile(
    r"\(\s*(?:beiden|beide|allebei|allen|alle|allemaal|allen van|beiden van)\s+([^()]+)\)\s*$",
    re.IGNORECASE,
)
# What stands in a Wie but names nobody: "n.n.b.", "& co", "+ team".
_NOBODY = frozenset(
    {
        "nnb", "nvt", "ntb", "tbd", "tba", "onbekend", "nog onbekend", "nader te bepalen",
        "niemand", "nog niemand", "nog niet bekend", "x", "co", "team", "enz", "etc", "anderen",
    }
)  # fmt: skip
# "Marloes e.a.": the others are nobody in particular.
_SUFFIX_RE = re.compile(
    # With dots only: "Eva" and "Cas" are names, "e.v.a." and "c.s." are not.
    # Without dots only in lower case ("Marloes cs"); "Ea" may be a name.
    r"\s+(?:e\.\s?a\.?|c\.\s?s\.?|e\.\s?v\.\s?a\.?|en anderen|et al\.?|enz\.?|etc\.?"
    r"|(?-i:cs|ea))(?=\s*(?:\(|$))",
    re.IGNORECASE,
)
# An organisation or role after a dash or "namens": "Marloes - NPSNW", "Karin – trekker".
_TAIL_ORG_RE = re.compile(r"\s+(?:[-\u2013\u2014]|namens)\s+([^()]+)$", re.IGNORECASE)

# "Niels Raat (Stadgenoot)": the organisation in parentheses is not part of the matching key.
_TRAILING_ORG_RE = re.compile(r"\([^()]*\)\s*$")
# A role in brackets is no organisation: "Louise (trekker)".
_ROLE_WORDS = frozenset(
    {
        "trekker", "kartrekker", "voorzitter", "secretaris", "lead", "eigenaar", "coordinator",
        "projectleider", "eindverantwoordelijk", "verantwoordelijk", "penvoerder", "contact",
        "contactpersoon", "aanspreekpunt", "namens", "vz", "secr",
    }
)  # fmt: skip

_GROUP_NAMES = frozenset(
    {
        "ot",
        "het ot",
        "ot-leden",
        "ot leden",
        "alle ot-leden",
        "alle ot leden",
        "het hele ot",
        "hele ot",
        "opgaveteam",
        "het opgaveteam",
        "partners",
        "partners npsnw",
        "alle partners",
        "iedereen",
        "allen",
        "allemaal",
        "alle partners npsnw",
        "alle leden",
        "alle deelnemers",
        "alle aanwezigen",
        "de partners",
        "het team",
        "hele team",
        "het hele team",
    }
)


def split_owners(text: str) -> tuple[str, ...]:
    """Split a written owner list ("Danillo en Marloes") into names, first spelling kept."""
    names: list[str] = []
    seen: set[str] = set()
    shared = _SHARED_ORG_RE.search(text)
    if shared:
        text = text[: shared.start()]
    text = _BRACKETED_PERSON_RE.sub(lambda m: " " + m.group(1) + " ", text)
    text = _INSTEAD_RE.sub("", text)
    for part in _split_outside_parentheses(text):
        name = _MAYBE_RE.sub("", " ".join(_SUFFIX_RE.sub("", part).split()))
        key = normalize_name(name)
        if not key or key in seen or key.replace(".", "") in _NOBODY or key in _ROLE_WORDS:
            continue
        seen.add(key)
        if shared and "(" not in name:
            name = f"{name} ({' '.join(shared.group(1).split())})"
        names.append(name)
    return tuple(names)


def normalize_name(name: str) -> str:
    """Return the key used to match names: no case, accents, organisation or extra spaces."""
    # Drop the organisation and roles ("(SAAAM)", " - NPSNW") when a name stands before
    # them; "(Stadgenoot)" alone is then matched on its contents rather than an empty key.
    text = split_organisation(name)[0]
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    collapsed = " ".join(kept.split())
    return _strip_punctuation(collapsed)


def split_organisation(name: str) -> tuple[str, str]:
    """Split "Moustapha (SAAAM)" into the name and the organisation ("" when none).

    A role in brackets ("Louise (trekker)") is dropped, not taken as an organisation; a
    bracket alone ("(Stadgenoot)") stays the name.
    """
    text = " ".join(name.split())
    if text.count("(") == text.count(")") + 1 and re.search(r"\([^()]*$", text):
        text += ")"  # "Moustapha (SAAAM": the bracket was never closed
    organisation = ""
    if tail := _TAIL_ORG_RE.search(text):
        person = text[: tail.start()].strip()
        if person:
            inner = tail.group(1).strip()
            if _fold(inner) not in _ROLE_WORDS and not organisation:
                organisation = inner
            text = person
    while match := _TRAILING_ORG_RE.search(text):  # last first: "Karin (Gemeente) (trekker)"
        person = text[: match.start()].strip(" -,\u2013")
        if not person:
            break
        inner = " ".join(match.group().strip()[1:-1].split())
        if inner and _fold(inner) not in _ROLE_WORDS:
            organisation = inner
        text = person
    return text, organisation


def first_name_match(name: str, first_name: str) -> int | None:
    """How well a list name fits a first name: 0 when it is that name ("Jan", "jan", "Ján"),
    1 when it is a full name that begins with it ("Jan van de Borden"), None otherwise
    ("Jan-Willem", "Janneke" and "Marloes" are someone else)."""
    key, first = normalize_name(name), normalize_name(first_name)
    if not first or not key:
        return None
    if key == first:
        return 0
    return 1 if key.startswith(first + " ") else None


def _fold(text: str) -> str:
    """Casefold without accents and dots: "Coördinator." is "coordinator"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace(".", "")


def is_group_owner(name: str) -> bool:
    """Return True when the name stands for the whole team or all partners, not a person."""
    return normalize_name(name) in _GROUP_NAMES


def _split_outside_parentheses(text: str) -> list[str]:
    """Split on owner separators, leaving "(Stadgenoot/Ymere)" and similar intact."""
    # Mask every balanced "(...)" so the separator regex cannot match inside it, then cut the
    # original text where the masked text has separators (both have the same length).
    masked = list(text)
    open_at: list[int] = []
    for index, ch in enumerate(text):
        if ch == "(":
            open_at.append(index)
        elif ch == ")" and open_at:
            first = open_at.pop()
            if not open_at:
                masked[first : index + 1] = "x" * (index + 1 - first)
    parts: list[str] = []
    start = 0
    for match in _SEPARATOR_RE.finditer("".join(masked)):
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return parts


def _strip_punctuation(text: str) -> str:
    """Strip punctuation and spaces from both ends of a text."""
    start, end = 0, len(text)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_edge_junk(ch: str) -> bool:
    """Return True for punctuation or whitespace that may surround a name."""
    return ch.isspace() or unicodedata.category(ch).startswith("P")


__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_NAME_OFFERS",
    "first_name_match",
    "split_owners",
    "split_organisation",
    "normalize_name",
    "is_group_owner",
]
