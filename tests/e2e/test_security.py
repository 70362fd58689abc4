"""Security holes, end to end through the fake Bot API: nobody becomes a secretary or keeps a
member's access who should not (issue 16).

Each test plays the attack as a person would and checks both the Dutch answer and that
nothing of the team was reached or changed.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from typing import Any

import pytest

from bot import texts
from bot.config import Config
from bot.demo.fake_telegram import FakeTelegram
from bot.demo.seed_docx import build_seed_docx
from domain.model import TeamSetup
from tests.e2e.conftest import GROUP_ID, TEAM, BotThread, Tg
from tests.e2e.test_reminders import at, tick
from tests.e2e.test_story import numbers, team_people

STRANGER = "Ik ken je nog niet als lid van een team"
NOT_SECRETARY = "alleen de secretaris"
ANNE_ID = 950  # a second secretary, configured by @username, not yet seen by the bot
ID_SECRETARY = 960  # a secretary configured by Telegram id


@pytest.fixture
def cfg(cfg: Config) -> Config:
    """The team's secretaries: Marloes and Anne by @username, Evert by id."""
    team = TeamSetup(
        name=TEAM,
        secretary_usernames=frozenset({"marloes_npsnw", "anne_npsnw"}),
        secretary_ids=frozenset({ID_SECRETARY}),
    )
    return replace(cfg, teams=(team,))


def events(db_url: str, kind: str) -> list[str]:
    """The audit trail's payloads of one kind (read straight from the database file)."""
    path = db_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as conn:  # sqlite3's own `with` does not close
        rows = conn.execute("SELECT detail FROM events WHERE kind = ? ORDER BY id", (kind,))
        return [r[0] for r in rows]


def linked_team(tg: Tg) -> dict[str, dict[str, Any]]:
    """Marloes links the group and adds one action for Jan, who links his name."""
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    assert "gekoppeld" in tg.send(marloes, tg.group, "/koppel")
    assert "Opgeslagen: 1 actie." in tg.send(
        marloes, tg.dm(marloes), "Jan: data doorsturen (ASAP)"
    )
    tg.send(jan, tg.dm(jan), "/ikben Jan")
    return p


# --- 1. a released @username ------------------------------------------------------------


