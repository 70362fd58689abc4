"""Reminders through the fake Bot API: delivered with buttons, buttons work, faults handled."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, BotThread, Tg
from tests.e2e.test_story import team_people


def at(day: str, hhmm: str = "09:00") -> datetime:
    local = datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    return local.astimezone(UTC)


def setup_team(tg: Tg, text: str) -> dict[str, dict[str, Any]]:
    p = team_people(tg)
    tg.send(p["marloes"], tg.group, "/koppel")
    tg.send(p["marloes"], tg.dm(p["marloes"]), text)
    tg.send(p["jan"], tg.dm(p["jan"]), "/ikben Jan")
    tg.send(p["jan"], tg.dm(p["jan"]), "/herinneringen overzicht uit")
    tg.send(p["marloes"], tg.dm(p["marloes"]), "/herinneringen overzicht uit")
    return p


def tick(tg: Tg, running: BotThread, when: datetime) -> list[str]:
    """Move the clock, run the scheduler once, return what it sent (plain text)."""
    tg.clock.at = when
    tg.sync_time()
    mark = tg.fake.mark()
    running.tick()
    return tg.fake.sent_texts(after=mark)


def test_reminder_with_buttons_and_the_buttons_work(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    p = setup_team(tg, "Jan: data rondleidingen doorsturen (ASAP)\nJan: memo delen (ASAP)")
    jan = p["jan"]
    assert tick(tg, running, at("2027-03-22", "16:00")) == []  # not yet: 3 working days
    sent = tick(tg, running, at("2027-03-23", "09:00"))
    assert len(sent) == 1  # two reminders for Jan, grouped in one message
    assert "2 herinneringen" in sent[0] and "#1" in sent[0] and "#2" in sent[0]
    assert "/herinneringen" in sent[0]
    message = fake.last_bot_message(jan["id"])
    labels = [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["✅ #1", "📝 #1", "⏰ Later #1", "✅ #2", "📝 #2", "⏰ Later #2"]
    # Nothing twice: the next run sends nothing.
    assert tick(tg, running, at("2027-03-23", "09:05")) == []

    _, reply = tg.press(jan, message, "✅ #1")
    assert "#1 is afgerond" in reply
    _, reply = tg.press(jan, message, "⏰ Later #2")
    assert "herinner je later aan #2" in reply
    # The next week: only #2 is nudged (#1 is closed).
    [sent] = tick(tg, running, at("2027-03-30", "09:00"))
    assert "#2" in sent and "#1" not in sent


def test_429_waits_and_retries_once(tg: Tg, fake: FakeTelegram, running: BotThread) -> None:
    p = setup_team(tg, "Jan: data doorsturen (ASAP)")
    fake.fail_next(
        "sendMessage",
        429,
        "Too Many Requests: retry after 5",
        parameters={"retry_after": 5},
        chat_id=p["jan"]["id"],
    )
    assert tick(tg, running, at("2027-03-23", "09:00")) == []
    assert tick(tg, running, at("2027-03-23", "09:00:03")) == []  # retry_after not over yet
    sent = tick(tg, running, at("2027-03-23", "09:00:06"))
    assert len(sent) == 1 and "#1" in sent[0]
    assert tick(tg, running, at("2027-03-23", "09:10")) == []


def test_403_falls_back_to_the_group(tg: Tg, fake: FakeTelegram, running: BotThread) -> None:
    p = setup_team(tg, "Jan: data doorsturen (ASAP)")
    fake.block(p["jan"])
    assert tick(tg, running, at("2027-03-23", "09:00")) == []
    sent = tick(tg, running, at("2027-03-23", "09:01"))
    assert len(sent) == 1
    group_call = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == GROUP_ID][-1]
    assert 'href="tg://user?id=901"' in group_call.params["text"]
    assert "Start" in sent[0] and "#1" in sent[0]


def test_server_errors_back_off_and_retry(tg: Tg, fake: FakeTelegram, running: BotThread) -> None:
    p = setup_team(tg, "Jan: data doorsturen (ASAP)")
    fake.fail_next("sendMessage", 500, "Internal Server Error", chat_id=p["jan"]["id"])
    assert tick(tg, running, at("2027-03-23", "09:00")) == []
    assert tick(tg, running, at("2027-03-23", "09:00:30")) == []  # backing off
    assert len(tick(tg, running, at("2027-03-23", "09:01:30"))) == 1


def test_group_ping_before_the_ot(tg: Tg, fake: FakeTelegram, running: BotThread) -> None:
    p = setup_team(
        tg, "Jan: voedselpark agenderen (OT 22 april)\nOT: evaluatie bespreken (OT 22 april)"
    )
    tg.send(p["jan"], tg.dm(p["jan"]), "/update 1 staat op de agenda")
    sent = tick(tg, running, at("2027-04-19", "09:00"))  # 3 working days before
    assert any("agenda van het OT van do 22 apr 2027" in s for s in sent)
    sent = tick(tg, running, at("2027-04-21", "09:00"))  # the day before
    pings = [s for s in sent if "Morgen OT" in s]
    assert len(pings) == 1
    assert "Update gegeven: Jan" in pings[0] and "Nog geen update van: OT" in pings[0]
    assert [s for s in tick(tg, running, at("2027-04-21", "10:00")) if "Morgen OT" in s] == []
