"""The seed's meetings through Telegram: 18 March recorded, OTs planned and moved, actions
carried over, the Calland decision with criteria and interests, and /agenda before 28 May."""

from __future__ import annotations

import re

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, BotThread, Tg
from tests.e2e.test_reminders import at, tick
from tests.e2e.test_story import add_seed, join, numbers, team_people

HEADER = (
    "/aanwezig 18 maart\n"
    "Voorzitter: Anne Wilbers\n"
    "Aanwezigen: Jan van de Borden (Vuilnisoproer), Marjolein Cazemier (Ymere), Karin "
    "Verdooren (Lieven de Key), Nabila Bouabbouz (gemeente), Moustapha Baba (SAAAM), Louise de "
    "Rooij (Stadgenoot), Tanay Bilgin (SDC), Danillo Janssen (SDC), Evert Bartlema (!Woon), "
    "Henk-Jan Bierling (BZK), Marloes van der Meulen-Ramp (NPSNW)\n"
    "Locatie: Plein 40-45"
)


def section(text: str, title: str) -> list[int]:
    """Action numbers listed under one heading of /agenda (up to the next blank line)."""
    match = re.search(re.escape(title) + r".*?\n(.*?)(?:\n\n|\Z)", text, re.S)
    return numbers(match.group(1).replace("• #", "#").replace("\n", " \n") + " ") if match else []


def test_the_seed_meetings_and_decisions(tg: Tg, fake: FakeTelegram, running: BotThread) -> None:
    p = team_people(tg)
    marloes, jan, louise = p["marloes"], p["jan"], p["louise"]
    tg.send(marloes, tg.group, "/koppel")

    # The meeting of 18 March, with chair and attendees as in the seed's header.
    reply = tg.send(marloes, tg.dm(marloes), HEADER)
    assert "Voorzitter: Anne Wilbers" in reply and "Aanwezig (11)" in reply
    assert "Henk-Jan Bierling (BZK)" in reply

    # The seed's actions: "OT 24 april" and "Ot 28 mei" name OTs nobody planned yet.
    mark = fake.mark()
    add_seed(tg, marloes)
    notices = [t for t in fake.sent_texts(after=mark) if "stond nog niet gepland" in t]
    # Told once each: 24 April with rows 1-5, 28 May with rows 6-10; row 12 names 24 April
    # again, which is tentative already, so the third message brings no notice.
    assert len(notices) == 2
    assert "OT za 24 apr 2027 stond" in notices[0] and "mei" not in notices[0]
    assert "OT vr 28 mei 2027 stond" in notices[1]
    listing = tg.send(jan, tg.group, "/ot")
    assert "OT za 24 apr 2027 (voorlopig" in listing and "OT vr 28 mei 2027 (voorlopig" in listing

    # The secretary plans both.
    assert "Gepland: OT za 24 apr 2027 14:00, Plein 40-45" in tg.send(
        marloes, tg.group, "/ot 24 april 14:00 Plein 40-45"
    )
    tg.send(marloes, tg.group, "/ot 28 mei 14:00 Plein 40-45")
    assert "voorlopig" not in tg.send(jan, tg.group, "/ot")

    for person, name in ((jan, "Jan"), (louise, "Louise"), (marloes, "Marloes")):
        join(tg, person, name) if person is not marloes else tg.send(
            marloes, tg.dm(marloes), "/ikben Marloes"
        )

    # Moving 24 April to 30 April moves its actions (#3, #12) and their reminders; the
    # group hears it once, with the owners mentioned.
    mark = fake.mark()
    reply = tg.send(marloes, tg.dm(marloes), "/ot verplaats 24 april naar 30 april")
    assert "verplaatst naar OT vr 30 apr 2027 14:00, Plein 40-45" in reply
    assert numbers(reply.replace("• #", "#")) == [3, 12]
    group_notes = [t for t in fake.sent_texts(GROUP_ID, after=mark) if "verplaatst" in t]
    assert len(group_notes) == 1
    call = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == GROUP_ID][-1]
    assert 'href="tg://user?id=900"' in call.params["text"]  # Marloes owns #3 and #12
    # The old update request (3 working days before 24 April) no longer comes...
    sent = tick(tg, running, at("2027-04-21", "09:00"))
    assert not [s for s in sent if "agenda van het OT" in s]
    # ...the new one does: 30 April minus 3 working days, skipping Koningsdag (27 April).
    sent = tick(tg, running, at("2027-04-26", "09:00"))
    requests = [s for s in sent if "agenda van het OT van vr 30 apr 2027" in s]
    assert len(requests) == 1 and "#3" in requests[0] and "#12" in requests[0]
    tg.send(marloes, tg.dm(marloes), "/update 3 Voedselpark: Iris Poels komt presenteren")
    tg.send(marloes, tg.dm(marloes), "/sluit 12 Rob Andeweg heeft gepresenteerd")

    # After 30 April has passed, what is unfinished carries over to 28 May, marked.
    tick(tg, running, at("2027-05-03", "09:00"))
    card = tg.send(marloes, tg.dm(marloes), "/actie 3")
    assert "OT 24 april → OT vr 28 mei 2027" in card
    tg.send(louise, tg.dm(louise), "/update 8 gesprek met bewoners gepland op 20 mei")
    tg.send(jan, tg.dm(jan), "/agenderen Voedselpark Lutkemeer: presentatie Iris Poels")

    # The Calland lyceum decision: criteria and the conflict-of-interest statement.
    decision = tg.send(jan, tg.group, "/besluit 9")
    assert "Besluit #9 · OT do 18 mrt 2027" in decision
    assert decision.count("  · ") == 7
    assert "Het Callandlyceum heeft niet deelgenomen aan het besluit." in decision
    assert "Besluit #9" in tg.send(jan, tg.group, "/besluiten")
    # Decisions are never edited in place: a correction is a new version.
    assert "alleen de secretaris" in tg.send(jan, tg.group, "/corrigeer 9\nBelangen: geen")
    corrected = tg.send(
        marloes,
        tg.dm(marloes),
        "/corrigeer 9\nBelangen: Het Callandlyceum en Stadgenoot hebben niet deelgenomen.",
    )
    assert "Stadgenoot hebben niet deelgenomen" in corrected
    assert "v1 " in corrected and "v2 " in corrected and "OT heeft actielijn" in corrected
    assert "(gecorrigeerd)" in tg.send(jan, tg.group, "/besluiten")

    # /agenda a week before 28 May: exactly what the secretary would assemble by hand.
    tg.clock.at = at("2027-05-21", "10:00")
    agenda = tg.send(jan, tg.group, "/agenda")
    assert "Concept-agenda OT vr 28 mei 2027 14:00, Plein 40-45" in agenda
    assert "Vorig OT: vr 30 apr 2027" in agenda
    assert section(agenda, "Afspraken voor dit OT") == [3, 10]
    assert "doorgeschoven van OT vr 30 apr 2027" in agenda
    assert "Voedselpark: Iris Poels komt presenteren" in agenda
    assert section(agenda, "Te laat") == [1]  # "April" = 30 April, still open
    assert section(agenda, "ASAP, nog open") == [2, 4, 6, 7, 8, 11, 13, 15]
    assert section(agenda, "Updates sinds vorig OT") == [8]
    assert "Voedselpark Lutkemeer: presentatie Iris Poels (Jan)" in agenda
    # The day before, the group gets its ping for 28 May.
    sent = tick(tg, running, at("2027-05-27", "09:00"))
    assert len([s for s in sent if "Morgen OT (vr 28 mei 2027)" in s]) == 1


