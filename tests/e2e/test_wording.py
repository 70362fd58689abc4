"""Issue 11 through Telegram: a secretary's own wording of "Wanneer" and "Wie", read as meant.

The clock stands at Thursday 18 March 2027 (tests/conftest.py). Every reading is checked as
the card shows it: the text as written and the date it means.
"""

from __future__ import annotations

import re

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import Tg
from tests.e2e.test_story import team_people

MESSAGE = """Onderwerp: Organisatiestructuur
Actie: Organisatiestructuur delen met het OT
Wie: Tanay i.o.m. Danillo
Wanneer: zsm (uiterlijk eind mei)

Onderwerp: Financiën
Actie: Financiële governance uitzoeken
Wie: Moustapha (SAAAM)
Wanneer: n.n.b.

Karin/Nabila: offerte Guido Wallagh bespreken (april/mei)
Henk-Jan + Louise: SPUK-aanvraag indienen (voor de zomer)
Jan samen met Karin: blije doos uitwerken (het OT in mei)
Evert: rondleiding plannen (na de zomer)"""


def card(reply: str, number: int) -> str:
    """The card of one action in a confirmation: from its number to the next card."""
    match = re.search(rf"#{number} · .*?(?=\n\n|\Z)", reply, re.S)
    assert match, f"no card #{number} in:\n{reply}"
    return match.group(0)


def test_a_secretarys_own_wording_is_read_as_meant(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")

    reply = tg.send(marloes, tg.dm(marloes), MESSAGE)
    assert "Opgeslagen: 6 acties." in reply
    # The one Wanneer that cannot be read is stored as written, and the reply says so.
    assert "De termijn van #6 kan ik niet lezen" in reply

    first = card(reply, 1)
    assert "Wie: Tanay en Danillo" in first
    assert "zsm (uiterlijk eind mei) → zo snel mogelijk, uiterlijk ma 31 mei 2027" in first
    second = card(reply, 2)
    assert "Wie: Moustapha\n" in second  # the organisation is not part of the name
    assert "n.n.b. (nog geen termijn)" in second
    assert "Wie: Karin en Nabila" in card(reply, 3)
    assert "april/mei → ma 31 mei 2027" in card(reply, 3)
    assert "Wie: Henk-Jan en Louise" in card(reply, 4)
    assert "voor de zomer → vr 2 jul 2027" in card(reply, 4)
    assert "Wie: Jan en Karin" in card(reply, 5)
    # No OT is planned in May: a tentative one on the last working day, until it is planned.
    assert "het OT in mei → OT ma 31 mei 2027" in card(reply, 5)
    assert "In mei staat nog geen OT gepland" in reply
    sixth = card(reply, 6)
    assert "‘na de zomer’ (geen datum: kan ik niet lezen, dus geen herinneringen)" in sixth
    assert "/wijzig 6 wanneer: 24 april" in sixth

    # /leden shows Moustapha with his organisation.
    members = tg.send(marloes, tg.dm(marloes), "/leden")
    assert "• Moustapha, SAAAM – niet gekoppeld" in members

    # The fix the card offers works.
    fixed = tg.send(marloes, tg.dm(marloes), "/wijzig 6 wanneer: eind september")
    assert "eind september → do 30 sep 2027" in fixed
    assert "geen datum" not in fixed

    # Planning the OT of May moves the tentative one, and the action with it.
    tg.send(marloes, tg.group, "/ot 20 mei 14:00 Plein 40-45")
    listing = tg.send(jan, tg.group, "/ot")
    assert "do 20 mei 2027 14:00" in listing
    assert "31 mei" not in listing
    assert "het OT in mei → OT do 20 mei 2027" in tg.send(marloes, tg.dm(marloes), "/actie 5")


def test_an_unreadable_wanneer_no_longer_refuses_the_message(tg: Tg) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    reply = tg.send(
        marloes,
        tg.dm(marloes),
        "Actie: zaal reserveren\nWie: Jan\nWanneer: 31 februari\n\n"
        "Actie: agenda rondsturen\nWie: Jan\nWanneer: ASAP, voor 15 juni",
    )
    assert "Opgeslagen: 2 acties." in reply
    assert "‘31 februari’ (geen datum" in card(reply, 1)
    assert "ASAP, voor 15 juni → zo snel mogelijk, uiterlijk di 15 jun 2027" in card(reply, 2)
    # The urgent date is what /acties shows later too (read back from the database).
    assert "zo snel mogelijk, uiterlijk di 15 jun 2027" in tg.send(marloes, tg.group, "/acties")
