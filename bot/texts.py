"""Every text the bot shows, in Dutch, in one place. HTML parse mode: user text is escaped."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from html import escape
from zoneinfo import ZoneInfo

from domain import errors as e
from domain.model import (
    Action,
    DeadlineKind,
    ItemKind,
    Meeting,
    NameOffer,
    ParseProblem,
    Person,
    Status,
    Team,
)
from domain.recurrence import Recurrence, describe
from services.documents import ImportPreview, ImportResult
from services.meetings import Agenda, Decision, MeetingChange
from services.reminders import Delivery, ReminderItem
from services.teams import ReminderSwitches

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
WEEKDAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]

# --- start, help, membership -------------------------------------------------------------

NO_TOKEN = (
    "Geen bot-token gevonden. Maak een bot aan bij @BotFather in Telegram (/newbot), en zet "
    "het token in de omgevingsvariabele TELEGRAM_BOT_TOKEN of in config.toml onder "
    "[telegram] token.\n"
    "No bot token found. Create a bot with @BotFather in Telegram (/newbot), then put the "
    "token in the TELEGRAM_BOT_TOKEN environment variable or in config.toml under "
    "[telegram] token."
)

STRANGER = (
    "Hallo! Deze bot houdt de actielijst bij van een opgaveteam van Samen Nieuw-West. "
    "Ik ken je nog niet als lid van een team. Zit je in de Telegram-groep van je OT? Tik "
    "dan op de Start-link van de bot in die groep, of typ daar /help. Anders kan de "
    "secretaris je toevoegen."
)

GROUP_NOT_LINKED = (
    "Deze groep is nog niet aan een opgaveteam gekoppeld. De secretaris kan dat doen met /koppel."
)


def welcome(name: str, teams: list[Team]) -> str:
    """Greet a member who pressed Start."""
    names = ", ".join(f"<b>{escape(t.name)}</b>" for t in teams)
    return (
        f"Welkom, {escape(name)}! Je bent lid van {names}.\n"
        "Ik stuur je vanaf nu je herinneringen hier, privé.\n\n"
        "Staan er al acties op je voornaam in de lijst? Koppel die met "
        "<code>/ikben Voornaam</code>.\n"
        "Je acties zie je met /mijnacties; alle commando's met /help."
    )


HELP_MEMBER = (
    "<b>OT-actiebot</b>: de actielijst van je opgaveteam, levend tussen de overleggen.\n\n"
    "/mijnacties – jouw open acties, de dringendste eerst\n"
    "/acties – alle open acties van het team (ook: <code>/acties asap</code>, "
    "<code>/acties telaat</code>, <code>/acties Marloes</code>)\n"
    "/actie N – één actie met alle updates\n"
    "/claim N (of /pak N) – jij pakt actie N op\n"
    "/update N tekst – een update bij actie N\n"
    "/sluit N [toelichting] (of /klaar N) – actie N is afgerond\n"
    "   (een actie van meer mensen: ik vraag of jouw deel of de hele actie af is)\n"
    "/heropen N – een afgeronde actie weer openen\n"
    "/nieuw (privé, zonder tekst) – stap voor stap een actie voorstellen; de secretaris "
    "neemt je voorstel over of wijst het af\n"
    "/ikben Naam – koppel je account aan je naam in de lijst\n"
    "/herinneringen – herinneringen en weekoverzicht aan of uit\n"
    "/ot – de komende OT's; /agenda – concept-agenda van het volgende OT\n"
    "/agenderen tekst – iets op de agenda van het volgende OT zetten\n"
    "/besluiten – besluiten per OT; /besluit N – één besluit met criteria en belangen\n"
    "/actielijst – de actielijst als Word-bestand (ook: <code>/actielijst md</code>, csv, json)\n"
    "/agenda_ics – OT's en deadlines voor je agenda (<code>/agenda_ics mij</code>: de jouwe)\n"
    "/team [naam] – kies je team (als je in meer teams zit)"
)

HELP_SECRETARY = (
    "\n\n<b>Voor de secretaris</b>\n"
    "Stuur me acties in een bericht (privé, of in de groep met /nieuw), of tik privé "
    "/nieuw zonder tekst: dan vraag ik onderwerp, actie, wie en wanneer met knoppen.\n"
    "<code>Onderwerp: Voedselpark Lutkemeer\n"
    "Actie: Voedselpark agenderen voor volgend OT\n"
    "Toelichting: ...\n"
    "Wie: Marloes\n"
    "Wanneer: OT 24 april</code>\n"
    "Meer acties: laat een witregel tussen de blokken. Korter kan ook:\n"
    "<code>Jan: data rondleidingen doorsturen (ASAP)</code>\n"
    "<code>Onderwerp | Actie | Wie | Wanneer</code>\n"
    "<code>Besluit:</code> in plaats van <code>Actie:</code> legt een besluit vast "
    "(met <code>Criteria:</code> en <code>Belangen:</code>).\n"
    "Wanneer mag zoals je het gewend bent: <i>ASAP, eind mei, april/mei, Q2, voor de "
    "zomer, begin 2028, OT 24 april, het OT in mei, volgend OT, zsm (uiterlijk 1 juni), "
    "doorlopend, n.n.b.</i> Ik laat altijd zien welke datum ik lees. Wie: <i>Karin/Nabila, "
    "Tanay i.o.m. Danillo, Moustapha (SAAAM)</i>.\n"
    "Terugkerend: <i>elk OT, elke maand, maandelijks, elk kwartaal, wekelijks, elke eerste "
    "maandag van de maand</i>. Afronden zet dan de volgende keer klaar.\n\n"
    "/wijzig N veld: waarde – bv. <code>/wijzig 12 wanneer: eind mei</code> "
    "(velden: onderwerp, actie, toelichting, wie, wanneer)\n"
    "/vervallen N [reden] – actie laten vervallen (terugkerend: ik vraag of het alleen "
    "deze keer is of de hele reeks; typ ook <code>/vervallen N deze</code> of "
    "<code>/vervallen N reeks</code>)\n"
    "/koppel – koppel deze groep aan je team\n"
    "/leden – wie er in het team zit\n"
    "/lid Naam – voeg iemand toe (als antwoord op een bericht van die persoon: koppel hem "
    "of haar aan die naam)\n"
    "/secretaris – maak iemand secretaris (als antwoord op diens bericht, of met @naam)\n"
    "/ot 24 april 14:00 Plein 40-45 – OT plannen; /ot verplaats 24 april naar 30 april; "
    "/ot annuleer 24 april\n"
    "/aanwezig – voorzitter, aanwezigen en locatie van een OT vastleggen\n"
    "/besluit – een besluit vastleggen; /corrigeer N – een besluit corrigeren (nieuwe versie)\n"
    "Stuur de Word-actielijst (.docx) privé naar mij (of in de groep met /import) om hem in "
    "te lezen; je ziet eerst wat er verandert."
)

COMMANDS_MEMBER = [
    ("mijnacties", "Mijn open acties"),
    ("acties", "Alle open acties van het team"),
    ("actie", "Eén actie met updates: /actie N"),
    ("claim", "Actie oppakken: /claim N"),
    ("update", "Update geven: /update N tekst"),
    ("sluit", "Actie afronden: /sluit N"),
    ("heropen", "Actie heropenen: /heropen N"),
    ("ikben", "Koppel je naam: /ikben Naam"),
    ("herinneringen", "Herinneringen aan of uit"),
    ("agenda", "Concept-agenda van het volgende OT"),
    ("agenderen", "Iets op de agenda zetten"),
    ("ot", "Komende OT's"),
    ("besluiten", "Besluiten per OT"),
    ("actielijst", "De actielijst als Word-bestand"),
    ("agenda_ics", "OT's en deadlines voor je agenda (.ics)"),
    ("team", "Kies je team"),
    ("help", "Uitleg en commando's"),
]
COMMANDS_GROUP_EXTRA = [
    ("nieuw", "Acties toevoegen (secretaris)"),
    ("koppel", "Groep aan team koppelen (secretaris)"),
]


def linked(team: Team, deep_link: str) -> str:
    """Confirm that a group is now the team's group."""
    return (
        f"Deze groep is nu gekoppeld aan <b>{escape(team.name)}</b>. "
        f'Leden: druk één keer op <a href="{escape(deep_link)}">Start</a> '
        "zodat ik je herinneringen privé kan sturen."
    )


def team_chosen(team: Team) -> str:
    """Confirm the team private-chat commands act on."""
    return f"Je werkt nu in <b>{escape(team.name)}</b>."


def your_teams(teams: list[Team]) -> str:
    """List the user's teams and how to choose one."""
    lines = "\n".join(f"• {escape(t.name)}" for t in teams)
    return f"Je zit in deze teams:\n{lines}\nKies er een met <code>/team naam</code>."


