"""Behaviour a reviewer asked for: isolation between teams, no silent moves, edits answered."""

from __future__ import annotations

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, Tg
from tests.e2e.test_story import numbers, team_people


def test_mijnacties_in_a_group_shows_only_that_groups_team(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    tg.send(p["marloes"], tg.group, "/koppel")
    tg.send(p["marloes"], tg.dm(p["marloes"]), "Jan: data doorsturen (ASAP)")
    tg.send(p["jan"], tg.dm(p["jan"]), "/ikben Jan")
    football = fake.group(-100555, "Voetbalclub")
    fake.set_member(football, p["jan"], "member")
    reply = tg.send(p["jan"], football, "/mijnacties")
    assert "nog niet aan een opgaveteam gekoppeld" in reply and "#1" not in reply
    reply = tg.send(p["jan"], football, "/team")
    assert "OT Wonen" not in reply


def test_koppel_never_moves_a_team_silently(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)")
    new_group = fake.group(-100666, "OT Wonen (nieuw)")
    reply = tg.send(marloes, new_group, "/koppel")
    assert "al aan een andere groep gekoppeld" in reply and "/koppel verhuizen" in reply
    assert numbers(tg.send(p["jan"], tg.group, "/acties")) == [1]  # still the team's group
    # Marloes is configured by @username: the move waits for a secretary in the current group.
    assert "Bevestig de verhuizing" in tg.send(marloes, new_group, "/koppel verhuizen")
    question = fake.last_bot_message(GROUP_ID)
    assert numbers(tg.send(p["jan"], tg.group, "/acties")) == [1]
    mark = fake.mark()
    _, reply = tg.press(marloes, question, "✅ Verhuizen")
    assert "is verhuisd" in reply
    assert any("gekoppeld aan" in t for t in fake.sent_texts(-100666, after=mark))
    assert numbers(tg.send(p["jan"], new_group, "/acties")) == [1]


def test_edits_are_answered_not_ignored_silently(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(marloes)
    tg.sync_time()
    mark = fake.mark()
    original = fake.push_message(dm, marloes, "Aanwezig: Jan, Piet")
    assert "niets" in tg.replies_since(dm, mark)
    mark = fake.mark()
    fake.push_edited_message(original, "Jan: data doorsturen (ASAP)")
    assert "Een bewerkt bericht verwerk ik niet" in tg.replies_since(dm, mark)
    assert "Geen open acties" in tg.send(marloes, tg.group, "/acties")


def test_secretary_reply_to_a_bot_message_in_the_group_adds_actions(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(jan, tg.group, "/acties")
    listing = fake.last_bot_message(GROUP_ID)
    reply = tg.send(marloes, tg.group, "Jan: blije doos uitwerken (ASAP)", reply_to=listing)
    assert "Opgeslagen: 1 actie." in reply
    # A member's reply to the bot gets a pointer, not silence, and stores nothing.
    reply = tg.send(jan, tg.group, "top, dank!", reply_to=listing)
    assert "Alleen de secretaris kan acties toevoegen" in reply
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1]


def test_a_redelivered_message_is_not_added_twice(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes = p["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(marloes)
    tg.sync_time()
    mark = fake.mark()
    message = fake.push_message(dm, marloes, "Jan: data doorsturen (ASAP)")
    assert "#1" in tg.replies_since(dm, mark)
    # Telegram delivers the same message again (the bot crashed before confirming it).
    mark = fake.mark()
    fake.push_update({"message": message})
    again = tg.replies_since(dm, mark)
    assert "Opgeslagen: 1 actie." in again and "#2" not in again
    assert numbers(tg.send(marloes, tg.group, "/acties")) == [1]


def test_decisions_cannot_be_claimed(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    tg.send(p["marloes"], tg.group, "/koppel")
    tg.send(p["marloes"], tg.dm(p["marloes"]), "OT: Besluit: actielijn Calland geaccordeerd")
    assert "is een besluit" in tg.send(p["jan"], tg.group, "/claim 1")


def test_full_name_owner_is_the_member_seen_in_the_group(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, louise = p["marloes"], p["louise"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(louise, tg.group, "/help")  # Louise de Rooij writes in the group
    tg.send(louise, tg.dm(louise), "/start")
    tg.send(marloes, tg.dm(marloes), "Louise de Rooij: memo delen (eind april)")
    assert numbers(tg.send(louise, tg.dm(louise), "/mijnacties")) == [1]
    assert tg.send(marloes, tg.group, "/leden").count("Louise") == 1
