"""Per-owner progress on a joint action, through the fake Bot API: Danillo and Marloes own
one action; each closes their own part, and the action is done when both have."""

from __future__ import annotations

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import BotThread, Tg
from tests.e2e.test_reminders import at, tick
from tests.e2e.test_story import team_people


def test_each_owner_closes_their_part(tg: Tg, fake: FakeTelegram, running: BotThread) -> None:
    p = team_people(tg)
    marloes, danillo = p["marloes"], p["danillo"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Danillo en Marloes: rondleiding plannen (ASAP)")
    tg.send(marloes, tg.dm(marloes), "/ikben Marloes")
    tg.send(danillo, tg.dm(danillo), "/ikben Danillo")
    for person in (marloes, danillo):
        tg.send(person, tg.dm(person), "/herinneringen overzicht uit")

    # Danillo's /sluit asks: his part, or the whole action?
    question = tg.send(danillo, tg.dm(danillo), "/sluit 1")
    assert "Is jouw deel afgerond, of de hele actie?" in question
    message = fake.last_bot_message(danillo["id"])
    labels = [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["Mijn deel afgerond", "Hele actie afgerond"]
    _, reply = tg.press(danillo, message, "Mijn deel afgerond")
    assert "Jouw deel van #1 is afgerond" in reply
    assert "Danillo ✔, Marloes open" in reply

    card = tg.send(danillo, tg.dm(danillo), "/actie 1")
    assert "Danillo ✔, Marloes open" in card
    assert "afgerond door" not in card
    assert "Voortgang: Danillo ✔, Marloes open" in tg.send(marloes, tg.dm(marloes), "/mijnacties")

    agenda = tg.send(marloes, tg.group, "/agenda")
    assert "(Danillo ✔, Marloes open)" in agenda, agenda

    # The reminder goes to Marloes only: Danillo's part is done.
    mark = fake.mark()
    sent = tick(tg, running, at("2027-03-23", "09:00"))
    assert sent and all("#1" in s for s in sent)
    chats = {c.params["chat_id"] for c in fake.calls_of("sendMessage", after=mark)}
    assert chats == {marloes["id"]}

    # Marloes is the last open owner: her /sluit closes the whole action.
    assert "#1 is afgerond" in tg.send(marloes, tg.dm(marloes), "/sluit 1")
    card = tg.send(danillo, tg.dm(danillo), "/actie 1")
    assert "afgerond door Marloes" in card

    # /heropen reopens every part; the card's Afgerond button asks again, and the whole
    # can be closed at once.
    assert "#1 is weer open" in tg.send(danillo, tg.dm(danillo), "/heropen 1")
    tg.send(danillo, tg.dm(danillo), "/actie 1")
    card_message = fake.last_bot_message(danillo["id"])
    assert "Danillo open, Marloes open" in card_message["text"]
    _, reply = tg.press(danillo, card_message, "Afgerond")
    asked = fake.last_bot_message(danillo["id"])
    assert "Is jouw deel afgerond" in asked["text"]
    _, reply = tg.press(danillo, asked, "Hele actie afgerond")
    assert "#1 is afgerond" in reply
    assert "afgerond door Danillo" in tg.send(danillo, tg.dm(danillo), "/actie 1")