def name_linked(person: Person, had_actions: bool) -> str:
    """Confirm /ikben."""
    if had_actions:
        return (
            f"Gekoppeld: jij bent <b>{escape(person.name)}</b>. De acties op die naam staan "
            "nu bij /mijnacties."
        )
    return (
        f"Genoteerd: jij bent <b>{escape(person.name)}</b>. Er staan nog geen acties op die "
        "naam; als de secretaris die naam als eigenaar noemt, komen ze bij jou."
    )


def member_added(person: Person) -> str:
    """Confirm /lid."""
    if person.linked:
        return f"<b>{escape(person.name)}</b> is lid van het team en gekoppeld aan Telegram."
    return f"<b>{escape(person.name)}</b> staat in het team (nog niet gekoppeld aan Telegram)."


def secretary_appointed(person: Person) -> str:
    """Confirm /secretaris."""
    return f"<b>{escape(person.name)}</b> is nu secretaris van dit team."


def members(team: Team, people: list[Person]) -> str:
    """Render /leden."""
    lines = [f"<b>Leden van {escape(team.name)}</b>"]
    for p in sorted(people, key=lambda p: (p.is_group, p.name.casefold())):
        tags = []
        if p.is_secretary:
            tags.append("secretaris")
        if p.is_group:
            tags.append("groep")
        elif not p.linked:
            tags.append("niet gekoppeld")
        elif not p.private_chat:
            tags.append("nog niet op Start gedrukt")
        aliases = [n for n in p.names if n != p.name]
        alias = f" (ook: {escape(', '.join(aliases))})" if aliases else ""
        organisation = f", {escape(p.organisation)}" if p.organisation else ""
        tag = f" – {', '.join(tags)}" if tags else ""
        lines.append(f"• {escape(p.name)}{organisation}{alias}{tag}")
    return "\n".join(lines)


# --- dates and deadlines -----------------------------------------------------------------


def day(d: date) -> str:
    """Format a date the Dutch way: "vr 24 apr 2027"."""
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"


def moment(at: datetime) -> str:
    """Format an aware moment in Amsterdam time: "24-04-2027 14:05"."""
    return at.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def deadline(action: Action) -> str:
    """Render "Wanneer" as written and as what the bot read: a date, ASAP, none, ..."""
    d = action.deadline
    written = escape(d.text) if d.text else ""
    if d.kind is DeadlineKind.NONE:
        return f"{written} (nog geen termijn)" if written else "nog geen termijn"
    if d.kind is DeadlineKind.UNREADABLE:
        return f"‘{written}’ <i>(geen datum: kan ik niet lezen, dus geen herinneringen)</i>"
    if d.kind is DeadlineKind.ASAP:
        return written or "ASAP"
    if d.kind is DeadlineKind.ONGOING:
        return f"{written} (doorlopend)" if written else "doorlopend"
    if d.kind is DeadlineKind.MEETING and d.due is None:
        return f"{written} (datum volgt)"
    assert d.due is not None
    prefix = "OT " if d.kind is DeadlineKind.MEETING else ""
    urgent = "zo snel mogelijk, uiterlijk " if d.urgent else ""
    return f"{written} → {urgent}{prefix}{day(d.due)}"


def recurrence_line(action: Action) -> str:
    """Say that an action comes back ("🔁 elke maand: ..."); empty for a one-off."""
    rule = action.deadline.recurrence
    if not rule or action.kind is ItemKind.DECISION:
        return ""
    words = describe(Recurrence.from_rule(rule, action.deadline.text))
    if action.status.is_open:
        return f"🔁 Terugkerend ({words}): afronden zet de volgende keer klaar."
    return f"🔁 Terugkerend ({words})."


def deadline_fix(action: Action) -> str:
    """Tell how to give an unreadable "Wanneer" a date (empty for a readable one)."""
    if action.deadline.kind is not DeadlineKind.UNREADABLE:
        return ""
    return (
        f"↳ Geef een termijn met <code>/wijzig {action.number} wanneer: 24 april</code> "
        "(of eind mei, ASAP, OT 24 april, doorlopend)."
    )


def status(action: Action) -> str:
    """Render the status of an action."""
    if action.kind is ItemKind.DECISION:
        return "besluit"
    if action.status is Status.CLAIMED:
        names = [o.name for o in action.owners if o.claimed]
        return "opgepakt door " + escape(_join(names))
    if action.status is Status.DONE:
        who = f" door {escape(action.closed_by)}" if action.closed_by else ""
        when = f" op {moment(action.closed_at)}" if action.closed_at else ""
        return f"afgerond{who}{when}"
    if action.status is Status.CANCELLED:
        return "vervallen"
    if action.status is Status.WITHDRAWN:
        return "ingetrokken"
    return "open"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def owners(action: Action) -> str:
    """Render Wie: the names, with a mark on those who confirmed."""
    if not action.owners:
        return escape(action.owners_text) or "nog niemand"
    return escape(
        _join(
            [
                o.name
                + (" ✓" if o.claimed else "")
                + (" (heeft de groep verlaten)" if o.left else "")
                for o in action.owners
            ]
        )
    )


def progress(action: Action) -> str:
    """Each owner's part of an open joint action: "Danillo ✔, Marloes open"; "" otherwise."""
    from domain.rules import progress_text

    if not action.status.is_open or action.kind is ItemKind.DECISION:
        return ""
    return escape(progress_text(action))


def owners_progress(action: Action) -> str:
    """Wie, followed by each owner's part for an open joint action:
    "Danillo en Marloes (Danillo ✔, Marloes open)"."""
    part = progress(action)
    return owners(action) + (f" ({part})" if part else "")


def _label(action: Action, show_team: bool) -> str:
    team = f"[{escape(action.team_name)}] " if show_team else ""
    kind = "Besluit " if action.kind is ItemKind.DECISION else ""
    return f"{team}<b>{kind}#{action.number}</b>"


def action_line(action: Action, today: date, show_team: bool = False) -> str:
    """Render an action as two lines for lists."""
    late = "⚠️ <b>TE LAAT</b> · " if _late(action, today) else ""
    return (
        f"{_label(action, show_team)} {escape(_short(action.text))}\n"
        f"   {late}⏰ {deadline(action)} · 👤 {owners(action)} · {status(action)}"
        + (f"\n   Voortgang: {p}" if (p := progress(action)) else "")
    )


def _late(action: Action, today: date) -> bool:
    from domain.rules import is_late

    return is_late(action, today)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def action_card(action: Action, today: date, show_team: bool = False) -> str:
    """Render one action in full, with its updates."""
    lines = [f"{_label(action, show_team)} · {status(action)}"]
    if action.topic:
        lines.append(f"<i>Onderwerp:</i> {escape(action.topic)}")
    word = "Besluit" if action.kind is ItemKind.DECISION else "Actie"
    lines.append(f"<i>{word}:</i> {escape(action.text)}")
    if action.note:
        lines.append(f"<i>Toelichting:</i> {escape(action.note)}")
    if action.kind is ItemKind.ACTION:
        lines.append(f"<i>Wie:</i> {owners(action)}")
        if part := progress(action):
            lines.append(f"<i>Voortgang:</i> {part}")
        late = " ⚠️ <b>TE LAAT</b>" if _late(action, today) else ""
        lines.append(f"<i>Wanneer:</i> {deadline(action)}{late}")
        if fix := deadline_fix(action):
            lines.append(fix)
        if again := recurrence_line(action):
            lines.append(again)
    if action.criteria:
        lines.append("<i>Criteria:</i>")
        lines.extend(f"  · {escape(c)}" for c in action.criteria)
    if action.interests:
        lines.append(f"<i>Belangen:</i> {escape(action.interests)}")
    if action.closed_note and action.status is Status.CANCELLED:
        lines.append(f"<i>Reden vervallen:</i> {escape(action.closed_note)}")
    if action.updates:
        lines.append("<i>Updates:</i>")
        lines.extend(
            f"  {moment(u.at)} {escape(u.author)}: {escape(u.text)}" for u in action.updates
        )
    return "\n".join(lines)


def added(actions: tuple[Action, ...], today: date) -> str:
    """Confirm what a secretary's message added (sent only after the commit)."""
    n_dec = sum(1 for a in actions if a.kind is ItemKind.DECISION)
    n_act = len(actions) - n_dec
    parts = []
    if n_act:
        parts.append(f"{n_act} actie" + ("s" if n_act != 1 else ""))
    if n_dec:
        parts.append(f"{n_dec} besluit" + ("en" if n_dec != 1 else ""))
    head = f"✅ Opgeslagen: {' en '.join(parts)}."
    unreadable = [
        f"#{a.number}"
        for a in actions
        if a.kind is ItemKind.ACTION and a.deadline.kind is DeadlineKind.UNREADABLE
    ]
    if unreadable:
        head += (
            f"\n⚠️ De termijn van {_join(unreadable)} kan ik niet lezen: opgeslagen zoals je "
            "hem schreef, zonder datum en zonder herinneringen. Verbeter hem met /wijzig."
        )
    return head + "\n\n" + "\n\n".join(action_card(a, today) for a in actions)


