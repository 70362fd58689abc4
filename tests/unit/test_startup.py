"""Start-up retries (bot/startup.py) on a virtual clock: what is retried, how long, and what
ends it; and the operator's lines for each failure."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import BadRequest, InvalidToken, NetworkError, TimedOut

from bot import cli_texts
from bot.startup import StartupBudget, StartupError, StartupFailure, start_step


class VirtualBudget(StartupBudget):
    def __init__(self, seconds: float, stop_after: int | None = None) -> None:
        self.clock = 0.0
        self.pauses: list[float] = []
        self.stop_after = stop_after
        super().__init__(seconds)

    def now(self) -> float:
        return self.clock

    async def pause(self, seconds: float) -> bool:
        self.pauses.append(seconds)
        self.clock += seconds
        return self.stop_after is not None and len(self.pauses) >= self.stop_after


def failing(*errors: Exception) -> tuple[list[int], object]:
    """A call that raises `errors` one by one, then succeeds; and its call counter."""
    calls: list[int] = []

    async def call() -> None:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]

    return calls, call


def run(step: str, call: object, budget: StartupBudget) -> bool:
    return asyncio.run(start_step(step, call, budget))  # type: ignore[arg-type]


def test_a_timeout_is_retried_and_classified_when_the_budget_runs_out() -> None:
    calls, call = failing(*[TimedOut("Timed out")] * 50)
    budget = VirtualBudget(10)
    with pytest.raises(StartupError) as caught:
        run("getMe", call, budget)
    assert caught.value.failure is StartupFailure.TIMEOUT
    assert (caught.value.step, caught.value.seconds) == ("getMe", 10)
    assert budget.pauses == [1, 2, 4, 3]
    assert len(calls) == 5


def test_backoff_is_capped_at_30_seconds() -> None:
    _calls, call = failing(*[NetworkError("httpx.ConnectError: x")] * 100)
    budget = VirtualBudget(200)
    with pytest.raises(StartupError) as caught:
        run("getMe", call, budget)
    assert caught.value.failure is StartupFailure.NETWORK
    assert budget.pauses == [1, 2, 4, 8, 16, 30, 30, 30, 30, 30, 19]


def test_a_recovered_call_returns_true() -> None:
    calls, call = failing(NetworkError("x"), TimedOut("t"))
    budget = VirtualBudget(60)
    assert run("setMyCommands", call, budget) is True
    assert budget.pauses == [1, 2] and len(calls) == 3


def test_a_refused_token_is_not_retried_and_its_detail_has_no_token() -> None:
    token = "123:secret"
    refused = InvalidToken(f"The token `{token}` was rejected by the server.")
    refused.__cause__ = InvalidToken("Unauthorized")
    calls, call = failing(refused)
    budget = VirtualBudget(60)
    with pytest.raises(StartupError) as caught:
        run("getMe", call, budget)
    assert caught.value.failure is StartupFailure.TOKEN
    assert caught.value.detail == "Unauthorized" and token not in str(caught.value)
    assert budget.pauses == [] and len(calls) == 1


def test_a_bad_request_is_no_network_failure() -> None:
    calls, call = failing(BadRequest("Bad Request: invalid command"))
    with pytest.raises(BadRequest):
        run("setMyCommands", call, VirtualBudget(60))
    assert len(calls) == 1


def test_stop_while_waiting_ends_without_error() -> None:
    calls, call = failing(*[NetworkError("x")] * 10)
    budget = VirtualBudget(60, stop_after=2)
    assert run("getMe", call, budget) is False
    assert len(calls) == 2


def test_a_zero_budget_tries_once() -> None:
    calls, call = failing(NetworkError("x"))
    with pytest.raises(StartupError):
        run("getMe", call, VirtualBudget(0))
    assert len(calls) == 1


def test_the_real_pause_wakes_up_when_told_to_stop() -> None:
    async def main() -> tuple[bool, bool]:
        stop = asyncio.Event()
        budget = StartupBudget(60, stop)
        quick = await budget.pause(0.01)
        asyncio.get_running_loop().call_later(0.01, stop.set)
        stopped = await asyncio.wait_for(budget.pause(30), 5)
        return quick, stopped

    assert asyncio.run(main()) == (False, True)


@pytest.mark.parametrize("failure", list(StartupFailure))
def test_each_failure_is_one_line_in_dutch_and_english(failure: StartupFailure) -> None:
    line = cli_texts.startup_failed(failure, "getMe", "Unauthorized", 120.0, "/etc/otbot.toml")
    assert "\n" not in line
    dutch, english = line.split(" / ", 1)
    assert "Telegram" in dutch and "Telegram" in english
    assert "/etc/otbot.toml" in dutch and "/etc/otbot.toml" in english
    if failure is StartupFailure.TOKEN:
        assert "TELEGRAM_BOT_TOKEN" in line and "@BotFather" in line
    else:
        assert "120 s" in dutch and "startup_retry_seconds" in english
