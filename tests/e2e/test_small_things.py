"""Small things the secretary meets (issue 12, item 4), through the fake Bot API: the offer
of a list name under /mijnacties, and /herinneringen telling the configured times."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.config import Config, load
from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, TEAM, BotThread, Tg
from tests.e2e.test_reminders import at, tick
from tests.e2e.test_story import numbers, team_people

NOT_YOURS = (
    "Deze knop is voor wie /mijnacties vroeg; er is niets veranderd. Je eigen naam koppel je "
    "met /ikben Naam."
)
LINKED_JAN = "Gekoppeld: jij bent Jan. De acties op die naam staan nu bij /mijnacties."


def buttons(message: dict[str, Any]) -> list[dict[str, str]]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]


def labels(message: dict[str, Any]) -> list[str]:
    return [b["text"] for b in buttons(message)]


def test_mijnacties_offers_the_own_first_name_and_the_button_links_it(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)\nJan: memo delen (24 april)")
    assert "Welkom" in tg.send(jan, tg.dm(jan), "/start")

    reply = tg.send(jan, tg.dm(jan), "/mijnacties")
    assert reply.startswith(
        "Ben jij Jan uit de actielijst? Op die naam staan 2 open acties. Druk dan op de knop: "
        "dan komen ze bij jou, net als met /ikben Jan."
    )
    assert "geen eigen open acties" not in reply
    offer = fake.last_bot_message(jan["id"])
    assert labels(offer) == ["🙋 Ja, ik ben Jan"]
    [button] = buttons(offer)
    data = button["callback_data"]
    assert data.startswith("n:ik:") and data.endswith(f":{jan['id']}")
    assert len(data.encode()) <= 64

    answer, reply = tg.press(jan, offer, "🙋 Ja, ik ben Jan")
    assert reply == LINKED_JAN  # what /ikben Jan answers
    assert answer == LINKED_JAN
    assert "reply_markup" not in fake.message(jan["id"], offer["message_id"])  # done with
    mine = tg.send(jan, tg.dm(jan), "/mijnacties")
    assert mine.startswith("Jouw open acties (2)")
    assert sorted(numbers(mine)) == [1, 2]
    assert "Ben jij" not in mine


def test_in_the_group_only_the_asker_may_press_and_a_taken_name_is_said(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = team_people(tg)
    marloes, jan, louise = p["marloes"], p["jan"], p["louise"]
    other_jan = tg.person("jan_smit", 906, "Jan", "Smit")
    tg.send(marloes, tg.group, "/koppel")
    tg.send(
        marloes,
        tg.dm(marloes),
        "Jan: data doorsturen (ASAP)\nJan van de Borden: memo delen (ASAP)\n"
        "Janneke: flyers drukken (ASAP)\nJan-Willem: zaal boeken (ASAP)",
    )
    # Jan never pressed Start: the answer, and so the offer, stays in the group.
    reply = tg.send(jan, tg.group, "/mijnacties")
    assert reply.startswith(
        "Ben jij een van deze namen uit de actielijst?\n"
        "• Jan: 1 open actie\n"
        "• Jan van de Borden: 1 open actie\n"
        "Druk dan op de knop met jouw naam: dan komen de acties op die naam bij jou, net als "
        "met /ikben Naam."
    )
    assert "Janneke" not in reply and "Jan-Willem" not in reply
    offer = fake.last_bot_message(GROUP_ID)
    assert labels(offer) == ["🙋 Ja, ik ben Jan", "🙋 Ja, ik ben Jan van de Borden"]

    # Louise (and the other Jan) may not press Jan's buttons: a short explanation, no change.
    tg.send(louise, tg.group, "/help")
    answer, replies = tg.press(louise, offer, "🙋 Ja, ik ben Jan")
    assert (answer, replies) == (NOT_YOURS, "")
    answer, replies = tg.press(other_jan, offer, "🙋 Ja, ik ben Jan van de Borden")
    assert (answer, replies) == (NOT_YOURS, "")
    assert labels(fake.message(GROUP_ID, offer["message_id"])) == labels(offer)
    members = tg.send(marloes, tg.dm(marloes), "/leden").split("\n")
    assert "• Jan – niet gekoppeld" in members
    assert "• Jan van de Borden – niet gekoppeld" in members

    # The other Jan links "Jan" himself; Jan's button for it now says the name is taken.
    assert "Gekoppeld: jij bent Jan." in tg.send(other_jan, tg.group, "/ikben Jan")
    answer, replies = tg.press(jan, offer, "🙋 Ja, ik ben Jan")
    assert answer == (
        "‘Jan’ is al gekoppeld aan iemand anders (of is een groep). Vraag de secretaris als "
        "dat niet klopt."
    )
    assert replies == ""
    # His full name is still his to take.
    answer, replies = tg.press(jan, offer, "🙋 Ja, ik ben Jan van de Borden")
    assert replies == (
        "Gekoppeld: jij bent Jan van de Borden. De acties op die naam staan nu bij /mijnacties."
    )
    assert "reply_markup" not in fake.message(GROUP_ID, offer["message_id"])
    assert numbers(tg.send(jan, tg.group, "/mijnacties")) == [2]
    assert numbers(tg.send(other_jan, tg.group, "/mijnacties")) == [1]


def test_no_offer_without_a_matching_name_or_with_actions_of_ones_own(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = team_people(tg)
    marloes, jan, karin = p["marloes"], p["jan"], p["karin"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)\nOT: evalueren (ASAP)")
    # Karin's name is nowhere in the list: the old answer, without buttons.
    tg.send(karin, tg.dm(karin), "/start")
    reply = tg.send(karin, tg.dm(karin), "/mijnacties")
    assert reply.startswith("Je hebt geen eigen open acties.\n\nVoor het hele team (1)")
    assert labels(fake.last_bot_message(karin["id"])) == []
    # Jan linked his name; a new unlinked "Jan de Vries" is not offered to him.
    tg.send(jan, tg.dm(jan), "/start")
    assert LINKED_JAN in tg.send(jan, tg.dm(jan), "/ikben Jan")
    tg.send(marloes, tg.dm(marloes), "Jan de Vries: notulen (ASAP)")
    reply = tg.send(jan, tg.dm(jan), "/mijnacties")
    assert reply.startswith("Jouw open acties (1)") and "Ben jij" not in reply
    assert labels(fake.last_bot_message(jan["id"])) == []
    # Nor once his own actions are all closed: his account has actions already.
    tg.send(jan, tg.dm(jan), "/sluit 1")
    reply = tg.send(jan, tg.dm(jan), "/mijnacties")
    assert reply.startswith("Je hebt geen eigen open acties.") and "Jan de Vries" not in reply
    assert labels(fake.last_bot_message(jan["id"])) == []


def test_herinneringen_tells_the_default_window_and_digest_day(tg: Tg) -> None:
    p = team_people(tg)
    jan = p["jan"]
    tg.send(p["marloes"], tg.group, "/koppel")
    reply = tg.send(jan, tg.group, "/herinneringen")
    assert reply.startswith("Herinneringen: aan\nWeekoverzicht op maandag: aan\n")
    assert reply.endswith(
        "Herinneringen komen alleen op werkdagen tussen 9:00 en 17:30, niet op feestdagen."
    )


CUSTOM = """
[reminders]
window_start = "08:30"
window_end = "16:00"
working_days = ["di", "wo", "do", "vr", "za"]
digest_weekday = "do"
holidays = []
"""


def test_herinneringen_tells_a_configured_window_and_digest_day(
    fake: FakeTelegram, clock: Any, db_url: str, cfg: Config, tmp_path: Path, bot_errors: Any
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    custom = replace(cfg, reminders=load(path, env={}).reminders)
    thread = BotThread(custom, clock)
    thread.start()
    try:
        fake.wait_for_call("getUpdates")
        tg = Tg(fake, clock, fake.group(GROUP_ID, TEAM), thread)
        p = team_people(tg)
        marloes, jan = p["marloes"], p["jan"]
        tg.send(marloes, tg.group, "/koppel")
        tg.send(marloes, tg.dm(marloes), "Jan: memo delen (30 april)")
        tg.send(jan, tg.dm(jan), "/start")
        tg.send(jan, tg.dm(jan), "/ikben Jan")
        reply = tg.send(jan, tg.dm(jan), "/herinneringen")
        assert reply == (
            "Herinneringen: aan\n"
            "Weekoverzicht op donderdag: aan\n\n"
            "Wijzigen:\n/herinneringen uit of /herinneringen aan\n"
            "/herinneringen overzicht uit of /herinneringen overzicht aan\n"
            "Herinneringen komen alleen op dinsdag t/m zaterdag tussen 8:30 en 16:00."
        )
        reply = tg.send(jan, tg.dm(jan), "/herinneringen overzicht uit")
        assert "Weekoverzicht op donderdag: uit" in reply
        tg.send(jan, tg.dm(jan), "/herinneringen overzicht aan")
        # What it says is what happens: no digest on Monday, Jan's on Thursday at 8:30.
        assert tick(tg, thread, at("2027-03-22", "09:00")) == []
        assert tick(tg, thread, at("2027-03-25", "08:29")) == []
        [digest] = tick(tg, thread, at("2027-03-25", "08:30"))
        assert digest.startswith("🗓 Je week: 1 open actie")
    finally:
        thread.stop()
