"""Concurrent update handling that keeps each person's updates in order.

PTB handles one update at a time by default, so every person waits for every other person's
round trips to Telegram (50-200 ms each in production). This processor lets updates overlap
while they wait for the network, but runs the updates of one sender (or, without a sender,
one chat) strictly one after another, in the order Telegram delivered them: "/claim 3" then
"/sluit 3" never swap.

Transactions never interleave: every service call is one synchronous transaction with no
await inside. One sender's follow Telegram's order; between different senders they follow
the order in which updates get their turn (someone whose previous update still waits for
Telegram lets later updates of others go first), as with people acting at the same moment.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def sender_key(update: object) -> int:
    """The queue an update waits in: its sender, else its chat, else one shared queue."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return 0


WAITING = 256  # updates PTB lets in at once: running, or waiting for their sender's turn


class InOrderPerSender(BaseUpdateProcessor):
    """Up to `running` updates at once; one sender's updates in order.

    PTB's own limit counts updates that are waiting too, so it is set high: a sender with a
    backlog waits for their own turn without taking a running slot from everyone else.
    """

    def __init__(self, running: int) -> None:
        super().__init__(1 if running == 1 else max(running, WAITING))
        self.running = running
        self._slots = asyncio.Semaphore(running)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}  # key -> updates holding or waiting for its lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the sender's earlier updates and a free slot, then handle this one."""
        key = sender_key(update)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        self._users[key] = self._users.get(key, 0) + 1
        try:
            # Both are fair (first come, first served), so Telegram's order is kept.
            async with lock, self._slots:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # nobody else queued: forget the lock
                del self._users[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: PTB waits for running updates before shutting down."""

    @property
    def senders(self) -> int:
        """How many senders have updates running or waiting (for tests and diagnostics)."""
        return len(self._locks)
