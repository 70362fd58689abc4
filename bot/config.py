"""Configuration: a TOML file (git-ignored) plus the environment; the token is never logged."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain.model import TeamSetup

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_BASE_FILE_URL = "https://api.telegram.org/file/bot"
DEFAULT_DB_URL = "sqlite:///data/otbot.sqlite3"


class ConfigError(ValueError):
    """The configuration file cannot be used; the message says why."""


@dataclass(frozen=True)
class Config:
    token: str = field(default="", repr=False)
    base_url: str = DEFAULT_BASE_URL
    base_file_url: str = DEFAULT_BASE_FILE_URL
    db_url: str = DEFAULT_DB_URL
    timezone: str = "Europe/Amsterdam"
    teams: tuple[TeamSetup, ...] = ()
    poll_timeout: float = 30.0


def default_path() -> Path | None:
    """Return the config file to read: $OTBOT_CONFIG, or ./config.toml when it exists."""
    env = os.environ.get("OTBOT_CONFIG")
    if env:
        return Path(env)
    local = Path("config.toml")
    return local if local.exists() else None


def load(path: Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Read the TOML file (if any) and the environment into a Config."""
    env = dict(os.environ) if env is None else env
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as err:
            raise ConfigError(f"config file not found: {path}") from err
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{path}: {err}") from err
    tg = data.get("telegram", {})
    storage = data.get("storage", {})
    bot = data.get("bot", {})
    teams = [_team(t) for t in data.get("teams", [])]
    if "team" in data:
        teams.insert(0, _team(data["team"]))
    names = [t.name.lower() for t in teams]
    if len(set(names)) != len(names):
        raise ConfigError("two teams in the configuration have the same name")
    return Config(
        token=(env.get("TELEGRAM_BOT_TOKEN") or str(tg.get("token", ""))).strip(),
        base_url=str(tg.get("base_url", DEFAULT_BASE_URL)),
        base_file_url=str(tg.get("base_file_url", DEFAULT_BASE_FILE_URL)),
        db_url=env.get("OTBOT_DB_URL") or str(storage.get("url", DEFAULT_DB_URL)),
        timezone=str(bot.get("timezone", "Europe/Amsterdam")),
        teams=tuple(teams),
        poll_timeout=float(tg.get("poll_timeout", 30.0)),
    )


def _team(raw: dict[str, Any]) -> TeamSetup:
    name = str(raw.get("name", "")).strip()
    if not name:
        raise ConfigError("every [team] needs a name")
    ids: set[int] = set()
    usernames: set[str] = set()
    for item in raw.get("secretaries", []):
        if isinstance(item, int):
            ids.add(item)
        elif isinstance(item, str) and item.strip().lstrip("@"):
            text = item.strip()
            if text.lstrip("-").isdigit():
                ids.add(int(text))
            else:
                usernames.add(text.lstrip("@").lower())
        else:
            raise ConfigError(f"team {name!r}: secretaries are user ids or @usernames")
    chat_id = raw.get("chat_id")
    return TeamSetup(
        name=name,
        chat_id=int(chat_id) if chat_id not in (None, "") else None,
        secretary_ids=frozenset(ids),
        secretary_usernames=frozenset(usernames),
    )
