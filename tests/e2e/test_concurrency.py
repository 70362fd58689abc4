"""The bot as production builds it handles updates concurrently, one person's in order."""

from __future__ import annotations

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import Tg
from tests.e2e.test_story import team_people


def test_one_slow_reply_holds_up_only_its_own_sender(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan, louise = p["marloes"], p["jan"], p["louise"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)\nLouise: memo delen (ASAP)")
    tg.send(jan, tg.group, "/ikben Jan")
    tg.send(louise, tg.group, "/ikben Louise")

    # Telegram is slow to confirm the bot's answer to Jan...
    hold = fake.hold_next("sendMessage")
    mark = fake.mark()
    fake.push_message(tg.dm(jan), jan, "/mijnacties")
    assert hold.arrived.wait(10)
    try:
        # ... Jan already sends his next command, and Louise asks for her list.
        fake.push_message(tg.dm(jan), jan, "/claim 1")
        fake.push_message(tg.dm(louise), louise, "/mijnacties")
        louise_id = louise["id"]
        answer = fake.wait_for_call(
            "sendMessage", lambda c: c.params.get("chat_id") == louise_id, after=mark
        )
        # Louise is answered while Jan's first answer is still on its way, and Jan's second
        # command waits for his first (one at a time, the bot would have had to give up on
        # Telegram's answer to Jan first, after its 5 s timeout, and answer his /claim).
        assert "memo delen" in answer.params["text"]
        to_jan = [
            c.params["text"]
            for c in fake.calls[mark:]
            if c.method == "sendMessage" and c.params.get("chat_id") == jan["id"]
        ]
        assert len(to_jan) == 1 and "data doorsturen" in to_jan[0], to_jan
    finally:
        hold.release.set()
    tg.bot.settle(fake)
    # Jan's two answers came in the order he sent his commands.
    jan_texts = fake.sent_texts(jan["id"], after=mark)
    assert len(jan_texts) == 2, jan_texts
    assert "data doorsturen" in jan_texts[0]
    assert "jij pakt #1 op" in jan_texts[1]
