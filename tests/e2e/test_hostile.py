"""Fault suite, part 2: hostile input through the real bot and the fake Bot API.

Every case checks three things: the bot answers in Dutch (or stays silent where that is
right), nothing is stored half (the team's /acties afterwards is exactly what it was, or
exactly what was confirmed), and nothing the bot logs is an ERROR (the `bot_errors` fixture).
The fake's `unknown_calls` stay empty (the `fake` fixture).

The module runs two teams, so that "another team's numbers" are real: team 1 is the
conftest's team (secretary Marloes, group GROUP_ID), team 2 "OT Werk" (secretary Piet).
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from bot.config import Config
from bot.demo.fake_telegram import FakeTelegram, auto_entities
from domain.holidays import dutch_holidays
from domain.messages import MAX_ITEMS
from domain.model import TeamSetup
from domain.reminders import ReminderSettings
from tests.e2e.conftest import GROUP_ID, TEAM, Tg
from tests.e2e.test_story import numbers, team_people

TEAM2 = "OT Werk"
GROUP2_ID = -100200
LONG = 20_000
ANONYMOUS_ADMIN_ID = 1087968824  # GroupAnonymousBot
CHANNEL_BOT_ID = 136817688  # "Channel_Bot": a member writing in a group as a channel
ANONYMOUS = "Ik kan niet zien wie je bent"
NOT_LINKED = "nog niet aan een opgaveteam gekoppeld"
STALE = "Deze knop is verlopen"


@pytest.fixture
def cfg(fake: FakeTelegram, db_url: str) -> Config:
    """The conftest's configuration plus a second team with its own secretary."""
    return Config(
        token=fake.token,
        base_url=fake.base_url,
        base_file_url=fake.base_file_url,
        db_url=db_url,
        teams=(
            TeamSetup(name=TEAM, secretary_usernames=frozenset({"marloes_npsnw"})),
            TeamSetup(name=TEAM2, secretary_usernames=frozenset({"piet_sec"})),
        ),
        poll_timeout=5,
        tick_seconds=3600,
        reminders=ReminderSettings(holidays=dutch_holidays(2027)),
    )


# Helpers -------------------------------------------------------------------------------------


def start_team(
    tg: Tg, lines: str = "Jan: data doorsturen (ASAP)\nLouise: memo delen (eind april)"
):
    """Team 1 linked, Jan linked to his name, the secretary's actions stored: #1, #2, ..."""
    p = team_people(tg)
    assert "gekoppeld aan" in tg.send(p["marloes"], tg.group, "/koppel")
    assert "Opgeslagen" in tg.send(p["marloes"], tg.dm(p["marloes"]), lines)
    assert "jij bent Jan" in tg.send(p["jan"], tg.dm(p["jan"]), "/ikben Jan")
    return p


def listing(tg: Tg, user: dict[str, Any], chat: dict[str, Any] | None = None) -> list[int]:
    """The open action numbers /acties shows over all its pages (the database's view)."""
    first = tg.send(user, chat or tg.group, "/acties")
    found = numbers(first)
    pages = re.search(r"blad 1 van (\d+)", first)
    for page in range(2, int(pages.group(1)) + 1 if pages else 2):
        found += numbers(tg.send(user, chat or tg.group, f"/acties {page}"))
    return found


def next_message_id(fake: FakeTelegram, chat_id: int) -> int:
    return max((m["message_id"] for m in fake.messages(chat_id)), default=0) + 1


def raw_message(
    fake: FakeTelegram, chat: dict[str, Any], text: str, sender: dict[str, Any] | None, **extra
) -> dict[str, Any]:
    """A Message dict as Telegram sends it, for what push_message cannot express."""
    message: dict[str, Any] = {
        "message_id": next_message_id(fake, chat["id"]),
        "date": fake.now,
        "chat": dict(chat),
        "text": text,
    }
    if sender is not None:
        message["from"] = dict(sender)
    entities = auto_entities(text)
    if entities:
        message["entities"] = entities
    message.update(extra)
    return message


def push_raw(tg: Tg, kind: str, message: dict[str, Any]) -> str:
    """Queue a raw update; return what the bot answered in the message's chat."""
    tg.sync_time()
    mark = tg.fake.mark()
    tg.fake.push_update({kind: message})
    return tg.replies_since(message["chat"], mark)


