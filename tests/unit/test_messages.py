"""Reading a secretary's message: the three forms, mixed messages and every problem code."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.messages import MAX_ITEMS, MAX_TEXT_LENGTH, NO_OWNER, REASONS, parse_message
from domain.model import Deadline, DeadlineKind, DraftItem, ItemKind, ParseResult
from tests.seed import SEED_MESSAGE

WRITTEN = date(2027, 3, 18)  # the meeting of the seed list, "18 maart"

ASAP = DeadlineKind.ASAP
DATE = DeadlineKind.DATE
MEETING = DeadlineKind.MEETING
ONGOING = DeadlineKind.ONGOING
NONE = DeadlineKind.NONE


def parse(text: str) -> ParseResult:
    return parse_message(text, WRITTEN)


def problems(text: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.reason, p.detail) for p in parse(text).problems]


def only_item(text: str) -> DraftItem:
    result = parse(text)
    assert result.problems == ()
    assert len(result.items) == 1
    return result.items[0]


# kind, topic, text, owners, deadline kind, due, first line
SEED_EXPECTED = [
    (
        ItemKind.ACTION,
        "Gezonde leefomgeving en bewegen",
        "Kijken wat er vanuit Wonen en Leefomgeving mbt obesitas in Nieuw-West kan worden gedaan.",
        ("Danillo", "Marloes"),
        DATE,
        date(2027, 4, 30),
        2,
    ),
    (
        ItemKind.ACTION,
        "Organisatiestructuur",
        "Delen organisatiestructuur",
        ("Marloes",),
        ASAP,
        None,
        14,
    ),
    (
        ItemKind.ACTION,
        "Voedselpark Lutkemeer",
        "Voedselpark Lutkemeer agenderen voor volgend OT.",
        ("Marloes",),
        MEETING,
        date(2027, 4, 24),
        22,
    ),
    (
        ItemKind.ACTION,
        "Zorgen dat er aandacht is voor bijzondere groepen zoals mensen met autisme. "
        "Bijvoorbeeld als het gaat om huisvesting.",
        "Marloes gaat na hoe dit vanuit het Eigenaarschap, Inclusie en Democratisering wordt "
        "opgepakt.",
        ("Marloes",),
        ASAP,
        None,
        29,
    ),
    (
        ItemKind.ACTION,
        "Kennis en inspiratie",
        "Suggesties voor partijen of projecten voor komende vergaderingen aandragen bij Marloes",
        ("Partners NPSNW",),
        ONGOING,
        None,
        36,
    ),
    (
        ItemKind.ACTION,
        "Krachten bundelen: aantrekkelijk, schoon, heel en veilig",
        "Doorsturen data met rondleidingen expofette",
        ("Jan",),
        ASAP,
        None,
        43,
    ),
    (
        ItemKind.ACTION,
        "Gerichte aanpak vocht en schimmel",
        "i.o.m. het domein Werk en Bestaanszekerheid kijkt of versneld opleiden van bewoners in "
        "Nieuw-West door de co-makers een oplossing is. Dit gebeurt bijvoorbeeld al door Hemubo "
        "in de Van Deysselbuurt.",
        ("Marloes",),
        ASAP,
        None,
        51,
    ),
    (
        ItemKind.ACTION,
        "Gerichte aanpak vocht en schimmel",
        "Met de betrokken bewoners het gesprek aangaan om toe te lichten wat er speelt, en te "
        "kijken of er andere mogelijkheden zijn",
        ("Louise",),
        ASAP,
        None,
        58,
    ),
    (
        ItemKind.DECISION,
        "Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes voor "
        "een vitale buurt",
        "OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd",
        ("OT",),
        NONE,
        None,
        68,
    ),
    (
        ItemKind.ACTION,
        "Evaluatie",
        "Evalueren wat we tegenkomen bij besluiten en de aanloop daar naartoe)",
        ("OT",),
        MEETING,
        date(2027, 5, 28),
        86,
    ),
    (
        ItemKind.ACTION,
        "Iedereen die wil terugkeren naar een passende woning in de buurt kan terugkeren",
        "Marjolein en Niels Raat (Stadgenoot) betrekken bij opdracht Guido Wallagh",
        ("Nabila",),
        ASAP,
        None,
        92,
    ),
    (
        ItemKind.ACTION,
        "Aansluiten bij wat er al loopt in Nieuw-West",
        "Rob Andeweg voorzitter OT Werkend leren uitnodigen om te presenteren wat er al loopt "
        "en waar op kan worden aangesloten",
        ("Marloes",),
        MEETING,
        date(2027, 4, 24),
        101,
    ),
    (
        ItemKind.ACTION,
        "Financiën",
        "Nagaan hoe de financiële governance in de praktijk er uit ziet en delen met OT",
        ("Marloes",),
        ASAP,
        None,
        107,
    ),
    (
        ItemKind.ACTION,
        "Communicatie",
        "Actief blijven communiceren naar partners waar men mee bezig is",
        ("Partners NPSNW",),
        ONGOING,
        None,
        114,
    ),
    (
        ItemKind.ACTION,
        "Blije doos",
        "Jan werkt voorstel uit",
        ("Jan",),
        ASAP,
        None,
        119,
    ),
]


def test_seed_message_reads_fourteen_actions_and_one_decision() -> None:
    result = parse(SEED_MESSAGE)
    assert result.problems == ()
    assert result.ok
    assert len(result.items) == 15
    kinds = [item.kind for item in result.items]
    assert kinds.count(ItemKind.ACTION) == 14
    assert kinds.count(ItemKind.DECISION) == 1


@pytest.mark.parametrize(
    ("index", "expected"), list(enumerate(SEED_EXPECTED)), ids=[e[1][:30] for e in SEED_EXPECTED]
)
def test_seed_message_rows(index: int, expected: tuple) -> None:
    kind, topic, text, owners, deadline_kind, due, line = expected
    item = parse(SEED_MESSAGE).items[index]
    assert item.kind is kind
    assert item.topic == topic
    assert item.text == text
    assert item.owners == owners
    assert item.deadline.kind is deadline_kind
    assert item.deadline.due == due
    assert item.line == line


def test_seed_message_details() -> None:
    items = parse(SEED_MESSAGE).items
    first = items[0]
    assert first.owners_text == "Danillo en Marloes"
    assert first.deadline == Deadline(DATE, "April", date(2027, 4, 30))
    assert first.note.startswith("Danillo vertelt dat er een voorstel in de stadsdeelcommissie")
    assert first.note.count("\n") == 5  # the toelichting keeps its line breaks
    assert first.note.endswith("samen met Danillo op")
    # The note keeps the bullet list as written.
    assert items[7].note.splitlines() == [
        "De corporaties hebben een memo gestuurd. Concluderend zit het ongemak op het feit dat;",
        "· er juist energie van bewoners op deze actielijn zit,",
        "· het gevoel dat niemand de verantwoordelijkheid lijkt te nemen voor het trekken van de "
        "actielijn,",
        "· de zoektocht hoe het eerlijke verhaal naar bewoners kan worden verteld,",
    ]
    assert items[6].note == ""
    assert items[2].deadline == Deadline(MEETING, "OT 24 april", date(2027, 4, 24))
    assert items[4].deadline == Deadline(ONGOING, "Continu proces")
    assert items[9].deadline.text == "Ot 28 mei"
    # Actions carry no decision fields.
    assert all(
        item.criteria == () and item.interests == "" for i, item in enumerate(items) if i != 8
    )


def test_seed_decision_has_criteria_and_interests() -> None:
    decision = parse(SEED_MESSAGE).items[8]
    assert decision.kind is ItemKind.DECISION
    assert decision.note == "Zie bijlage voor actielijn"
    assert decision.owners_text == "OT"
    assert decision.deadline == Deadline(NONE, "")
    assert decision.criteria == (
        "Draagt bij aan de in het uitvoeringsprogramma opgenomen (middel)lange termijn "
        "opbrengsten",
        "Borgt het eigenaarschap van bewoners. Door bewoners vanaf het begin te betrekken bij de "
        "haalbaarheidsstudie en mogelijk initiatieven die kunnen gaan plaatsvinden.",
        "Vraagt samenwerking tussen partners van het NPSNW.",
        "Zet in op meer dan wat er al regulier gebeurt.",
        "Heeft werkend leren geïncorporeerd en streeft hiermee naar transformatie van het systeem",
        "Is niet enkel een pilot, maar kan bij succes structureel geborgd worden in de "
        "organisatie van een of meerdere van de partners van het NPSNW.",
        "Wordt integraal vanuit meerdere domeinen aangevlogen, namelijk Kansen voor de Jeugd, "
        "Werk en bestaanszekerheid, CWB en EID.",
    )
    assert decision.interests == "Het Callandlyceum heeft niet deelgenomen aan het besluit."


# Form 2: short lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "owners_text", "owners", "body", "deadline"),
    [
        (
            "Jan: data rondleidingen Expofette doorsturen (ASAP)",
            "Jan",
            ("Jan",),
            "data rondleidingen Expofette doorsturen",
            Deadline(ASAP, "ASAP"),
        ),
        (
            "Danillo en Marloes: obesitas oppakken (April)",
            "Danillo en Marloes",
            ("Danillo", "Marloes"),
            "obesitas oppakken",
            Deadline(DATE, "April", date(2027, 4, 30)),
        ),
        (
            "Marloes: Voedselpark agenderen (OT 24 april)",
            "Marloes",
            ("Marloes",),
            "Voedselpark agenderen",
            Deadline(MEETING, "OT 24 april", date(2027, 4, 24)),
        ),
        (
            "Marloes: Voedselpark agenderen (volgend OT).",
            "Marloes",
            ("Marloes",),
            "Voedselpark agenderen",
            Deadline(MEETING, "volgend OT"),
        ),
        (
            "Partners NPSNW: actief blijven communiceren (Continu proces)",
            "Partners NPSNW",
            ("Partners NPSNW",),
            "actief blijven communiceren",
            Deadline(ONGOING, "Continu proces"),
        ),
        (
            "Jan: stuur iedereen de data (24 april)",
            "Jan",
            ("Jan",),
            "stuur iedereen de data",
            Deadline(DATE, "24 april", date(2027, 4, 24)),
        ),
        # No parentheses: no deadline.
        ("Jan: blije doos uitwerken", "Jan", ("Jan",), "blije doos uitwerken", Deadline(NONE, "")),
        # Parentheses that are no deadline stay part of the text.
        (
            "Nabila: Marjolein en Niels Raat betrekken (Stadgenoot)",
            "Nabila",
            ("Nabila",),
            "Marjolein en Niels Raat betrekken (Stadgenoot)",
            Deadline(NONE, ""),
        ),
        (
            "Jan: stuk lezen (zie bijlage (p. 3))",
            "Jan",
            ("Jan",),
            "stuk lezen (zie bijlage (p. 3))",
            Deadline(NONE, ""),
        ),
        ("Jan: agenda ()", "Jan", ("Jan",), "agenda ()", Deadline(NONE, "")),
        # Organisation in the name, bullets and bold around the name.
        (
            "Niels Raat (Stadgenoot): offerte bekijken",
            "Niels Raat (Stadgenoot)",
            ("Niels Raat (Stadgenoot)",),
            "offerte bekijken",
            Deadline(NONE, ""),
        ),
        ("- Jan: x (zsm)", "Jan", ("Jan",), "x", Deadline(ASAP, "zsm")),
        ("• *Jan:* x (zsm)", "Jan", ("Jan",), "x", Deadline(ASAP, "zsm")),
        ("3. Jan: x (zsm)", "Jan", ("Jan",), "x", Deadline(ASAP, "zsm")),
        # A colon later in the text is part of the text.
        (
            "Marloes: agenda: financiën en evaluatie",
            "Marloes",
            ("Marloes",),
            "agenda: financiën en evaluatie",
            Deadline(NONE, ""),
        ),
        # A list of names may be longer than one name's three words.
        (
            "Jan, Piet, Klaas, Anne en Evert: x",
            "Jan, Piet, Klaas, Anne en Evert",
            ("Jan", "Piet", "Klaas", "Anne", "Evert"),
            "x",
            Deadline(NONE, ""),
        ),
        (
            "Jan, Piet, Klaas, Anne, Evert en Tanay: x",
            "Jan, Piet, Klaas, Anne, Evert en Tanay",
            ("Jan", "Piet", "Klaas", "Anne", "Evert", "Tanay"),
            "x",
            Deadline(NONE, ""),
        ),
    ],
)
def test_short_line(
    text: str, owners_text: str, owners: tuple[str, ...], body: str, deadline: Deadline
) -> None:
    item = only_item(text)
    assert item.kind is ItemKind.ACTION
    assert item.owners_text == owners_text
    assert item.owners == owners
    assert item.text == body
    assert item.deadline == deadline
    assert item.topic == ""
    assert item.note == ""
    assert item.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "OT: Besluit: actielijn Callandlyceum geaccordeerd",
        "OT: besluit : actielijn Callandlyceum geaccordeerd",
        "OT: BESLUIT:actielijn Callandlyceum geaccordeerd",
    ],
)
def test_short_line_decision(text: str) -> None:
    item = only_item(text)
    assert item.kind is ItemKind.DECISION
    assert item.text == "actielijn Callandlyceum geaccordeerd"
    assert item.owners == ("OT",)


@pytest.mark.parametrize(
    "text",
    [
        "Dit is geen actie",
        "Let op dat we dit de volgende keer echt goed bespreken: x",  # name part of 9 words
        "Jan, Piet, Klaas, Anne, Evert, Tanay, Louise, Nabila en Karin Jansen: x",  # 11 words
        "Stuur de stukken door: x",  # one "name" of 4 words
        "Jan Willem Frans Smit: x",  # 4 words
        "Jan en de mensen van de gemeente: x",  # a name of 5 words in a list
        "Om 10:30 bellen",  # a time, not a name
        "Zie https://example.org/actielijst",
        "https://example.org: x",
        ": x",
        "Actielijst en verslaglegging OT overleg",
    ],
)
def test_not_a_short_line(text: str) -> None:
    assert problems(text) == [(1, "not_understood", "")]


# Short lines: no guessing about owners and deadlines ----------------------------------------


# The reviewer's examples: minutes headings, notes, questions and greetings are no owners.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aanwezig: Jan, Piet, Marloes", [(1, "not_understood", "no_owner")]),
        ("Let op: morgen geen OT", [(1, "not_understood", "no_owner")]),
        ("Hoi Marloes: kun je het stuk sturen?", [(1, "not_understood", "no_owner")]),
        ("Hoi Marloes: kun je het stuk sturen (vrijdag)", [(1, "not_understood", "no_owner")]),
        ("Hoi, Marloes: kun je het stuk sturen?", [(1, "not_understood", "no_owner")]),
        ("Hallo allemaal: de actielijst", [(1, "not_understood", "no_owner")]),
        ("Beste Jan en Piet: zie hieronder", [(1, "not_understood", "no_owner")]),
        ("Toelichting bij besluit: geen", [(1, "not_understood", "no_owner")]),
        ("Notulen: zie bijlage", [(1, "not_understood", "no_owner")]),
        ("Notulen OT Wonen: zie bijlage", [(1, "not_understood", "no_owner")]),
        ("Vraag: wie neemt dit op?", [(1, "not_understood", "no_owner")]),
        ("Locatie: Plein 40-45", [(1, "not_understood", "no_owner")]),
        ("Voorzitter: Anne", [(1, "not_understood", "no_owner")]),
        ("Besluit OT: actielijn geaccordeerd", [(1, "not_understood", "no_owner")]),
        ("N.B.: dit is een concept", [(1, "not_understood", "no_owner")]),
        ("PS: morgen geen OT", [(1, "not_understood", "no_owner")]),
        # Decoration around the name part does not hide it.
        ("*Aanwezig:* Jan, Piet, Marloes", [(1, "not_understood", "no_owner")]),
        ("- Let op: morgen geen OT", [(1, "not_understood", "no_owner")]),
        ("👋 Hoi Marloes: kun je het stuk sturen?", [(1, "not_understood", "no_owner")]),
        # The line number is the line in the message; the other lines are still read.
        (
            "/nieuw\nAanwezig: Jan, Piet, Marloes\nJan: x (ASAP)\nLet op: morgen geen OT",
            [(2, "not_understood", "no_owner"), (4, "not_understood", "no_owner")],
        ),
        # "Datum:" is a known label: it opens a block, which has no action text.
        ("Datum: 18 maart", [(1, "missing_text", "")]),
    ],
)
def test_short_line_name_part_that_is_no_name(
    text: str, expected: list[tuple[int, str, str]]
) -> None:
    result = parse(text)
    assert [(p.line, p.reason, p.detail) for p in result.problems] == expected
    assert all(item.owners_text in ("Jan",) for item in result.items)


@pytest.mark.parametrize(
    "word",
    [
        "let", "let op", "aanwezig", "aanwezigen", "afwezig", "hoi", "hallo", "beste", "notulen",
        "notitie", "opmerking", "vraag", "vragen", "datum", "locatie", "plaats", "voorzitter",
        "agenda", "besluit", "besluiten", "toelichting", "update", "onderwerp", "ps", "nb",
        "n.b.", "tip", "info", "link", "zie", "wanneer", "wie", "tijd", "status", "conclusie",
        "samenvatting", "actiepunten", "acties",
    ],
)  # fmt: skip
def test_words_that_never_start_an_owner(word: str) -> None:
    # In front of another word, so that known labels ("Datum:", "Wie:") are no label here.
    for written in (word, word.capitalize(), word.upper()):
        assert problems(f"{written} OT: x (ASAP)") == [(1, "not_understood", NO_OWNER)]


@pytest.mark.parametrize(
    "word",
    [
        "aanwezig", "aanwezigen", "afwezig", "hoi", "hallo", "beste", "notulen", "vraag",
        "vragen", "locatie", "plaats", "voorzitter", "agenda", "besluiten", "ps", "nb", "n.b.",
        "tip", "info", "link", "zie", "tijd", "status", "conclusie", "samenvatting",
        "actiepunten", "acties",
    ],
)  # fmt: skip
def test_words_that_are_no_owner_alone(word: str) -> None:
    assert problems(f"{word.capitalize()}: Jan, Piet") == [(1, "not_understood", NO_OWNER)]


def test_no_owner_words_inside_a_block_are_unknown_labels() -> None:
    # Inside a labelled block such a line is an unknown label, as before.
    assert problems("Actie: x\nAanwezig: Jan") == [(2, "unknown_label", "")]


def test_besluit_label_is_still_a_decision() -> None:
    item = only_item("Besluit: OT heeft actielijn geaccordeerd\nWie: OT")
    assert (item.kind, item.text, item.owners) == (
        ItemKind.DECISION,
        "OT heeft actielijn geaccordeerd",
        ("OT",),
    )


# A trailing parenthesis that looks like a deadline but cannot be read is kept as an
# UNREADABLE deadline (the card asks for a fix); the message is stored, nothing is guessed.
@pytest.mark.parametrize(
    ("text", "action", "when", "reason"),
    [
        ("Jan: x (binnenkort)", "x", "binnenkort", "unreadable"),
        ("Jan: x (Binnenkort)", "x", "Binnenkort", "unreadable"),
        ("Jan: x (binnenkort).", "x", "binnenkort", "unreadable"),
        ("Jan: x (eind mie)", "x", "eind mie", "unreadable"),
        ("Jan: x (31 april)", "x", "31 april", "invalid_date"),
        ("Jan: x (na de zomer)", "x", "na de zomer", "unreadable"),
        ("Jan: x (Na de Zomer)", "x", "Na de Zomer", "unreadable"),
        ("Jan: x (Q5)", "x", "Q5", "invalid_date"),
        ("Jan: x (Apirl)", "x", "Apirl", "unreadable"),  # a typo'd month
        ("Jan: x (na Pasen)", "x", "na Pasen", "unreadable"),
        ("Jan: x (later)", "x", "later", "unreadable"),
        ("Jan: zaal boeken (om 10 uur)", "zaal boeken", "om 10 uur", "has_time"),
    ],
)
def test_short_line_unreadable_deadline_is_kept(
    text: str, action: str, when: str, reason: str
) -> None:
    result = parse(text)
    assert result.ok
    (item,) = result.items
    assert (item.text, item.owners) == (action, ("Jan",))
    assert item.deadline == Deadline(DeadlineKind.UNREADABLE, when, reason=reason)


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("Jan: x (24 april 10 uur)", DeadlineKind.DATE, date(2027, 4, 24)),
        ("Danillo en Marloes: x (april of mei)", DeadlineKind.DATE, date(2027, 5, 31)),
    ],
)
def test_short_line_deadlines_read_since_issue_11(
    text: str, kind: DeadlineKind, due: date
) -> None:
    (item,) = parse(text).items
    assert (item.text, item.deadline.kind, item.deadline.due) == ("x", kind, due)


def test_short_line_without_text_is_still_a_problem() -> None:
    result = parse("Jan: (binnenkort)")
    assert [(p.line, p.reason) for p in result.problems] == [(1, "missing_text")]
    assert not result.ok


def test_unreadable_deadline_does_not_block_the_other_lines() -> None:
    result = parse("Jan: x (ASAP)\nPiet: y (binnenkort)")
    assert result.ok
    assert [(i.owners, i.deadline.kind) for i in result.items] == [
        (("Jan",), DeadlineKind.ASAP),
        (("Piet",), DeadlineKind.UNREADABLE),
    ]


# Parentheses that are clearly no deadline stay part of the text, without a deadline.
@pytest.mark.parametrize(
    "body",
    [
        "voorstel uitwerken (samen met gebiedsmakelaar)",
        "x (met Karin)",
        "x (samen met Danillo)",
        "x (i.o.m. Werk en Bestaanszekerheid)",
        "x (iom Karin)",
        "x (via Nabila)",
        "x (zie bijlage)",
        "x (bv. de flyer)",
        "x (bijv flyer)",
        "x (o.a. Ymere)",
        "x (incl. bijlagen)",
        "x (excl. btw)",
        "x (ivm vakantie)",
        "x (i.v.m. de zomer)",
        "x (p. 3)",
        "x (voor Ymere)",
        "x (na gesprek met Karin)",
        "x (na overleg met April de Vries)",  # more than four words
        "x (als het lukt voor de zomer)",
        "x (Stadgenoot)",
        "x (Lieven de Key)",
        "x (SDC)",
        "x (€ 500)",
        "x (10%)",
        "x (!)",
        "x (geen)",
        "x ()",
    ],
)
def test_short_line_parenthesis_that_is_no_deadline(body: str) -> None:
    item = only_item(f"Jan: {body}")
    assert (item.owners_text, item.text, item.deadline) == ("Jan", body, Deadline(NONE, ""))


# Short lines that must keep working.
@pytest.mark.parametrize(
    ("text", "owners_text", "owners", "body", "deadline"),
    [
        ("Jan: data rondleidingen Expofette doorsturen (ASAP)", "Jan", ("Jan",),
         "data rondleidingen Expofette doorsturen", Deadline(ASAP, "ASAP")),
        ("Danillo en Marloes: plannen uitzoeken (april)", "Danillo en Marloes",
         ("Danillo", "Marloes"), "plannen uitzoeken", Deadline(DATE, "april", date(2027, 4, 30))),
        ("Partners NPSNW: suggesties aandragen (doorlopend)", "Partners NPSNW",
         ("Partners NPSNW",), "suggesties aandragen", Deadline(ONGOING, "doorlopend")),
        ("Niels Raat (Stadgenoot): offerte bekijken (ASAP)", "Niels Raat (Stadgenoot)",
         ("Niels Raat (Stadgenoot)",), "offerte bekijken", Deadline(ASAP, "ASAP")),
        ("Marjolein en Niels Raat (Stadgenoot): offerte bekijken",
         "Marjolein en Niels Raat (Stadgenoot)", ("Marjolein", "Niels Raat (Stadgenoot)"),
         "offerte bekijken", Deadline(NONE, "")),
        ("Jan, Karin en Louise: stukken lezen (OT 24 april)", "Jan, Karin en Louise",
         ("Jan", "Karin", "Louise"), "stukken lezen",
         Deadline(MEETING, "OT 24 april", date(2027, 4, 24))),
        ("Jan & Karin: x", "Jan & Karin", ("Jan", "Karin"), "x", Deadline(NONE, "")),
        ("Henk-Jan de Boer: x", "Henk-Jan de Boer", ("Henk-Jan de Boer",), "x",
         Deadline(NONE, "")),
        ("Peter van der Vliet: rondleiding plannen (eind april)", "Peter van der Vliet",
         ("Peter van der Vliet",), "rondleiding plannen",
         Deadline(DATE, "eind april", date(2027, 4, 30))),
        ("OT: Besluit: actielijn geaccordeerd", "OT", ("OT",), "actielijn geaccordeerd",
         Deadline(NONE, "")),
        # Names that only begin like a word of the stoplist.
        ("Lettie: x", "Lettie", ("Lettie",), "x", Deadline(NONE, "")),
        ("Wietske: x", "Wietske", ("Wietske",), "x", Deadline(NONE, "")),
        ("Hoite: x", "Hoite", ("Hoite",), "x", Deadline(NONE, "")),
        # A readable deadline in the trailing parenthesis is the deadline.
        ("Jan: x (volgende maand)", "Jan", ("Jan",), "x",
         Deadline(DATE, "volgende maand", date(2027, 4, 30))),
        ("Jan: x (Jan)", "Jan", ("Jan",), "x", Deadline(DATE, "Jan", date(2028, 1, 31))),
    ],
)  # fmt: skip
def test_short_line_keeps_working(
    text: str, owners_text: str, owners: tuple[str, ...], body: str, deadline: Deadline
) -> None:
    item = only_item(text)
    assert (item.owners_text, item.owners, item.text, item.deadline) == (
        owners_text,
        owners,
        body,
        deadline,
    )


def _as_short_line(item: DraftItem) -> str:
    prefix = "Besluit: " if item.kind is ItemKind.DECISION else ""
    when = f" ({item.deadline.text})" if item.deadline.text else ""
    return f"{item.owners_text}: {prefix}{item.text}{when}"


@pytest.mark.parametrize("index", range(len(SEED_EXPECTED)))
def test_seed_rows_as_short_lines(index: int) -> None:
    # Every row of the seed, written as a short line, reads the same as its labelled block.
    row = parse(SEED_MESSAGE).items[index]
    item = only_item(_as_short_line(row))
    assert (item.kind, item.owners_text, item.owners, item.text, item.deadline) == (
        row.kind,
        row.owners_text,
        row.owners,
        row.text,
        row.deadline,
    )


def test_reason_codes_are_unchanged_and_no_owner_is_documented() -> None:
    assert set(REASONS) == {
        "empty", "not_understood", "unknown_label", "duplicate_label", "missing_text",
        "action_and_decision", "criteria_on_action", "deadline_too_long", "owner_too_long",
        "text_too_long", "too_many_items", "bad_columns",
    }  # fmt: skip
    assert NO_OWNER == "no_owner"
    assert NO_OWNER in REASONS["not_understood"]


# Form 3: pipe lines -------------------------------------------------------------------------


def test_pipe_line_three_cells() -> None:
    item = only_item("Doorsturen data met rondleidingen expofette | Jan | ASAP")
    assert item == DraftItem(
        kind=ItemKind.ACTION,
        text="Doorsturen data met rondleidingen expofette",
        owners_text="Jan",
        owners=("Jan",),
        deadline=Deadline(ASAP, "ASAP"),
        line=1,
    )


def test_pipe_line_four_cells() -> None:
    item = only_item("Financiën | Governance nagaan en delen met OT | Marloes | OT 24 april")
    assert item == DraftItem(
        kind=ItemKind.ACTION,
        text="Governance nagaan en delen met OT",
        topic="Financiën",
        owners_text="Marloes",
        owners=("Marloes",),
        deadline=Deadline(MEETING, "OT 24 april", date(2027, 4, 24)),
        line=1,
    )


def test_pipe_line_five_cells() -> None:
    item = only_item(
        "Gezonde leefomgeving en bewegen | Kijken wat er mbt obesitas kan | "
        "Danillo vertelt over het voorstel | Danillo en Marloes | April"
    )
    assert item == DraftItem(
        kind=ItemKind.ACTION,
        text="Kijken wat er mbt obesitas kan",
        topic="Gezonde leefomgeving en bewegen",
        note="Danillo vertelt over het voorstel",
        owners_text="Danillo en Marloes",
        owners=("Danillo", "Marloes"),
        deadline=Deadline(DATE, "April", date(2027, 4, 30)),
        line=1,
    )


@pytest.mark.parametrize(
    ("text", "topic", "body", "owners", "deadline"),
    [
        ("x |  | ", "", "x", (), Deadline(NONE, "")),
        ("| x | Jan | ASAP |", "", "x", ("Jan",), Deadline(ASAP, "ASAP")),
        ("- x | Jan | ASAP", "", "x", ("Jan",), Deadline(ASAP, "ASAP")),
        (" | x | | | ", "", "x", (), Deadline(NONE, "")),
        ("Evaluatie | x | OT | Ot 28 mei", "Evaluatie", "x", ("OT",), Deadline(
            MEETING, "Ot 28 mei", date(2027, 5, 28)
        )),
    ],
)  # fmt: skip
def test_pipe_line_empty_cells_and_outer_pipes(
    text: str, topic: str, body: str, owners: tuple[str, ...], deadline: Deadline
) -> None:
    item = only_item(text)
    assert (item.topic, item.text, item.owners, item.deadline) == (topic, body, owners, deadline)


def test_pipe_line_decision() -> None:
    item = only_item(
        "Maatschappelijke voorzieningen | Besluit: OT heeft actielijn Callandlyceum geaccordeerd"
        " | Zie bijlage | OT | "
    )
    assert item.kind is ItemKind.DECISION
    assert item.text == "OT heeft actielijn Callandlyceum geaccordeerd"
    assert item.note == "Zie bijlage"
    assert item.criteria == ()


def test_pipe_line_decision_three_cells() -> None:
    item = only_item("Besluit: actielijn Callandlyceum geaccordeerd | OT | ")
    assert (item.kind, item.text, item.owners, item.deadline) == (
        ItemKind.DECISION,
        "actielijn Callandlyceum geaccordeerd",
        ("OT",),
        Deadline(NONE, ""),
    )


def test_pipe_header_and_rule_rows_are_skipped() -> None:
    result = parse(
        "Onderwerp | Afspraak/actie/besluit | Toelichting / update | Wie | Wanneer\n"
        "|---|---|---|---|---|\n"
        "Blije doos | Jan werkt voorstel uit | Samen met gebiedsmakelaar | Jan | ASAP"
    )
    assert result.problems == ()
    assert [(item.text, item.line) for item in result.items] == [("Jan werkt voorstel uit", 3)]


# Mixed forms --------------------------------------------------------------------------------


MIXED_MESSAGE = """\
/nieuw@ot_actie_bot
Jan: data rondleidingen Expofette doorsturen (ASAP)
Marloes: Voedselpark agenderen (volgend OT)
Financiën | Governance nagaan | Marloes | OT 24 april