def test_cancelling_an_ot_asks_where_its_actions_go(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.group, "/ot 22 april 14:00")
    tg.send(marloes, tg.group, "/ot 28 mei 14:00")
    tg.send(marloes, tg.group, "/ot 24 juni 14:00")
    tg.send(marloes, tg.dm(marloes), "Jan: voedselpark agenderen (OT 22 april)")
    reply = tg.send(marloes, tg.group, "/ot annuleer 22 april")
    assert "geannuleerd" in reply and "gaan naar OT vr 28 mei 2027" in reply
    message = fake.last_bot_message(GROUP_ID)
    assert "OT vr 28 mei 2027" in tg.send(marloes, tg.group, "/actie 1")
    _, reply = tg.press(marloes, message, "Naar OT do 24 jun 2027 14:00")
    assert "gaan naar OT do 24 jun 2027" in reply
    assert "OT do 24 jun 2027" in tg.send(marloes, tg.group, "/actie 1")
    # Members cannot plan or cancel.
    assert "alleen de secretaris" in tg.send(p["jan"], tg.group, "/ot annuleer 28 mei")
    assert "kan ik niet als dag lezen" in tg.send(marloes, tg.group, "/ot binnenkort")


def test_volgend_ot_means_the_next_planned_meeting(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: Lutkemeer agenderen (volgend OT)")
    assert "datum volgt" in tg.send(marloes, tg.group, "/actie 1")
    assert "1 actie(s) met ‘volgend OT’" in tg.send(marloes, tg.group, "/ot 22 april 14:00")
    assert "OT do 22 apr 2027" in tg.send(marloes, tg.group, "/actie 1")
    tg.send(marloes, tg.dm(marloes), "Jan: memo bespreken (volgend OT)")
    assert "OT do 22 apr 2027" in tg.send(marloes, tg.group, "/actie 2")
