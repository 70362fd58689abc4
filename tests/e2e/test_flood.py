"""Telegram's flood limits, enforced by the fake: meeting-time bursts in the group and a
broadcast of reminders, with no message refused and none lost (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, BotThread, Tg
from tests.e2e.test_reminders import at, tick

MEMBERS = 25


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(flood_limits=True) as server:
        yield server
        server.assert_no_unknown_calls()


def team(tg: Tg, members: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Marloes links the group and gives each member an ASAP action; all pressed Start."""
    marloes = tg.person("marloes", 900, "Marloes", "van der Meulen-Ramp", "marloes_npsnw")
    tg.send(marloes, tg.group, "/koppel")
    people = [
        tg.person(f"p{i}", 2000 + i, f"Lid{chr(97 + i // 26)}{chr(97 + i % 26)}")
        for i in range(members)
    ]
    for p in people:  # each pressed Start: the bot knows them and may write to them
        tg.send(p, tg.dm(p), "/start")
    lines = "\n".join(f"{p['first_name']}: actie van {p['first_name']} (ASAP)" for p in people)
    assert f"Opgeslagen: {members} acties." in tg.send(marloes, tg.dm(marloes), lines)
    return marloes, people


def test_the_whole_team_asks_mijnacties_in_the_group_at_once(tg: Tg, fake: FakeTelegram) -> None:
    _marloes, people = team(tg, MEMBERS)
    tg.sync_time()
    mark = fake.mark()
    for p in people:  # within the same second, as at the meeting table
        fake.push_message(tg.group, p, "/mijnacties")
    tg.bot.settle(fake)
    for p in people:
        [answer] = fake.sent_texts(p["id"], after=mark)
        assert f"actie van {p['first_name']}" in answer
    assert len(fake.sent_texts(GROUP_ID, after=mark)) == 1  # one short note in the group
    assert fake.flood_violations == []


def test_a_burst_in_one_private_chat_is_paced_not_refused(tg: Tg, fake: FakeTelegram) -> None:
    marloes, _people = team(tg, 2)
    dm = tg.dm(marloes)
    tg.sync_time()
    mark = fake.mark()
    for n in range(8):
        fake.push_message(dm, marloes, f"Lidaa: extra {n} (ASAP)")
    tg.bot.settle(fake)
    answers = fake.sent_texts(marloes["id"], after=mark)
    assert len(answers) == 8 and all("Opgeslagen: 1 actie." in a for a in answers)
    assert fake.flood_violations == []


def test_a_broadcast_of_reminders_stays_inside_the_limits(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    _marloes, people = team(tg, 200)
    # Monday morning: everyone's weekly digest; Tuesday: everyone's first ASAP nudge.
    for day, expected in (("2027-03-22", "Je week"), ("2027-03-23", "Herinnering")):
        mark = fake.mark()
        tick(tg, running, at(day, "09:00"))
        for p in people:
            sent = fake.sent_texts(p["id"], after=mark)
            assert len(sent) == 1 and expected in sent[0], (day, sent)
            assert f"actie van {p['first_name']}" in sent[0]
    assert fake.flood_violations == []
    assert tick(tg, running, at("2027-03-23", "09:05")) == []  # nothing twice


def test_a_storm_during_a_broadcast_loses_nothing_and_sends_nothing_twice(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    marloes, people = team(tg, 30)
    tick(tg, running, at("2027-03-22", "09:00"))  # Monday's digests out of the way
    mark = fake.mark()
    # Telegram refuses the next ten messages with 429 and three more with 500.
    fake.fail_next(
        "sendMessage",
        429,
        "Too Many Requests: retry after 1",
        parameters={"retry_after": 1},
        count=10,
    )
    fake.fail_next("sendMessage", 500, "Internal Server Error", count=3)
    tick(tg, running, at("2027-03-23", "09:00"))
    # Meanwhile the group is answered as usual.
    assert "Lidaa" in tg.send(marloes, tg.group, "/acties")
    tick(tg, running, at("2027-03-23", "09:00:05"))  # after retry_after
    tick(tg, running, at("2027-03-23", "09:05"))  # after the back-off for 5xx
    for p in people:
        sent = [t for t in fake.sent_texts(p["id"], after=mark) if "Herinnering" in t]
        assert len(sent) == 1, (p["first_name"], sent)
    refused = [c.status for c in fake.calls_of("sendMessage", after=mark) if not c.ok]
    assert sorted(refused) == [429] * 10 + [500] * 3
    assert fake.flood_violations == []


def test_more_due_than_one_planning_batch_all_go_out_in_one_run(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    _marloes, people = team(tg, 12)
    running.app.bot_data["services"].reminders.plan_batch = 5  # 12 actions: three batches
    tick(tg, running, at("2027-03-22", "09:00"))  # digests
    mark = fake.mark()
    tick(tg, running, at("2027-03-23", "09:00"))
    for p in people:
        assert len([t for t in fake.sent_texts(p["id"], after=mark) if "Herinnering" in t]) == 1
