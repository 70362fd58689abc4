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

# Separators between names. The word separators need spaces around them so that names such
# as "Karen", "Metin" or "Henk-Jan" stay whole; they match in any case ("Jan En Piet").
_WORD_SEPARATORS = (
    r"en\s*/\s*of|in overleg met|in samenwerking met|in combinatie met|met medewerking van"
    r"|ondersteund door|bijgestaan door|samen met|i\.?\s?o\.?\s?m\.?|i\.?\s?s\.?\s?m\.?"
    r"|i\.?\s?c\.?\s?m\.?|m\.?\s?m\.?\s?v\.?|plus|met|en|and"
)
_SEPARATOR_RE = re.compile(rf"\s+(?:{_WORD_SEPARATORS})(?:\s+|$)|\s*[&+]\s*|[,;/]", re.IGNORECASE)
# "Marloes e.a.": the others are nobody in particular.
_SUFFIX_RE = re.compile(
    # With dots only: "Eva" and "Cas" are names, "e.v.a." and "c.s." are not.
    r"\s+(?:e\.\s?a\.?|c\.\s?s\.?|e\.\s?v\.\s?a\.?|en anderen|et al\.?)\s*$",
    re.IGNORECASE,
)

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
    }
)


def split_owners(text: str) -> tuple[str, ...]:
    """Split a written owner list ("Danillo en Marloes") into names, first spelling kept."""
    names: list[str] = []
    seen: set[str] = set()
    for part in _split_outside_parentheses(_SUFFIX_RE.sub("", text)):
        name = " ".join(part.split())
        key = normalize_name(name)
        if not key or key in seen:
            continue
        seen.add(key)
        names.append(name)
    return tuple(names)


def normalize_name(name: str) -> str:
    """Return the key used to match names: no case, accents, organisation or extra spaces."""
    text = name.strip()
    # Drop a trailing "(organisation)" only when a name stands before it; "(Stadgenoot)" alone
    # is then matched on its contents rather than becoming an empty key.
    without_org = _TRAILING_ORG_RE.sub("", text).strip()
    if without_org:
        text = without_org
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
    match = _TRAILING_ORG_RE.search(text)
    if match is None:
        return text, ""
    person = text[: match.start()].strip(" -,")
    inner = " ".join(match.group().strip()[1:-1].split())
    if not person:
        return text, ""
    if normalize_name(inner) in _ROLE_WORDS or not inner:
        return person, ""
    return person, inner


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
    "split_owners",
    "split_organisation",
    "normalize_name",
    "is_group_owner",
]