Onderwerp: Blije doos
Actie: Jan werkt voorstel uit
Wie: Jan
Wanneer: ASAP
Louise: doorstroming evalueren | OT | Ot 28 mei
Besluit: OT heeft actielijn Callandlyceum geaccordeerd
Wie: OT
Criteria: Vraagt samenwerking tussen partners; Borgt eigenaarschap van bewoners
Belangen: Het Callandlyceum heeft niet deelgenomen aan het besluit.

Partners NPSNW: actief blijven communiceren (Continu proces)
"""


def test_mixed_message() -> None:
    result = parse(MIXED_MESSAGE)
    assert result.problems == ()
    summary = [
        (item.line, item.kind, item.text, item.owners, item.deadline.kind) for item in result.items
    ]
    assert summary == [
        (2, ItemKind.ACTION, "data rondleidingen Expofette doorsturen", ("Jan",), ASAP),
        (3, ItemKind.ACTION, "Voedselpark agenderen", ("Marloes",), MEETING),
        (4, ItemKind.ACTION, "Governance nagaan", ("Marloes",), MEETING),
        (6, ItemKind.ACTION, "Jan werkt voorstel uit", ("Jan",), ASAP),
        # A pipe line right under a block ends the block and is its own item.
        (10, ItemKind.ACTION, "Louise: doorstroming evalueren", ("OT",), MEETING),
        (11, ItemKind.DECISION, "OT heeft actielijn Callandlyceum geaccordeerd", ("OT",), NONE),
        (16, ItemKind.ACTION, "actief blijven communiceren", ("Partners NPSNW",), ONGOING),
    ]
    assert result.items[3].topic == "Blije doos"
    assert result.items[5].criteria == (
        "Vraagt samenwerking tussen partners",
        "Borgt eigenaarschap van bewoners",
    )
    assert result.items[5].interests == (
        "Het Callandlyceum heeft niet deelgenomen aan het besluit."
    )


def test_short_line_then_block_without_blank_line() -> None:
    result = parse("Jan: data doorsturen (ASAP)\nActie: voorstel uitwerken\nWie: Jan")
    assert result.problems == ()
    assert [(item.line, item.text) for item in result.items] == [
        (1, "data doorsturen"),
        (2, "voorstel uitwerken"),
    ]


# Labelled blocks: label styles and values ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Actie: Jan werkt voorstel uit\nWie: Jan\nWanneer: ASAP",
        "actie: Jan werkt voorstel uit\nwie: Jan\nwanneer: ASAP",
        "Actie : Jan werkt voorstel uit\nWie  : Jan\nWanneer\t: ASAP",
        "*Actie:* Jan werkt voorstel uit\n*Wie:* Jan\n*Wanneer:* ASAP",
        "**Actie:** Jan werkt voorstel uit\n**Wie**: Jan\n__Wanneer__: ASAP",
        "- Actie: Jan werkt voorstel uit\n- Wie: Jan\n- Wanneer: ASAP",
        "• Actie: Jan werkt voorstel uit\n· Wie: Jan\n* Wanneer: ASAP",
        "Taak: Jan werkt voorstel uit\nEigenaar: Jan\nDeadline: ASAP",
        "Wat: Jan werkt voorstel uit\nTrekker: Jan\nTermijn: ASAP",
        "Afspraak: Jan werkt voorstel uit\nDoor: Jan\nUiterlijk: ASAP",
        "Actie:\nJan werkt voorstel uit\nWie:\nJan\nWanneer:\nASAP",
        "Actie: Jan werkt\nvoorstel uit\nWie: Jan\nWanneer: ASAP",
        "\n\nActie: Jan werkt voorstel uit\nWie: Jan\nWanneer: ASAP\n\n\n",
        "Actie: Jan werkt voorstel uit\r\nWie: Jan\r\nWanneer: ASAP",
    ],
)
def test_label_styles(text: str) -> None:
    item = only_item(text)
    assert (item.kind, item.text, item.owners, item.deadline) == (
        ItemKind.ACTION,
        "Jan werkt voorstel uit",
        ("Jan",),
        Deadline(ASAP, "ASAP"),
    )


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Onderwerp", "topic"),
        ("Topic", "topic"),
        ("Thema", "topic"),
        ("Actielijn", "topic"),
        ("Toelichting", "note"),
        ("Update", "note"),
        ("Context", "note"),
        ("Opmerking", "note"),
        ("Notitie", "note"),
        ("Uitleg", "note"),
        ("Wie", "owners_text"),
        ("Eigenaren", "owners_text"),
    ],
)
def test_label_synonyms(label: str, field: str) -> None:
    item = only_item(f"Actie: x\n{label}: Financiën")
    assert getattr(item, field) == "Financiën"


@pytest.mark.parametrize("label", ["Wanneer", "Deadline", "Datum", "Uiterlijk", "Termijn"])
def test_deadline_synonyms(label: str) -> None:
    item = only_item(f"Actie: x\n{label}: 24 april")
    assert item.deadline == Deadline(DATE, "24 april", date(2027, 4, 24))


@pytest.mark.parametrize(
    ("decision", "criteria", "interests"),
    [
        ("Criteria: a\nBelangen: b", ("a",), "b"),
        ("Criterium: a; b ;; c\nBelang: b", ("a", "b", "c"), "b"),
        ("Criteria:\n- a\n- b\nBelangenverstrengeling: geen", ("a", "b"), "geen"),
        ("Criteria:\n* a\n• b\n1. c\n2) d", ("a", "b", "c", "d"), ""),
        ("Criteria: inleiding\n· a\nlang\n· b", ("inleiding", "a lang", "b"), ""),
        ("Criteria:\nzonder opsomming\n· a", ("zonder opsomming", "a"), ""),
        ("Belangen: Niemand met een belang\nheeft meegestemd.", (), (
            "Niemand met een belang heeft meegestemd."
        )),
    ],
)  # fmt: skip
def test_decision_fields(decision: str, criteria: tuple[str, ...], interests: str) -> None:
    item = only_item(f"Besluit: actielijn geaccordeerd\n{decision}")
    assert item.kind is ItemKind.DECISION
    assert item.text == "actielijn geaccordeerd"
    assert item.criteria == criteria
    assert item.interests == interests


def test_empty_values_in_block() -> None:
    item = only_item("Onderwerp:\nActie: x\nToelichting:\nWie:\nWanneer:")
    assert (item.topic, item.note, item.owners_text, item.owners, item.deadline) == (
        "",
        "",
        "",
        (),
        Deadline(NONE, ""),
    )


def test_note_keeps_line_breaks_other_fields_join_with_space() -> None:
    item = only_item(
        "Onderwerp: Iedereen die wil terugkeren\nnaar een passende woning\n"
        "Actie: Marjolein en Niels Raat\nbetrekken\n"
        "Toelichting: Nabila licht toe.\n  Gevraagd wordt welke corporaties.  \n"
        "Wie: Nabila en\nJan"
    )
    assert item.topic == "Iedereen die wil terugkeren naar een passende woning"
    assert item.text == "Marjolein en Niels Raat betrekken"
    assert item.note == "Nabila licht toe.\nGevraagd wordt welke corporaties."
    assert item.owners_text == "Nabila en Jan"
    assert item.owners == ("Nabila", "Jan")


def test_continuation_lines_with_colons_are_not_labels() -> None:
    item = only_item(
        "Actie: x\nToelichting: Concluderend zit het ongemak op het feit dat;\n"
        "Let op: dit is geen label\n"
        "zie https://example.org/stuk\n"
        "om 10:30 begint het\n"
        "Stand van zaken: gestart"
    )
    assert item.note.splitlines() == [
        "Concluderend zit het ongemak op het feit dat;",
        "Let op: dit is geen label",
        "zie https://example.org/stuk",
        "om 10:30 begint het",
        "Stand van zaken: gestart",
    ]


def test_owners_in_block() -> None:
    item = only_item("Actie: x\nWie: Marjolein en Niels Raat (Stadgenoot)")
    assert item.owners_text == "Marjolein en Niels Raat (Stadgenoot)"
    assert item.owners == ("Marjolein", "Niels Raat (Stadgenoot)")


# Problems -----------------------------------------------------------------------------------


LONG_NAME = "A" * 65
OK_NAME = "B" * 64


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # empty
        ("", [(1, "empty", "")]),
        ("  \n\t\n ", [(1, "empty", "")]),
        ("/nieuw", [(1, "empty", "")]),
        ("/nieuw@ot_actie_bot\n\n", [(1, "empty", "")]),
        # not_understood
        ("Actie: x\n\nDit is gewoon een zin", [(3, "not_understood", "")]),
        ("hallo\nJan: x\ndoei", [(1, "not_understood", ""), (3, "not_understood", "")]),
        ("/nieuw\n/sluit 3", [(2, "not_understood", "")]),
        # unknown_label
        ("Actie: x\nWanner: april", [(2, "unknown_label", "wanneer")]),
        ("Actie: x\nWie: Jan\nToelichtng: bla\nmeer bla", [(3, "unknown_label", "toelichting")]),
        ("Actie: x\nJan: bel Anne", [(2, "unknown_label", "")]),
        ("*Onderwerpp:* Financiën\nActie: x", [(1, "unknown_label", "onderwerp")]),
        # A mistyped label heading a block (the next line is a label) is no short line.
        (
            "Acite: x\nWie: Jan\nWanneer: ASAP",
            [(1, "unknown_label", "actie"), (1, "missing_text", "")],
        ),
        # Not like a label: a short line, then a block without text; still blocked.
        ("Punt: x\nWie: Jan\nWanneer: ASAP", [(2, "missing_text", "")]),
        # duplicate_label
        ("Actie: x\nWie: Jan\nEigenaar: Piet", [(3, "duplicate_label", "eigenaar")]),
        ("Actie: x\nWanneer: ASAP\nWanneer: April", [(3, "duplicate_label", "wanneer")]),
        ("Actie: x\nTaak: y", [(2, "duplicate_label", "taak")]),
        ("Besluit: x\nCriteria: a\nCriteria: b", [(3, "duplicate_label", "criteria")]),
        # missing_text
        ("Onderwerp: Financiën\nWie: Jan\nWanneer: ASAP", [(1, "missing_text", "")]),
        ("Onderwerp: Financiën\nActie:\nWie: Jan", [(2, "missing_text", "")]),
        ("Besluit:   ", [(1, "missing_text", "")]),
        ("Actie: x\nWie: Jan\n\nWanneer: ASAP", [(4, "missing_text", "")]),
        ("Jan:", [(1, "missing_text", "")]),
        ("Jan: (ASAP)", [(1, "missing_text", "")]),
        ("OT: Besluit:", [(1, "missing_text", "")]),
        (" | Jan | ASAP", [(1, "missing_text", "")]),
        ("Financiën | Besluit: | OT | ", [(1, "missing_text", "")]),
        # action_and_decision
        ("Actie: x\nWie: Jan\nBesluit: y", [(3, "action_and_decision", "")]),
        ("Besluit: y\nAfspraak: x", [(2, "action_and_decision", "")]),
        # criteria_on_action
        ("Actie: x\nCriteria: a", [(2, "criteria_on_action", "criteria")]),
        ("Actie: x\nWie: Jan\nBelangen: geen", [(3, "criteria_on_action", "belangen")]),
        (
            "Actie: x\nCriterium: a\nBelang: b",
            [(2, "criteria_on_action", "criterium"), (3, "criteria_on_action", "belang")],
        ),
        # deadline_too_long (an unreadable "Wanneer" is no problem: it is kept as written)
        ("Actie: x\nWanneer: " + "ASAP " * 30, [(2, "deadline_too_long", "100")]),
        ("x | Jan | " + "z" * 101, [(1, "deadline_too_long", "100")]),
        # owner_too_long
        (f"Actie: x\nWie: Jan en {LONG_NAME}", [(2, "owner_too_long", LONG_NAME)]),
        (f"{LONG_NAME}: x", [(1, "owner_too_long", LONG_NAME)]),
        (f"x | {LONG_NAME} | ASAP", [(1, "owner_too_long", LONG_NAME)]),
        # text_too_long
        ("Actie: " + "a" * (MAX_TEXT_LENGTH + 1), [(1, "text_too_long", "2001")]),
        ("Onderwerp: o\nActie: " + "a " * 1001, [(2, "text_too_long", "2001")]),
        ("Jan: " + "a" * 2001 + " (ASAP)", [(1, "text_too_long", "2001")]),
        ("a" * 2001 + " | Jan | ASAP", [(1, "text_too_long", "2001")]),
        # bad_columns
        ("x | Jan", [(1, "bad_columns", "2")]),
        ("a | b | c | d | e | f", [(1, "bad_columns", "6")]),
        ("| a | b | c | d | e | f |", [(1, "bad_columns", "6")]),
    ],
)
def test_problems(text: str, expected: list[tuple[int, str, str]]) -> None:
    result = parse(text)
    assert [(p.line, p.reason, p.detail) for p in result.problems] == expected
    assert not result.ok
    # Every code is documented, so texts.py can render it.
    assert {p.reason for p in result.problems} <= set(REASONS)


def test_problem_carries_the_line_as_written() -> None:
    (problem,) = parse("Actie: x\n   Wanner: april  ").problems
    assert (problem.line, problem.text, problem.reason) == (2, "Wanner: april", "unknown_label")


def test_limits_that_are_still_fine() -> None:
    item = only_item(f"Actie: {'a' * MAX_TEXT_LENGTH}\nWie: {OK_NAME}")
    assert len(item.text) == MAX_TEXT_LENGTH
    assert item.owners == (OK_NAME,)


def test_too_many_items() -> None:
    lines = [f"Jan: actie {n} (ASAP)" for n in range(MAX_ITEMS + 5)]
    result = parse("\n".join(lines))
    assert [(p.line, p.reason, p.detail) for p in result.problems] == [
        (MAX_ITEMS + 1, "too_many_items", "200")
    ]
    assert not result.ok


def test_max_items_is_fine() -> None:
    blocks = [f"Actie: actie {n}\nWie: Jan\nWanneer: ASAP" for n in range(MAX_ITEMS)]
    result = parse("\n\n".join(blocks))
    assert result.ok
    assert len(result.items) == MAX_ITEMS
    assert result.items[-1].line == 4 * (MAX_ITEMS - 1) + 1


def test_one_bad_block_blocks_the_whole_message() -> None:
    text = SEED_MESSAGE.replace("Wanneer: Ot 28 mei", "Wanneer: " + "Ot 28 mei " * 11)
    result = parse(text)
    assert [(p.line, p.reason) for p in result.problems] == [(90, "deadline_too_long")]
    assert not result.ok
    # The readable rows are still there for the preview; the bad one is left out.
    assert len(result.items) == 14
    assert "Evaluatie" not in [item.topic for item in result.items]


def test_an_impossible_date_is_kept_as_written_not_refused() -> None:
    text = SEED_MESSAGE.replace("Wanneer: Ot 28 mei", "Wanneer: Ot 31 april")
    result = parse(text)
    assert result.ok
    (evaluatie,) = [item for item in result.items if item.topic == "Evaluatie"]
    assert evaluatie.deadline == Deadline(
        DeadlineKind.UNREADABLE, "Ot 31 april", reason="invalid_date"
    )


def test_problems_are_in_line_order() -> None:
    result = parse("Onderwerp: x\nWanner: april\nWie: Jan\n\nhallo")
    assert [(p.line, p.reason) for p in result.problems] == [
        (1, "missing_text"),
        (2, "unknown_label"),
        (5, "not_understood"),
    ]
    assert result.items == ()


# Text kept verbatim -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Check <b>vet</b> & <script>alert('x')</script> en &amp; en \"quotes\"",
        "Zoë’s plan “nu” — 日本語 עברית العربية 🎉👩‍💻🇳🇱",
        "Niels Raat (Stadgenoot) betrekken bij opdracht Guido Wallagh",
        "a\u200bb\u00a0c",
        "*vet* en _schuin_ en `code`",
    ],
)
def test_text_kept_verbatim(body: str) -> None:
    for text in (f"Actie: {body}\nWie: Zoë 👩‍💻", f"Zoë 👩‍💻: {body}", f"{body} | Zoë 👩‍💻 | "):
        item = only_item(text)
        assert item.text == body
        assert item.owners == ("Zoë 👩‍💻",)


def test_topic_and_note_kept_verbatim() -> None:
    item = only_item("Onderwerp: <i>Financiën</i> 💶\nActie: x\nToelichting: a <br> b\n😀 c & d")
    assert item.topic == "<i>Financiën</i> 💶"
    assert item.note == "a <br> b\n😀 c & d"


# Commands -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("/nieuw\nJan: x (ASAP)", 2),
        ("/nieuw@ot_actie_bot\nJan: x (ASAP)", 2),
        ("\n/nieuw\n\nJan: x (ASAP)", 4),
        ("/nieuw Jan: x (ASAP)", 1),
        ("/nieuw@ot_actie_bot   Jan: x (ASAP)", 1),
    ],
)
def test_leading_command_is_ignored(text: str, line: int) -> None:
    item = only_item(text)
    assert (item.text, item.owners, item.deadline.kind, item.line) == ("x", ("Jan",), ASAP, line)


def test_command_line_numbers_count_from_the_original_text() -> None:
    result = parse("/nieuw\nActie: x\nWanner: april")
    assert [(p.line, p.reason) for p in result.problems] == [(3, "unknown_label")]


# Robustness and speed ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    result = parse(text)
    assert isinstance(result, ParseResult)
    assert result.items or result.problems


_PIECES = st.sampled_from(
    [
        "Actie:", "Besluit:", "Wie:", "Wanneer:", "Criteria:", "Belangen:", "Toelichting:",
        "Onderwerp:", "Wanner:", "Jan:", "|", "(", ")", "ASAP", "24 april", "31 februari",
        "OT 24 april", "10 uur", "·", "-", "1.", "*", "/nieuw", "\n", "\n\n", " ", "x", "🎉",
        "é", "\u0301", "\r", ":", "//",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_never_raises_on_message_like_text(text: str) -> None:
    result = parse(text)
    assert all(problem.reason in REASONS for problem in result.problems)
    assert all(1 <= problem.line <= text.count("\n") + text.count("\r") + 1 for problem in (
        result.problems
    ))  # fmt: skip


def test_hundred_actions_parse_fast() -> None:
    block = "Onderwerp: Financiën\nActie: Nagaan hoe het zit {n}\nToelichting: bla\nbla\n"
    block += "Wie: Marloes en Jan\nWanneer: {when}"
    whens = ["ASAP", "April", "OT 24 april", "Continu proces", "24 april", "volgende week"]
    text = "\n\n".join(block.format(n=n, when=whens[n % len(whens)]) for n in range(100))
    parse(text)  # warm up the deadline parser
    started = time.perf_counter()
    result = parse(text)
    elapsed = time.perf_counter() - started
    assert len(result.items) == 100 and result.ok
    assert elapsed < 0.5  # a few ms in practice; generous for slow CI machines


@pytest.mark.parametrize(
    "text",
    [
        "a" + " " * 200_000 + "b",
        "Jan: x (" + "a" * 200_000 + ")",
        "(" * 200_000,
        "|" * 200_000,
        ":" * 200_000,
        "*" * 200_000 + ":",
        "1. " * 70_000,
        "\u0301" * 200_000,
        "Actie: x\nWanneer: " + "april " * 40_000,
        "Actie: x\n" + "Wanner: y\n" * 5_000,
    ],
    ids=[
        "spaces",
        "parens",
        "open",
        "pipes",
        "colons",
        "stars",
        "numbers",
        "marks",
        "when",
        "many",
    ],
)
def test_huge_inputs_stay_fast(text: str) -> None:
    started = time.perf_counter()
    result = parse(text)
    assert time.perf_counter() - started < 2.0
    assert not result.ok
