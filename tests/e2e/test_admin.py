"""Secretary and group management through Telegram: menu, members, secretaries, migration."""

from __future__ import annotations

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, Tg
from tests.e2e.test_story import numbers, team_people


def test_command_menu_is_set_for_every_scope_and_dutch(tg: Tg, fake: FakeTelegram) -> None:
    for scope in (None, "all_group_chats"):
        for language in ("", "nl"):
            names = [c["command"] for c in fake.commands(scope, language)]
            assert {"mijnacties", "acties", "claim", "sluit", "update", "help"} <= set(names)
    assert "nieuw" in [c["command"] for c in fake.commands("all_group_chats", "nl")]
    assert "nieuw" not in [c["command"] for c in fake.commands(None, "")]


def test_members_secretaries_and_linking_by_the_secretary(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan, louise = p["marloes"], p["jan"], p["louise"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Louise: gesprek bewoners (ASAP)\nOT: evalueren (Ot 28 mei)")

    # Members may not see the member list or appoint secretaries.
    assert "alleen de secretaris" in tg.send(jan, tg.group, "/leden")
    hello = fake.push_message(tg.group, louise, "/help")
    assert "alleen de secretaris" in tg.send(jan, tg.group, "/secretaris", reply_to=hello)

    # The secretary links Louise to the name in the list by replying to her message.
    assert "gekoppeld aan Telegram" in tg.send(marloes, tg.group, "/lid Louise", reply_to=hello)
    # Her own action, and the one of the whole OT.
    assert numbers(tg.send(louise, tg.dm(louise), "/mijnacties")) == [1, 2]
    members = tg.send(marloes, tg.group, "/leden")
    assert "Louise – nog niet op Start gedrukt" not in members  # she wrote to the bot privately
    assert "OT – groep" in members
    assert "Marloes van der Meulen-Ramp – secretaris" in members
    assert "Jan" in members

    # Appointing a secretary by replying to their message; they can then add actions.
    assert "Louise is nu secretaris" in tg.send(marloes, tg.group, "/secretaris", reply_to=hello)
    assert "Opgeslagen: 1 actie." in tg.send(louise, tg.dm(louise), "Jan: stukken delen (vrijdag)")

    # /secretaris and /lid without target explain themselves.
    assert "Gebruik: antwoord met /secretaris" in tg.send(marloes, tg.group, "/secretaris")
    assert "Gebruik: /lid Naam" in tg.send(marloes, tg.group, "/lid")


def test_group_upgrade_to_supergroup_is_followed(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)")
    tg.sync_time()
    mark = fake.mark()
    supergroup = fake.migrate_group(tg.group, -1009999, marloes)
    tg.replies_since(supergroup, mark)
    assert numbers(tg.send(p["jan"], supergroup, "/acties")) == [1]
    # The old id no longer belongs to the team.
    assert "#1" not in tg.send(marloes, tg.dm(marloes), "/team")


def test_new_members_of_the_group_become_members(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    tg.send(p["marloes"], tg.group, "/koppel")
    newcomer = fake.user(950, "Evert", last_name="Bartlema")
    mark = fake.mark()
    fake.push_new_chat_members(tg.group, p["marloes"], [newcomer])
    tg.replies_since(tg.group, mark)
    assert "Welkom, Evert" in tg.send(newcomer, tg.dm(newcomer), "/start")


def test_anonymous_admin_and_tampered_buttons(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)")
    # An anonymous group admin writes as the group itself ("GroupAnonymousBot").
    anonymous = fake.user(1087968824, "Group", username="GroupAnonymousBot", is_bot=True)
    reply = tg.send(anonymous, tg.group, "/sluit 1")
    assert "Ik kan niet zien wie je bent" in reply
    # Tampered or stale callback data never changes anything.
    tg.send(jan, tg.group, "/actie 1")
    card = fake.last_bot_message(GROUP_ID)
    for data in ("a:close:1:abc", "a:drop:1:1", "a:close:2:1", "u:1:zzz", "garbage"):
        tg.sync_time()
        mark = fake.mark()
        query = fake.push_callback(jan, card, data)
        tg.replies_since(tg.group, mark)
        answer = fake.callback_answer(query)
        assert answer is not None and answer.get("show_alert") is True, data
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1]
