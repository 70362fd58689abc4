"""The seed's story through Telegram's HTTP API: link, add 15 rows, members act on them."""

from __future__ import annotations

import re
from typing import Any

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, Tg
from tests.seed import seed_blocks


def numbers(text: str) -> list[int]:
    """Return the action numbers in a list reply, in order."""
    return [int(n) for n in re.findall(r"#(\d+) ", text)]


def team_people(tg: Tg) -> dict[str, dict[str, Any]]:
    return {
        "marloes": tg.person("marloes", 900, "Marloes", "van der Meulen-Ramp", "marloes_npsnw"),
        "jan": tg.person("jan", 901, "Jan", "van de Borden"),
        "louise": tg.person("louise", 902, "Louise", "de Rooij"),
        "danillo": tg.person("danillo", 903, "Danillo", "Janssen"),
        "nabila": tg.person("nabila", 904, "Nabila", "Bouabbouz"),
        "karin": tg.person("karin", 905, "Karin", "Verdooren"),
        "stranger": tg.person("stranger", 999, "Onbekend", in_group=False),
    }


def add_seed(tg: Tg, marloes: dict[str, Any]) -> None:
    """The secretary adds the 15 rows in three messages, three ways."""
    blocks = seed_blocks()
    dm = tg.dm(marloes)
    # 1. Rows 1-5 in a private chat.
    reply = tg.send(marloes, dm, "\n\n".join(blocks[:5]))
    assert "Opgeslagen: 5 acties." in reply
    # 2. Rows 6-10 with /nieuw in the group (row 9 is the Calland lyceum decision).
    reply = tg.send(marloes, tg.group, "/nieuw\n" + "\n\n".join(blocks[5:10]))
    assert "Opgeslagen: 4 acties en 1 besluit." in reply
    # 3. Rows 11-15 as a reply to the bot's /nieuw prompt in the group.
    prompt_text = tg.send(marloes, tg.group, "/nieuw")
    assert "Stuur de acties als antwoord op dit bericht" in prompt_text
    prompt = tg.fake.last_bot_message(GROUP_ID)
    reply = tg.send(marloes, tg.group, "\n\n".join(blocks[10:]), reply_to=prompt)
    assert "Opgeslagen: 5 acties." in reply


def join(tg: Tg, user: dict[str, Any], name: str) -> str:
    """A member presses Start from the group's deep link, then links their name."""
    welcome = tg.send(user, tg.dm(user), "/start t1")
    assert "Welkom" in welcome
    return tg.send(user, tg.dm(user), f"/ikben {name}")