def undone(numbers: list[int]) -> str:
    """Confirm an undo."""
    return "↩️ Ingetrokken: " + ", ".join(f"#{n}" for n in numbers) + "."


MINE_SENT_PRIVATELY = (
    "📬 Je acties stuur ik je privé, zodat de groep niet volloopt. Dat geldt ook voor wie "
    "het de komende minuut vraagt. Nog geen privéchat met mij? Druk dan één keer op Start."
)


def my_actions(
    actions: tuple[Action, ...],
    today: date,
    multi_team: bool,
    offers: tuple[NameOffer, ...] = (),
) -> str:
    """Render /mijnacties; with no actions of one's own, the names that may be one's own."""
    own = [a for a in actions if not all(o.is_group for o in a.owners)]
    shared = [a for a in actions if a not in own]
    if own:
        parts = [f"<b>Jouw open acties ({len(own)})</b>"]
    else:
        parts = [name_offer(offers, multi_team) if offers else "Je hebt geen eigen open acties."]
    parts.extend(action_line(a, today, multi_team) for a in own)
    if shared:
        parts.append(f"<b>Voor het hele team ({len(shared)})</b>")
        parts.extend(action_line(a, today, multi_team) for a in shared)
    return "\n\n".join(parts)


def _open_count(n: int) -> str:
    return f"{n} open actie" + ("s" if n != 1 else "")


def name_offer(offers: tuple[NameOffer, ...], multi_team: bool) -> str:
    """Ask whether a name nobody linked is the reader's, instead of "no actions of yours"."""

    def where(o: NameOffer) -> str:
        return f" van <b>{escape(o.team_name)}</b>" if multi_team else ""

    if len(offers) == 1:
        o = offers[0]
        return (
            f"Ben jij <b>{escape(o.name)}</b> uit de actielijst{where(o)}? Op die naam staan "
            f"{_open_count(o.open_actions)}. Druk dan op de knop: dan komen ze bij jou, net "
            f"als met <code>/ikben {escape(o.name)}</code>."
        )
    lines = "\n".join(
        f"• <b>{escape(o.name)}</b>{where(o)}: {_open_count(o.open_actions)}" for o in offers
    )
    return (
        f"Ben jij een van deze namen uit de actielijst?\n{lines}\n"
        "Druk dan op de knop met jouw naam: dan komen de acties op die naam bij jou, net als "
        "met <code>/ikben Naam</code>."
    )


def name_offer_button(offer: NameOffer, multi_team: bool) -> str:
    """Label the button under the question "Ben jij Jan uit de actielijst?"."""
    team = f" ({offer.team_name})" if multi_team else ""
    return f"🙋 Ja, ik ben {offer.name}{team}"


NAME_OFFER_NOT_YOURS = (
    "Deze knop is voor wie /mijnacties vroeg; er is niets veranderd. Je eigen naam koppel je "
    "met /ikben Naam."
)


PAGE_SIZE = 30  # actions per /acties page: one or two messages, not a flood


def team_actions(
    actions: tuple[Action, ...], today: date, flt: str, page: int, pages: int, total: int
) -> str:
    """Render /acties: one page of open actions, grouped by onderwerp."""
    if not actions:
        return "Geen open acties" + (f" voor ‘{_echo(flt)}’." if flt else ".")
    groups: dict[str, list[Action]] = {}
    for a in actions:
        groups.setdefault(a.topic.strip() or "Overig", []).append(a)
    title = f"<b>Open acties ({total})</b>" + (f" · {_echo(flt)}" if flt else "")
    if pages > 1:
        title += f" · blad {page} van {pages}"
    blocks = [title]
    for topic, items in groups.items():
        blocks.append(
            f"<u>{escape(_short(topic, 80))}</u>\n"
            + "\n".join(action_line(a, today) for a in items)
        )
    if page < pages:
        blocks.append(
            f"Meer: <code>/acties {page + 1}</code>. Gerichter: <code>/acties asap</code>, "
            "<code>/acties telaat</code> of <code>/acties Naam</code>."
        )
    return "\n\n".join(blocks)


def claimed(action: Action, changed: bool) -> str:
    """Confirm /claim."""
    if not changed:
        return f"Je had #{action.number} al opgepakt."
    return f"👍 Genoteerd: jij pakt #{action.number} op. Update geven: /update {action.number} …"


def closed(action: Action, changed: bool, following: Action | None = None) -> str:
    """Confirm /sluit (and name the next occurrence a recurring action got)."""
    if not changed:
        return f"#{action.number} was al afgerond."
    return f"✅ #{action.number} is afgerond. Dank je!" + next_time(following)


def next_time(following: Action | None) -> str:
    """The line about the next occurrence of a recurring action ("" without one)."""
    if following is None:
        return ""
    return f"\n🔁 De volgende keer staat klaar: <b>#{following.number}</b>, {deadline(following)}."


def part_question(action: Action, note: str = "") -> str:
    """Ask an owner of a joint action whether their part or the whole action is done."""
    text = (
        f"#{action.number} is van meer mensen ({progress(action)}). "
        "Is jouw deel afgerond, of de hele actie?"
    )
    if note:
        text += (
            f"\n<i>Je toelichting heb ik niet bewaard; stuur hem met "
            f"<code>/update {action.number} tekst</code>.</i>"
        )
    return text


def part_closed(action: Action) -> str:
    """Confirm that an owner's part of a joint action is done (the action stays open)."""
    return f"✅ Jouw deel van #{action.number} is afgerond. Voortgang: {progress(action)}"


def reopened(action: Action) -> str:
    """Confirm /heropen."""
    return f"🔄 #{action.number} is weer open."


def update_saved(action: Action) -> str:
    """Confirm /update."""
    return f"📝 Update bij #{action.number} opgeslagen."


def edited(action: Action, today: date) -> str:
    """Confirm /wijzig."""
    return "✏️ Gewijzigd.\n\n" + action_card(action, today)


def cancelled(action: Action, changed: bool, following: Action | None = None) -> str:
    """Confirm /vervallen: this occurrence only (with the next one), or the whole series."""
    if not changed:
        return f"#{action.number} was al vervallen."
    if following is not None:
        return f"🗑 #{action.number} is vervallen, alleen deze keer." + next_time(following)
    if action.series_id is not None and not action.deadline.recurrence:
        return (
            f"🗑 #{action.number} is vervallen en de reeks is gestopt: er komt geen volgende keer."
        )
    return f"🗑 #{action.number} is vervallen."


def series_question(action: Action) -> str:
    """Ask a secretary cancelling an occurrence: this time only, or the whole series?"""
    words = describe(Recurrence.from_rule(action.deadline.recurrence, action.deadline.text))
    n = action.number
    return (
        f"#{n} komt terug ({words}). Vervalt alleen deze keer, of stopt de hele reeks?\n"
        f"<i>Met een reden: typ <code>/vervallen {n} deze reden</code> of "
        f"<code>/vervallen {n} reeks reden</code>.</i>"
    )


NEW_PROMPT = "📝 Stuur de acties als antwoord op dit bericht"
NEW_PROMPT_FULL = NEW_PROMPT + " (één blok per actie, witregel ertussen). Voorbeeld: /help"
UPDATE_PROMPT_RE = re.compile(r"^✏️ Update voor #(\d+) \((.+?)\):")


def update_prompt(number: int, team: str, telegram_id: int, name: str) -> str:
    """Ask for an update text as a reply (the button "Update geven"); names the team."""
    who = f'<a href="tg://user?id={telegram_id}">{escape(name)}</a>'
    return (
        f"✏️ Update voor #{number} ({escape(team)}): {who}, stuur je update als antwoord op "
        "dit bericht."
    )


NOT_FOR_SECRETARY_ONLY = (
    "Alleen de secretaris kan acties toevoegen. Wil je iets melden over een actie? Gebruik "
    "<code>/update N tekst</code>, <code>/sluit N</code> of de knoppen onder de actie. "
    "Alles staat bij /help."
)
EDIT_IGNORED = (
    "Een bewerkt bericht verwerk ik niet. Stuur het verbeterde bericht opnieuw, als nieuw bericht."
)


def team_moved(team: Team) -> str:
    """Tell the old group that its team moved to another group."""
    return (
        f"<b>{escape(team.name)}</b> is verhuisd naar een andere Telegram-groep. Hier "
        "reageer ik niet meer op acties van dit team."
    )


BTN_MOVE_CONFIRM = "✅ Verhuizen"
BTN_MOVE_REFUSE = "✖️ Niet verhuizen"


def move_requested(team: Team, who: str, new_title: str) -> str:
    """Ask the team's current group to confirm a move to another group."""
    return (
        f"{escape(who)} wil <b>{escape(team.name)}</b> verhuizen naar de groep "
        f"‘{escape(new_title)}’. Daarna reageer ik hier niet meer op acties van dit team.\n"
        "Een secretaris van het team bevestigt dat hier met de knop (of weigert)."
    )


