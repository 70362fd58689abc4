"""The bot's HTML as plain text (callback answers, the CLI's messages)."""

from __future__ import annotations

from domain.text import plain_text


def test_tags_go_and_entities_are_unescaped() -> None:
    html = '<b>Actie #3</b> is van <a href="tg://user?id=1">Jan &amp; Piet</a> &lt;ASAP&gt;'
    assert plain_text(html) == "Actie #3 is van Jan & Piet <ASAP>"


def test_the_limit_counts_the_plain_text() -> None:
    assert plain_text("<i>" + "x" * 300 + "</i>", 200) == "x" * 200
    assert plain_text("<i>" + "x" * 300 + "</i>") == "x" * 300