def press(tg: Tg, user: dict[str, Any], message: dict[str, Any], data: str) -> dict[str, Any]:
    """Press a button with any callback data; return the bot's answerCallbackQuery params."""
    tg.sync_time()
    mark = tg.fake.mark()
    query = tg.fake.push_callback(user, message, data)
    tg.replies_since(message["chat"], mark)
    answer = tg.fake.callback_answer(query)
    assert answer is not None, f"callback {data!r} was never answered"
    return answer


# Long messages -------------------------------------------------------------------------------


def test_twenty_thousand_characters_from_the_secretary(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, dm = p["marloes"], tg.dm(p["marloes"])

    # One action whose text is 20,000 characters: refused whole, with the reason.
    text = "Jan: " + "x" * (LONG - 12) + " (ASAP)"
    assert len(text) == LONG
    reply = tg.send(marloes, dm, text)
    assert "Ik heb niets opgeslagen" in reply
    assert "deze tekst is te lang" in reply
    # 20,000 characters of 1,000+ short lines: more than MAX_ITEMS, refused whole.
    lines = [f"Jan: actie {i:04d} (ASAP)" for i in range(LONG // 23)]
    text = "\n".join(lines)[:LONG]
    reply = tg.send(marloes, dm, text)
    assert "Ik heb niets opgeslagen" in reply and "te veel acties" in reply
    # A labelled block of 20,000 characters of notes: too long a Wanneer, refused.
    text = "Actie: x\nWie: Jan\nWanneer: " + "volgende week " * ((LONG - 30) // 14)
    reply = tg.send(marloes, dm, text)
    assert "Ik heb niets opgeslagen" in reply and "zo lang is geen termijn" in reply
    # 20,000 random code points (any plane), seeded: refused, never a crash.
    rnd = random.Random(6)
    text = "".join(chr(rnd.choice([rnd.randrange(32, 0xD800), rnd.randrange(0xE000, 0x110000)]))
                   for _ in range(LONG))  # fmt: skip
    reply = tg.send(marloes, dm, text)
    assert "Ik heb niets opgeslagen" in reply
    assert listing(tg, marloes) == [1, 2]


def test_the_largest_message_that_fits_is_stored_whole_and_confirmed(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = start_team(tg, "Jan: eerste (ASAP)")
    marloes, dm = p["marloes"], tg.dm(p["marloes"])
    # MAX_ITEMS actions in one message of ~20,000 characters.
    filler = "rondleiding Expofette en data doorsturen naar alle partners van het gebied"
    lines = [f"Jan: {i:03d} {filler} (eind mei)" for i in range(MAX_ITEMS)]
    text = "\n".join(lines)
    assert LONG - 2_000 < len(text) <= LONG
    tg.sync_time()
    mark = fake.mark()
    fake.push_message(dm, marloes, text)
    reply = tg.replies_since(dm, mark)
    assert f"Opgeslagen: {MAX_ITEMS} acties." in reply
    # The confirmation is split over several messages; the undo button is on the last one.
    parts = [
        c for c in fake.calls_of("sendMessage", after=mark) if c.params["chat_id"] == marloes["id"]
    ]
    assert len(parts) > 1 and all(c.ok for c in parts)
    assert "reply_markup" in parts[-1].params and "reply_markup" not in parts[0].params
    assert listing(tg, marloes) == list(range(1, MAX_ITEMS + 2))


def test_twenty_thousand_characters_from_a_member(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    jan = p["jan"]
    long_text = ("Jan: " + "y" * 95 + "\n") * (LONG // 101)
    # Free text from a member in private: pointed to the commands, nothing stored.
    assert "Alleen de secretaris kan acties toevoegen" in tg.send(jan, tg.dm(jan), long_text)
    # Commands with 20,000 characters of text: refused with the limit, nothing changed.
    assert "Dat is te lang: maximaal" in tg.send(jan, tg.group, "/update 1 " + "z" * LONG)
    assert "Dat is te lang: maximaal" in tg.send(jan, tg.group, "/sluit 1 " + "z" * LONG)
    assert "alleen de secretaris" in tg.send(jan, tg.group, "/nieuw " + long_text)
    # A filter of 20,000 characters finds nothing, and says so.
    assert "Geen open acties voor" in tg.send(jan, tg.group, "/acties " + "q" * LONG)
    assert "Actie: data doorsturen" in tg.send(jan, tg.dm(jan), "/actie 1")
    assert "Updates:" not in tg.send(jan, tg.dm(jan), "/actie 1")
    assert listing(tg, jan) == [1, 2]
    # The secretary's edits with 20,000 characters are refused too.
    marloes = p["marloes"]
    assert "Dat is te lang" in tg.send(marloes, tg.group, "/wijzig 1 actie: " + "w" * LONG)
    assert "Dat is te lang" in tg.send(marloes, tg.group, "/wijzig 1 wanneer: " + "w" * LONG)
    assert "Dat is te lang" in tg.send(marloes, tg.group, "/wijzig 1 wie: " + "w" * LONG)
    assert "data doorsturen" in tg.send(jan, tg.dm(jan), "/actie 1")


# HTML, names with &, emoji, right-to-left --------------------------------------------------


def test_html_and_script_are_shown_as_text(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    topic = "<script>alert('x')</script> & <b>vet</b>"
    action = '<i>kursief</i> </code> <a href="javascript:x">klik</a> &amp; &lt;b&gt; <tg-spoiler>'
    block = f"Onderwerp: {topic}\nActie: {action}\nWie: Jan\nWanneer: ASAP"
    reply = tg.send(marloes, tg.dm(marloes), block)
    # Telegram shows exactly what was written: every tag and entity escaped, none rendered.
    assert "Opgeslagen: 1 actie." in reply
    assert topic in reply and action in reply
    card = tg.send(jan, tg.group, "/actie 3")
    assert topic in card and action in card
    sent = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == GROUP_ID][-1]
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in sent.params["text"]
    )
    assert "#3" in tg.send(jan, tg.group, "/acties")
    # Updates, notes and filters with HTML.
    assert "Update bij #1 opgeslagen" in tg.send(jan, tg.group, "/update 1 <b>klaar</b> & <pre>")
    assert "<b>klaar</b> & <pre>" in tg.send(jan, tg.dm(jan), "/actie 1")
    assert "Geen open acties voor ‘<script>’." in tg.send(jan, tg.group, "/acties <script>")
    reply = tg.send(marloes, tg.group, "/wijzig 2 toelichting: <script>x()</script> & co")
    assert "Toelichting: <script>x()</script> & co" in reply
    assert "vervallen" in tg.send(marloes, tg.group, "/vervallen 2 <b>dubbel</b> &amp;")
    assert "Reden vervallen: <b>dubbel</b> &amp;" in tg.send(jan, tg.group, "/actie 2")
    # HTML as an owner's name: "/" separates names, the rest is shown as written.
    reply = tg.send(marloes, tg.dm(marloes), "Actie: x\nWie: <i>Karin</i> & <b>\nWanneer: ASAP")
    assert "Opgeslagen: 1 actie." in reply and "Wie: <i>Karin<, i> en <b>" in reply
    assert sorted(listing(tg, jan)) == [1, 3, 4]


def test_names_with_html_and_ampersands(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes = p["marloes"]
    # A Telegram account whose name is HTML, with an ampersand, writes in the group.
    evil = tg.person("evil", 920, "<b>Evil</b> & Co", "</code><script>")
    assert "Open acties (2)" in tg.send(evil, tg.group, "/acties")
    members = tg.send(marloes, tg.group, "/leden")
    assert "<b>Evil</b> & Co </code><script>" in members
    # Owners with an ampersand in a block: "&" separates names, as "en" does.
    reply = tg.send(
        marloes, tg.dm(marloes), "Actie: overleg\nWie: Ben & Jerry's, A&amp;B\nWanneer: ASAP"
    )
    assert "Opgeslagen: 1 actie." in reply and "Wie: Ben, Jerry's, A, amp en B" in reply
    # /lid with an escaped-looking name keeps it literally.
    assert "<b>Tom &amp; Jerry</b>" not in tg.send(marloes, tg.group, "/lid Tom &amp; Jerry")
    assert "Tom &amp; Jerry" in tg.send(marloes, tg.group, "/leden")
    # /ikben with HTML: refused politely (not the sender's name), shown literally.
    reply = tg.send(p["jan"], tg.group, "/ikben <b>Marloes</b>")
    assert "‘<b>Marloes</b>’" in reply
    # The update prompt names the member in a tg:// link: the HTML name stays text.
    tg.send(evil, tg.dm(evil), "/start")
    tg.send(evil, tg.dm(evil), "/actie 1")
    _, prompt = tg.press(evil, fake.last_bot_message(evil["id"]), "Update geven")
    assert "Update voor #1 (OT Wonen en Leefomgeving): <b>Evil</b> & Co, stuur" in prompt
    assert listing(tg, marloes) == [1, 2, 3]


def test_emoji_and_right_to_left_text(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg, "Jan: eerste (ASAP)")
    marloes, jan = p["marloes"], p["jan"]
    arabic = tg.person("arabic", 930, "محمد", "العلي")
    hebrew = tg.person("hebrew", 931, "דוד", "כהן")
    block = (
        "Onderwerp: 🎉 افطار رمضان في الحي\n"
        "Actie: הזמנת אוכל 🍽️ voor 200 mensen \u202eesrever\u202c en 👩‍👩‍👧‍👦\n"
        "Wie: محمد en דוד\n"
        "Wanneer: eind april"
    )
    reply = tg.send(marloes, tg.dm(marloes), block)
    assert "Opgeslagen: 1 actie." in reply
    assert "🎉 افطار رمضان في الحي" in reply and "\u202eesrever\u202c en 👩‍👩‍👧‍👦" in reply
    assert "Wie: محمد en דוד" in reply
    # The right-to-left names link to their own accounts and see their action.
    assert "Gekoppeld: jij bent محمد" in tg.send(arabic, tg.dm(arabic), "/ikben محمد")
    assert "Gekoppeld: jij bent דוד" in tg.send(hebrew, tg.dm(hebrew), "/ikben דוד")
    assert numbers(tg.send(arabic, tg.dm(arabic), "/mijnacties")) == [2]
    # Asked in the group by someone with a private chat: the list goes there privately.
    assert "privé" in tg.send(hebrew, tg.group, "/mijnacties")
    assert numbers(tg.fake.sent_texts(hebrew["id"])[-1]) == [2]
    assert numbers(tg.send(jan, tg.group, "/acties محمد")) == [2]
    assert "jij pakt #2 op" in tg.send(hebrew, tg.group, "/claim 2")
    assert "Update bij #2 opgeslagen" in tg.send(arabic, tg.group, "/update 2 تم ✅ 🙏")
    assert "تم ✅ 🙏" in tg.send(jan, tg.group, "/actie 2")
    # A short line whose owner is an emoji or right-to-left name, deadline in the name's script.
    reply = tg.send(marloes, tg.dm(marloes), "محمد: 📦 dozen ophalen (ASAP)\n🙂: feest (ASAP)")
    assert "Opgeslagen: 2 acties." in reply or "Ik heb niets opgeslagen" in reply
    assert listing(tg, jan)[:2] == [1, 2]


# Wrong or missing numbers ------------------------------------------------------------------


WRONG_NUMBERS = [
    ("/claim", "Gebruik: /claim N"),
    ("/claim x", "Ik mis een geldig actienummer ‘x’"),
    ("/claim 99999999999", "Ik mis een geldig actienummer ‘99999999999’"),
    ("/claim 999999999", "Actie #999999999 bestaat niet"),
    ("/claim 0", "Actie #0 bestaat niet"),
    ("/claim ١", "Ik mis een geldig actienummer ‘١’"),
    ("/claim ²", "Ik mis een geldig actienummer ‘²’"),
    ("/claim 1e3", "Ik mis een geldig actienummer ‘1e3’"),
    ("/claim 0x1", "Ik mis een geldig actienummer ‘0x1’"),
    ("/sluit -1", "Ik mis een geldig actienummer ‘-1’"),
    ("/sluit", "Gebruik: /sluit N [toelichting]"),
    ("/sluit #", "Ik mis een geldig actienummer ‘#’"),
    ("/actie 1.5", "Ik mis een geldig actienummer ‘1.5’"),
    ("/actie 1,5", "Ik mis een geldig actienummer ‘1,5’"),
    ("/actie", "Gebruik: /actie N"),
    ("/actie <b>1</b>", "Ik mis een geldig actienummer ‘<b>1</b>’"),
    ("/heropen 1 2 3", "#1 is nog open"),
    ("/heropen 2.0", "Ik mis een geldig actienummer ‘2.0’"),
    ("/update", "Gebruik: /update N tekst"),
    ("/update abc tekst", "Ik mis een geldig actienummer ‘abc’"),
    ("/update 1", "Er ontbreekt tekst"),
    ("/update 4294967297 x", "Ik mis een geldig actienummer ‘4294967297’"),
    ("/pak 🙂", "Ik mis een geldig actienummer ‘🙂’"),
    ("/klaar 1 2", "Alleen de eigenaren van #1"),
    ("/wijzig 1", "Gebruik: /wijzig"),
    ("/wijzig 1 wie: Jan", "alleen de secretaris"),
    ("/vervallen x", "Ik mis een geldig actienummer ‘x’"),
]


def test_commands_with_wrong_or_missing_numbers(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg, "Louise: memo delen (ASAP)\nLouise: stukken (ASAP)")
    jan = p["jan"]
    for chat in (tg.group, tg.dm(jan)):
        for command, answer in WRONG_NUMBERS:
            reply = tg.send(jan, chat, command)
            assert answer in reply, (command, reply)
    reply = tg.send(jan, tg.group, "/acties")
    assert numbers(reply) == [1, 2] and "opgepakt" not in reply
    assert "Updates:" not in tg.send(jan, tg.group, "/actie 1")


def test_secretary_commands_with_wrong_numbers(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes = p["marloes"]
    for command, answer in [
        ("/wijzig", "Gebruik: /wijzig"),
        ("/wijzig x wie: Jan", "Ik mis een geldig actienummer ‘x’"),
        ("/wijzig 1 wie", "Gebruik: /wijzig"),
        ("/wijzig 1 kleur: rood", "Veld ‘kleur’ ken ik niet"),
        ("/wijzig 99 wie: Jan", "Actie #99 bestaat niet"),
        ("/wijzig 1 wanneer: 31 februari", "Deze deadline kan ik niet lezen: die datum bestaat"),
        ("/wijzig 1 actie:", "Er ontbreekt tekst"),
        ("/vervallen", "Gebruik: /vervallen"),
        ("/vervallen 99999999999", "Ik mis een geldig actienummer"),
        ("/vervallen 0", "Actie #0 bestaat niet"),
    ]:
        assert answer in tg.send(marloes, tg.group, command), command
    assert listing(tg, marloes) == [1, 2]
    assert "data doorsturen" in tg.send(marloes, tg.group, "/actie 1")


# Another team's numbers --------------------------------------------------------------------


def start_second_team(tg: Tg) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Team 2 with its own group, secretary Piet and five actions #1-#5 of its own."""
    fake = tg.fake
    group2 = fake.group(GROUP2_ID, TEAM2)
    piet = tg.person("piet", 800, "Piet", "Zwart", "piet_sec", in_group=False)
    kees = tg.person("kees", 801, "Kees", "Bakker", in_group=False)
    for person in (piet, kees):
        fake.set_member(group2, person, "member")
    assert f"gekoppeld aan {TEAM2}" in tg.send(piet, group2, "/koppel")
    lines = "\n".join(f"Kees: werk-actie {n} geheim (ASAP)" for n in range(1, 6))
    assert "Opgeslagen: 5 acties." in tg.send(piet, tg.dm(piet), lines)
    return group2, piet, kees


def test_numbers_of_another_teams_actions(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    group2, piet, kees = start_second_team(tg)
    for chat in (tg.dm(jan), tg.group):
        for command, answer in [
            ("/actie 5", "Actie #5 bestaat niet in dit team"),
            ("/claim 4", "Actie #4 bestaat niet in dit team"),
            ("/sluit 3 klaar", "Actie #3 bestaat niet in dit team"),
            ("/update 5 gedaan", "Actie #5 bestaat niet in dit team"),
            ("/heropen 5", "Actie #5 bestaat niet in dit team"),
            ("/actie 2", "memo delen"),
        ]:
            reply = tg.send(jan, chat, command)
            assert answer in reply and "geheim" not in reply, (command, reply)
    # The other team's secretary has no say in team 1, and team 1's none in team 2.
    assert "alleen de secretaris" in tg.send(piet, tg.group, "/vervallen 1")
    assert "Actie #5 bestaat niet" in tg.send(marloes, tg.dm(marloes), "/vervallen 5")
    assert "Actie #4 bestaat niet" in tg.send(marloes, tg.dm(marloes), "/wijzig 4 wie: Jan")
    # Each team's list is its own, unchanged.
    assert listing(tg, jan) == [1, 2]
    reply = tg.send(kees, group2, "/acties")
    assert numbers(reply) == [1, 2, 3, 4, 5] and "opgepakt" not in reply
    assert "werk-actie 5 geheim" in tg.send(kees, group2, "/actie 5")


def test_buttons_pointing_at_another_team(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    group2, piet, kees = start_second_team(tg)
    undo_team2 = fake.last_bot_message(piet["id"])
    stolen = undo_team2["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert stolen.startswith("u:2:")
    tg.send(jan, tg.dm(jan), "/actie 1")
    card_dm = fake.last_bot_message(jan["id"])
    tg.send(jan, tg.group, "/actie 1")
    card_group = fake.last_bot_message(GROUP_ID)
    # Team 2's numbers from team 1's cards, in private and in the group: alerts, no change.
    for card in (card_dm, card_group):
        for data in ("a:claim:2:1", "a:close:2:2", "a:later:2:3"):
            assert press(tg, jan, card, data).get("show_alert") is True, data
    # Team 2's own undo token, pressed by team 1's secretary: refused.
    tg.send(marloes, tg.dm(marloes), "/acties")
    card_marloes = fake.last_bot_message(marloes["id"])
    for card in (card_marloes, card_group):
        assert press(tg, marloes, card, stolen).get("show_alert") is True
    reply = tg.send(kees, group2, "/acties")
    assert numbers(reply) == [1, 2, 3, 4, 5]
    assert "opgepakt" not in reply and "afgerond" not in reply
    assert listing(tg, jan) == [1, 2]


# Tampered and stale buttons ----------------------------------------------------------------

TAMPERED = [
    "a:close:1:999",
    "a:close:1:abc",
    "a:claim:1:-1",
    "a:claim:1:1:1",
    "a:claim:1",
    "a:zap:1:1",
    "a:",
    "a:claim::",
    "a:claim:0:1",
    "a:claim:999:1",
    "a:claim:1:999999999",
    "a:later:1:999",
    "u:1:nonexistent",
    "u:1:",
    "u:x:y",
    "u:1:../../etc",
    "u:999:abc",
    "u:1:abc:def",
    "i:ok:nonexistent:2027",
    "i:year:x:2027",
    "i:ok:x:y",
    "m:to:1:2",
    "m:to:999:0",
    "m:to:x:y",
]


def test_tampered_callback_data_changes_nothing(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(jan, tg.group, "/actie 1")
    card_group = fake.last_bot_message(GROUP_ID)
    tg.send(marloes, tg.dm(marloes), "/actie 1")
    card_dm = fake.last_bot_message(marloes["id"])
    for user, card in ((jan, card_group), (marloes, card_dm), (marloes, card_group)):
        for data in TAMPERED:
            answer = press(tg, user, card, data)
            assert answer.get("show_alert") is True, (data, answer)
            assert answer.get("text"), data
    reply = tg.send(jan, tg.group, "/acties")
    assert numbers(reply) == [1, 2] and "opgepakt" not in reply


def test_random_callback_data_is_ignored_quietly(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    jan = p["jan"]
    tg.send(jan, tg.group, "/actie 1")
    card = fake.last_bot_message(GROUP_ID)
    rnd = random.Random(2027)
    sent = 0
    for _ in range(40):
        raw = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 65)))
        data = raw.decode("utf-8", "replace")
        if data.startswith(("a:", "u:", "i:", "m:")):
            continue
        tg.sync_time()
        mark = fake.mark()
        fake.push_callback(jan, card, data)
        assert tg.replies_since(tg.group, mark) == ""
        sent += 1
    assert sent >= 30
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1, 2]


def test_stale_buttons(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan, louise = p["marloes"], p["jan"], p["louise"]
    tg.send(louise, tg.dm(louise), "/ikben Louise")
    tg.send(marloes, tg.dm(marloes), "Jan: derde (ASAP)")
    undo = fake.last_bot_message(marloes["id"])
    undo_data = undo["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    tg.send(jan, tg.group, "/actie 1")
    card1 = fake.last_bot_message(GROUP_ID)
    tg.send(jan, tg.group, "/actie 3")
    card3 = fake.last_bot_message(GROUP_ID)
    # Close #1, then press the old card's buttons again.
    _, reply = tg.press(jan, card1, "Afgerond")
    assert "#1 is afgerond" in reply
    assert "was al afgerond" in press(tg, jan, card1, "a:close:1:1").get("text", "")
    assert "#1 is al afgerond" in press(tg, jan, card1, "a:claim:1:1")["text"]
    # Withdraw #3 through the undo button, then press #3's card and the undo again.
    answer, reply = tg.press(marloes, undo, "Ongedaan maken")
    assert "Ingetrokken: #3" in reply
    assert "Actie #3 bestaat niet" in press(tg, jan, card3, "a:claim:1:3")["text"]
    assert "al ongedaan gemaakt" in press(tg, marloes, undo, undo_data)["text"]
    # Someone else's card: Louise presses "Afgerond" under Jan's action.
    assert "Alleen de eigenaren van #1" in press(tg, louise, card1, "a:close:1:1")["text"]
    assert numbers(tg.send(jan, tg.group, "/acties")) == [2]


# Messages without a sender -----------------------------------------------------------------


def test_anonymous_group_admin(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    jan = p["jan"]
    anonymous = {
        "id": ANONYMOUS_ADMIN_ID,
        "is_bot": True,
        "first_name": "Group",
        "username": "GroupAnonymousBot",
    }
    group = dict(tg.group)
    for text in (
        "/claim 1",
        "/sluit 1",
        "/update 1 gedaan",
        "/nieuw Jan: nieuw (ASAP)",
        "/vervallen 2",
        "/wijzig 1 wie: Louise",
        "/mijnacties",
        "/ikben Jan",
        "/koppel verhuizen",
        "/start",
        "/leden",
        "/herinneringen uit",
    ):
        message = raw_message(fake, group, text, anonymous, sender_chat=group)
        assert ANONYMOUS in push_raw(tg, "message", message), text
    # Help is for everyone, also without a person behind it.
    help_text = push_raw(tg, "message", raw_message(fake, group, "/help", anonymous))
    assert "/mijnacties" in help_text and "Voor de secretaris" not in help_text
    # An anonymous reply to the bot's prompt stores nothing either.
    tg.send(p["marloes"], tg.group, "/nieuw")
    prompt = fake.last_bot_message(GROUP_ID)
    message = raw_message(
        fake, group, "Jan: anoniem (ASAP)", anonymous, sender_chat=group, reply_to_message=prompt
    )
    assert ANONYMOUS in push_raw(tg, "message", message)
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1, 2]
    assert "opgepakt" not in tg.send(jan, tg.group, "/acties")
    assert "Group" not in tg.send(p["marloes"], tg.group, "/leden")


def test_a_member_writing_as_a_channel(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    channel = {"id": -1007777, "type": "channel", "title": "Nieuws Nieuw-West"}
    as_channel = {"id": CHANNEL_BOT_ID, "is_bot": True, "first_name": "Channel"}
    for text in ("/claim 1", "/nieuw Jan: kanaal (ASAP)", "/mijnacties"):
        message = raw_message(fake, tg.group, text, as_channel, sender_chat=channel)
        assert ANONYMOUS in push_raw(tg, "message", message), text
    assert numbers(tg.send(p["jan"], tg.group, "/acties")) == [1, 2]


def test_channel_posts_are_ignored(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    channel = fake.group(-1008888, "Kanaal", type="channel")
    for text in ("/acties", "/claim 1", "/nieuw Jan: x (ASAP)", "Jan: kanaal (ASAP)", "/help"):
        post = raw_message(fake, channel, text, None, sender_chat=channel)
        assert push_raw(tg, "channel_post", post) == "", text
        edited = dict(post, edit_date=fake.now, text=text + " bewerkt")
        assert push_raw(tg, "edited_channel_post", edited) == "", text
    assert not [c for c in fake.calls if c.params.get("chat_id") == channel["id"]]
    assert numbers(tg.send(p["jan"], tg.group, "/acties")) == [1, 2]


# Forwarded messages -------------------------------------------------------------------------


def forwarded(
    fake: FakeTelegram, chat: dict[str, Any], text: str, by: dict[str, Any], author: Any
) -> dict[str, Any]:
    if author.get("type") == "channel":
        origin = {"type": "channel", "chat": author, "message_id": 7, "date": fake.now - 60}
    else:
        origin = {"type": "user", "sender_user": author, "date": fake.now - 60}
    return raw_message(fake, chat, text, by, forward_origin=origin)


def test_forwarded_commands_act_for_the_forwarder(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan, louise = p["marloes"], p["jan"], p["louise"]
    group = tg.group
    # A member forwards the secretary's commands: they run as the member, and are refused.
    for text, answer in [
        ("/vervallen 1 dubbel", "alleen de secretaris"),
        ("/wijzig 1 wie: Louise", "alleen de secretaris"),
        ("/nieuw Jan: doorgestuurd (ASAP)", "alleen de secretaris"),
    ]:
        assert answer in push_raw(tg, "message", forwarded(fake, group, text, jan, marloes))
    # Louise forwards Jan's "/sluit 1" (his action, not hers): refused.
    message = forwarded(fake, group, "/sluit 1", louise, jan)
    assert "Alleen de eigenaren van #1" in push_raw(tg, "message", message)
    # A member forwards the secretary's action message to the bot: nothing stored.
    message = forwarded(fake, tg.dm(jan), "Jan: doorgestuurd (ASAP)", jan, marloes)
    assert "Alleen de secretaris kan acties toevoegen" in push_raw(tg, "message", message)
    # A forward from a channel, of a command, by a member.
    channel = {"id": -1007777, "type": "channel", "title": "Nieuws"}
    message = forwarded(fake, group, "/sluit 2", jan, channel)
    assert "Alleen de eigenaren van #2" in push_raw(tg, "message", message)
    assert numbers(tg.send(jan, group, "/acties")) == [1, 2]
    # The secretary forwards a member's notes to the bot: stored once, as hers.
    message = forwarded(fake, tg.dm(marloes), "Louise: memo (eind mei)", marloes, louise)
    assert "Opgeslagen: 1 actie." in push_raw(tg, "message", message)
    assert numbers(tg.send(jan, group, "/acties")) == [1, 2, 3]


# The bot in a group nobody linked -----------------------------------------------------------


def test_bot_added_to_a_group_nobody_linked(tg: Tg, fake: FakeTelegram) -> None:
    p = start_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    for kind, chat_id in (("group", -100300), ("supergroup", -1003001)):
        other = fake.group(chat_id, "Buurtfeest", type=kind)
        for person in (marloes, jan):
            fake.set_member(other, person, "member")
        tg.sync_time()
        mark = fake.mark()
        fake.push_my_chat_member(other, jan, "member")
        fake.push_new_chat_members(other, jan, [fake.bot_user])
        assert tg.replies_since(other, mark) == ""  # joining is not a reason to talk
        for user, text, answer in [
            (jan, "/acties", NOT_LINKED),
            (jan, "/mijnacties", NOT_LINKED),
            (jan, "/claim 1", NOT_LINKED),
            (jan, "/sluit 1", NOT_LINKED),
            (jan, "/actie 1", NOT_LINKED),
            (jan, "/ikben Jan", NOT_LINKED),
            (jan, "/nieuw Jan: x (ASAP)", NOT_LINKED),
            (marloes, "/nieuw Jan: x (ASAP)", NOT_LINKED),
            (marloes, "/vervallen 1", NOT_LINKED),
            (marloes, "/leden", NOT_LINKED),
            (jan, "/koppel", "Alleen een secretaris uit de configuratie"),
            (marloes, "/koppel", "al aan een andere groep gekoppeld"),
            (jan, "/start", "/mijnacties"),
            (jan, "/team", NOT_LINKED),
        ]:
            assert answer in tg.send(user, other, text), (kind, text)
        # A reply to the bot's message there is no action list either.
        answer = fake.last_bot_message(chat_id)
        reply = tg.send(marloes, other, "Jan: via antwoord (ASAP)", reply_to=answer)
        assert NOT_LINKED in reply
        # Removed again: silence.
        tg.sync_time()
        mark = fake.mark()
        fake.push_my_chat_member(other, jan, "kicked", old_status="member")
        assert tg.replies_since(other, mark) == ""
    # The team's group and list are untouched; nobody joined the team through the other group.
    reply = tg.send(jan, tg.group, "/acties")
    assert numbers(reply) == [1, 2] and "opgepakt" not in reply
    assert "Buurtfeest" not in tg.send(marloes, tg.group, "/leden")