def move_waiting(team: Team) -> str:
    """Tell the new group that the move waits for confirmation in the current group."""
    return (
        f"<b>{escape(team.name)}</b> heeft al een groep. Bevestig de verhuizing in de "
        "huidige groep van het team: daar staat nu een vraag met knoppen. Tot dan blijft het "
        "team daar."
    )


def move_refused(team: Team) -> str:
    """Confirm in the current group that the team stays."""
    return f"<b>{escape(team.name)}</b> blijft in deze groep. Er is niets verhuisd."


MOVE_CURRENT_GONE = (
    "Ik kan de huidige groep van het team niet bereiken om de verhuizing daar te laten "
    "bevestigen, dus er is niets verhuisd. Een secretaris die met zijn Telegram-id in de "
    "configuratie staat, kan het team meteen verhuizen met /koppel verhuizen."
)
MOVE_TARGET_GONE = (
    "Ik kan de nieuwe groep niet meer bereiken (ben ik daar verwijderd?). Er is niets verhuisd."
)


def group_team(name: str) -> str:
    """Answer /team in a group: the group's own team only."""
    return (
        f"Deze groep hoort bij <b>{escape(name)}</b>. Van team wisselen doe je in een "
        "privégesprek met mij."
    )


# --- buttons -----------------------------------------------------------------------------

BTN_UNDO = "↩️ Ongedaan maken"
BTN_CLAIM = "🙋 Ik pak het op"
BTN_CLOSE = "✅ Afgerond"
BTN_PART_DONE = "Mijn deel afgerond"
BTN_SERIES_ONE = "Alleen deze keer"
BTN_SERIES_ALL = "Hele reeks stoppen"
BTN_WHOLE_DONE = "Hele actie afgerond"
BTN_UPDATE = "📝 Update geven"

# --- errors ------------------------------------------------------------------------------

GENERIC_ERROR = (
    "Sorry, er ging iets mis aan mijn kant. Kijk met /acties of je wijziging al is "
    "opgeslagen voordat je het opnieuw stuurt. Blijft het misgaan, meld het dan aan de "
    "secretaris."
)
STALE_BUTTON = "Deze knop is verlopen. Gebruik het commando, bv. /actie N."

USAGE = {
    "actie": "Gebruik: <code>/actie N</code>, bv. <code>/actie 12</code>.",
    "claim": "Gebruik: <code>/claim N</code>, bv. <code>/claim 12</code>.",
    "sluit": ("Gebruik: <code>/sluit N [toelichting]</code>, bv. <code>/sluit 12 gedeeld</code>."),
    "heropen": "Gebruik: <code>/heropen N</code>.",
    "update": (
        "Gebruik: <code>/update N tekst</code>, bv. <code>/update 12 offerte ligt er</code>."
    ),
    "wijzig": (
        "Gebruik: <code>/wijzig N veld: waarde</code>, bv. <code>/wijzig 12 wanneer: eind "
        "mei</code>. Velden: onderwerp, actie, toelichting, wie, wanneer."
    ),
    "vervallen": "Gebruik: <code>/vervallen N [deze|reeks] [reden]</code>.",
    "ikben": "Gebruik: <code>/ikben Naam</code>, zoals je naam in de actielijst staat.",
    "ot": (
        "Gebruik: <code>/ot</code> (komende OT's), <code>/ot 24 april 14:00 Plein 40-45</code>"
        " (plannen), <code>/ot verplaats 24 april naar 30 april</code> of "
        "<code>/ot annuleer 24 april</code>."
    ),
    "agenderen": "Gebruik: <code>/agenderen tekst</code>, bv. <code>/agenderen Lutkemeer</code>.",
    "aanwezig": (
        "Gebruik (elk op een eigen regel): <code>/aanwezig 18 maart\nVoorzitter: Anne Wilbers\n"
        "Aanwezigen: Jan van de Borden (Vuilnisoproer), Karin Verdooren (Lieven de Key)\n"
        "Locatie: Plein 40-45</code>"
    ),
    "actielijst": (
        "Gebruik: <code>/actielijst</code> (Word), <code>/actielijst md</code>, "
        "<code>/actielijst csv</code> of <code>/actielijst json</code>; met een datum erachter "
        "voor een ander OT, bv. <code>/actielijst 18 maart</code>."
    ),
    "besluit": (
        "Gebruik: <code>/besluit N</code> om een besluit te zien, of <code>/besluit</code> met "
        "op de volgende regels Besluit:, Criteria: en Belangen:."
    ),
    "corrigeer": (
        "Gebruik: <code>/corrigeer N</code> met op de volgende regels wat er verandert "
        "(Besluit:, Criteria:, Belangen:). De oude tekst blijft zichtbaar."
    ),
    "herinneringen": (
        "Gebruik: <code>/herinneringen aan</code>, <code>/herinneringen uit</code>, "
        "<code>/herinneringen overzicht aan</code> of <code>/herinneringen overzicht uit</code>."
    ),
    "lid": (
        "Gebruik: <code>/lid Naam</code>, of antwoord met <code>/lid Naam</code> op een "
        "bericht van die persoon om hem of haar te koppelen."
    ),
    "secretaris": (
        "Gebruik: antwoord met /secretaris op een bericht van de nieuwe secretaris, of "
        "<code>/secretaris @gebruikersnaam</code>."
    ),
}

PROBLEM_REASONS = {
    "empty": "er staat geen actie in het bericht",
    "missing_text": "hier staat geen actie- of besluittekst (‘Actie:’ of ‘Besluit:’)",
    "action_and_decision": "een blok is óf een actie óf een besluit, niet allebei",
    "duplicate_label": "dit veld staat twee keer in hetzelfde blok",
    "unknown_label": "dit veld ken ik niet",
    "criteria_on_action": "‘Criteria’ en ‘Belangen’ horen bij een besluit, niet bij een actie",
    "not_understood": "deze regel begrijp ik niet",
    "deadline_too_long": "zo lang is geen termijn (max. 100 tekens); zet uitleg bij Toelichting",
    "owner_too_long": "deze naam is te lang (max. 64 tekens)",
    "text_too_long": "deze tekst is te lang",
    "too_many_items": "te veel acties in één bericht (max. 200)",
    "bad_columns": "een regel met | heeft 3 tot 5 kolommen nodig",
}
DEADLINE_REASONS = {
    "unreadable": "schrijf bv. ‘24 april’, ‘eind mei’, ‘ASAP’, ‘OT 24 april’ of ‘doorlopend’",
    "invalid_date": "die datum bestaat niet",
    "has_time": "alleen een tijd is geen termijn; noem de dag (de tijd mag erachter)",
    "weekday_mismatch": "die weekdag past niet bij die datum; noem de dag zonder weekdag",
}


def problem(p: ParseProblem) -> str:
    """Explain one problem of a secretary's message."""
    reason = PROBLEM_REASONS.get(p.reason, p.reason)
    if p.reason == "not_understood" and p.detail == "no_owner":
        reason = (
            "het deel vóór de dubbele punt lijkt geen naam; schrijf ‘Naam: actie (wanneer)’ "
            "of gebruik Actie:, Wie: en Wanneer:"
        )
    elif p.reason == "not_understood":
        reason += "; schrijf ‘Naam: actie (wanneer)’ of gebruik Actie:, Wie: en Wanneer:"
    elif p.reason == "unknown_label" and p.detail:
        reason += f" (bedoel je ‘{escape(p.detail.capitalize())}:’?)"
    return f"Regel {p.line}: <code>{escape(_short(p.text, 80))}</code>\n   → {reason}"


def _echo(text: str) -> str:
    """User input repeated in an error: shortened, so the reply always fits one message."""
    return escape(_short(text, 60))


