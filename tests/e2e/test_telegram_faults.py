"""Fault suite, part 3: Telegram fails while the bot serves (429, 500, resets, 403, timeouts,
a group upgraded to a supergroup).

What the bot does today, and what these tests hold it to:

- A handler's change is committed before its reply is sent. When the reply fails (429,
  5xx, a reset connection, 403, a timeout), the change stands, the bot logs a WARNING and
  goes on with the next update. The handlers do not retry a 429 themselves: the user just
  gets no confirmation, and /acties shows the change. Nothing confirmed to a user is lost,
  and nothing is stored twice.
- When getUpdates fails, python-telegram-bot's polling loop retries (1 s, then 1.5 s...);
  updates are confirmed only by a later successful poll, so none is lost or handled twice.
- After a group becomes a supergroup, the team follows it to the new chat id.

Each test ends with a later command that must be answered, and with the team's list as the
database has it.
"""

from __future__ import annotations

import logging

import pytest

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, Tg
from tests.e2e.test_hostile import listing, press, start_team
from tests.e2e.test_story import numbers

SUPERGROUP_ID = -1009999
RETRY_AFTER = "Too Many Requests: retry after 1"


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def failed_sends(fake: FakeTelegram, chat_id: int, after: int) -> list[int | None]:
    """HTTP statuses of the bot's failed sendMessage calls to a chat (0: connection reset)."""
    return [
        c.status
        for c in fake.calls_of("sendMessage", after=after)
        if c.params.get("chat_id") == chat_id and not c.ok
    ]


# 429 -----------------------------------------------------------------------------------------


def test_429_burst_on_replies(
    tg: Tg, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    dm = tg.dm(marloes)
    mark = fake.mark()
    fake.fail_next(
        "sendMessage",
        429,
        RETRY_AFTER,
        parameters={"retry_after": 1},
        count=3,
        chat_id=marloes["id"],
    )
    # Three messages whose confirmations all hit a 429: the bot waits retry_after and sends
    # each again, so every answer reaches the secretary, once...
    for n in (3, 4, 5):
        reply = tg.send(marloes, dm, f"Jan: actie {n} (ASAP)")
        assert reply.count("Opgeslagen: 1 actie.") == 1 and f"#{n}" in reply
    assert failed_sends(fake, marloes["id"], mark) == [429, 429, 429]
    assert not [w for w in warnings(caplog) if w.startswith("Telegram refused or failed")]
    # ...what they asked for was stored, once each, and the bot answers the next command.
    reply = tg.send(marloes, dm, "/acties")
    assert numbers(reply) == [1, 2, 3, 4, 5]
    assert "actie 3" in reply and "actie 5" in reply
    # Meanwhile other chats were served as usual.
    assert "jij pakt #1 op" in tg.send(jan, tg.group, "/claim 1")

    # A 429 burst on every reply, in the group: the claim and the close still count.
    mark = fake.mark()
    fake.fail_next("sendMessage", 429, RETRY_AFTER, parameters={"retry_after": 1}, count=2)
    assert "jij pakt #3 op" in tg.send(jan, tg.group, "/claim 3")
    assert "#4" in tg.send(jan, tg.group, "/sluit 4 klaar")
    assert failed_sends(fake, GROUP_ID, mark)[:1] == [429]
    card = tg.send(jan, tg.group, "/actie 3")
    assert "opgepakt door Jan" in card
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1, 2, 3, 5]


