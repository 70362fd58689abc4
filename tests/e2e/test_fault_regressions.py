"""Regressions for bugs the fault suite found (all fixed).

Each fails on any ERROR the bot logs (the `bot_errors` fixture of conftest.py).
"""

from __future__ import annotations

import logging

import pytest

from bot.demo.fake_telegram import FakeTelegram
from bot.demo.seed_docx import build_seed_docx
from tests.e2e.conftest import GROUP_ID, Tg
from tests.e2e.test_hostile import (  # noqa: F401  (fixtures are used by name)
    cfg,
    press,
    push_raw,
    raw_message,
    start_team,
)
from tests.e2e.test_story import numbers, team_people

HUGE = "99999999999999999999"  # > 2**63: SQLite cannot bind it


# 1. Callback data: str.isdigit() accepts "²" and "①", and any length ------------------------


@pytest.mark.parametrize(
    "data",
    ["a:claim:1:²", "a:close:①:1", "u:²:abc", "m:to:²:1", "i:ok:x:²"],
)
def test_callback_numbers_that_int_cannot_read(tg: Tg, fake: FakeTelegram, data: str) -> None:
    p = start_team(tg)
    jan = p["jan"]
    tg.send(jan, tg.group, "/actie 1")
    answer = press(tg, jan, fake.last_bot_message(GROUP_ID), data)
    assert "Deze knop is verlopen" in answer.get("text", ""), answer


@pytest.mark.parametrize(
    "data", [f"a:claim:1:{HUGE}", f"a:close:1:{HUGE}", f"a:later:1:{HUGE}", f"m:to:{HUGE}:1"]
)
def test_callback_numbers_too_large_for_sqlite(tg: Tg, fake: FakeTelegram, data: str) -> None:
    p = start_team(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.dm(marloes), "/actie 1")
    answer = press(tg, marloes, fake.last_bot_message(marloes["id"]), data)
    assert "Sorry, er ging iets mis" not in answer.get("text", ""), answer


# 2. The "Update geven" button trusts the team id in its data -----------------------------


def test_update_button_for_a_team_that_does_not_exist(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    jan = p["jan"]
    tg.send(jan, tg.group, "/actie 1")
    answer = press(tg, jan, fake.last_bot_message(GROUP_ID), "a:upd:999:1")
    assert answer.get("show_alert") is True, answer


# 3. "Annuleren" under an import preview, pressed twice -------------------------------------


def test_import_cancel_pressed_twice(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes = p["marloes"]
    dm = tg.dm(marloes)
    tg.sync_time()
    mark = fake.mark()
    fake.push_document(dm, marloes, build_seed_docx(), "Actielijst OT 18 maart.docx")
    assert "15 nieuw" in tg.replies_since(dm, mark)
    preview = fake.last_bot_message(marloes["id"])
    cancel = preview["reply_markup"]["inline_keyboard"][-1][-1]["callback_data"]
    assert cancel.startswith("i:no:")
    # A double tap: both callbacks carry the preview as it was, with its buttons.
    tg.sync_time()
    mark = fake.mark()
    first = fake.push_callback(marloes, preview, cancel)
    second = fake.push_callback(marloes, preview, cancel)
    tg.replies_since(dm, mark)
    assert fake.callback_answer(first) is not None
    assert fake.callback_answer(second) is not None
    assert numbers(tg.send(marloes, tg.group, "/acties")) == [1, 2]


# 4. Error replies echo the user's text without a limit --------------------------------------


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/ikben " + "x" * 4000, "lijkt niet op je eigen naam"),  # fits one Telegram message
        ("/claim " + "x" * 20_000, "geldig actienummer"),
        ("/ot " + "x" * 20_000, "kan ik niet als dag lezen"),
        ("/team " + "x" * 20_000, "ken ik niet"),
    ],
)
def test_error_replies_that_echo_long_input(
    tg: Tg, fake: FakeTelegram, command: str, answer: str
) -> None:
    p = start_team(tg)
    jan = p["jan"]
    assert answer in tg.send(jan, tg.dm(jan), command)


# 5. Replies are split by code points, Telegram counts UTF-16 units --------------------------


def test_emoji_heavy_action_is_confirmed_and_shown(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes = p["marloes"]
    text = "Onderwerp: " + "🎉" * 1500 + "\nActie: " + "🎉" * 1900 + "\nWie: Jan\nWanneer: ASAP"
    assert len(text) < 4096  # one Telegram message
    reply = tg.send(marloes, tg.dm(marloes), text)
    assert "Opgeslagen: 1 actie." in reply
    assert "🎉🎉🎉" in tg.send(marloes, tg.dm(marloes), "/actie 3")


# 6. A message from the old group id after the upgrade to a supergroup ----------------------


def test_message_from_the_old_group_after_the_upgrade(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.sync_time()
    mark = fake.mark()
    supergroup = fake.migrate_group(tg.group, -1009999, marloes)
    tg.replies_since(supergroup, mark)
    # Jan's "/claim 1", sent in the old group just before the upgrade, arrives late.
    tg.send(jan, tg.group, "/claim 1")
    assert numbers(tg.send(jan, supergroup, "/acties")) == [1, 2]


# 7. A failed getUpdates is logged as an ERROR with a traceback -----------------------------


def test_a_failed_poll_is_a_warning(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    fake.drop_connection_next("getUpdates")
    assert "Open acties (2)" in tg.send(p["jan"], tg.group, "/acties")


# 8. Telegram's own service account (777000) becomes a team member --------------------------


def test_automatic_forward_from_a_linked_channel_is_no_member(
    tg: Tg, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    p = start_team(tg)
    service = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
    channel = {"id": -1005555, "type": "channel", "title": "Nieuws Nieuw-West"}
    post = raw_message(
        fake, tg.group, "/acties", service, sender_chat=channel, is_automatic_forward=True
    )
    push_raw(tg, "message", post)
    assert "Telegram" not in tg.send(p["marloes"], tg.group, "/leden")
    assert logging.ERROR not in [r.levelno for r in caplog.records]


def test_an_update_telegram_delivers_twice_is_stored_once(tg: Tg, fake: FakeTelegram) -> None:
    """Found by the random-SIGKILL test: killed after saving an /update and answering, but
    before the next getUpdates told Telegram, the bot got the same message again at restart
    and stored the update twice."""
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)")
    tg.send(jan, tg.group, "/ikben Jan")
    tg.sync_time()
    mark = fake.mark()
    message = fake.push_message(tg.group, marloes, "/update 1 eerste versie klaar")
    assert "Update bij #1 opgeslagen" in tg.replies_since(tg.group, mark)
    mark = fake.mark()
    fake.push_update({"message": message})  # the same update again, as after a crash
    assert "Update bij #1 opgeslagen" in tg.replies_since(tg.group, mark)
    # The reply to the bot's "Update voor #1" prompt is recognised the same way.
    tg.sync_time()
    tg.send(jan, tg.group, "/actie 1")
    card = fake.last_bot_message(tg.group["id"])
    tg.press(jan, card, "Update")
    prompt = fake.last_bot_message(tg.group["id"])
    answer = fake.push_message(tg.group, jan, "verstuurd naar de partners", reply_to=prompt)
    tg.replies_since(tg.group, mark)
    fake.push_update({"message": answer})
    card_text = tg.send(jan, tg.group, "/actie 1")
    assert card_text.count("eerste versie klaar") == 1, card_text
    assert card_text.count("verstuurd naar de partners") == 1, card_text
