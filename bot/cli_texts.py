"""What `otbot` tells the person who installs and runs it, on the terminal and in the log.

Each message is one line, Dutch then English ("... / ..."), plain text. It names options and
config keys (`--team NAAM`, `[telegram] token`), never the bot's Telegram commands: whoever
reads it is at a shell, not in a chat. The texts for Telegram users are in bot/texts.py.
"""

from __future__ import annotations

from bot.config import EXAMPLE_SECRETARY, EXAMPLE_TEAM
from bot.startup import StartupFailure


def _join(dutch: str, english: str) -> str:
    return f"{dutch} / {english}"


def _seconds(value: float) -> str:
    return f"{round(value, 1):g} s"


# --- starting `otbot run` ----------------------------------------------------------------


def startup_failed(
    failure: StartupFailure, step: str, detail: str, seconds: float, config: str
) -> str:
    """Why `otbot run` gave up starting, and what to check."""
    tried = _seconds(seconds)
    if failure is StartupFailure.TOKEN:
        return _join(
            f"Telegram weigert het bot-token ({detail}): controleer TELEGRAM_BOT_TOKEN of "
            f"[telegram] token in {config} (en [telegram] base_url als die gezet is), of vraag "
            "bij @BotFather een nieuw token (/token)",
            f"Telegram rejected the bot token ({detail}): check TELEGRAM_BOT_TOKEN or "
            f"[telegram] token in {config} (and [telegram] base_url if set), or get a new "
            "token from @BotFather (/token)",
        )
    if failure is StartupFailure.TIMEOUT:
        return _join(
            f"Telegram antwoordt niet op tijd bij het starten ({step}, {tried} geprobeerd: "
            f"{detail}); controleer de internetverbinding, proxy of firewall; langer proberen: "
            f"[telegram] startup_retry_seconds in {config}",
            f"Telegram does not answer in time while starting ({step}, tried for {tried}: "
            f"{detail}); check the network connection, proxy or firewall; to keep trying "
            f"longer: [telegram] startup_retry_seconds in {config}",
        )
    return _join(
        f"Telegram niet bereikbaar bij het starten ({step}, {tried} geprobeerd: {detail}); "
        f"controleer de internetverbinding, proxy of firewall en [telegram] base_url; langer "
        f"proberen: [telegram] startup_retry_seconds in {config}",
        f"Telegram unreachable while starting ({step}, tried for {tried}: {detail}); check "
        f"the network connection, proxy or firewall and [telegram] base_url; to keep trying "
        f"longer: [telegram] startup_retry_seconds in {config}",
    )


def startup_retry(failure: StartupFailure, step: str, detail: str, pause: float) -> str:
    """One warning per retry while starting."""
    if failure is StartupFailure.TIMEOUT:
        dutch, english = "Telegram antwoordt niet op tijd", "Telegram does not answer in time"
    else:
        dutch, english = "Telegram niet bereikbaar", "Telegram unreachable"
    wait = _seconds(pause)
    return _join(
        f"{dutch} ({step}: {detail}); opnieuw over {wait}",
        f"{english} ({step}: {detail}); retrying in {wait}",
    )


def team_problem(problem: str, team: str, config: str | None) -> str:
    """A warning at start: the configuration has no usable team yet, and what to edit."""
    if problem == "none" and config is None:
        return _join(
            "Geen configuratiebestand en dus geen team: kopieer config.example.toml naar "
            "config.toml (of wijs er een aan met OTBOT_CONFIG) en zet onder [team] de name en "
            "secretaries (Telegram-id's of @gebruikersnamen)",
            "No config file, so no team: copy config.example.toml to config.toml (or point "
            "OTBOT_CONFIG at one) and set name and secretaries (Telegram ids or @usernames) "
            "under [team]",
        )
    if problem == "none":
        return _join(
            f"Geen team in {config}: voeg een [team] toe met name en secretaries "
            "(Telegram-id's of @gebruikersnamen)",
            f"No team in {config}: add a [team] with name and secretaries (Telegram ids or "
            "@usernames)",
        )
    if problem == "no_secretary":
        return _join(
            f"Team ‘{team}’ in {config} heeft geen secretaris: zet bij dat team secretaries "
            "(Telegram-id's of @gebruikersnamen)",
            f"Team ‘{team}’ in {config} has no secretary: set secretaries for that team "
            "(Telegram ids or @usernames)",
        )
    name_nl = name_en = ""
    if team == EXAMPLE_TEAM:
        name_nl, name_en = " en de naam van je team onder name", " and your team's name in name"
    return _join(
        f"Team ‘{team}’ in {config} heeft nog de voorbeeldsecretaris @{EXAMPLE_SECRETARY} "
        f"uit config.example.toml: zet je eigen Telegram-id of @gebruikersnaam onder "
        f"secretaries{name_nl}",
        f"Team ‘{team}’ in {config} still has config.example.toml's example secretary "
        f"@{EXAMPLE_SECRETARY}: put your own Telegram id or @username in secretaries{name_en}",
    )
