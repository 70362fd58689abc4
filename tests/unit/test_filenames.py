"""Export file names: safe whatever the team is called."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.filenames import export_filename, slug


def test_the_seed_team() -> None:
    name = export_filename("actielijst", "OT Wonen en Leefomgeving", "2027-03-18", "docx")
    assert name == "actielijst-ot-wonen-en-leefomgeving-2027-03-18.docx"
    assert export_filename("ot", "OT Wonen", None, "ics", "mijn") == "ot-ot-wonen-mijn.ics"


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        ('../../etc/"OT"\nWonen / Leefomgeving 🏠', "etc-ot-wonen-leefomgeving"),
        ("Café Ĳburg", "cafe-ijburg"),
        ("Øresund Straße Łódź Æble", "oresund-strasse-lodz-aeble"),
        ("'OT'\t\x00\x1b[31m\r\nNoord", "ot-31m-noord"),
        (".hidden", "hidden"),
        ("...", "team"),
        ("🏠🏠", "team"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("x" * 300, "x" * 60),
    ],
)
def test_hostile_team_names(team: str, expected: str) -> None:
    assert slug(team) or expected == "team"
    assert export_filename("actielijst", team, "concept", "csv") == (
        f"actielijst-{expected}-concept.csv"
    )


@given(st.text(max_size=200), st.sampled_from([("2027-03-18", ""), (None, "mijn"), (None, "")]))
def test_any_team_name_gives_a_plain_name(team: str, day_suffix: tuple[str | None, str]) -> None:
    day, suffix = day_suffix
    name = export_filename("actielijst", team, day, "docx", suffix)
    assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name), name
    assert ".." not in name and "--" not in name and len(name) <= 100
    assert name.endswith(".docx") and name.count(".") == 1


def test_only_simple_kinds_and_extensions() -> None:
    for kind, ext in [("../x", "docx"), ("actielijst", "docx/../x"), (".x", "docx"), ("a", "")]:
        with pytest.raises(AssertionError):
            export_filename(kind, "OT Wonen", None, ext)
