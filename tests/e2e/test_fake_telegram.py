"""Self-test of the fake Bot API server, driven by python-telegram-bot's own Bot class."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time
from collections.abc import Awaitable, Callable, Iterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    ChatMemberAdministrator,
    ChatMemberLeft,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.demo.fake_telegram import BOT_ID, FakeTelegram, UploadedFile, html_to_plain

ALICE_ID = 1001
GROUP_ID = -4001


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server
        # Every test must only use methods the fake knows, unless it checks that on purpose.
        if not getattr(server, "unknown_expected", False):
            server.assert_no_unknown_calls()


def run_with_bot(
    fake: FakeTelegram,
    scenario: Callable[[Bot], Awaitable[object]],
    token: str | None = None,
) -> object:
    async def main() -> object:
        bot = Bot(token or fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)
        async with bot:
            return await scenario(bot)

    return asyncio.run(main())


def started_alice(fake: FakeTelegram) -> dict:
    alice = fake.user(ALICE_ID, "Alice", username="alice_ot")
    fake.push_message(fake.private_chat(alice), alice, "/start")
    return alice


def seconds(value: int | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def test_get_me_returns_the_bot(fake: FakeTelegram) -> None:
    async def scenario(bot: Bot) -> None:
        me = await bot.get_me()
        assert me.id == BOT_ID
        assert me.is_bot
        assert me.username == "ot_actie_bot"
        assert me.first_name == "OT Actiebot"
        assert bot.username == "ot_actie_bot"  # set by initialize()

    run_with_bot(fake, scenario)
    assert [call.method for call in fake.calls] == ["getMe", "getMe"]
    assert fake.base_url.startswith("http://127.0.0.1:") and fake.base_url.endswith("/bot")


def test_send_message_to_started_user_is_stored_and_recorded_decoded(fake: FakeTelegram) -> None:
    started_alice(fake)
    fake.now = 1_760_000_000
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Klaar", callback_data="done:12")]])

    async def scenario(bot: Bot):
        return await bot.send_message(
            ALICE_ID, "Actie <b>12</b> &amp; meer", parse_mode="HTML", reply_markup=keyboard
        )

    message = run_with_bot(fake, scenario)
    assert message.text == "Actie 12 & meer"  # like Telegram: tags stripped
    assert message.chat.id == ALICE_ID and message.chat.type == "private"
    assert message.from_user.id == BOT_ID
    assert message.date.timestamp() == 1_760_000_000
    assert message.reply_markup == keyboard

    call = fake.wait_for_call("sendMessage")
    assert call.ok
    assert call.params["chat_id"] == ALICE_ID  # JSON-decoded to int
    assert call.params["text"] == "Actie <b>12</b> &amp; meer"  # raw as sent
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Klaar", "callback_data": "done:12"}]]
    }
    assert fake.sent_texts(ALICE_ID) == ["Actie 12 & meer"]
    assert fake.last_bot_message(ALICE_ID)["message_id"] == message.message_id


def test_numeric_text_stays_a_string(fake: FakeTelegram) -> None:
    started_alice(fake)
    run_with_bot(fake, lambda bot: bot.send_message(ALICE_ID, "12"))
    assert fake.wait_for_call("sendMessage").params["text"] == "12"


def test_unstarted_and_blocked_users_are_forbidden(fake: FakeTelegram) -> None:
    bob = fake.user(1002, "Bob")
    carol = started_alice(fake)
    fake.block(carol)

    async def scenario(bot: Bot) -> None:
        with pytest.raises(Forbidden, match="can't initiate conversation"):
            await bot.send_message(bob["id"], "hoi")
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(ALICE_ID, "hoi")
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.send_message(999_999, "hoi")

    run_with_bot(fake, scenario)
    assert [call.status for call in fake.calls_of("sendMessage")] == [403, 403, 400]
    assert fake.sent_texts() == []


def test_fail_next_429_raises_retry_after_once(fake: FakeTelegram) -> None:
    started_alice(fake)
    fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 1", parameters={"retry_after": 1}
    )

    async def scenario(bot: Bot) -> None:
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ALICE_ID, "eerste")
        assert seconds(caught.value.retry_after) == 1
        await bot.send_message(ALICE_ID, "tweede")  # the fault was used up

    run_with_bot(fake, scenario)
    assert fake.sent_texts() == ["tweede"]


def test_fail_next_only_hits_the_given_chat(fake: FakeTelegram) -> None:
    started_alice(fake)
    group = fake.group(GROUP_ID, "OT Zuid")
    fake.fail_next("sendMessage", 500, "Internal Server Error", chat_id=GROUP_ID, count=2)

    async def scenario(bot: Bot) -> None:
        await bot.send_message(ALICE_ID, "privé")
        for _ in range(2):
            with pytest.raises(NetworkError):
                await bot.send_message(group["id"], "groep")
        await bot.send_message(group["id"], "groep")

    run_with_bot(fake, scenario)
    assert fake.sent_texts() == ["privé", "groep"]


def test_migrate_error_raises_chat_migrated(fake: FakeTelegram) -> None:
    fake.group(GROUP_ID, "OT Zuid")
    fake.fail_next(
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        parameters={"migrate_to_chat_id": -100123},
    )

    async def scenario(bot: Bot) -> None:
        with pytest.raises(ChatMigrated) as caught:
            await bot.send_message(GROUP_ID, "hoi")
        assert caught.value.new_chat_id == -100123

    run_with_bot(fake, scenario)


def test_migrate_group_redirects_old_chat_id(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")
    group = fake.group(GROUP_ID, "OT Zuid")
    new_chat = fake.migrate_group(group, -1001234567890, alice)

    async def scenario(bot: Bot) -> list[Update]:
        with pytest.raises(ChatMigrated) as caught:
            await bot.send_message(GROUP_ID, "hoi")
        assert caught.value.new_chat_id == new_chat["id"]
        await bot.send_message(new_chat["id"], "hoi")
        return list(await bot.get_updates(timeout=0))

    updates = run_with_bot(fake, scenario)
    assert [u.message.migrate_to_chat_id for u in updates][:1] == [new_chat["id"]]
    assert updates[1].message.migrate_from_chat_id == GROUP_ID
    assert fake.sent_texts(new_chat["id"]) == ["hoi"]


def test_unknown_method_fails_loudly(fake: FakeTelegram) -> None:
    fake.unknown_expected = True  # type: ignore[attr-defined]

    async def scenario(bot: Bot) -> None:
        with pytest.raises(TelegramError):
            await bot.do_api_request("fooBar", api_kwargs={"x": 1})

    run_with_bot(fake, scenario)
    assert [call.method for call in fake.unknown_calls] == ["fooBar"]
    assert fake.unknown_calls[0].params == {"x": 1}
    assert fake.unknown_calls[0].status == 404
    with pytest.raises(AssertionError, match="fooBar"):
        fake.assert_no_unknown_calls()


def test_get_updates_long_poll_returns_a_pushed_command(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")
    chat = fake.private_chat(alice)

    async def scenario(bot: Bot) -> tuple[list[Update], float]:
        mark = fake.mark()
        poll = asyncio.create_task(bot.get_updates(timeout=20))
        await fake.await_call("getUpdates", after=mark)  # the poll is open on the server
        begin = time.monotonic()
        fake.push_message(chat, alice, "/sluit 😀 @someone_else")
        updates = await poll
        return list(updates), time.monotonic() - begin

    updates, elapsed = run_with_bot(fake, scenario)
    assert elapsed < 5, "the long poll must return as soon as an update is queued"
    assert len(updates) == 1
    message = updates[0].message
    assert message.text == "/sluit 😀 @someone_else"
    assert message.from_user.id == ALICE_ID
    command, mention = message.entities
    assert (command.type, command.offset, command.length) == ("bot_command", 0, 6)
    # The emoji is two UTF-16 code units, so the mention starts at 7 + 2 + 1.
    assert (mention.type, mention.offset, mention.length) == ("mention", 10, 13)
    assert ALICE_ID in fake.started_users


def test_offset_confirms_and_unconfirmed_updates_are_redelivered(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")
    fake.push_message(fake.private_chat(alice), alice, "eerste")

    async def scenario(bot: Bot) -> None:
        first = await bot.get_updates(timeout=0)
        again = await bot.get_updates(timeout=0)  # not confirmed yet: delivered again
        assert [u.update_id for u in first] == [u.update_id for u in again]
        assert fake.pending_updates == 1
        confirmed = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
        assert confirmed == ()
        assert fake.pending_updates == 0

    run_with_bot(fake, scenario)
    fake.wait_idle(timeout=1)


def test_second_poller_ends_the_first_with_conflict(fake: FakeTelegram) -> None:
    async def scenario(bot: Bot) -> None:
        mark = fake.mark()
        first = asyncio.create_task(bot.get_updates(timeout=20))
        await fake.await_call("getUpdates", after=mark)
        # A second process polling with the same token.
        other = Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)
        async with other:  # closes its connections
            assert await other.get_updates(timeout=0) == ()
        with pytest.raises(Conflict):
            await first

    run_with_bot(fake, scenario)


def test_wrong_token_is_rejected(fake: FakeTelegram) -> None:
    async def main() -> None:
        bot = Bot("654321:WRONG", base_url=fake.base_url, base_file_url=fake.base_file_url)
        with pytest.raises(InvalidToken):
            async with bot:  # getMe, then its connections closed again
                pass

    asyncio.run(main())
    assert fake.calls[-1].status == 401
    assert fake.calls[-1].response["description"] == "Unauthorized"


def test_get_file_and_download_round_trip_bytes(fake: FakeTelegram) -> None:
    content = b"PK\x03\x04 fake docx \x00\xff"
    document = fake.add_file(content, "actielijst.docx")
    assert document["mime_type"].endswith("wordprocessingml.document")

    async def scenario(bot: Bot) -> bytes:
        file = await bot.get_file(document["file_id"])
        assert file.file_size == len(content)
        return bytes(await file.download_as_bytearray())

    assert run_with_bot(fake, scenario) == content
    assert fake.wait_for_call("downloadFile").ok


def test_pushed_document_can_be_fetched(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")
    fake.push_document(fake.private_chat(alice), alice, b"docx!", "notulen.docx", caption="import")

    async def scenario(bot: Bot) -> bytes:
        (update,) = await bot.get_updates(timeout=0)
        assert update.message.document.file_name == "notulen.docx"
        assert update.message.caption == "import"
        file = await update.message.document.get_file()
        return bytes(await file.download_as_bytearray())

    assert run_with_bot(fake, scenario) == b"docx!"


def test_send_document_uploads_multipart(fake: FakeTelegram) -> None:
    started_alice(fake)
    payload = bytes(range(256)) * 10

    async def scenario(bot: Bot):
        return await bot.send_document(
            ALICE_ID, payload, filename='export "2026".docx', caption="Export"
        )

    message = run_with_bot(fake, scenario)
    assert message.document.file_name == 'export "2026".docx'
    assert message.document.file_size == len(payload)
    assert message.caption == "Export"
    (upload,) = fake.sent_files(ALICE_ID)
    assert isinstance(upload, UploadedFile)
    assert upload.content == payload
    assert fake.wait_for_call("sendDocument").params["chat_id"] == ALICE_ID


def test_edit_message_text_not_modified_and_keyboard_handling(fake: FakeTelegram) -> None:
    started_alice(fake)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Klaar", callback_data="d")]])

    async def scenario(bot: Bot) -> None:
        sent = await bot.send_message(ALICE_ID, "Actie 1", reply_markup=keyboard)
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text(
                "Actie 1", ALICE_ID, sent.message_id, reply_markup=keyboard
            )
        edited = await bot.edit_message_text("Actie 1 ✓", ALICE_ID, sent.message_id)
        assert edited.text == "Actie 1 ✓"
        assert edited.reply_markup is None  # an edit without markup drops the keyboard
        assert edited.edit_date is not None
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_reply_markup(ALICE_ID, sent.message_id)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", ALICE_ID, 9999)

    run_with_bot(fake, scenario)
    assert fake.sent_texts(ALICE_ID) == ["Actie 1", "Actie 1 ✓"]


def test_telegram_text_rules(fake: FakeTelegram) -> None:
    started_alice(fake)
    too_long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a" * 65)]])

    async def scenario(bot: Bot) -> None:
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(ALICE_ID, "Piet <Jansen>", parse_mode="HTML")
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(ALICE_ID, "<b>open", parse_mode="HTML")
        with pytest.raises(BadRequest, match="(?i)too long"):
            await bot.send_message(ALICE_ID, "😀" * 2049)  # 4098 UTF-16 units
        with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(ALICE_ID, "x", reply_markup=too_long_data)
        await bot.send_message(ALICE_ID, "😀" * 2048)  # exactly 4096 units

    run_with_bot(fake, scenario)
    assert html_to_plain('<a href="https://t.me/x">link</a> 1 &lt; 2') == "link 1 < 2"


def test_callback_query_round_trip(fake: FakeTelegram) -> None:
    alice = started_alice(fake)

    async def scenario(bot: Bot) -> str:
        await bot.get_updates(offset=-1, timeout=0)  # drop the /start
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Klaar", callback_data="done:7")]])
        sent = await bot.send_message(ALICE_ID, "Actie 7", reply_markup=keyboard)
        query_id = fake.press_button(alice, fake.last_bot_message(ALICE_ID), "Klaar")
        updates = await bot.get_updates(timeout=5)
        query = updates[-1].callback_query
        assert query.id == query_id
        assert query.data == "done:7"
        assert query.message.message_id == sent.message_id
        assert query.from_user.id == ALICE_ID
        assert await query.answer("Gedaan")
        with pytest.raises(BadRequest, match="(?i)query is too old"):
            await query.answer("twice")
        return query_id

    query_id = run_with_bot(fake, scenario)
    assert fake.callback_answer(query_id)["text"] == "Gedaan"


def test_chat_members_and_chats(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")
    group = fake.group(GROUP_ID, "OT Zuid")
    fake.set_member(group, alice, "administrator")

    async def scenario(bot: Bot) -> None:
        admin = await bot.get_chat_member(GROUP_ID, ALICE_ID)
        assert isinstance(admin, ChatMemberAdministrator)
        assert admin.user.first_name == "Alice"
        stranger = await bot.get_chat_member(GROUP_ID, 5555)
        assert isinstance(stranger, ChatMemberLeft)
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.get_chat_member(-999, ALICE_ID)
        chat = await bot.get_chat(GROUP_ID)
        assert chat.title == "OT Zuid"
        assert [m.user.id for m in await bot.get_chat_administrators(GROUP_ID)] == [ALICE_ID]
        assert await bot.leave_chat(GROUP_ID)
        with pytest.raises(Forbidden, match="not a member"):
            await bot.send_message(GROUP_ID, "hoi")

    run_with_bot(fake, scenario)


def test_commands_menu_button_and_chat_action(fake: FakeTelegram) -> None:
    started_alice(fake)
    commands = [BotCommand("acties", "Open acties"), BotCommand("sluit", "Sluit een actie")]

    async def scenario(bot: Bot) -> None:
        scope = BotCommandScopeAllGroupChats()
        assert await bot.set_my_commands(commands, scope=scope, language_code="nl")
        assert await bot.get_my_commands(scope=scope, language_code="nl") == tuple(commands)
        assert await bot.get_my_commands() == ()
        with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([BotCommand("Sluit-Actie", "x")])
        assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
        assert await bot.send_chat_action(ALICE_ID, "typing")
        assert await bot.delete_my_commands(scope=scope, language_code="nl")
        assert await bot.get_my_commands(scope=scope, language_code="nl") == ()

    run_with_bot(fake, scenario)
    assert fake.menu_button() == {"type": "commands"}
    set_call = fake.wait_for_call("setMyCommands")
    assert set_call.params["scope"] == {"type": "all_group_chats"}


def test_dropped_connection_raises_network_error(fake: FakeTelegram) -> None:
    started_alice(fake)
    fake.drop_connection_next("sendMessage")

    async def scenario(bot: Bot) -> None:
        with pytest.raises(NetworkError):
            await bot.send_message(ALICE_ID, "weg")
        await bot.send_message(ALICE_ID, "wel")

    run_with_bot(fake, scenario)
    assert [call.status for call in fake.calls_of("sendMessage")] == [0, 200]
    assert fake.sent_texts() == ["wel"]


def test_privacy_mode_hides_plain_group_messages(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")
    group = fake.group(GROUP_ID, "OT Zuid")
    fake.push_message(group, alice, "gewoon gepraat")
    fake.push_message(group, alice, "/acties@ander_bot")
    command = fake.push_message(group, alice, "/acties@ot_actie_bot")

    async def scenario(bot: Bot) -> list[Update]:
        return list(await bot.get_updates(timeout=0))

    updates = run_with_bot(fake, scenario)
    assert [u.message.message_id for u in updates] == [command["message_id"]]
    assert [m["text"] for m in fake.undelivered] == ["gewoon gepraat", "/acties@ander_bot"]
    assert ALICE_ID not in fake.started_users  # group messages do not start the bot


def test_wait_for_call_times_out_with_a_dump(fake: FakeTelegram) -> None:
    run_with_bot(fake, lambda bot: bot.get_me())
    with pytest.raises(AssertionError, match=r"no matching sendMessage(.|\n)*getMe"):
        fake.wait_for_call("sendMessage", timeout=0.05)
    with pytest.raises(AssertionError, match="getMe"):
        fake.wait_for_call("getMe", after=fake.mark(), timeout=0.05)


def test_application_polls_and_answers_a_command(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(
            f"Welkom {update.effective_user.first_name}", do_quote=True
        )

    async def main() -> None:
        app = (
            Application.builder()
            .token(fake.token)
            .base_url(fake.base_url)
            .base_file_url(fake.base_file_url)
            .build()
        )
        app.add_handler(CommandHandler("start", start))
        async with app:
            await app.start()
            await app.updater.start_polling(timeout=10)
            message = fake.push_message(fake.private_chat(alice), alice, "/start")
            reply = await fake.await_call("sendMessage", lambda c: c.params["chat_id"] == ALICE_ID)
            await fake.await_updates_consumed(timeout=5)
            await app.updater.stop()
            await app.stop()
        assert reply.result["text"] == "Welkom Alice"
        assert reply.result["reply_to_message"]["message_id"] == message["message_id"]

    asyncio.run(main())
    assert fake.pending_updates == 0
    assert {call.method for call in fake.calls} >= {"getMe", "deleteWebhook", "getUpdates"}


def test_edited_message_update_and_get_updates_fault(fake: FakeTelegram) -> None:
    alice = fake.user(ALICE_ID, "Alice")
    original = fake.push_message(fake.private_chat(alice), alice, "/sluit 12")
    fake.push_edited_message(original, "/sluit 13", edit_date=original["date"] + 5)
    fake.fail_next("getUpdates", 502, "Bad Gateway")

    async def scenario(bot: Bot) -> list[Update]:
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.get_updates(timeout=0)
        return list(await bot.get_updates(timeout=0))

    first, edit = run_with_bot(fake, scenario)
    assert first.message.text == "/sluit 12"
    assert edit.edited_message.message_id == original["message_id"]
    assert edit.edited_message.text == "/sluit 13"
    assert edit.edited_message.entities[0].length == len("/sluit")
    assert [call.status for call in fake.calls_of("getUpdates")] == [502, 200]