def error_text(err: e.DomainError) -> str:
    """Turn a domain error into a friendly Dutch reply."""
    match err:
        case e.Anonymous():
            return ANONYMOUS
        case e.Usage(command=command):
            return USAGE.get(command, "Zie /help.")
        case e.NotAMember():
            return STRANGER
        case e.GroupNotLinked():
            return GROUP_NOT_LINKED
        case e.ChooseTeam(teams=teams):
            names = ", ".join(escape(t) for t in teams)
            return f"Je zit in meer teams ({names}). Kies eerst met <code>/team naam</code>."
        case e.UnknownTeam(name=name, teams=teams):
            names = ", ".join(escape(t) for t in teams)
            return f"Team ‘{_echo(name)}’ ken ik niet. Jouw teams: {names}."
        case e.NotSecretary():
            return "Dat mag alleen de secretaris van het team."
        case e.NotOwner(number=n):
            return (
                f"Alleen de eigenaren van #{n} of de secretaris mogen dat. "
                f"Pak je het zelf op? Gebruik /claim {n}."
            )
        case e.ActionNotFound(number=n):
            return f"Actie #{n} bestaat niet in dit team. Zie /acties."
        case e.BadNumber(given=given):
            shown = f" ‘{_echo(given)}’" if given else ""
            return f"Ik mis een geldig actienummer{shown}. Bv. <code>/actie 12</code>."
        case e.WrongState(number=n, status=st, wanted=wanted):
            if st == "decision":
                return f"#{n} is een besluit: dat pak je niet op en heropen je niet."
            if wanted == "decision":
                return f"#{n} is een actie, geen besluit. Zie /actie {n}."
            if wanted == "closed":
                return f"#{n} is nog open; er valt niets te heropenen."
            label = {"done": "al afgerond", "cancelled": "vervallen"}.get(st, st)
            return f"#{n} is {label}. Heropenen kan met /heropen {n}."
        case e.EmptyText():
            return "Er ontbreekt tekst: " + USAGE["update"]
        case e.TextTooLong(limit=limit):
            return f"Dat is te lang: maximaal {limit} tekens."
        case e.MessageNotUnderstood(problems=problems):
            shown = "\n".join(problem(p) for p in problems[:15])
            more = f"\n… en nog {len(problems) - 15} andere." if len(problems) > 15 else ""
            return (
                "❌ Ik heb <b>niets</b> opgeslagen: niet alles in je bericht kon ik lezen.\n"
                f"{shown}{more}\n\nVerbeter het en stuur het hele bericht opnieuw. "
                "Voorbeelden: /help"
            )
        case e.UndoTooLate(number=n):
            return (
                f"Ongedaan maken kan niet meer: #{n} is intussen opgepakt of bijgewerkt. "
                f"Gebruik /vervallen {n}."
            )
        case e.NothingToUndo():
            return "Dit is al ongedaan gemaakt."
        case e.UnknownField(field=field):
            return (
                f"Veld ‘{_echo(field)}’ ken ik niet. Kies uit: onderwerp, actie, toelichting, "
                "wie, wanneer."
            )
        case e.BadValue(reason="bad_deadline", detail=detail):
            return "Deze deadline kan ik niet lezen: " + DEADLINE_REASONS.get(detail, detail)
        case e.BadValue(reason="no_day", detail=detail):
            return (
                f"‘{_echo(detail)}’ kan ik niet als dag lezen. Schrijf bv. "
                "<code>/ot 24 april 14:00 Plein 40-45</code>."
            )
        case e.BadValue(reason="meeting_exists", detail=detail):
            return f"Op {day(date.fromisoformat(detail))} staat al een OT."
        case e.BadValue(reason="unknown_team", detail=detail):
            return f"Team ‘{_echo(detail)}’ ken ik niet."
        case e.BadValue(field=field):
            return f"Die waarde voor ‘{_echo(field)}’ kan ik niet gebruiken."
        case e.NameTaken(name=name):
            return (
                f"‘{_echo(name)}’ is al gekoppeld aan iemand anders (of is een groep). "
                "Vraag de secretaris als dat niet klopt."
            )
        case e.NameUnknown(name=name):
            return f"‘{_echo(name)}’ ken ik niet in dit team."
        case e.PersonUnknown(name=name):
            who = f"‘{_echo(name)}’" if name else "Die persoon"
            return (
                f"{who} ken ik niet als lid met Telegram. Antwoord op een bericht van die "
                "persoon in de groep."
            )
        case e.NotConfiguredSecretary():
            return (
                "Alleen een secretaris uit de configuratie van de bot kan een groep koppelen. "
                "Vraag de beheerder je toe te voegen onder [team] secretaries."
            )
        case e.LinkedElsewhere(team=team):
            return (
                f"<b>{escape(team)}</b> is al aan een andere groep gekoppeld. Wil je het team "
                "echt naar deze groep verhuizen? Stuur dan <code>/koppel verhuizen</code>."
            )
        case e.NameNotYours(name=name, own=own):
            return (
                f"‘{_echo(name)}’ lijkt niet op je eigen naam ({escape(own)}). Ben jij het "
                "toch? Vraag de secretaris: die antwoordt op een bericht van jou met "
                f"<code>/lid {_echo(name)}</code>."
            )
        case e.MeetingNotFound(day=d):
            when = f" op {day(d)}" if d else ""
            return f"Ik vind geen gepland OT{when}. Zie /ot voor de komende OT's."
        case e.AlreadyLinked(team=team):
            return f"Deze groep is al gekoppeld aan <b>{escape(team)}</b>."
        case e.SecretaryNotSeen(team=team):
            return (
                f"Je gebruikersnaam staat als secretaris van <b>{escape(team)}</b> in de "
                "configuratie, maar ik heb je nog niet in de groep van het team gezien. "
                "Schrijf daar eerst iets (bv. /help): een gebruikersnaam kan van eigenaar "
                "wisselen, dus ik herken je pas als ik je daar zie."
            )
        case e.UndoNotYours():
            return (
                "Alleen wie de acties toevoegde kan dit ongedaan maken. Een actie laten "
                "vervallen kan met /vervallen N."
            )
    return GENERIC_ERROR


ANONYMOUS = (
    "Ik kan niet zien wie je bent (je schrijft anoniem of namens een kanaal). "
    "Stuur het bericht als jezelf."
)
NO_UPDATE_CONTEXT = "Ik weet niet meer bij welke actie dit hoort. Gebruik /update N tekst."
KOPPEL_IN_GROUP = "Gebruik /koppel in de Telegram-groep van het team, niet hier."

# --- reminders ---------------------------------------------------------------------------

BTN_LATER = "⏰ Later"
REMINDER_FOOTER = "Herinneringen aanpassen of uitzetten: /herinneringen"
LATE_NOTE = " <i>(later verstuurd: de bot was even offline)</i>"


def _reminder_line(item: ReminderItem) -> str:
    a = item.action
    n = a.number
    text = escape(_short(a.text, 120))
    due = day(a.deadline.due) if a.deadline.due else ""
    about = f" <i>(voor {escape(item.about)}, nog niet gekoppeld)</i>" if item.about else ""
    if item.about and item.owner_left:
        about = (
            f" <i>(voor {escape(item.about)}: eigenaar heeft de groep verlaten. Wie neemt "
            f"het over? <code>/wijzig {n} wie: naam</code>)</i>"
        )
    late = LATE_NOTE if item.late else ""
    lines = {
        "asap": f"🔔 <b>#{n}</b> {text}\n   Dit staat op ASAP. Lukt het? Geef een update of "
        f"rond af.",
        "asap_stuck": f"⚠️ <b>Loopt vast: #{n}</b> {text}\n   Na een paar herinneringen nog geen "
        f"reactie van {escape(item.about or 'de eigenaar')}. Even navragen?",
        "date_before": f"📆 <b>#{n}</b> {text}\n   Over een week af: {escape(a.deadline.text)} "
        f"({due}).",
        "date_due": f"⏰ <b>#{n}</b> {text}\n   Vandaag is de deadline ({due}).",
        "date_overdue": f"⚠️ <b>#{n}</b> {text}\n   De deadline is verstreken ({due}). Nog "
        f"bezig? Geef een update, of rond af.",
        "meeting_update": f"📝 <b>#{n}</b> {text}\n   Dit staat op de agenda van het OT van "
        f"{due}; stuur je update met <code>/update {n} …</code>",
    }
    line = lines.get(item.kind, f"🔔 <b>#{n}</b> {text}")
    if item.kind == "asap_stuck":
        return line + late
    return line + about + late


def reminder_message(d: Delivery, start_link: str) -> str:
    """Render grouped reminders for one chat (a person, or the group with mentions)."""
    head = f"<b>Herinnering</b> · {escape(d.team_name)}"
    if len(d.items) > 1:
        head = f"<b>{len(d.items)} herinneringen</b> · {escape(d.team_name)}"
    parts = [head]
    if d.to_group and d.mentions:
        names = ", ".join(
            f'<a href="tg://user?id={m.telegram_id}">{escape(m.name)}</a>' for m in d.mentions
        )
        parts.append(
            f'Voor {names}. Druk één keer op <a href="{escape(start_link)}">Start</a>, dan '
            "krijg je herinneringen voortaan privé."
        )
    parts.extend(_reminder_line(item) for item in d.items)
    parts.append(f"<i>{REMINDER_FOOTER}</i>")
    return "\n\n".join(parts)