def test_seed_story(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan, louise, danillo = p["marloes"], p["jan"], p["louise"], p["danillo"]

    # The secretary links the group; the bot gives members a deep link to press Start.
    reply = tg.send(marloes, tg.group, "/koppel")
    assert "gekoppeld aan OT Wonen en Leefomgeving" in reply
    sent = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == GROUP_ID][-1]
    sent = sent.params["text"]
    assert 'href="https://t.me/ot_actie_bot?start=t1"' in sent

    add_seed(tg, marloes)
    listing = tg.send(marloes, tg.group, "/acties")
    assert "Open acties (14)" in listing
    assert sorted(numbers(listing)) == [n for n in range(1, 16) if n != 9]

    # Members link themselves to the first names the list uses.
    assert "Gekoppeld: jij bent Jan" in join(tg, jan, "Jan")
    assert "Gekoppeld: jij bent Louise" in join(tg, louise, "louise")
    assert "Gekoppeld: jij bent Danillo" in join(tg, danillo, "Danillo")
    assert "Gekoppeld: jij bent Nabila" in join(tg, p["nabila"], "Nabila")
    assert "nog geen acties" in join(tg, p["karin"], "Karin")
    tg.send(marloes, tg.dm(marloes), "/ikben Marloes")

    # /mijnacties shows each person exactly theirs, most urgent first.
    def mine(user: dict[str, Any]) -> list[int]:
        return numbers(tg.send(user, tg.dm(user), "/mijnacties"))

    # Own actions first; then those of the whole team (OT, Partners NPSNW).
    team_wide = [10, 5, 14]
    assert mine(jan) == [6, 15, *team_wide]
    assert mine(louise) == [8, *team_wide]
    assert mine(danillo) == [1, *team_wide]
    assert mine(p["nabila"]) == [11, *team_wide]
    karin = tg.send(p["karin"], tg.dm(p["karin"]), "/mijnacties")
    assert "geen eigen open acties" in karin and numbers(karin) == team_wide
    # Marloes: the OT of 24 April, then 30 April ("April"), then ASAP.
    assert mine(marloes) == [3, 12, 1, 2, 4, 7, 13, *team_wide]
    reply = tg.send(marloes, tg.dm(marloes), "/mijnacties")
    assert "April → vr 30 apr 2027" in reply
    assert "OT 24 april → OT za 24 apr 2027" in reply

    # Strangers are refused politely, and nothing about them is stored.
    reply = tg.send(p["stranger"], tg.dm(p["stranger"]), "/mijnacties")
    assert "Ik ken je nog niet als lid" in reply
    reply = tg.send(p["stranger"], tg.dm(p["stranger"]), "/start")
    assert "Ik ken je nog niet als lid" in reply

    # Claim, update, close, reopen.
    assert "jij pakt #6 op" in tg.send(jan, tg.dm(jan), "/claim 6")
    assert "Update bij #6 opgeslagen" in tg.send(
        jan, tg.dm(jan), "/update 6 Data rondleidingen staan in de mail"
    )
    assert "#6 is afgerond" in tg.send(jan, tg.group, "/sluit 6 iedereen heeft de data")
    assert mine(jan) == [15, *team_wide]
    detail = tg.send(jan, tg.dm(jan), "/actie 6")
    assert "afgerond door Jan" in detail
    assert "Data rondleidingen staan in de mail" in detail
    assert "iedereen heeft de data" in detail
    assert "#6 is weer open" in tg.send(jan, tg.dm(jan), "/heropen 6")
    assert mine(jan) == [6, 15, *team_wide]

    # Permission refusals.
    assert "Alleen de eigenaren van #8" in tg.send(jan, tg.group, "/sluit 8")
    assert "alleen de secretaris" in tg.send(jan, tg.group, "/wijzig 8 wanneer: mei")
    assert "alleen de secretaris" in tg.send(jan, tg.group, "/vervallen 8")
    assert "Alleen de secretaris kan acties toevoegen" in tg.send(
        jan, tg.dm(jan), "Jan: iets nieuws (ASAP)"
    )
    assert "Open acties (14)" in tg.send(marloes, tg.group, "/acties")

    # Louise claims an action through its button and closes it through another.
    tg.send(louise, tg.dm(louise), "/actie 8")
    card = fake.last_bot_message(louise["id"])
    answer, reply = tg.press(louise, card, "Afgerond")
    assert "#8 is afgerond" in reply

    # The secretary edits a deadline and cancels an action.
    reply = tg.send(marloes, tg.group, "/wijzig 15 wanneer: eind mei")
    assert "eind mei → ma 31 mei 2027" in reply
    assert "#14 is vervallen" in tg.send(marloes, tg.group, "/vervallen 14 dubbel met #5")
    assert mine(jan) == [15, 6, 10, 5]


