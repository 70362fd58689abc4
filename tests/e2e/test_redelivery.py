"""A command Telegram delivers twice changes things once.

python-telegram-bot tells Telegram an update was handled only at its next getUpdates. Killed
after saving and answering but before that poll, the bot gets the same updates again at
restart, in the same order, after everything they did (and everything after them) is stored.
Each test pushes the same message dict again, as Telegram would, and checks the state once.
"""

from __future__ import annotations

from typing import Any

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import Tg
from tests.e2e.test_story import team_people


def again(tg: Tg, *messages: dict[str, Any]) -> str:
    """Deliver these messages once more, in order; return what the bot answered in the group."""
    mark = tg.fake.mark()
    for message in messages:
        tg.fake.push_update({"message": message})
    return tg.replies_since(tg.group, mark)


def say(
    tg: Tg, user: dict[str, Any], text: str, chat: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Write (in the group) and wait for the answer; return the message to deliver again."""
    tg.sync_time()
    mark = tg.fake.mark()
    message = tg.fake.push_message(chat or tg.group, user, text)
    tg.replies_since(chat or tg.group, mark)
    return message


def test_agenderen_delivered_twice_puts_the_item_on_the_agenda_once(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.group, "/ot 22 april 14:00")
    tg.send(jan, tg.group, "/ikben Jan")
    message = say(tg, jan, "/agenderen Voedselpark Lutkemeer: presentatie Iris Poels")
    # The user's request was handled: the same confirmation, nothing stored again.
    assert "Staat op de agenda voor OT do 22 apr 2027" in again(tg, message)
    agenda = tg.send(jan, tg.group, "/agenda")
    assert agenda.count("Voedselpark Lutkemeer: presentatie Iris Poels") == 1, agenda


def test_corrigeer_delivered_twice_adds_one_version(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    assert "1 besluit" in tg.send(marloes, tg.group, "/besluit Het OT steunt het voedselpark")
    message = say(tg, marloes, "/corrigeer 1\nBesluit: Het OT steunt het voedselpark Lutkemeer")
    reply = again(tg, message)
    assert "Nieuwe versie vastgelegd" in reply and "v2 " in reply and "v3 " not in reply
    card = tg.send(marloes, tg.group, "/besluit 1")
    assert "v1 " in card and "v2 " in card and "v3 " not in card, card


def test_besluit_delivered_twice_records_one_decision(tg: Tg, fake: FakeTelegram) -> None:
    """/besluit with a text goes the secretary-message way (recognised by its batch)."""
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    message = say(tg, marloes, "/besluit Het OT steunt het voedselpark")
    assert "1 besluit" in again(tg, message)
    assert "Het OT steunt het voedselpark" in tg.send(marloes, tg.group, "/besluit 1")
    assert "#2" not in tg.send(marloes, tg.group, "/besluiten")


def test_an_ot_cancelled_and_planned_again_stays_planned_after_redelivery(
    tg: Tg, fake: FakeTelegram
) -> None:
    """The second /ot annuleer would cancel the OT planned on that day after it, and move
    that OT's actions away."""
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.group, "/ot 22 april 14:00")
    tg.send(marloes, tg.group, "/ot 28 mei 14:00")
    cancel = say(tg, marloes, "/ot annuleer 22 april")
    plan = say(tg, marloes, "/ot 22 april 15:00 Plein 40-45")
    added = say(tg, marloes, "Jan: memo bespreken (OT 22 april)", tg.dm(marloes))
    replies = again(tg, cancel, plan, added)
    assert "OT do 22 apr 2027" in tg.send(marloes, tg.group, "/actie 1")
    assert "OT do 22 apr 2027 15:00, Plein 40-45" in tg.send(marloes, tg.group, "/ot")
    assert "OT do 22 apr 2027 is geannuleerd" in replies
    assert "Gepland: OT do 22 apr 2027 15:00, Plein 40-45" in replies


def test_an_ot_planned_and_cancelled_stays_cancelled_after_redelivery(
    tg: Tg, fake: FakeTelegram
) -> None:
    """The second /ot 22 april would plan a new OT on the day cancelled after it (and the
    recognised /ot annuleer would not cancel it again): every /ot command is recognised."""
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    plan = say(tg, marloes, "/ot 22 april 14:00")
    cancel = say(tg, marloes, "/ot annuleer 22 april")
    assert "Gepland: OT do 22 apr 2027 14:00" in again(tg, plan, cancel)
    assert "22 apr" not in tg.send(marloes, tg.group, "/ot")


def test_aanwezig_delivered_again_does_not_bring_back_a_cancelled_ot(
    tg: Tg, fake: FakeTelegram
) -> None:
    """/aanwezig creates the OT it names when there is none (not counting cancelled ones):
    delivered again after the OT was cancelled, it would plan it anew."""
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    recorded = say(tg, marloes, "/aanwezig 22 april\nVoorzitter: Anne Wilbers\nLocatie: Plein")
    cancel = say(tg, marloes, "/ot annuleer 22 april")
    assert "Voorzitter: Anne Wilbers" in again(tg, recorded, cancel)
    assert "22 apr" not in tg.send(marloes, tg.group, "/ot")


def test_ot_verplaats_delivered_twice_confirms_and_changes_nothing(
    tg: Tg, fake: FakeTelegram
) -> None:
    """The second time there is no OT on 24 April any more: confirm the move (the user's
    request was handled), without moving anything or mentioning the owners again."""
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.group, "/ot 24 april 14:00 Plein 40-45")
    tg.send(marloes, tg.dm(marloes), "Marloes: voedselpark agenderen (OT 24 april)")
    tg.send(marloes, tg.dm(marloes), "/ikben Marloes")
    move = say(tg, marloes, "/ot verplaats 24 april naar 30 april")
    mark = fake.mark()
    assert "verplaatst naar OT vr 30 apr 2027 14:00, Plein 40-45" in again(tg, move)
    sent = [c.params["text"] for c in fake.calls_of("sendMessage", after=mark)]
    assert not [t for t in sent if "tg://user?id=" in t], sent
    assert "OT vr 30 apr 2027" in tg.send(marloes, tg.group, "/actie 1")
    listing = tg.send(marloes, tg.group, "/ot")
    assert "24 apr" not in listing and listing.count("30 apr") == 1, listing
