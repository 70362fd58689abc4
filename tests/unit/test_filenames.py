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


@given(st.text(max_size=200))
def test_any_team_name_gives_a_plain_name(team: str) -> None:
    name = export_filename("actielijst", team, "2027-03-18", "docx")
    assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name), name
    assert ".." not in name and len(name) <= 100