def test_undo_and_bad_input(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(marloes)

    # A message with one unreadable line is refused whole, with the line and the reason.
    reply = tg.send(marloes, dm, "Jan: data doorsturen (ASAP)\n\nActie: evalueren\nWanner: mei")
    assert "niets opgeslagen" in reply
    assert "Regel 4" in reply and "dit veld ken ik niet" in reply
    assert "Geen open acties" in tg.send(marloes, tg.group, "/acties")

    # Undo withdraws exactly what one message added.
    tg.send(marloes, dm, "Jan: data doorsturen (ASAP)\nLouise: memo delen (eind april)")
    confirmation = fake.last_bot_message(marloes["id"])
    answer, reply = tg.press(marloes, confirmation, "Ongedaan maken")
    assert "Ingetrokken: #1, #2" in reply
    assert "Geen open acties" in tg.send(marloes, tg.group, "/acties")
    # The undo button is gone; pressing an old undo again changes nothing.
    assert fake.message(marloes["id"], confirmation["message_id"]).get("reply_markup") is None
    # Numbers are never reused.
    assert "#3" in tg.send(marloes, dm, "Jan: opnieuw (ASAP)")

    # Undo is refused once someone acted on the action.
    tg.send(jan, tg.group, "/claim 3")
    confirmation = fake.last_bot_message(marloes["id"])
    answer, _ = tg.press(marloes, confirmation, "Ongedaan maken")
    assert "kan niet meer" in answer

    # Bad commands get clear Dutch answers.
    assert "Gebruik: /claim N" in tg.send(jan, tg.group, "/claim")
    assert "geldig actienummer ‘abc’" in tg.send(jan, tg.group, "/claim abc")
    assert "Actie #77 bestaat niet" in tg.send(jan, tg.group, "/actie 77")
    assert "Er ontbreekt tekst" in tg.send(jan, tg.group, "/update 3")


def test_edited_commands_do_not_run_twice(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: een (ASAP)\nJan: twee (ASAP)")
    assert "Gekoppeld: jij bent Jan" in tg.send(jan, tg.group, "/ikben Jan")
    mark = fake.mark()
    original = fake.push_message(tg.group, jan, "/sluit 1")
    assert "#1 is afgerond" in tg.replies_since(tg.group, mark)
    # Jan edits "/sluit 1" into "/sluit 2": Telegram re-sends it; the bot must ignore it.
    fake.push_edited_message(original, "/sluit 2")
    listing = tg.send(jan, tg.group, "/acties")  # a barrier: handled after the edit
    assert numbers(listing) == [2]


def test_group_unknown_and_anonymous(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    # A group nobody linked.
    other = fake.group(-100777, "Andere groep")
    fake.set_member(other, p["jan"], "member")
    assert "nog niet aan een opgaveteam gekoppeld" in tg.send(p["jan"], other, "/acties")
    # /koppel by someone who is not a configured secretary.
    assert "Alleen een secretaris uit de configuratie" in tg.send(p["jan"], other, "/koppel")


def test_update_button_asks_for_a_reply(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)")
    tg.send(jan, tg.dm(jan), "/ikben Jan")
    tg.send(jan, tg.dm(jan), "/actie 1")
    card = fake.last_bot_message(jan["id"])
    _, prompt_text = tg.press(jan, card, "Update geven")
    assert "Update voor #1" in prompt_text
    prompt = fake.last_bot_message(jan["id"])
    prompt_call = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == jan["id"]][-1]
    assert prompt_call.params["reply_markup"]["force_reply"] is True
    reply = tg.send(jan, tg.dm(jan), "Mail is verstuurd naar alle partners", reply_to=prompt)
    assert "Update bij #1 opgeslagen" in reply
    assert "Mail is verstuurd naar alle partners" in tg.send(jan, tg.dm(jan), "/actie 1")
    # The claim button makes Jan the confirmed owner.
    _, reply = tg.press(jan, fake.last_bot_message(jan["id"]), "Ik pak het op")
    assert "jij pakt #1 op" in reply


def test_long_team_lists_come_a_page_at_a_time(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "\n".join(f"Jan: actie {i} (ASAP)" for i in range(1, 46)))
    first = tg.send(marloes, tg.group, "/acties")
    assert "Open acties (45) · blad 1 van 2" in first and "/acties 2" in first
    assert numbers(first) == list(range(1, 31))
    assert numbers(tg.send(marloes, tg.group, "/acties 2")) == list(range(31, 46))
