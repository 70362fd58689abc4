"""End-to-end harness: the bot built as `otbot run` builds it, polling the fake Bot API.

The bot runs `bot.app.serve()` on its own event loop in a background thread; the test drives
the fake server synchronously and waits (on a condition, never a sleep) for the bot's calls.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.app import build_application, serve
from bot.config import Config
from bot.demo.fake_telegram import FakeTelegram
from bot.reminders import run_reminders
from domain.holidays import dutch_holidays
from domain.model import TeamSetup
from domain.reminders import ReminderSettings
from services.reminders import TickReport
from tests.conftest import FrozenClock

TEAM = "OT Wonen en Leefomgeving"
GROUP_ID = -100100


class BotThread:
    """Run the real Application in a thread until stopped."""

    def __init__(self, cfg: Config, clock: FrozenClock) -> None:
        self.app = build_application(cfg, clock=clock)
        self.poll_timeout = cfg.poll_timeout
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="otbot", daemon=True)

    def _run(self) -> None:
        threshold = gc.get_threshold()
        try:
            asyncio.run(self._main())
        except BaseException as err:  # surfaced by stop()
            self.error = err
            self._ready.set()
        finally:
            # serve() freezes the heap and raises the collector's thresholds for a process
            # that is the bot; this one is the test session, so give them back. Otherwise
            # every earlier test's objects stay frozen, out of gc.get_referrers' sight too
            # (Hypothesis then warns that trio's registered Random has no referrers).
            gc.unfreeze()
            gc.set_threshold(*threshold)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._ready.set()
        await serve(self.app, self._stop, poll_timeout=self.poll_timeout)

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(10)

    def tick(self, timeout: float = 30.0) -> TickReport:
        """Run the reminder job once, on the bot's own loop, as the JobQueue would."""
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(run_reminders(self.app), self._loop)
        return future.result(timeout=timeout)

    def settle(self, fake: FakeTelegram, timeout: float = 30.0) -> None:
        """Block until the bot has completely handled every update pushed so far.

        The fake sees the bot take them (a later getUpdates offset: PTB queued them first);
        then the Application's queue is joined, which returns once every queued update's
        handlers have finished (updates run concurrently, see bot/ordering.py).
        """
        assert self._loop is not None
        fake.wait_idle(timeout)
        joined = asyncio.run_coroutine_threadsafe(self.app.update_queue.join(), self._loop)
        joined.result(timeout=timeout)

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(15)
        assert not self._thread.is_alive(), "the bot did not stop"
        if self.error is not None:
            raise self.error


@dataclass
class Tg:
    """A small driver: people, chats, and 'send, then wait for the bot's answer'."""

    fake: FakeTelegram
    clock: FrozenClock
    group: dict[str, Any]
    bot: BotThread
    people: dict[str, dict[str, Any]] = field(default_factory=dict)

    def person(
        self,
        key: str,
        uid: int,
        first: str,
        last: str = "",
        username: str | None = None,
        in_group: bool = True,
    ) -> dict[str, Any]:
        user = self.fake.user(uid, first, username=username, last_name=last or None)
        self.people[key] = user
        if in_group:
            self.fake.set_member(self.group, user, "member")
        return user

    def dm(self, user: dict[str, Any]) -> dict[str, Any]:
        return self.fake.private_chat(user)

    def sync_time(self) -> None:
        self.fake.now = int(self.clock().timestamp())

    def send(
        self,
        user: dict[str, Any],
        chat: dict[str, Any],
        text: str,
        *,
        reply_to: dict[str, Any] | int | None = None,
    ) -> str:
        """Push a message; return the plain text of everything the bot answered to it."""
        self.sync_time()
        mark = self.fake.mark()
        self.fake.push_message(chat, user, text, reply_to=reply_to)
        return self.replies_since(chat, mark)

    def replies_since(self, chat: dict[str, Any], mark: int) -> str:
        """Wait until the bot handled everything pushed so far; return its texts to `chat`."""
        self.bot.settle(self.fake)
        return "\n".join(self.fake.sent_texts(chat["id"], after=mark))

    def press(self, user: dict[str, Any], message: dict[str, Any], label: str) -> tuple[str, str]:
        """Press an inline button; return (callback answer text, reply text or "")."""
        self.sync_time()
        mark = self.fake.mark()
        query_id = self.fake.press_button(user, message, label)
        replies = self.replies_since(message["chat"], mark)
        answer = (self.fake.callback_answer(query_id) or {}).get("text", "")
        return answer, replies


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server
        server.assert_no_unknown_calls()


@pytest.fixture
def bot_errors(caplog: pytest.LogCaptureFixture) -> Iterator[list[logging.LogRecord]]:
    """Fail the test when the bot logged an unexpected error (a bug, not a user mistake)."""
    caplog.set_level(logging.WARNING)
    yield caplog.records
    # caplog.records holds only the current (teardown) phase: gather every phase.
    records = caplog.get_records("setup") + caplog.get_records("call") + caplog.records
    bugs = [r for r in records if r.levelno >= logging.ERROR]
    assert not bugs, "the bot logged errors:\n" + "\n".join(
        f"{r.name}: {r.getMessage()}" for r in bugs
    )


@pytest.fixture
def cfg(fake: FakeTelegram, db_url: str) -> Config:
    return Config(
        token=fake.token,
        base_url=fake.base_url,
        base_file_url=fake.base_file_url,
        db_url=db_url,
        teams=(TeamSetup(name=TEAM, secretary_usernames=frozenset({"marloes_npsnw"})),),
        poll_timeout=5,
        tick_seconds=3600,  # the tests run the scheduler themselves, on their frozen clock
        reminders=ReminderSettings(holidays=dutch_holidays(2027)),
    )


@pytest.fixture
def running(
    cfg: Config, clock: FrozenClock, fake: FakeTelegram, bot_errors: Any
) -> Iterator[BotThread]:
    thread = BotThread(cfg, clock)
    thread.start()
    fake.wait_for_call("getUpdates")
    try:
        yield thread
    finally:
        thread.stop()


@pytest.fixture
def tg(fake: FakeTelegram, clock: FrozenClock, running: BotThread) -> Tg:
    group = fake.group(GROUP_ID, TEAM)
    return Tg(fake, clock, group, running)
