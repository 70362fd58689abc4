"""The demo's people, their group and chats, driven through the fake Bot API.

Everything a person does on the page becomes the update Telegram would send (a message, a
button press, a file), pushed into the fake that the real bot polls; everything the bot does
is read back from the fake, as a Telegram app would show it. Nothing here calls a service to
change data: the seed, too, is typed and sent as the secretary would.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import texts
from bot.demo.clock import DemoClock
from bot.demo.fake_telegram import FakeTelegram
from bot.demo.seed_docx import build_seed_docx
from bot.reminders import run_reminders
from handlers.context import Services

TEAM = "OT Wonen en Leefomgeving"
GROUP_ID = -1001000000001
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# With --seed: the morning after the seed's OT of 18 March (a Wednesday in 2026, when the
# OTs it names, 24 April and 28 May, fall on working days too).
SEED_START = datetime(2026, 3, 19, 9, 30, tzinfo=AMSTERDAM)
SEED_FILE = "Actielijst OT 18 maart.docx"
SEED_MEETING = "/ot 24 april 14:00 Plein 40-45"
SETTLE_SECONDS = 30.0
SENDS = ("sendmessage", "senddocument", "editmessagetext")


@dataclass(frozen=True)
class Person:
    """Someone the page lets you play."""

    id: int
    first_name: str
    last_name: str
    organisation: str
    username: str | None = None
    secretary: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


# The secretary and five members of the seed's OT (its list of attendees).
PEOPLE: tuple[Person, ...] = (
    Person(900, "Marloes", "van der Meulen-Ramp", "NPSNW", "marloes_npsnw", secretary=True),
    Person(901, "Jan", "van de Borden", "Vuilnisoproer"),
    Person(903, "Danillo", "Janssen", "SDC"),
    Person(905, "Karin", "Verdooren", "Lieven de Key"),
    Person(904, "Nabila", "Bouabbouz", "gemeente"),
    Person(902, "Louise", "de Rooij", "Stadgenoot"),
)
SECRETARY = PEOPLE[0]


class DemoError(ValueError):
    """A request from the page that cannot be carried out; the message is Dutch."""


class DemoWorld:
    """The team's Telegram as the page sees it, on top of the fake Bot API."""

    def __init__(
        self,
        fake: FakeTelegram,
        services: Services,
        app: Any,
        loop: asyncio.AbstractEventLoop,
        clock: DemoClock,
    ) -> None:
        self.fake = fake
        self.services = services
        self.app = app
        self.loop = loop
        self.clock = clock
        self._lock = threading.Lock()  # one page action at a time, as one person's phone
        self.users = {
            p.id: fake.user(p.id, p.first_name, username=p.username, last_name=p.last_name)
            for p in PEOPLE
        }
        self.group = fake.group(GROUP_ID, TEAM, type="supergroup")
        for person in PEOPLE:
            status = "creator" if person.secretary else "member"
            fake.set_member(self.group, self.users[person.id], status)
        # A member, not an administrator: privacy mode applies, as in a team's real group.
        fake.set_member(self.group, fake.bot_user, "member")

    # ------------------------------------------------------------------ acting

    def settle(self, timeout: float = SETTLE_SECONDS) -> None:
        """Wait until the bot has handled everything pushed so far."""
        self.fake.wait_idle(timeout)
        joined = asyncio.run_coroutine_threadsafe(self.app.update_queue.join(), self.loop)
        joined.result(timeout)

    def send(self, user_id: int, chat_id: int, text: str, reply_to: int | None = None) -> None:
        """`user_id` writes `text` in a chat (optionally as a reply to a message there)."""
        if not text.strip():
            raise DemoError(texts.DEMO_EMPTY)
        with self._lock:
            user, chat = self._user(user_id), self._chat(user_id, chat_id)
            self.fake.push_message(chat, user, text, reply_to=self._message_id(chat, reply_to))
            self.settle()

    def press(self, user_id: int, chat_id: int, message_id: int, data: str) -> str:
        """`user_id` presses the button with `data`; return the bot's answer (a toast)."""
        with self._lock:
            user, chat = self._user(user_id), self._chat(user_id, chat_id)
            try:
                message = self.fake.message(chat["id"], message_id)
            except KeyError:
                raise DemoError(texts.DEMO_NO_MESSAGE) from None
            buttons = (message.get("reply_markup") or {}).get("inline_keyboard", [])
            if not any(b.get("callback_data") == data for row in buttons for b in row):
                raise DemoError(texts.DEMO_NO_BUTTON)
            query_id = self.fake.push_callback(user, message, data)
            self.settle()
            answer = self.fake.callback_answer(query_id) or {}
            return str(answer.get("text") or "")

    def upload(
        self,
        user_id: int,
        chat_id: int,
        file_name: str,
        content: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> None:
        """`user_id` sends a file in a chat, as Telegram's paperclip does."""
        if not file_name or not content:
            raise DemoError(texts.DEMO_EMPTY_FILE)
        with self._lock:
            user, chat = self._user(user_id), self._chat(user_id, chat_id)
            self.fake.push_document(
                chat, user, content, file_name, caption=caption or None, mime_type=mime_type
            )
            self.settle()

    def next_reminder(self) -> str:
        """Send what is due now; if nothing is, move the clock to the next moment something
        is and send that. Return what happened, in Dutch, for the page."""
        with self._lock:
            sent = self._tick()
            if sent:
                return texts.demo_sent_now(sent)
            moment = self.services.reminders.next_moment()
            if moment is None:
                return texts.DEMO_NOTHING_PLANNED
            self.clock.advance_to(moment)
            sent = self._tick()
            return texts.demo_clock_moved(self.clock_label(), sent)

    def seed(self) -> None:
        """What the secretary does after the OT of 18 March: link the group, send the Word
        list, import it, and plan the next OT."""
        secretary = self.users[SECRETARY.id]
        self.link_group()
        self.upload(SECRETARY.id, SECRETARY.id, SEED_FILE, build_seed_docx())
        preview = self.fake.last_bot_message(SECRETARY.id)
        with self._lock:
            self.fake.press_button(secretary, preview, texts.BTN_IMPORT)
            self.settle()
        self.send(SECRETARY.id, GROUP_ID, SEED_MEETING)

    def link_group(self) -> None:
        """The secretary links the group with /koppel, the first thing a team does."""
        self.send(SECRETARY.id, GROUP_ID, "/koppel")

    # ------------------------------------------------------------------ reading

    def clock_label(self) -> str:
        now = self.clock().astimezone(AMSTERDAM)
        return f"{texts.day(now.date())} {now:%H:%M}"

    def state(self) -> dict[str, Any]:
        """Everything the page shows: the clock, the people, and every chat's messages."""
        started = self.fake.started_users
        held_back = self.fake.held_back()
        people = [
            {
                "id": p.id,
                "name": p.name,
                "first_name": p.first_name,
                "organisation": p.organisation,
                "secretary": p.secretary,
                "started": p.id in started,
            }
            for p in PEOPLE
        ]
        chats = {
            str(chat_id): [self._message(m, held_back) for m in self.fake.messages(chat_id)]
            for chat_id in (GROUP_ID, *(p.id for p in PEOPLE))
        }
        return {
            "clock": self.clock_label(),
            "bot": {"name": self.fake.bot_user["first_name"], "username": self.bot_username},
            "group": {"id": GROUP_ID, "title": TEAM},
            "people": people,
            "chats": chats,
        }

    @property
    def bot_username(self) -> str:
        return str(self.fake.bot_user["username"])

    def file(self, file_id: str) -> tuple[str, str, bytes]:
        stored = self.fake.stored_file(file_id)
        if stored is None:
            raise DemoError(texts.DEMO_NO_FILE)
        return stored

    # ------------------------------------------------------------------ helpers

    def _tick(self) -> int:
        """One scheduler run on the bot's loop, as the JobQueue runs it; messages sent."""
        mark = self.fake.mark()
        run = asyncio.run_coroutine_threadsafe(run_reminders(self.app), self.loop)
        run.result(SETTLE_SECONDS * 4)
        return sum(1 for m in SENDS for call in self.fake.calls_of(m, after=mark) if call.ok)

    def _user(self, user_id: int) -> dict[str, Any]:
        try:
            return self.users[int(user_id)]
        except (KeyError, TypeError, ValueError):
            raise DemoError(texts.DEMO_NO_PERSON) from None

    def _chat(self, user_id: int, chat_id: int) -> dict[str, Any]:
        """The group, or the person's own private chat: nobody writes in someone else's."""
        if chat_id == GROUP_ID:
            return self.group
        if chat_id == user_id:
            return self.fake.private_chat(self.users[user_id])
        raise DemoError(texts.DEMO_NOT_YOUR_CHAT)

    def _message_id(self, chat: dict[str, Any], message_id: int | None) -> int | None:
        if message_id is None:
            return None
        try:
            self.fake.message(chat["id"], message_id)
        except KeyError:
            raise DemoError(texts.DEMO_NO_MESSAGE) from None
        return message_id

    def _message(
        self, message: dict[str, Any], held_back: frozenset[tuple[int, int]]
    ) -> dict[str, Any]:
        """One message as the page draws it."""
        sender = message.get("from") or {}
        at = datetime.fromtimestamp(message["date"], AMSTERDAM)
        chat_id = message["chat"]["id"]
        out: dict[str, Any] = {
            "id": message["message_id"],
            "from": {
                "id": sender.get("id"),
                "name": " ".join(
                    part for part in (sender.get("first_name"), sender.get("last_name")) if part
                ),
                "bot": bool(sender.get("is_bot")),
            },
            "day": texts.day(at.date()),
            "time": f"{at:%H:%M}",
            "text": message.get("text", ""),
            "entities": message.get("entities", []),
            "caption": message.get("caption", ""),
            "caption_entities": message.get("caption_entities", []),
            "buttons": [
                [
                    {"text": b["text"], "data": b.get("callback_data"), "url": b.get("url")}
                    for b in row
                ]
                for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
            ],
            "edited": "edit_date" in message,
            "hidden": (chat_id, message["message_id"]) in held_back,
            "force_reply": self.fake.forces_reply(chat_id, message["message_id"]),
            "service": _service_text(message),
        }
        document = message.get("document")
        if document:
            out["document"] = {
                "id": document["file_id"],
                "name": document.get("file_name", ""),
                "size": document.get("file_size", 0),
            }
        replied = message.get("reply_to_message")
        if replied:
            who = (replied.get("from") or {}).get("first_name", "")
            out["reply_to"] = {"name": who, "text": (replied.get("text") or "")[:80]}
        return out


def _service_text(message: dict[str, Any]) -> str:
    """What Telegram shows for a service message (someone joined or left), else ""."""
    if "new_chat_members" in message:
        names = ", ".join(m.get("first_name", "") for m in message["new_chat_members"])
        return texts.demo_joined(names)
    if "left_chat_member" in message:
        return texts.demo_left(message["left_chat_member"].get("first_name", ""))
    return ""