def test_429_on_a_button_answer(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    jan = p["jan"]
    tg.send(jan, tg.group, "/actie 1")
    card = fake.last_bot_message(GROUP_ID)
    fake.fail_next("answerCallbackQuery", 429, RETRY_AFTER, parameters={"retry_after": 1})
    tg.sync_time()
    mark = fake.mark()
    query = fake.push_callback(jan, card, "a:close:1:1")
    tg.replies_since(tg.group, mark)
    assert fake.callback_answer(query) is not None  # answered after retry_after
    # The close counts; pressing again is answered and changes nothing.
    assert "was al afgerond" in press(tg, jan, card, "a:close:1:1")["text"]
    assert listing(tg, jan) == [2]
    assert "afgerond door Jan" in tg.send(jan, tg.group, "/actie 1")


# 500s and connection resets ------------------------------------------------------------------


def test_server_errors_and_resets_on_replies(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    for fault in ("500", "502", "reset"):
        mark = fake.mark()
        if fault == "reset":
            fake.drop_connection_next("sendMessage", count=2, chat_id=jan["id"])
        else:
            description = "Internal Server Error" if fault == "500" else "Bad Gateway"
            fake.fail_next("sendMessage", int(fault), description, count=2, chat_id=jan["id"])
        assert tg.send(jan, tg.dm(jan), "/claim 1") == ""
        assert tg.send(jan, tg.dm(jan), "/update 1 " + fault) == ""
        assert failed_sends(fake, jan["id"], mark) == [0 if fault == "reset" else int(fault)] * 2
    card = tg.send(jan, tg.dm(jan), "/actie 1")
    assert "opgepakt door Jan" in card
    # Each update is stored exactly once, in order.
    assert card.count(": 500") == card.count(": 502") == card.count(": reset") == 1
    assert card.index(": 500") < card.index(": 502") < card.index(": reset")
    # A reset while the secretary's actions are confirmed: stored once, listed by /acties.
    fake.drop_connection_next("sendMessage", chat_id=marloes["id"])
    assert tg.send(marloes, tg.dm(marloes), "Louise: nieuw (ASAP)") == ""
    assert listing(tg, marloes) == [1, 2, 3]


def test_get_updates_fails_and_the_bot_keeps_polling(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    jan = p["jan"]
    first = "👍 Genoteerd: jij pakt #1 op. Update geven: /update 1 …"
    for i, fault in enumerate(("reset", "500", "502")):
        mark = fake.mark()
        if fault == "reset":
            fake.drop_connection_next("getUpdates")
        else:
            fake.fail_next("getUpdates", int(fault), "Internal Server Error")
        # The update pushed now is answered after the failed poll, and only once.
        reply = tg.send(jan, tg.group, "/claim 1")
        assert reply == (first if i == 0 else "Je had #1 al opgepakt."), (fault, reply)
        statuses = [c.status for c in fake.calls_of("getUpdates", after=mark)]
        assert (0 if fault == "reset" else int(fault)) in statuses, statuses
    # A 429 on getUpdates: the loop waits retry_after (+0.5 s) and goes on.
    fake.fail_next("getUpdates", 429, RETRY_AFTER, parameters={"retry_after": 1})
    assert "memo delen" in tg.send(jan, tg.group, "/actie 2")
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1, 2]
    # Nothing was dropped: every update is confirmed (once the next poll has said so).
    fake.wait_idle(timeout=10)
    assert fake.pending_updates == 0


# Forbidden -----------------------------------------------------------------------------------


def test_forbidden_replies(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    # Jan blocked the bot right after writing to it: the claim counts, the answer is lost.
    fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=jan["id"])
    assert tg.send(jan, tg.dm(jan), "/claim 1") == ""
    # The group took the bot's right to write away for one message.
    fake.fail_next(
        "sendMessage", 403, "Forbidden: bot was kicked from the group chat", chat_id=GROUP_ID
    )
    assert tg.send(marloes, tg.group, "/vervallen 2 dubbel") == ""
    fake.fail_next("answerCallbackQuery", 403, "Forbidden: bot was blocked by the user", count=1)
    tg.send(jan, tg.group, "/actie 1")
    press_mark = fake.mark()
    fake.push_callback(jan, fake.last_bot_message(GROUP_ID), "a:close:1:1")
    tg.replies_since(tg.group, press_mark)
    # Later commands work, and the list shows what was done.
    assert "Geen open acties" in tg.send(jan, tg.group, "/acties")
    assert "afgerond door Jan" in tg.send(jan, tg.dm(jan), "/actie 1")
    assert "Reden vervallen: dubbel" in tg.send(jan, tg.dm(jan), "/actie 2")


# Timeouts ------------------------------------------------------------------------------------


def test_a_reply_that_times_out(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    # Telegram takes the confirmation but never answers: the bot's read times out (5 s).
    hold = fake.hold_next("sendMessage")
    tg.sync_time()
    fake.push_message(tg.dm(marloes), marloes, "Jan: tijdelijk stil (ASAP)")
    assert hold.arrived.wait(10)
    # Meanwhile the bot waits for Telegram; the next update is handled once it gave up.
    mark = fake.mark()
    fake.push_message(tg.group, jan, "/acties")
    call = fake.wait_for_call(
        "sendMessage", lambda c: c.params.get("chat_id") == GROUP_ID, after=mark, timeout=20
    )
    hold.release.set()
    assert numbers(call.result["text"]) == [1, 2, 3]
    # The confirmation did reach the secretary (Telegram had it), and #3 exists once.
    assert "Opgeslagen: 1 actie." in fake.sent_texts(marloes["id"])[-1]
    assert listing(tg, marloes) == [1, 2, 3]


# A group becomes a supergroup ----------------------------------------------------------------


def test_group_upgraded_to_a_supergroup(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.sync_time()
    mark = fake.mark()
    supergroup = fake.migrate_group(tg.group, SUPERGROUP_ID, marloes)
    tg.replies_since(supergroup, mark)
    # The old id now answers "upgraded" (ChatMigrated); everything continues in the new one.
    assert numbers(tg.send(jan, supergroup, "/acties")) == [1, 2]
    assert "jij pakt #1 op" in tg.send(jan, supergroup, "/claim 1")
    assert "Opgeslagen: 1 actie." in tg.send(marloes, supergroup, "/nieuw Jan: na upgrade (ASAP)")
    tg.send(jan, supergroup, "/actie 3")
    card = fake.last_bot_message(SUPERGROUP_ID)
    _, reply = tg.press(jan, card, "Afgerond")
    assert "#3 is afgerond" in reply
    assert "al aan een andere groep gekoppeld" not in tg.send(marloes, supergroup, "/leden")
    assert numbers(tg.send(jan, tg.dm(jan), "/mijnacties")) == [1]
    assert numbers(tg.send(jan, supergroup, "/acties")) == [1, 2]
    # Nothing was sent to the old id after the upgrade.
    old = [
        c for c in fake.calls_of("sendMessage", after=mark) if c.params.get("chat_id") == GROUP_ID
    ]
    assert old == []