def group_ping(d: Delivery) -> str:
    """Render the message to the group the day before an OT."""
    assert d.meeting_day is not None
    lines = [f"📅 <b>Morgen OT ({day(d.meeting_day)})</b> · {escape(d.team_name)}", ""]
    lines.append(f"<b>Op de agenda ({len(d.items)})</b>")
    lines.extend(
        f"• #{i.action.number} {escape(_short(i.action.text, 100))} – {owners_progress(i.action)}"
        for i in d.items
    )
    if d.updated:
        lines += ["", "<b>Update gegeven:</b> " + escape(_join(list(d.updated)))]
    if d.not_updated:
        lines += ["", "<b>Nog geen update van:</b> " + escape(_join(list(d.not_updated)))]
    if d.overdue:
        lines += ["", f"<b>Te laat ({len(d.overdue)})</b>"]
        lines.extend(
            f"• #{a.number} {escape(_short(a.text, 100))} – {deadline(a)}" for a in d.overdue
        )
    lines += ["", "Update geven: <code>/update N tekst</code>"]
    return "\n".join(lines)


def digest(d: Delivery) -> str:
    """Render the weekly personal digest."""
    head = f"🗓 <b>Je week</b>: {len(d.digest)} open actie" + ("s" if len(d.digest) != 1 else "")
    body = "\n\n".join(action_line(a, d.today, d.multi_team) for a in d.digest)
    return f"{head}\n\n{body}\n\n<i>{REMINDER_FOOTER}</i>"


def snoozed(action: Action) -> str:
    """Confirm the "Later" button."""
    return f"⏰ Goed, ik herinner je later aan #{action.number}."


WEEKDAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def _clock(t: time) -> str:
    """Render a time of day as people write it: "9:00", "17:30"."""
    return f"{t.hour}:{t.minute:02d}"


def _weekdays(days: frozenset[int]) -> str:
    """Render working days: "werkdagen" (Monday to Friday), "dinsdag t/m zaterdag", or
    "maandag, woensdag en vrijdag"."""
    if days == frozenset(range(5)):
        return "werkdagen"
    ordered = sorted(days)
    if len(ordered) >= 3 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{WEEKDAY_NAMES[ordered[0]]} t/m {WEEKDAY_NAMES[ordered[-1]]}"
    return _join([WEEKDAY_NAMES[d] for d in ordered])


def reminder_settings(s: ReminderSwitches) -> str:
    """Show /herinneringen, with the send window and digest day of the configuration."""
    state = "aan" if s.reminders_on else "uit"
    dig = "aan" if s.digest_on else "uit"
    cfg = s.settings
    holidays = ", niet op feestdagen" if cfg.holidays else ""
    digest_day = cfg.digest_weekday  # not a working day: the digest waits for the next one
    while digest_day not in cfg.working_days:
        digest_day = (digest_day + 1) % 7
    return (
        f"<b>Herinneringen</b>: {state}\n"
        f"<b>Weekoverzicht op {WEEKDAY_NAMES[digest_day]}</b>: {dig}\n\n"
        "Wijzigen:\n<code>/herinneringen uit</code> of <code>/herinneringen aan</code>\n"
        "<code>/herinneringen overzicht uit</code> of <code>/herinneringen overzicht aan</code>\n"
        f"Herinneringen komen alleen op {_weekdays(cfg.working_days)} tussen "
        f"{_clock(cfg.window_start)} en {_clock(cfg.window_end)}{holidays}."
    )


# --- meetings and decisions --------------------------------------------------------------


def meeting_label(m: Meeting) -> str:
    """Render "OT do 22 apr 2027 14:00, Plein 40-45 (voorlopig)"."""
    parts = [f"OT {day(m.day)}"]
    if m.start:
        parts.append(m.start)
    text = " ".join(parts)
    if m.place:
        text += f", {escape(m.place)}"
    if m.tentative:
        text += " <i>(voorlopig: nog niet gepland)</i>"
    return text


def meeting_label_plain(m: Meeting) -> str:
    """A meeting as a button label (no HTML)."""
    return f"Naar OT {day(m.day)}" + (f" {m.start}" if m.start else "")


def meeting_planned(m: Meeting, attached: int) -> str:
    """Confirm /ot with a day."""
    extra = f"\n{attached} actie(s) met ‘volgend OT’ horen nu bij dit OT." if attached else ""
    return f"📅 Gepland: {meeting_label(m)}.{extra}"


def meetings(items: list[Meeting]) -> str:
    """Render /ot without arguments."""
    if not items:
        return (
            "Er staan geen OT's gepland. De secretaris plant er een met "
            "<code>/ot 24 april 14:00 Plein 40-45</code>."
        )
    return "<b>Komende OT's</b>\n" + "\n".join(f"• {meeting_label(m)}" for m in items)


def tentative_meetings(days: tuple[date, ...]) -> str:
    """Tell the secretary once that an action named an OT that is not planned."""
    names = ", ".join(day(d) for d in days)
    return (
        f"ℹ️ OT {names} stond nog niet gepland; ik heb het voorlopig toegevoegd. Plan het met "
        f"<code>/ot {days[0].day} {MONTHS[days[0].month - 1]} 14:00 plaats</code>."
    )


def estimated_meetings(days: tuple[date, ...]) -> str:
    """Tell the secretary once that "OT mei" named a month in which no OT is planned."""
    names = ", ".join(MONTHS[d.month - 1] for d in days)
    return (
        f"ℹ️ In {names} staat nog geen OT gepland. Tot je het plant reken ik met "
        f"{_join([day(d) for d in days])} (voorlopig). Plan het met "
        f"<code>/ot 20 {MONTHS[days[0].month - 1]} 14:00 plaats</code>: de acties schuiven mee."
    )


def meeting_moved(change: MeetingChange, mentions: list[tuple[int, str]]) -> str:
    """Tell the group (and so the owners, once) that an OT moved."""
    m = change.meeting
    lines = [f"📅 Het OT is verplaatst naar <b>{meeting_label(m)}</b>."]
    if change.moved:
        lines.append(f"Deze {len(change.moved)} actie(s) schuiven mee:")
        lines.extend(f"• #{a.number} {escape(_short(a.text, 100))}" for a in change.moved)
    if mentions:
        lines.append(
            "Voor: "
            + ", ".join(f'<a href="tg://user?id={i}">{escape(n)}</a>' for i, n in mentions)
        )
    return "\n".join(lines)


def meeting_cancelled(change: MeetingChange) -> str:
    """Confirm /ot annuleer and say where the actions went."""
    lines = [f"❌ {meeting_label(change.meeting)} is geannuleerd."]
    if change.moved:
        where = meeting_label(change.target) if change.target else "‘volgend OT’ (nog geen datum)"
        lines.append(f"De {len(change.moved)} actie(s) van dat OT gaan naar {where}.")
        if change.options:
            lines.append("Liever een ander OT? Kies hieronder.")
    return "\n".join(lines)


def meeting_redirected(change: MeetingChange) -> str:
    """Confirm where a cancelled OT's actions went after all."""
    where = meeting_label(change.target) if change.target else "‘volgend OT’ (nog geen datum)"
    return f"✅ {len(change.moved)} actie(s) gaan naar {where}."


BTN_NO_DATE = "Geen datum (volgend OT)"


def meeting_recorded(m: Meeting) -> str:
    """Confirm /aanwezig."""
    lines = [f"📝 Vastgelegd: {meeting_label(m)}"]
    if m.chair:
        lines.append(f"Voorzitter: {escape(m.chair)}")
    if m.attendees:
        people = ", ".join(escape(n) + (f" ({escape(o)})" if o else "") for n, o in m.attendees)
        lines.append(f"Aanwezig ({len(m.attendees)}): {people}")
    return "\n".join(lines)


def agenda_item_added(m: Meeting | None) -> str:
    """Confirm /agenderen."""
    where = meeting_label(m) if m else "het volgende OT (nog niet gepland)"
    return f"📌 Staat op de agenda voor {where}."


def agenda(a: Agenda) -> str:
    """Render /agenda: the draft actielijst of the next OT."""
    if a.meeting is None:
        head = "<b>Concept-agenda volgend OT</b> (nog geen OT gepland)"
    else:
        head = f"<b>Concept-agenda {meeting_label(a.meeting)}</b>"
    blocks = [head]
    if a.previous is not None:
        blocks.append(f"<i>Vorig OT: {day(a.previous.day)}</i>")
    if a.due:
        lines = [f"<b>Afspraken voor dit OT ({len(a.due)})</b>"]
        for act in a.due:
            carried = (
                f" <i>(doorgeschoven van OT {day(act.carried_from)})</i>"
                if act.carried_from
                else ""
            )
            latest = act.latest_update
            update = (
                f"\n   Laatste update {moment(latest.at)} {escape(latest.author)}: "
                f"{escape(_short(latest.text, 200))}"
                if latest
                else "\n   <i>Nog geen update</i>"
            )
            lines.append(
                f"• #{act.number} {escape(_short(act.text, 120))} – "
                f"{owners_progress(act)}{carried}{update}"
            )
        blocks.append("\n".join(lines))
    if a.overdue:
        blocks.append(
            f"<b>Te laat ({len(a.overdue)})</b>\n"
            + "\n".join(
                f"• #{x.number} {escape(_short(x.text, 120))} – {deadline(x)} – "
                f"{owners_progress(x)}"
                for x in a.overdue
            )
        )
    if a.asap:
        blocks.append(
            f"<b>ASAP, nog open ({len(a.asap)})</b>\n"
            + "\n".join(
                f"• #{x.number} {escape(_short(x.text, 120))} – {owners_progress(x)}"
                for x in a.asap
            )
        )
    if a.updates:
        blocks.append(
            f"<b>Updates sinds vorig OT ({len(a.updates)})</b>\n"
            + "\n".join(
                f"• #{u.number} {moment(u.update.at)} {escape(u.update.author)}: "
                f"{escape(_short(u.update.text, 160))}"
                for u in a.updates
            )
        )
    if a.items:
        blocks.append(
            f"<b>Geagendeerd ({len(a.items)})</b>\n"
            + "\n".join(f"• {escape(i.text)} <i>({escape(i.author)})</i>" for i in a.items)
        )
    if len(blocks) == (2 if a.previous else 1):
        blocks.append("Er staat nog niets op de agenda.")
    return "\n\n".join(blocks)