def test_a_released_username_makes_nobody_secretary(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    # Marloes changes her username; a stranger, not in the group, takes the old one.
    marloes = fake.user(900, "Marloes", username="marloes_nieuw", last_name="van der Meulen-Ramp")
    thief = fake.user(6666, "Mallory", username="marloes_npsnw")
    dm = tg.dm(thief)
    assert STRANGER in tg.send(thief, dm, "/start")
    for command in ("/acties", "/leden", "/vervallen 1 weg ermee", "/secretaris @jan"):
        assert STRANGER in tg.send(thief, dm, command), command
    own = fake.group(-100777, "Groep van Mallory")
    fake.set_member(own, thief, "creator")
    reply = tg.send(thief, own, "/koppel verhuizen")
    assert "Alleen een secretaris uit de configuratie" in reply
    # The team is untouched and still in its own group; the real secretary, under her new
    # username, is still its secretary.
    assert numbers(tg.send(p["jan"], tg.group, "/acties")) == [1]
    assert "Jan" in tg.send(marloes, tg.dm(marloes), "/leden")
    assert not any("verhuisd" in t for t in fake.sent_texts(GROUP_ID))


def test_the_new_holder_of_a_username_in_the_group_is_only_a_member(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = linked_team(tg)
    fake.user(900, "Marloes", username="marloes_nieuw", last_name="van der Meulen-Ramp")
    thief = tg.person("thief", 6666, "Mallory", username="marloes_npsnw")  # in the group
    assert NOT_SECRETARY in tg.send(thief, tg.group, "/vervallen 1")
    assert NOT_SECRETARY in tg.send(thief, tg.dm(thief), "/leden")
    assert numbers(tg.send(p["jan"], tg.group, "/acties")) == [1]


def test_a_configured_username_is_pinned_only_in_the_team_group(
    tg: Tg, fake: FakeTelegram, db_url: str
) -> None:
    linked_team(tg)
    # Someone calling themselves @anne_npsnw, not in the group, writes privately first.
    impostor = tg.person("impostor", 6667, "Anne", username="anne_npsnw", in_group=False)
    assert STRANGER in tg.send(impostor, tg.dm(impostor), "/start")
    assert STRANGER in tg.send(impostor, tg.dm(impostor), "/leden")
    # The real Anne writes in the team's group: from then on @anne_npsnw is her account.
    anne = tg.person("anne", ANNE_ID, "Anne", "Wilbers", "anne_npsnw")
    tg.send(anne, tg.group, "/help")
    assert "Jan" in tg.send(anne, tg.dm(anne), "/leden")
    [pinned] = [e for e in events(db_url, "secretary_pinned") if "anne_npsnw" in e]
    assert f'"telegram_id": {ANNE_ID}' in pinned and '"username": "anne_npsnw"' in pinned
    # She keeps the role under a new username; the old one now means nobody.
    anne = fake.user(ANNE_ID, "Anne", username="anne_wilbers", last_name="Wilbers")
    assert "Jan" in tg.send(anne, tg.dm(anne), "/leden")
    later = tg.person("later", 6668, "Anne", username="anne_npsnw")
    assert NOT_SECRETARY in tg.send(later, tg.group, "/leden")


def test_a_username_is_secretary_provisionally_only_until_the_group_is_linked(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    # Before any group: the holder of a configured username may start privately.
    impostor = tg.person("impostor", 6667, "Anne", username="anne_npsnw", in_group=False)
    assert "Opgeslagen: 1 actie." in tg.send(
        impostor, tg.dm(impostor), "Jan: data doorsturen (ASAP)"
    )
    assert "gekoppeld" in tg.send(marloes, tg.group, "/koppel")
    # Now the team has a group and @anne_npsnw was never seen there: that account is nobody.
    for command in ("/acties", "/leden", "/vervallen 1"):
        assert STRANGER in tg.send(impostor, tg.dm(impostor), command), command
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1]


# --- moving the team and appointing secretaries ----------------------------------------


def test_moving_the_team_needs_confirmation_in_its_current_group(
    tg: Tg, fake: FakeTelegram
) -> None:
    p = linked_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    new_group = fake.group(-100666, "OT Wonen (nieuw)")
    fake.set_member(new_group, marloes, "member")
    mark = fake.mark()
    reply = tg.send(marloes, new_group, "/koppel verhuizen")
    assert "bevestig" in reply.lower() and "huidige groep" in reply
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1]  # nothing moved yet
    [confirm] = [
        m
        for m in fake.messages(GROUP_ID)
        if m.get("reply_markup") and "verhuizen" in m.get("text", "")
    ]
    assert any("verhuizen" in t for t in fake.sent_texts(GROUP_ID, after=mark))
    answer, _ = tg.press(jan, confirm, texts.BTN_MOVE_CONFIRM)
    assert "secretaris" in answer
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1]
    mark = fake.mark()
    answer, reply = tg.press(marloes, confirm, texts.BTN_MOVE_CONFIRM)
    assert "verhuisd" in reply
    assert any("gekoppeld" in t for t in fake.sent_texts(-100666, after=mark))
    assert numbers(tg.send(jan, new_group, "/acties")) == [1]
    assert "nog niet aan een opgaveteam gekoppeld" in tg.send(jan, tg.group, "/acties")


