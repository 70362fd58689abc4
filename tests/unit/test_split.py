"""Long replies are split at line boundaries to fit Telegram's limits."""

from __future__ import annotations

import pytest

from domain.errors import BadNumber
from handlers.common import parse_number, split_message


def test_short_text_is_one_part() -> None:
    assert split_message("a\nb") == ["a\nb"]


def test_long_text_splits_at_lines_and_keeps_everything() -> None:
    lines = [f"regel {i} " + "x" * 90 for i in range(200)]
    parts = split_message("\n".join(lines), limit=4000)
    assert len(parts) > 1
    assert all(len(p) <= 4000 for p in parts)
    assert "\n".join(parts).split("\n") == lines


def test_one_enormous_line_is_cut_hard() -> None:
    parts = split_message("y" * 9000, limit=4000)
    assert [len(p) for p in parts] == [4000, 4000, 1000]


def test_block_count_limit_splits_at_blank_lines() -> None:
    blocks = [f"<b>#{i}</b> actie\n   details" for i in range(100)]
    parts = split_message("\n\n".join(blocks), max_lines=45)
    assert len(parts) > 1
    assert all(p.count("\n") <= 46 for p in parts)
    assert sum(p.count("<b>") for p in parts) == 100


@pytest.mark.parametrize("text,number", [("12", 12), ("#7", 7), (" 3 ", 3)])
def test_parse_number(text: str, number: int) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "abc", "-1", "1.5", "9999999999", "١٢"])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(BadNumber):
        parse_number(text)
