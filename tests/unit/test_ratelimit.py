"""The rate limiter: which calls it paces, which it retries after a 429, and when it stops."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import NO_RETRY, FloodLimiter, retry_seconds


class Telegram:
    """A callback that answers 429 (retry after 0 s) `refusals` times, then succeeds."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.calls = 0

    async def __call__(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self.calls += 1
        if self.calls <= self.refusals:
            raise RetryAfter(0)
        return {"ok": True}


def run(limiter: FloodLimiter, telegram: Telegram, endpoint: str, chat: Any, rl: Any) -> Any:
    return asyncio.run(limiter.process_request(telegram, (), {}, endpoint, {"chat_id": chat}, rl))


@pytest.mark.parametrize("endpoint", ["sendMessage", "editMessageText", "answerCallbackQuery"])
def test_a_refused_call_is_sent_again(endpoint: str) -> None:
    limiter, telegram = FloodLimiter(), Telegram(refusals=3)
    assert run(limiter, telegram, endpoint, 901, None) == {"ok": True}
    assert telegram.calls == 4 and limiter.retries == 3


def test_reminders_are_not_retried_by_the_limiter() -> None:
    limiter, telegram = FloodLimiter(), Telegram(refusals=1)
    with pytest.raises(RetryAfter):
        run(limiter, telegram, "sendMessage", 901, NO_RETRY)
    assert telegram.calls == 1


def test_the_long_poll_is_left_to_ptb() -> None:
    limiter, telegram = FloodLimiter(), Telegram(refusals=1)
    with pytest.raises(RetryAfter):
        run(limiter, telegram, "getUpdates", None, None)


def test_it_gives_up_after_the_longest_wait() -> None:
    class Slow(Telegram):
        async def __call__(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            self.calls += 1
            raise RetryAfter(0)

    limiter = FloodLimiter(max_wait=-1)  # any wait is too long
    telegram = Slow(refusals=0)
    with pytest.raises(RetryAfter):
        run(limiter, telegram, "sendMessage", -100100, None)
    assert telegram.calls == 1


def test_only_messages_spend_a_chats_budget() -> None:
    limiter = FloodLimiter(group=(2, 60.0))

    async def scenario() -> None:
        for endpoint in ["getChatMember"] * 5 + ["sendMessage"]:
            await limiter.process_request(
                Telegram(0), (), {}, endpoint, {"chat_id": -100100}, None
            )
        bucket = limiter._limiter(-100100)
        assert bucket.has_capacity()  # five membership checks and one message: one left
        await limiter.process_request(
            Telegram(0), (), {}, "sendMessage", {"chat_id": -100100}, None
        )
        assert not bucket.has_capacity()  # the group's third message this minute must wait

    asyncio.run(scenario())


@pytest.mark.parametrize("opt_in", ["true", "false"])
def test_retry_after_is_read_as_a_timedelta_or_an_int(
    monkeypatch: pytest.MonkeyPatch, opt_in: str
) -> None:
    """PTB 22 gives an int unless PTB_TIMEDELTA opts in (bot/__init__.py does); PTB 23 a
    timedelta. Either way the limiter reads seconds, without a deprecation warning."""
    monkeypatch.setenv("PTB_TIMEDELTA", opt_in)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 itself warns when it makes one without opt-in
        err = RetryAfter(3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert retry_seconds(err) == 3.0