def test_moving_can_be_refused_in_the_current_group(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    marloes = p["marloes"]
    new_group = fake.group(-100666, "OT Wonen (nieuw)")
    tg.send(marloes, new_group, "/koppel verhuizen")
    [confirm] = [m for m in fake.messages(GROUP_ID) if m.get("reply_markup")][-1:]
    _, reply = tg.press(marloes, confirm, texts.BTN_MOVE_REFUSE)
    assert "blijft" in reply
    assert numbers(tg.send(p["jan"], tg.group, "/acties")) == [1]


def test_a_move_asks_nothing_of_a_current_group_the_bot_left(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    fake.set_member(tg.group, fake.bot_user, "kicked")  # the bot was removed from it
    new_group = fake.group(-100666, "OT Wonen (nieuw)")
    reply = tg.send(p["marloes"], new_group, "/koppel verhuizen")
    assert "niet bereiken" in reply and "niets verhuisd" in reply
    assert "nog niet aan een opgaveteam gekoppeld" in tg.send(p["jan"], new_group, "/acties")


def test_a_secretary_configured_by_id_moves_the_team_at_once(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    evert = tg.person("evert", ID_SECRETARY, "Evert", "Bartlema")
    new_group = fake.group(-100666, "OT Wonen (nieuw)")
    assert "gekoppeld aan" in tg.send(evert, new_group, "/koppel verhuizen")
    assert numbers(tg.send(p["jan"], new_group, "/acties")) == [1]


def test_appointing_a_secretary_needs_a_secretary_in_the_group(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    marloes, louise, jan = p["marloes"], p["louise"], p["jan"]
    message = fake.push_message(tg.group, louise, "ik doe het wel")
    tg.bot.settle(fake)
    assert "secretaris" in tg.send(marloes, tg.group, "/secretaris", reply_to=message)
    assert "Jan" in tg.send(louise, tg.dm(louise), "/leden")
    # Louise leaves the group without a service message the bot could see (a large
    # supergroup): privately she can no longer appoint anyone, nor read the member list.
    fake.set_member(tg.group, louise, "left")
    tg.clock.advance(minutes=5)
    assert STRANGER in tg.send(louise, tg.dm(louise), "/secretaris Jan")
    assert STRANGER in tg.send(louise, tg.dm(louise), "/leden")
    # Back in the group she is a member again, but no longer secretary.
    fake.push_new_chat_members(tg.group, marloes, [louise])
    tg.bot.settle(fake)
    assert NOT_SECRETARY in tg.send(louise, tg.dm(louise), "/leden")
    assert NOT_SECRETARY in tg.send(jan, tg.dm(jan), "/leden")


# --- 2. a banned or removed member -------------------------------------------------------


def _ban_by_chat_member(tg: Tg, fake: FakeTelegram, p: dict[str, Any]) -> None:
    fake.set_member(tg.group, fake.bot_user, "administrator")
    assert fake.push_chat_member(tg.group, p["marloes"], p["jan"], "kicked") is not None


def _ban_by_service_message(tg: Tg, fake: FakeTelegram, p: dict[str, Any]) -> None:
    fake.push_left_chat_member(tg.group, p["marloes"], p["jan"], banned=True)


def _leaves_himself(tg: Tg, fake: FakeTelegram, p: dict[str, Any]) -> None:
    fake.push_left_chat_member(tg.group, p["jan"], p["jan"])


def _removed_silently(tg: Tg, fake: FakeTelegram, p: dict[str, Any]) -> None:
    # No update reaches the bot (it is no admin; the group hides join/leave messages):
    # the next private request after the membership cache expires asks Telegram.
    assert fake.push_chat_member(tg.group, p["marloes"], p["jan"], "kicked") is None
    tg.clock.advance(minutes=5)


@pytest.mark.parametrize(
    "remove",
    [_ban_by_chat_member, _ban_by_service_message, _leaves_himself, _removed_silently],
    ids=["chat_member-kicked", "left_chat_member-banned", "left-himself", "silent"],
)
def test_a_removed_member_keeps_no_access_privately(
    tg: Tg, fake: FakeTelegram, db_url: str, remove: Any
) -> None:
    p = linked_team(tg)
    jan = p["jan"]
    dm = tg.dm(jan)
    assert numbers(tg.send(jan, dm, "/mijnacties")) == [1]
    remove(tg, fake, p)
    tg.bot.settle(fake)
    mark = fake.mark()
    for command in (
        "/acties",
        "/mijnacties",
        "/actie 1",
        "/update 1 bijna klaar",
        "/sluit 1",
        "/actielijst csv",
        "/agenda_ics",
    ):
        assert STRANGER in tg.send(jan, dm, command), command
    assert fake.sent_files(jan["id"], after=mark) == []
    action = tg.send(p["marloes"], tg.group, "/actie 1")
    assert "bijna klaar" not in action and "afgerond" not in action
    assert events(db_url, "member_left"), "the audit trail records the departure"


def test_the_audit_trail_says_how_a_member_left(tg: Tg, fake: FakeTelegram, db_url: str) -> None:
    p = linked_team(tg)
    _ban_by_chat_member(tg, fake, p)
    tg.bot.settle(fake)
    [left] = events(db_url, "member_left")
    assert '"status": "kicked"' in left and '"via": "chat_member"' in left


# --- 3. reminders to people who left ------------------------------------------------------


def test_reminders_of_a_member_who_left_go_to_the_secretary(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    p = linked_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.dm(marloes), "/start")
    fake.push_left_chat_member(tg.group, jan, jan)
    tg.bot.settle(fake)
    tick(tg, running, at("2027-03-23", "09:00"))
    to_jan = fake.sent_texts(jan["id"])
    assert not any("data doorsturen" in t for t in to_jan)
    to_group = fake.sent_texts(GROUP_ID)
    assert not any("Herinnering" in t for t in to_group)
    reminder = [t for t in fake.sent_texts(marloes["id"]) if "Herinnering" in t]
    assert reminder and "data doorsturen" in reminder[-1]
    assert "heeft de groep verlaten" in reminder[-1] and "Jan" in reminder[-1]


def test_a_reminder_planned_before_the_owner_left_is_not_sent_to_them(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    p = linked_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.dm(marloes), "/start")
    # Planned outside the send window (evening): it waits in the outbox for the morning.
    tick(tg, running, at("2027-03-23", "08:00"))
    fake.push_left_chat_member(tg.group, jan, jan)
    tg.bot.settle(fake)
    tick(tg, running, at("2027-03-23", "09:00"))
    assert not any("data doorsturen" in t for t in fake.sent_texts(jan["id"]))
    reminder = [t for t in fake.sent_texts(marloes["id"]) if "Herinnering" in t]
    assert reminder and "heeft de groep verlaten" in reminder[-1]


def test_a_member_removed_silently_gets_no_reminder(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    p = linked_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.dm(marloes), "/start")
    assert fake.push_chat_member(tg.group, marloes, jan, "kicked") is None  # no update
    tick(tg, running, at("2027-03-23", "09:00"))
    assert not any("data doorsturen" in t for t in fake.sent_texts(jan["id"]))
    tick(tg, running, at("2027-03-23", "09:01"))
    reminder = [t for t in fake.sent_texts(marloes["id"]) if "Herinnering" in t]
    assert reminder and "heeft de groep verlaten" in reminder[-1]
    assert not any("data doorsturen" in t for t in fake.sent_texts(jan["id"]))


def test_the_buttons_of_an_old_reminder_stop_working_for_who_left(
    tg: Tg, fake: FakeTelegram, running: BotThread
) -> None:
    p = linked_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tick(tg, running, at("2027-03-23", "09:00"))
    reminder = next(
        m
        for m in fake.messages(jan["id"])
        if "data doorsturen" in m.get("text", "") and m.get("reply_markup")
    )
    fake.push_left_chat_member(tg.group, marloes, jan, banned=True)
    tg.bot.settle(fake)
    answer, _ = tg.press(jan, reminder, "✅ #1")
    assert "Ik ken je nog niet" in answer
    assert "afgerond" not in tg.send(marloes, tg.group, "/actie 1")


# --- 4. documents from strangers ---------------------------------------------------------


def test_a_strangers_document_is_never_downloaded(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    stranger, jan = p["stranger"], p["jan"]
    for who, expected in ((stranger, STRANGER), (jan, NOT_SECRETARY)):
        tg.sync_time()
        mark = fake.mark()
        fake.push_document(tg.dm(who), who, build_seed_docx(), "actielijst.docx")
        assert expected in tg.replies_since(tg.dm(who), mark)
        assert fake.calls_of("getFile", after=mark) == []
    # A file that is no Word document is refused the same way, before its name is judged.
    tg.sync_time()
    mark = fake.mark()
    fake.push_document(tg.dm(stranger), stranger, b"%PDF-1.4", "lijst.pdf")
    assert STRANGER in tg.replies_since(tg.dm(stranger), mark)


# --- buttons pressed by someone they were not meant for ------------------------------------


def test_undo_is_only_for_who_added_the_actions(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    marloes, jan, louise = p["marloes"], p["jan"], p["louise"]
    message = fake.push_message(tg.group, louise, "hoi")
    tg.bot.settle(fake)
    tg.send(marloes, tg.group, "/secretaris", reply_to=message)
    tg.send(marloes, tg.group, "/nieuw Jan: memo delen (ASAP)")
    card = fake.last_bot_message(GROUP_ID)
    answer, _ = tg.press(jan, card, texts.BTN_UNDO)
    assert "secretaris" in answer
    answer, _ = tg.press(louise, card, texts.BTN_UNDO)
    assert "wie de acties toevoegde" in answer
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1, 2]
    answer, _ = tg.press(marloes, card, texts.BTN_UNDO)
    assert numbers(tg.send(jan, tg.group, "/acties")) == [1]


def test_import_confirm_is_only_for_who_sent_the_file(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    marloes, louise = p["marloes"], p["louise"]
    message = fake.push_message(tg.group, louise, "hoi")
    tg.bot.settle(fake)
    tg.send(marloes, tg.group, "/secretaris", reply_to=message)
    tg.sync_time()
    mark = fake.mark()
    fake.push_document(tg.group, marloes, build_seed_docx(), "lijst.docx", caption="/import")
    assert "15 nieuw" in tg.replies_since(tg.group, mark)
    preview = fake.last_bot_message(GROUP_ID)
    for who in (p["jan"], louise):
        answer, _ = tg.press(who, preview, texts.BTN_IMPORT)
        assert "wie het bestand stuurde" in answer
    assert numbers(tg.send(marloes, tg.group, "/acties")) == [1]
    _, reply = tg.press(marloes, preview, texts.BTN_IMPORT)
    assert "Geïmporteerd" in reply or "geïmporteerd" in reply


def test_a_member_cannot_redirect_a_cancelled_meeting(tg: Tg, fake: FakeTelegram) -> None:
    p = linked_team(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/ot 22 april 14:00")
    tg.send(marloes, tg.group, "/ot 28 mei 14:00")
    tg.send(marloes, tg.group, "/ot 24 juni 14:00")
    tg.send(marloes, tg.dm(marloes), "Jan: voedselpark agenderen (OT 22 april)")
    tg.send(marloes, tg.group, "/ot annuleer 22 april")
    message = fake.last_bot_message(GROUP_ID)
    answer, _ = tg.press(jan, message, "Naar OT do 24 jun 2027 14:00")
    assert NOT_SECRETARY in answer.lower()
    assert "OT vr 28 mei 2027" in tg.send(jan, tg.group, "/actie 2")


def test_export_file_names_are_safe_whatever_the_team_is_called(
    fake: FakeTelegram, clock: Any, db_url: str, cfg: Config, bot_errors: Any
) -> None:
    hostile = '../../etc/"OT"\nWonen / Leefomgeving 🏠'
    team = TeamSetup(name=hostile, secretary_ids=frozenset({ID_SECRETARY}))
    thread = BotThread(replace(cfg, teams=(team,)), clock)
    thread.start()
    try:
        fake.wait_for_call("getUpdates")
        group = fake.group(GROUP_ID, "OT")
        tg = Tg(fake, clock, group, thread)
        evert = tg.person("evert", ID_SECRETARY, "Evert")
        tg.send(evert, group, "/koppel")
        for command in ("/actielijst", "/actielijst csv", "/agenda_ics"):
            mark = fake.mark()
            tg.send(evert, group, command)
            [sent] = fake.sent_files(GROUP_ID, after=mark)
            assert "/" not in sent.filename and "\n" not in sent.filename
            assert not sent.filename.startswith(".") and sent.filename.isascii()
            assert "wonen-leefomgeving" in sent.filename, sent.filename
    finally:
        thread.stop()


def test_the_membership_cache_is_brief(tg: Tg, fake: FakeTelegram) -> None:
    """Within a minute the bot does not ask Telegram again; after it, it does."""
    p = linked_team(tg)
    jan = p["jan"]
    dm = tg.dm(jan)
    tg.clock.advance(minutes=5)
    mark = fake.mark()
    tg.send(jan, dm, "/mijnacties")
    assert len(fake.calls_of("getChatMember", after=mark)) == 1
    mark = fake.mark()
    tg.clock.advance(seconds=30)
    tg.send(jan, dm, "/mijnacties")
    assert fake.calls_of("getChatMember", after=mark) == []
    tg.clock.advance(minutes=2)
    tg.send(jan, dm, "/mijnacties")
    assert len(fake.calls_of("getChatMember", after=mark)) == 1
