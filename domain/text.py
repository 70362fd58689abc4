"""Text helpers every layer may use: the bot's HTML as plain text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")


def plain_text(html_text: str, limit: int | None = None) -> str:
    """Strip the tags of the bot's HTML and unescape it; cut to `limit` characters if given
    (a callback answer holds 200)."""
    plain = html.unescape(_TAG.sub("", html_text))
    return plain if limit is None else plain[:limit]
