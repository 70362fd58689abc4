"""Configuration: a TOML file (git-ignored) plus the environment; the token is never logged."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.startup import DEFAULT_STARTUP_RETRY_SECONDS
from domain.holidays import dutch_holidays
from domain.model import TeamSetup
from domain.reminders import ReminderSettings

# Empty: python-telegram-bot's own defaults (Telegram's servers) are used.
DEFAULT_BASE_URL = ""
DEFAULT_BASE_FILE_URL = ""
DEFAULT_DB_URL = "sqlite:///data/otbot.sqlite3"

DEFAULT_CONCURRENT_UPDATES = 16  # updates handled at once while they wait for Telegram


# The placeholders of config.example.toml: a bot started with them has no real secretary.
EXAMPLE_TEAM = "OT Wonen en Leefomgeving"
EXAMPLE_SECRETARY = "secretaris_npsnw"


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
    startup_retry_seconds: float = DEFAULT_STARTUP_RETRY_SECONDS
    reminders: ReminderSettings = field(default_factory=ReminderSettings)
    reminders_enabled: bool = True
    tick_seconds: float = 60.0
    concurrent_updates: int = DEFAULT_CONCURRENT_UPDATES


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
    timezone = str(bot.get("timezone", "Europe/Amsterdam"))
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ConfigError(f"unknown time zone: {timezone}") from err
    rem = data.get("reminders", {})
    concurrent = bot.get("concurrent_updates", DEFAULT_CONCURRENT_UPDATES)
    if (
        not isinstance(concurrent, int)
        or isinstance(concurrent, bool)
        or not 1 <= concurrent <= 256
    ):
        raise ConfigError("[bot] concurrent_updates must be a whole number from 1 to 256")
    retry = tg.get("startup_retry_seconds", DEFAULT_STARTUP_RETRY_SECONDS)
    if not isinstance(retry, int | float) or isinstance(retry, bool) or not 0 <= retry <= 86400:
        raise ConfigError("[telegram] startup_retry_seconds must be a number from 0 to 86400")
    return Config(
        token=(env.get("TELEGRAM_BOT_TOKEN") or str(tg.get("token", ""))).strip(),
        base_url=str(tg.get("base_url", DEFAULT_BASE_URL)),
        base_file_url=str(tg.get("base_file_url", DEFAULT_BASE_FILE_URL)),
        db_url=env.get("OTBOT_DB_URL") or str(storage.get("url", DEFAULT_DB_URL)),
        timezone=timezone,
        teams=tuple(teams),
        poll_timeout=float(tg.get("poll_timeout", 30.0)),
        startup_retry_seconds=float(retry),
        reminders=_reminders(rem, tz),
        reminders_enabled=bool(rem.get("enabled", True)),
        tick_seconds=float(rem.get("tick_seconds", 60.0)),
        concurrent_updates=concurrent,
    )


def team_problems(cfg: Config) -> list[tuple[str, str]]:
    """What the teams still lack to be used: ("none", "") when there is no team; per team
    ("example", name) for config.example.toml's secretary (and, with it, its team name: then
    the name is the example's too) and ("no_secretary", name) for none at all."""
    if not cfg.teams:
        return [("none", "")]
    problems = []
    for team in cfg.teams:
        if EXAMPLE_SECRETARY in team.secretary_usernames:
            problems.append(("example", team.name))
        elif not team.secretary_ids and not team.secretary_usernames:
            problems.append(("no_secretary", team.name))
    return problems


WEEKDAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
INT_KEYS = (
    "asap_first_working_days",
    "asap_repeat_days",
    "asap_escalate_after",
    "date_days_before",
    "meeting_update_working_days",
    "snooze_working_days",
    "catch_up_days",
)


def _weekday(value: object) -> int:
    """Read a weekday as "ma".."zo" or 1..7 (Monday = 1)."""
    if isinstance(value, int) and 1 <= value <= 7:
        return value - 1
    if isinstance(value, str) and value[:2].lower() in WEEKDAYS:
        return WEEKDAYS[value[:2].lower()]
    raise ConfigError(f"[reminders]: {value!r} is no weekday (use ma..zo or 1..7)")


def _clock(value: object, key: str) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError as err:
        raise ConfigError(f"[reminders] {key}: use HH:MM, not {value!r}") from err


def _reminders(raw: dict[str, Any], tz: ZoneInfo) -> ReminderSettings:
    """Read [reminders]; holidays default to the Dutch public holidays."""
    kwargs: dict[str, Any] = {"tz": tz}
    for key in INT_KEYS:
        if key in raw:
            value = raw[key]
            if not isinstance(value, int) or value < 0:
                raise ConfigError(f"[reminders] {key} must be a whole number >= 0")
            kwargs[key] = value
    if "window_start" in raw:
        kwargs["window_start"] = _clock(raw["window_start"], "window_start")
    if "window_end" in raw:
        kwargs["window_end"] = _clock(raw["window_end"], "window_end")
    if "working_days" in raw:
        kwargs["working_days"] = frozenset(_weekday(d) for d in raw["working_days"])
    if "digest_weekday" in raw:
        kwargs["digest_weekday"] = _weekday(raw["digest_weekday"])
    if "holidays" in raw:
        try:
            kwargs["holidays"] = frozenset(date.fromisoformat(str(d)) for d in raw["holidays"])
        except ValueError as err:
            raise ConfigError(f"[reminders] holidays: {err}") from err
    else:
        year = datetime.now(tz).year
        kwargs["holidays"] = frozenset().union(
            *(dutch_holidays(y) for y in range(year - 1, year + 6))
        )
    try:
        return ReminderSettings(**kwargs)
    except ValueError as err:
        raise ConfigError(f"[reminders]: {err}") from err


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
