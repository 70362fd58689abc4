"""Helpers every handler uses: who and where, replies split to Telegram's limits."""

from __future__ import annotations

import re

from telegram import Bot, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ParseMode
from telegram.ext.filters import MessageFilter

from domain.errors import Anonymous, BadNumber, Usage
from domain.model import ChatRef, UserRef

ANY_TEXT = re.compile(r"[\s\S]*")
MAX_MESSAGE = 4000  # Telegram allows 4096 after entity parsing; keep a margin
ANSWER_LIMIT = 200  # characters in a callback answer (domain.text.plain_text cuts to it)
MAX_ENTITIES_LINES = 45  # ~100 formatting entities render; two per line is our worst case


TELEGRAM_SERVICE_ACCOUNT = 777000  # posts forwarded automatically from a linked channel


def user_ref(update: Update) -> UserRef | None:
    """Return the sender as the services know them, or None (channels, anonymous admins,
    Telegram's own service account)."""
    user = update.effective_user
    message = update.effective_message
    if user is None or user.is_bot or user.id == TELEGRAM_SERVICE_ACCOUNT:
        return None
    if message is not None and message.sender_chat is not None:
        return None  # written on behalf of a chat, not by this person
    return person_ref(user)


def person_ref(person: User) -> UserRef:
    """Return a Telegram user as the services know them."""
    return UserRef(person.id, person.first_name or "", person.last_name or "", person.username)


def small_int(text: str) -> int | None:
    """Read a small number (a page of /acties): ASCII digits only, at most 9 of them."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def chat_ref(update: Update) -> ChatRef | None:
    """Return the chat of the update."""
    chat = update.effective_chat
    if chat is None:
        return None
    return ChatRef(chat.id, chat.type == "private", chat.title or "")


def parse_number(text: str) -> int:
    """Read an action number such as "12" or "#12"."""
    raw = text.strip().lstrip("#")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise BadNumber(text.strip())
    return int(raw)


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def _cut(line: str, limit: int) -> int:
    """How many characters of `line` fit in `limit` UTF-16 units."""
    size = 0
    for i, ch in enumerate(line):
        size += 2 if ord(ch) > 0xFFFF else 1
        if size > limit:
            return i
    return len(line)


def split_message(text: str, limit: int = MAX_MESSAGE, max_lines: int = 0) -> list[str]:
    """Split text at line (and then block) boundaries so each part fits one message."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        while utf16_len(line) > limit:  # one enormous line: cut it hard
            if current:
                parts.append("\n".join(current))
                current, size = [], 0
            cut = _cut(line, limit)
            parts.append(line[:cut])
            line = line[cut:]
        length = utf16_len(line)
        too_many = max_lines and len(current) >= max_lines and line == ""
        if current and (size + length + 1 > limit or too_many):
            parts.append("\n".join(current).strip("\n"))
            current, size = [], 0
        current.append(line)
        size += length + 1
    if current:
        parts.append("\n".join(current).strip("\n"))
    return [p for p in parts if p.strip()] or [""]


async def send_parts(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send HTML text to a chat, split to Telegram's limits; the keyboard goes on the last
    part. Return the last part."""
    sent: Message | None = None
    parts = split_message(text, max_lines=MAX_ENTITIES_LINES)
    for i, part in enumerate(parts):
        sent = await bot.send_message(
            chat_id,
            part,
            parse_mode=ParseMode.HTML,
            disable_web_page_preview=True,
            reply_markup=markup if i == len(parts) - 1 else None,
        )
    return sent


async def reply(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    force_reply: bool = False,
) -> Message | None:
    """Reply in HTML, split to Telegram's limits; the keyboard goes on the last part."""
    message = update.effective_message
    if message is None:
        return None
    parts = split_message(text, max_lines=MAX_ENTITIES_LINES)
    sent: Message | None = None
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        reply_markup = markup if last else None
        if force_reply and last:
            from telegram import ForceReply

            reply_markup = ForceReply(selective=True)  # type: ignore[assignment]
        sent = await message.reply_text(
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=reply_markup,
            disable_web_page_preview=True,
            do_quote=i == 0 and message.chat.type != "private",
        )
    return sent


def command_args(update: Update) -> str:
    """Return the text after the command word, line breaks kept."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    parts = text.split(maxsplit=1)
    if not parts or not parts[0].startswith("/"):
        return text.strip()
    return text[len(parts[0]) :].strip() if len(parts) > 1 else ""


class ReplyToBot(MessageFilter):
    """Messages that answer one of the bot's own prompts (text matching `pattern`)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        super().__init__(name=f"ReplyToBot({pattern.pattern})")
        self.pattern = pattern

    def filter(self, message: Message) -> bool:
        """Return True when the message replies to a bot message matching the pattern."""
        original = message.reply_to_message
        return bool(
            original is not None
            and original.from_user is not None
            and original.from_user.is_bot
            and original.from_user.id == message.get_bot().id
            and self.pattern.match(original.text or "")
        )


def sender(update: Update) -> UserRef:
    """Return the person behind the update; refuse channels and anonymous admins."""
    user = user_ref(update)
    if user is None:
        raise Anonymous()
    return user


def message_of(update: Update) -> int | None:
    """The Telegram message of a command: services recognise it when Telegram sends it again."""
    return update.effective_message.message_id if update.effective_message else None


def number_arg(update: Update, usage: str) -> int:
    """Read the action number after a command, or explain the command's use."""
    args = command_args(update)
    if not args:
        raise Usage(usage)
    return parse_number(args.split()[0])


def number_and_rest(update: Update, usage: str) -> tuple[int, str]:
    """Read "N rest of the text" after a command."""
    args = command_args(update)
    if not args:
        raise Usage(usage)
    first, _, rest = args.partition(" ")
    if "\n" in first:
        first, _, more = first.partition("\n")
        rest = more + (" " + rest if rest else "")
    return parse_number(first), rest.strip()