def decisions_list(items: list[Decision]) -> str:
    """Render /besluiten, grouped per meeting."""
    if not items:
        return "Er zijn nog geen besluiten vastgelegd."
    groups: dict[str, list[Decision]] = {}
    for d in items:
        key = f"OT {day(d.meeting.day)}" if d.meeting else "Zonder OT"
        groups.setdefault(key, []).append(d)
    blocks = ["<b>Besluiten</b>"]
    for key, ds in groups.items():
        blocks.append(
            f"<u>{key}</u>\n"
            + "\n".join(
                f"• <b>Besluit #{d.action.number}</b> {escape(_short(d.action.text, 140))}"
                + (" <i>(gecorrigeerd)</i>" if len(d.versions) > 1 else "")
                for d in ds
            )
        )
    blocks.append("Eén besluit helemaal: <code>/besluit N</code>")
    return "\n\n".join(blocks)


DECISION_CORRECTED = "✏️ Nieuwe versie vastgelegd."


def decision_card(d: Decision) -> str:
    """Render /besluit N: text, criteria, conflict-of-interest statement, history."""
    a = d.action
    lines = [f"<b>Besluit #{a.number}</b>" + (f" · OT {day(d.meeting.day)}" if d.meeting else "")]
    if a.topic:
        lines.append(f"<i>Onderwerp:</i> {escape(a.topic)}")
    lines.append(f"<i>Besluit:</i> {escape(a.text)}")
    lines.append("<i>Criteria:</i>")
    if a.criteria:
        lines.extend(f"  · {escape(c)}" for c in a.criteria)
    else:
        lines.append("  <i>(niet vastgelegd)</i>")
    lines.append(f"<i>Belangen:</i> {escape(a.interests) or '<i>(niet vastgelegd)</i>'}")
    if len(d.versions) > 1:
        lines.append("<i>Geschiedenis:</i>")
        for v in d.versions:
            lines.append(
                f"  v{v.version} {moment(v.at)} {escape(v.author)}: {escape(_short(v.text, 160))}"
            )
    return "\n".join(lines)


# --- documents ---------------------------------------------------------------------------

DOCUMENT_REASONS = {
    "not_docx": "Dat is geen Word-bestand (.docx). Stuur de actielijst als .docx.",
    "corrupt": "Dit Word-bestand kan ik niet openen; het lijkt beschadigd.",
    "too_large": "Dit bestand is te groot. Een actielijst is meestal kleiner dan 5 MB.",
    "too_slow": (
        "Dit bestand is te ingewikkeld om snel te lezen. Stuur de actielijst als gewoon "
        "Word-bestand (.docx), zonder ingesloten objecten."
    ),
    "no_table": (
        "In dit document vind ik geen actielijst: een tabel met een kolom voor de actie "
        "(Afspraak, Actie of Actiepunt) en een voor Wie of Wanneer (ook: Eigenaar, Trekker, "
        "Deadline). Onderwerp, Toelichting en Status mogen erbij."
    ),
    # Files that are no Word document (documents/filetype.py): how to make one of them.
    "old_doc": (
        "Dit is een oud Word-bestand (.doc). Open het in Word en kies Bestand › Opslaan als › "
        "Word-document (.docx), en stuur het opnieuw."
    ),
    "encrypted": (
        "Dit Word-bestand is met een wachtwoord beveiligd, dus ik kan het niet lezen. Open het "
        "in Word, haal het wachtwoord eraf (Bestand › Info › Document beveiligen › Versleutelen "
        "met wachtwoord, en maak het veld leeg), sla het op en stuur het opnieuw."
    ),
    "pdf": (
        "Dit is een PDF; daaruit kan ik de tabel niet betrouwbaar lezen. Stuur het Word-bestand "
        "zelf (.docx) waar de PDF van gemaakt is. Heb je dat niet, vraag het dan aan wie de "
        "actielijst maakte."
    ),
    "odt": (
        "Dit is een OpenDocument-bestand (.odt, uit LibreOffice of OpenOffice). Kies daar "
        "Bestand › Opslaan als › Word 2007-365 (.docx), en stuur het opnieuw."
    ),
    "pages": (
        "Dit is een Pages-document. Kies in Pages Archief › Exporteer naar › Word, en stuur het "
        ".docx-bestand opnieuw."
    ),
    "rtf": (
        "Dit is een RTF-bestand. Open het in Word en kies Bestand › Opslaan als › "
        "Word-document (.docx), en stuur het opnieuw."
    ),
    "spreadsheet": (
        "Dit is een spreadsheet (zoals Excel), geen Word-bestand. Ik lees de actielijst uit een "
        "Word-document (.docx): stuur dat, of zet de tabel in Word en sla hem op als .docx."
    ),
    "presentation": (
        "Dit is een presentatie (zoals PowerPoint), geen Word-bestand. Stuur de actielijst als "
        "Word-document (.docx)."
    ),
    "text": (
        "Dit is een tekstbestand, geen Word-bestand. Stuur de actielijst als Word-document "
        "(.docx), of stuur de acties als gewoon bericht: dat lees ik ook (zie /help)."
    ),
    "image": (
        "Dit is een afbeelding (foto of scan), geen Word-bestand; daaruit kan ik geen acties "
        "lezen. Stuur het Word-document van de actielijst (.docx)."
    ),
    "zip": "Dit is een zip-bestand. Pak het uit en stuur het Word-bestand (.docx) dat erin zit.",
}
IMPORT_CANCELLED = "Import geannuleerd; er is niets opgeslagen."
IMPORT_EXPIRED = "Deze import is verlopen. Stuur het document opnieuw."
IMPORT_NOT_YOURS = "Deze knoppen zijn voor wie het bestand stuurde."
BTN_IMPORT = "✅ Importeren"
BTN_CANCEL = "❌ Annuleren"


def btn_import_year(year: int) -> str:
    """The button under an import preview whose header date had no year: the year before."""
    return f"Het was {year}"


IMPORT_IN_GROUP = (
    "Stuur het Word-bestand met <code>/import</code> als bijschrift, of antwoord met "
    "<code>/import</code> op het bericht met het bestand."
)


def document_error(reason: str) -> str:
    """Explain why a file could not be read; nothing was stored."""
    return (
        "❌ "
        + DOCUMENT_REASONS.get(reason, "Dit bestand kan ik niet lezen.")
        + (" Er is niets opgeslagen.")
    )


def import_preview(p: ImportPreview) -> str:
    """Show what an import would do, before anything is stored."""
    year = (
        f" <i>(het document noemt geen jaar; ik ga uit van {p.meeting_day.year})</i>"
        if p.year_assumed
        else ""
    )
    lines = [
        f"<b>Import voor {escape(p.team_name)}</b>: actielijst van het OT van "
        f"{day(p.meeting_day)}{year}",
        f"• {p.new_actions} nieuw, {p.updated_actions} bijgewerkt, {p.unchanged} ongewijzigd"
        f" (waarvan {p.decisions} besluit{'en' if p.decisions != 1 else ''})",
        f"• Aanwezigen: {p.attendees}",
    ]
    if p.linked_owners:
        lines.append("• Eigenaren gekoppeld aan leden: " + escape(", ".join(p.linked_owners)))
    if p.new_owners:
        lines.append(
            "• Namen nog niet gekoppeld aan een lid (dat kan later met /ikben): "
            + escape(", ".join(p.new_owners))
        )
    if p.unreadable:
        lines.append(
            f"• Deadlines die ik niet kan lezen ({len(p.unreadable)}), bewaard zoals ze er staan:"
        )
        lines.extend(f"   – ‘{escape(w)}’ bij: {escape(_short(t, 60))}" for t, w in p.unreadable)
    lines.append("\nKlopt dit? Dan sla ik het op.")
    return "\n".join(lines)


def imported(r: ImportResult) -> str:
    """Confirm an import (after the commit)."""
    return (
        f"✅ Geïmporteerd: {len(r.added)} nieuw, {len(r.updated)} bijgewerkt, voor het OT van "
        f"{day(r.meeting.day)}. Zie /acties."
    )


