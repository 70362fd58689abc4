"""Names for exported files: safe on any disk and in any Telegram client, whatever a team is
called (slashes, dots, quotes, line breaks, emoji, accents)."""

from __future__ import annotations

import re
import unicodedata

MAX_TEAM_PART = 60
_SIMPLE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Letters NFKD does not take apart ("Ĳ" it does: "IJ"); without this "Straße" became "strae".
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l"}
    | {"Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th"}
)


def slug(text: str, limit: int = MAX_TEAM_PART) -> str:
    """Lower-case ASCII words joined by "-" ("Café Nieuw-West" -> "cafe-nieuw-west")."""
    folded = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_only = folded.encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return words[:limit].rstrip("-")


def export_filename(kind: str, team_name: str, day: str | None, ext: str, suffix: str = "") -> str:
    """Name an export, e.g. ("actielijst", "OT Wonen", "2027-03-18", "docx") ->
    "actielijst-ot-wonen-2027-03-18.docx". `kind`, `day`, `suffix` and `ext` come from code."""
    assert _SIMPLE.fullmatch(kind) and _SIMPLE.fullmatch(ext), (kind, ext)
    for part in (suffix, day or ""):
        assert not part or _SIMPLE.fullmatch(part), part
    parts = [kind, slug(team_name) or "team", day or "", suffix]
    return "-".join(p for p in parts if p) + f".{ext}"
