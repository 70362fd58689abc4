"""bot/ordering.py: updates overlap, but one sender's run one after another, in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import CallbackQuery, Chat, Message, Update, User

from bot.ordering import InOrderPerSender, sender_key

WHEN = datetime(2027, 3, 18, 10, 0, tzinfo=UTC)
GROUP = Chat(-100100, Chat.SUPERGROUP)


def message(update_id: int, user_id: int | None, chat: Chat = GROUP) -> Update:
    user = User(user_id, f"U{user_id}", False) if user_id is not None else None
    return Update(update_id, message=Message(update_id, WHEN, chat, from_user=user, text="x"))


def test_the_key_is_the_sender_then_the_chat() -> None:
    assert sender_key(message(1, 7)) == 7
    button = CallbackQuery("q", User(8, "B", False), "ci", data="a:claim:1:2")
    assert sender_key(Update(2, callback_query=button)) == 8
    channel = Chat(-100200, Chat.CHANNEL)
    assert sender_key(Update(3, channel_post=Message(3, WHEN, channel, text="x"))) == -100200
    assert sender_key("not an update") == 0


def run(coro: object) -> None:
    asyncio.run(coro)  # type: ignore[arg-type]


def test_one_senders_updates_run_in_order_and_never_overlap() -> None:
    log: list[str] = []

    async def handle(name: str, gate: asyncio.Event | None) -> None:
        log.append(f"start {name}")
        if gate is not None:
            await gate.wait()
        log.append(f"end {name}")

    async def main() -> None:
        processor = InOrderPerSender(16)
        gate = asyncio.Event()
        first = asyncio.create_task(processor.process_update(message(1, 7), handle("a", gate)))
        second = asyncio.create_task(processor.process_update(message(2, 7), handle("b", None)))
        other = asyncio.create_task(processor.process_update(message(3, 9), handle("c", None)))
        await asyncio.wait_for(other, 5)  # another sender is not held up by sender 7
        assert log == ["start a", "start c", "end c"]
        assert processor.senders == 1  # sender 7: one running, one waiting
        gate.set()
        await asyncio.wait_for(asyncio.gather(first, second), 5)
        assert log == ["start a", "start c", "end c", "end a", "start b", "end b"]
        assert processor.senders == 0  # nothing kept for senders with nothing queued

    run(main())


def test_many_updates_of_one_sender_keep_telegrams_order() -> None:
    done: list[int] = []

    async def handle(n: int) -> None:
        await asyncio.sleep(0)  # yield: without the lock, later ones would overtake
        done.append(n)

    async def main() -> None:
        processor = InOrderPerSender(8)
        tasks = [
            asyncio.create_task(processor.process_update(message(n, 7), handle(n)))
            for n in range(50)
        ]
        await asyncio.wait_for(asyncio.gather(*tasks), 5)

    run(main())
    assert done == list(range(50))


def test_a_failing_update_does_not_block_the_senders_next_one() -> None:
    done: list[str] = []

    async def fail() -> None:
        raise RuntimeError("handler bug")

    async def ok() -> None:
        done.append("next")

    async def main() -> None:
        processor = InOrderPerSender(4)
        first = asyncio.create_task(processor.process_update(message(1, 7), fail()))
        second = asyncio.create_task(processor.process_update(message(2, 7), ok()))
        results = await asyncio.wait_for(asyncio.gather(first, second, return_exceptions=True), 5)
        assert isinstance(results[0], RuntimeError)
        assert processor.senders == 0

    run(main())
    assert done == ["next"]


def test_at_most_max_concurrent_updates_run_at_once() -> None:
    running = peak = 0

    async def handle() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        running -= 1

    async def main() -> None:
        processor = InOrderPerSender(3)
        tasks = [
            asyncio.create_task(processor.process_update(message(n, 100 + n), handle()))
            for n in range(20)
        ]
        await asyncio.wait_for(asyncio.gather(*tasks), 5)

    run(main())
    assert peak == 3


def test_a_senders_backlog_does_not_take_everyones_slots() -> None:
    log: list[str] = []

    async def handle(name: str, gate: asyncio.Event) -> None:
        await gate.wait()
        log.append(name)

    async def main() -> None:
        processor = InOrderPerSender(2)
        gate, open_gate = asyncio.Event(), asyncio.Event()
        open_gate.set()
        backlog = [
            asyncio.create_task(processor.process_update(message(n, 7), handle(f"a{n}", gate)))
            for n in range(5)
        ]
        other = asyncio.create_task(
            processor.process_update(message(9, 8), handle("b", open_gate))
        )
        await asyncio.wait_for(other, 5)  # sender 8 runs while sender 7's first one hangs
        assert log == ["b"]
        gate.set()
        await asyncio.wait_for(asyncio.gather(*backlog), 5)
        assert log == ["b", "a0", "a1", "a2", "a3", "a4"]

    run(main())


def test_one_at_a_time_means_ptb_handles_updates_sequentially() -> None:
    assert InOrderPerSender(1).max_concurrent_updates == 1
    assert InOrderPerSender(16).max_concurrent_updates >= 16
