"""What `otbot` tells the person who installs and runs it, on the terminal and in the log.

Each message is one line, Dutch then English ("... / ..."), plain text. It names options and
config keys (`--team NAAM`, `[telegram] token`), never the bot's Telegram commands: whoever
reads it is at a shell, not in a chat. The texts for Telegram users are in bot/texts.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot import texts
from bot.config import EXAMPLE_SECRETARY, EXAMPLE_TEAM
from bot.startup import StartupFailure

if TYPE_CHECKING:
    from services.documents import ImportPreview, ImportResult


def _join(dutch: str, english: str) -> str:
    return f"{dutch} / {english}"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


# --- otbot import and otbot export -------------------------------------------------------

DATE_EXAMPLES_NL = "bv. 2027-03-18, 18-3-2027, ‘18 maart 2027’ of ‘18 maart’"
DATE_EXAMPLES_EN = "e.g. 2027-03-18, 18-3-2027, ‘18 maart 2027’ or ‘18 maart’"

# Why a file is no actielijst (documents/docx_io.py reasons), with what to do at a shell.
DOCUMENT_REASONS = {
    "not_docx": ("is geen Word-bestand (.docx)", "is no Word document (.docx)"),
    "corrupt": ("is beschadigd of geen echt .docx", "is damaged or no real .docx"),
    "too_large": ("is te groot voor een actielijst", "is too large for an actielijst"),
    "too_slow": ("is te ingewikkeld om snel te lezen", "is too complex to read quickly"),
    "no_table": (
        "heeft geen actietabel (een kolom Actie/Afspraak/Actiepunt en een kolom Wie of Wanneer)",
        "has no action table (a column Actie/Afspraak/Actiepunt and one for Wie or Wanneer)",
    ),
    "old_doc": (
        "is een oud Word-bestand (.doc): sla het in Word op als .docx",
        "is an old Word file (.doc): save it as .docx in Word",
    ),
    "encrypted": (
        "is met een wachtwoord beveiligd: haal dat er in Word af",
        "is protected with a password: remove it in Word",
    ),
    "pdf": (
        "is een PDF: gebruik het Word-bestand (.docx) waar die van gemaakt is",
        "is a PDF: use the Word file (.docx) it was made from",
    ),
    "odt": (
        "is een OpenDocument-bestand (.odt): sla het op als Word (.docx)",
        "is an OpenDocument file (.odt): save it as Word (.docx)",
    ),
    "pages": (
        "is een Pages-document: exporteer het naar Word (.docx)",
        "is a Pages document: export it to Word (.docx)",
    ),
    "rtf": (
        "is een RTF-bestand: sla het in Word op als .docx",
        "is an RTF file: save it as .docx in Word",
    ),
    "spreadsheet": (
        "is een spreadsheet: zet de tabel in een Word-document (.docx)",
        "is a spreadsheet: put the table in a Word document (.docx)",
    ),
    "presentation": (
        "is een presentatie: gebruik het Word-document (.docx)",
        "is a presentation: use the Word document (.docx)",
    ),
    "text": (
        "is een tekstbestand, geen Word-bestand (.docx)",
        "is a text file, no Word document (.docx)",
    ),
    "image": (
        "is een afbeelding: gebruik het Word-document (.docx)",
        "is an image: use the Word document (.docx)",
    ),
    "zip": (
        "is een zip-bestand: pak het uit en geef het .docx-bestand",
        "is a zip file: unpack it and give the .docx file",
    ),
}


def cannot(action: str, why: str) -> str:
    """`otbot import`/`export` gave up: "Kan niet importeren / cannot import: ..."."""
    dutch = {"import": "Kan niet importeren", "export": "Kan niet exporteren"}[action]
    return f"{dutch} / cannot {action}: {why}"


def unreadable_file(path: str, reason: str) -> str:
    """The file is there but is no actielijst."""
    dutch, english = DOCUMENT_REASONS.get(reason, ("kan ik niet lezen", "cannot be read"))
    return _join(f"{path} {dutch}", f"{path} {english}")


def missing_file(path: str, error: str) -> str:
    """The file cannot be opened at all."""
    return _join(f"{path} kan ik niet openen ({error})", f"cannot open {path} ({error})")


def no_team(configured: list[str], given: str) -> str:
    """The team is not named, or not known: which ones there are, and --team."""
    names = ", ".join(f"‘{t}’" for t in configured)
    if not configured:
        return _join(
            "Er is geen team ingesteld: zet een [team] met name in het configuratiebestand",
            "No team configured: add a [team] with a name to the config file",
        )
    if not given:
        return _join(
            f"Er zijn meer teams ({names}): kies er een met --team NAAM",
            f"There are several teams ({names}): choose one with --team NAME",
        )
    return _join(
        f"Team ‘{given}’ ken ik niet; kies met --team uit {names}",
        f"Unknown team ‘{given}’; choose with --team from {names}",
    )


def bad_date(text: str, option: str) -> str:
    """A date that cannot be read; `option` is where it came from ("" = the document)."""
    if not option:
        return _join(
            f"De datum in het document (‘{text}’) kan ik niet lezen: geef hem met "
            f"--meeting-date, {DATE_EXAMPLES_NL}",
            f"Cannot read the document's date (‘{text}’): give it with --meeting-date, "
            f"{DATE_EXAMPLES_EN}",
        )
    return _join(
        f"{option} ‘{text}’ is geen datum; schrijf {DATE_EXAMPLES_NL}",
        f"{option} ‘{text}’ is no date; write {DATE_EXAMPLES_EN}",
    )


def no_meeting(day: date | None) -> str:
    """`otbot export --meeting` names a day without a meeting."""
    if day is None:
        return _join("Geen OT gevonden", "No meeting found")
    return _join(
        f"Geen OT op {texts.day(day)}; zonder --meeting krijg je het laatste OT",
        f"No meeting on {day.isoformat()}; without --meeting you get the latest one",
    )


NO_TERMINAL = _join(
    "Niets opgeslagen: er is geen terminal om het te vragen; voeg --yes toe om zonder vragen "
    "op te slaan",
    "Nothing stored: there is no terminal to ask on; add --yes to store without asking",
)
ASK_STORE = "Opslaan? / Store? [j/N] "
IMPORT_CANCELLED = _join(
    "Import geannuleerd; er is niets opgeslagen", "Import cancelled; nothing stored"
)


def import_preview(p: ImportPreview) -> str:
    """What `otbot import` would store (Dutch, as the list itself is)."""
    lines = [f"Import voor {p.team_name}: actielijst van het OT van {texts.day(p.meeting_day)}"]
    if p.year_assumed:
        lines.append(
            f"  (zonder jaar geschreven; ik ga uit van {p.meeting_day.year}: een ander jaar "
            "geef je met --meeting-date, bv. 18-3-2027)"
        )
    plural = "en" if p.decisions != 1 else ""
    lines += [
        f"• {p.new_actions} nieuw, {p.updated_actions} bijgewerkt, {p.unchanged} ongewijzigd"
        f" (waarvan {p.decisions} besluit{plural})",
        f"• Aanwezigen: {p.attendees}",
    ]
    if p.linked_owners:
        lines.append("• Eigenaren gekoppeld aan leden: " + ", ".join(p.linked_owners))
    if p.new_owners:
        lines.append(
            "• Namen nog niet gekoppeld aan een lid (dat doen leden later zelf in Telegram): "
            + ", ".join(p.new_owners)
        )
    if p.unreadable:
        lines.append(
            f"• Deadlines die ik niet kan lezen ({len(p.unreadable)}), bewaard zoals ze er staan:"
        )
        lines.extend(f"   – ‘{w}’ bij: {_short(t, 60)}" for t, w in p.unreadable)
    return "\n".join(lines)


def imported(r: ImportResult) -> str:
    """`otbot import` stored it."""
    return _join(
        f"Geïmporteerd: {len(r.added)} nieuw, {len(r.updated)} bijgewerkt, voor het OT van "
        f"{texts.day(r.meeting.day)}",
        f"imported: {len(r.added)} new, {len(r.updated)} updated, for the meeting of "
        f"{r.meeting.day.isoformat()}",
    )