def export_caption(team: str, meeting: Meeting | None, fmt: str) -> str:
    """Caption of an exported file."""
    when = f" na het OT van {day(meeting.day)}" if meeting else ""
    return f"Actielijst {escape(team)}{when} ({fmt})."


# --- otbot demo: the page's answers and the terminal's lines ------------------------------

DEMO_EMPTY = "Typ eerst een bericht."
DEMO_EMPTY_FILE = "Kies eerst een bestand."
DEMO_NO_PERSON = "Die persoon speelt niet mee in de demo."
DEMO_NOT_YOUR_CHAT = "Je kunt alleen in de groep of in je eigen privéchat met de bot schrijven."
DEMO_NO_MESSAGE = "Dat bericht bestaat niet (meer)."
DEMO_NO_BUTTON = "Die knop staat niet (meer) onder het bericht."
DEMO_NO_FILE = "Dat bestand bestaat niet."
DEMO_NOTHING_PLANNED = (
    "Er staat geen herinnering gepland: geef een actie een deadline (ASAP, een datum of een OT)."
)
DEMO_BAD_REQUEST = "Dat verzoek begrijp ik niet."
DEMO_STOPPED = "Demo gestopt. / Demo stopped."


def demo_sent_now(count: int) -> str:
    """The scheduler sent what was already due."""
    return f"Nu verstuurd: {count} {'bericht' if count == 1 else 'berichten'}."


def demo_clock_moved(label: str, count: int) -> str:
    """The demo clock jumped to the next reminder moment."""
    what = "bericht" if count == 1 else "berichten"
    return f"Klok vooruitgezet naar {label}: {count} {what} verstuurd."


def demo_joined(names: str) -> str:
    return f"{names} is lid geworden van de groep"


def demo_left(name: str) -> str:
    return f"{name} heeft de groep verlaten"


def demo_ready(url: str, seeded: bool, where: str) -> str:
    """The terminal line that says where the demo page is."""
    seed = " met de actielijst van 18 maart" if seeded else ""
    seed_en = " with the actielijst of 18 March" if seeded else ""
    return (
        f"OT actiebot demo{seed}: open {url} in je browser. Gegevens: {where}. "
        "Ctrl+C stopt de demo.\n"
        f"OT actiebot demo{seed_en}: open {url} in your browser. Data: {where}. "
        "Ctrl+C stops the demo."
    )


def demo_port_taken(port: int) -> str:
    return (
        f"Poort {port} is al in gebruik: kies een andere met --port. / "
        f"Port {port} is in use: choose another with --port."
    )


# --- the guided add (/nieuw privately) --------------------------------------------------------

GUIDED_STEP_TEXTS = {
    "topic": "1/4 <b>Onderwerp</b>: kies een onderwerp of typ er een.",
    "text": "2/4 <b>Actie</b>: typ wat er moet gebeuren.",
    "owners": (
        "3/4 <b>Wie</b>: tik op de mensen (meer dan één mag) en dan op Klaar, of typ de namen "
        "(„Danillo en Marloes”)."
    ),
    "when": (
        "4/4 <b>Wanneer</b>: kies een moment of typ het („30 april”, „OT 24 april”, „ASAP”)."
    ),
}
GUIDED_PROBLEMS = {
    "empty": "Daar stond niets in. Probeer het nog eens.",
    "too_long": "Dat is te lang. Houd het korter.",
    "too_many": "Dat zijn te veel mensen voor één actie (hooguit 10).",
    "no_names": "Ik herken daar geen namen in. Typ bijvoorbeeld „Danillo en Marloes”.",
    "unreadable_when": (
        "Dat moment kan ik niet lezen. Typ bijvoorbeeld „30 april”, „eind mei”, „OT 24 april” "
        "of „ASAP”, of kies een knop."
    ),
    "type_it": "Typ de actie als bericht.",
    "use_buttons": "Kies Opslaan, Wijzigen of Annuleren met de knoppen.",
    "not_now": "Die knop hoort bij een eerdere stap. Kies hieronder.",
}
BTN_GUIDED_NO_TOPIC = "Geen onderwerp"
BTN_GUIDED_DONE = "Klaar ➡️"
BTN_GUIDED_NOBODY = "Nog niemand ➡️"
BTN_GUIDED_ASAP = "ASAP"
BTN_GUIDED_NO_WHEN = "Geen termijn"
BTN_GUIDED_SAVE = "💾 Opslaan"
BTN_GUIDED_EDIT = "✏️ Wijzigen"
BTN_GUIDED_CANCEL = "✖️ Annuleren"
BTN_GUIDED_BACK = "↩️ Terug"
BTN_PROPOSAL_ACCEPT = "✅ Overnemen"
BTN_PROPOSAL_REJECT = "❌ Afwijzen"
GUIDED_EDIT_LABELS = {"topic": "Onderwerp", "text": "Actie", "owners": "Wie", "when": "Wanneer"}
GUIDED_CANCELLED = "Geannuleerd: er is niets opgeslagen."
GUIDED_GONE = (
    "Deze invoer is verlopen of al afgerond (na 30 minuten zonder antwoord, of na een "
    "herstart van de bot met een oudere versie). Begin opnieuw met /nieuw."
)
PROPOSAL_GONE = "Dit voorstel bestaat niet (meer) in dit team."


def end_of_month_choice(today: date) -> str:
    """The Wanneer of the "end of this month" button ("eind december")."""
    return f"eind {MONTHS[today.month - 1]}"


def meeting_choice(d: date) -> str:
    """The Wanneer of an OT button ("OT 24 april")."""
    return f"OT {d.day} {MONTHS[d.month - 1]}"


def guided_step(team: str, step: str, problem: str, chosen: tuple[str, ...] = ()) -> str:
    """Ask one step of the guided add (with why the last answer was refused)."""
    lines = [f"📝 Nieuwe actie voor {escape(team)}"]
    if problem:
        lines.append("⚠️ " + GUIDED_PROBLEMS.get(problem, GUIDED_PROBLEMS["not_now"]))
    lines.append(GUIDED_STEP_TEXTS[step])
    if chosen:
        lines.append("Gekozen: " + escape(_join(list(chosen))))
    return "\n".join(lines)


def guided_preview(team: str, topic: str, text: str, owners: str, when: str, problem: str) -> str:
    """The card before saving: what will be stored."""
    lines = [f"📝 Nieuwe actie voor {escape(team)}: klopt dit?"]
    if problem:
        lines.append("⚠️ " + GUIDED_PROBLEMS.get(problem, GUIDED_PROBLEMS["not_now"]))
    lines += [
        f"<b>Onderwerp:</b> {escape(topic) or '–'}",
        f"<b>Actie:</b> {escape(text)}",
        f"<b>Wie:</b> {escape(owners) or 'nog niemand'}",
        f"<b>Wanneer:</b> {escape(when) or 'geen termijn'}",
    ]
    return "\n".join(lines)


def proposal_sent(team: str, to_group: bool = True, delivered: bool = True) -> str:
    """Tell the member where their proposal went (the group, or the secretaries privately
    while the team has no group), or that nobody could be reached yet."""
    if not delivered:
        return (
            f"📨 Je voorstel is bewaard, maar {escape(team)} heeft nog geen groep en ik kan "
            "de secretaris nog niet privé bereiken. Vraag de secretaris mij een bericht te "
            "sturen (/start) en stel het daarna opnieuw voor."
        )
    where = "" if to_group else " (privé: het team heeft nog geen groep)"
    return (
        f"📨 Je voorstel is naar de secretaris van {escape(team)} gestuurd{where}. Je hoort "
        "het wanneer het is overgenomen of afgewezen."
    )


def proposal_card(author: str, topic: str, text: str, owners: str, when: str) -> str:
    """The proposal as the group sees it, with buttons for the secretary."""
    return (
        f"📨 <b>Voorstel van {escape(author)}</b> (de secretaris beslist)\n"
        f"<b>Onderwerp:</b> {escape(topic) or '–'}\n"
        f"<b>Actie:</b> {escape(text)}\n"
        f"<b>Wie:</b> {escape(owners) or 'nog niemand'}\n"
        f"<b>Wanneer:</b> {escape(when) or 'geen termijn'}"
    )


def proposal_decided(author: str, text: str, number: int | None, by: str) -> str:
    """What the proposal card becomes, and what its author hears."""
    what = escape(_short(text, 80))
    if number is not None:
        return (
            f"✅ Voorstel van {escape(author)} overgenomen door {escape(by)} als #{number}: {what}"
        )
    return f"❌ Voorstel van {escape(author)} afgewezen door {escape(by)}: {what}"


def proposal_already(status: str) -> str:
    return (
        "Dit voorstel is al overgenomen."
        if status == "accepted"
        else "Over dit voorstel is al beslist."
    )
