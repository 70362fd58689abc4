"""A fake Telegram Bot API server for end-to-end tests.

The fake is a stdlib HTTP server on 127.0.0.1 that runs in a daemon thread, so the bot under
test can keep its asyncio loop in the main thread and talk to it over real HTTP::

    fake = FakeTelegram().start()
    app = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .base_file_url(fake.base_file_url)
        .build()
    )
    alice = fake.user(1001, "Alice")
    fake.push_message(fake.private_chat(alice), alice, "/start")
    call = fake.wait_for_call("sendMessage", lambda c: c.params["chat_id"] == 1001)

It behaves like Telegram where tests are likely to trip:

* a bot cannot message a user who never wrote to it in private (403), nor a blocked user;
* unknown chats give 400 "chat not found", groups the bot left or was kicked from give 403,
  upgraded groups give 400 with ``migrate_to_chat_id``;
* ``parse_mode="HTML"`` text is validated (unsupported or unbalanced tags and a bare ``<``
  give 400 "can't parse entities") and stored with the tags stripped, like Telegram shows it;
  texts over 4096 UTF-16 units, empty texts and callback data over 64 bytes give 400;
* editing a message to the same content gives 400 "message is not modified";
* in privacy mode (the default) a group message reaches the bot only if it is a command, a
  reply to the bot, mentions the bot, is a service message, or the bot is an admin there;
  held-back messages go to ``undelivered``;
* ``getUpdates`` long-polls, drops only confirmed updates, and a second poller ends the first
  one with 409 Conflict; ``chat_member`` updates reach only a bot that is an administrator of
  the chat and listed them in ``allowed_updates`` (Telegram's default list leaves them out);
* membership is one truth: a member who leaves or is removed (``push_left_chat_member``,
  ``push_chat_member``, ``set_member``) is ``left``/``kicked`` for ``getChatMember`` at once;
* any method that is not faked answers 404 and is recorded in ``unknown_calls``;
* with ``flood_limits=True`` messages (sends and edits) are held to Telegram's limits, as token
  buckets on the real clock: 30 a second overall, 20 a minute per group, 1 a second per private
  chat with bursts of 3. Over a limit the call is refused with 429 "Flood control exceeded",
  ``retry_after`` (whole seconds, at least 1) in its parameters, and counted in
  ``flood_violations``.

Everything public is thread-safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import mimetypes
import re
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

DEFAULT_TOKEN = "123456:TEST-TOKEN"
BOT_ID = 123456
BOT_USERNAME = "ot_actie_bot"
BOT_FIRST_NAME = "OT Actiebot"

# Update types Telegram sends only when getUpdates lists them in allowed_updates.
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a specified old message content and reply markup of a message"
)
CANT_INITIATE = "Forbidden: bot can't initiate conversation with a user"
BLOCKED = "Forbidden: bot was blocked by the user"
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


def _answers(query_id: str) -> Callable[[Call], bool]:
    """Match the answerCallbackQuery call that answers `query_id`."""
    return lambda call: call.params.get("callback_query_id") == query_id


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Fields that Telegram types as strings: never json-decode them (the text "12" must stay "12").
STRING_FIELDS = _words(
    "text caption parse_mode callback_query_id inline_message_id data url description "
    "short_description name title action language_code file_id custom_title first_name "
    "last_name username query_id secret_token ip_address business_connection_id "
    "message_effect_id emoji question document photo audio video voice sticker animation "
    "video_note thumbnail payload currency start_parameter invite_link"
)

MEMBER_STATUSES = ("creator", "administrator", "member", "left", "kicked")
CHAT_ACTIONS = _words(
    "typing upload_photo record_video upload_video record_voice upload_voice "
    "upload_document choose_sticker find_location record_video_note upload_video_note"
)
HTML_TAGS = _words(
    "b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji tg-time"
)
HTML_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_METHOD_PATH = re.compile(r"/bot([^/]+)/([A-Za-z0-9_]+)/?")
_FILE_PATH = re.compile(r"/file/bot([^/]+)/(.+)")
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_COMMAND_IN_TEXT = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION_IN_TEXT = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{5,32}")
_HTML_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


@dataclass
class UploadedFile:
    """A file part of a multipart request, as found in ``Call.params[field]``."""

    field: str
    filename: str
    content_type: str
    content: bytes


@dataclass
class Call:
    """One request the bot made.

    ``params`` holds the decoded fields (JSON values decoded, uploads as ``UploadedFile``).
    ``time`` is ``time.monotonic()`` on arrival. ``status`` is the HTTP status answered
    (``None`` while a long poll is still open, ``0`` for a dropped connection) and
    ``response`` the JSON answered.
    """

    method: str
    params: dict[str, Any]
    time: float
    status: int | None = None
    response: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def result(self) -> Any:
        return None if self.response is None else self.response.get("result")

    def short(self) -> str:
        params = {
            key: (f"<{len(value.content)} bytes {value.filename}>")
            if isinstance(value, UploadedFile)
            else value
            for key, value in self.params.items()
        }
        text = json.dumps(params, ensure_ascii=False, default=str)
        if len(text) > 300:
            text = text[:297] + "..."
        outcome: object = self.status
        if self.response and not self.response.get("ok", True):
            outcome = f"{self.status} {self.response.get('description')}"
        return f"{self.method} -> {outcome}: {text}"


@dataclass
class _Fault:
    method: str  # lower case
    error_code: int
    description: str
    parameters: dict[str, Any] | None
    remaining: int
    chat_id: int | str | None
    drop: bool


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    content: bytes
    file_path: str

    def document(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }


class _ApiError(Exception):
    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters


def _bad(description: str, parameters: dict[str, Any] | None = None) -> _ApiError:
    return _ApiError(400, "Bad Request: " + description, parameters)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts offsets and limits in."""
    return len(text.encode("utf-16-le")) // 2


ENTITY_OF_TAG = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def html_to_plain(source: str) -> str:
    """Validate Telegram HTML like the Bot API does and return the visible text.

    Raises a 400 ``_ApiError`` ("can't parse entities: ...") on unsupported tags, unbalanced
    tags or a ``<`` that does not start a tag.
    """
    return parse_html(source)[0]


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Validate Telegram HTML and return (visible text, entities), as Telegram sends them
    back in the Message: offsets and lengths in UTF-16 units, ``text_link`` with its url."""

    def where(pos: int) -> int:
        return len(source[:pos].encode("utf-8"))

    def fail(reason: str) -> _ApiError:
        return _bad("can't parse entities: " + reason)

    out: list[str] = []
    stack: list[tuple[str, int, str]] = []  # tag name, UTF-16 start offset, url
    entities: list[dict[str, Any]] = []
    offset = 0  # UTF-16 length of out
    i = 0
    while i < len(source):
        char = source[i]
        if char == "<":
            end = source.find(">", i)
            if end == -1:
                raise fail(f"Unclosed start tag at byte offset {where(i)}")
            inner = source[i + 1 : end]
            if inner.startswith("/"):
                name = inner[1:].strip().lower()
                if not stack:
                    raise fail(f"Unexpected end tag at byte offset {where(i)}")
                if name != stack[-1][0]:
                    raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
                tag, start, url = stack.pop()
                if offset > start:
                    entity: dict[str, Any] = {
                        "type": ENTITY_OF_TAG[tag],
                        "offset": start,
                        "length": offset - start,
                    }
                    if tag == "a":
                        entity["url"] = url
                    entities.append(entity)
            else:
                match = re.match(r"[A-Za-z][A-Za-z0-9-]*", inner)
                name = match.group(0).lower() if match else ""
                if name not in HTML_TAGS or (name == "span" and "tg-spoiler" not in inner):
                    raise fail(f'Unsupported start tag "{name}" at byte offset {where(i)}')
                href = _HREF.search(inner) if name == "a" else None
                url = html_to_text(next(g for g in href.groups() if g is not None)) if href else ""
                stack.append((name, offset, url))
            i = end + 1
            continue
        if char == "&":
            match = _HTML_ENTITY.match(source, i)
            if match is None:
                piece = "&"
                i += 1
            else:
                piece = html_to_text(match.group(0))
                i = match.end()
        else:
            piece = char
            i += 1
        out.append(piece)
        offset += utf16_len(piece)
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def html_to_text(text: str) -> str:
    """Decode the HTML character references (``&amp;``, ``&#39;``, ``&#x27;``) in text."""

    def decode(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith(("#x", "#X")):
            return chr(int(body[2:], 16))
        if body.startswith("#"):
            return chr(int(body[1:]))
        return HTML_NAMED_ENTITIES.get(body.lower(), match.group(0))

    return _HTML_ENTITY.sub(decode, text)


def strip_with_entities(
    text: str, entities: list[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace as Telegram does, moving and clipping the entities."""
    lead = utf16_len(text) - utf16_len(text.lstrip())
    stripped = text.strip()
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def auto_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command and mention entities Telegram would attach to a user's text."""
    found: list[tuple[int, int, str]] = []
    for match in _COMMAND_IN_TEXT.finditer(text):
        found.append((match.start(), match.end(), "bot_command"))
    for match in _MENTION_IN_TEXT.finditer(text):
        found.append((match.start(), match.end(), "mention"))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]


def _header_params(value: str) -> tuple[str, dict[str, str]]:
    """Split ``main; a="x"; b=y`` into ("main", {"a": "x", "b": "y"}), quote-aware."""
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    pattern = re.compile(r'\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*;?')
    for match in pattern.finditer(rest):
        key = match.group(1).lower()
        if match.group(2) is not None:
            raw = re.sub(r"\\(.)", r"\1", match.group(2))
            # httpx percent-escapes quotes and control characters in form parameters.
            raw = re.sub(r"%(22|[01][0-9A-Fa-f])", lambda m: chr(int(m.group(1), 16)), raw)
        else:
            raw = match.group(3).strip()
        if key.endswith("*"):  # RFC 5987: utf-8''percent-encoded
            key = key[:-1]
            _, _, encoded = raw.partition("''")
            raw = unquote(encoded)
        params[key] = raw
    return main.strip().lower(), params


def parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, str], list[UploadedFile]]:
    """Parse a multipart/form-data body into text fields and uploaded files."""
    _, params = _header_params(content_type)
    boundary = params.get("boundary")
    if not boundary:
        raise _bad("multipart request without boundary")
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    fields: dict[str, str] = {}
    files: list[UploadedFile] = []
    chunks = (b"\r\n" + body).split(delimiter)
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, _, content = chunk.partition(b"\r\n\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        _, disposition = _header_params(headers.get("content-disposition", ""))
        name = disposition.get("name", "")
        if "filename" in disposition:
            files.append(
                UploadedFile(
                    field=name,
                    filename=disposition["filename"],
                    content_type=headers.get("content-type", "application/octet-stream"),
                    content=content,
                )
            )
        else:
            fields[name] = content.decode("utf-8")
    return fields, files


def decode_field(name: str, value: str) -> Any:
    """Telegram-style decoding of one form field: JSON if it parses, else the raw string."""
    if name in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeTelegram/1.0"
    timeout = None
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms stalls

    def setup(self) -> None:
        super().setup()
        self.server.fake._track_connection(self.connection, add=True)  # type: ignore[attr-defined]

    def finish(self) -> None:
        try:
            with contextlib.suppress(OSError):
                super().finish()
        finally:
            self.server.fake._track_connection(self.connection, add=False)  # type: ignore[attr-defined]

    def do_POST(self) -> None:
        self.server.fake._handle_http(self)  # type: ignore[attr-defined]

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_payload(self, status: int, body: bytes, content_type: str) -> None:
        with contextlib.suppress(OSError):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()

    def drop(self) -> None:
        """Close the connection with a TCP reset and no answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )


# What Telegram counts as a message for its flood limits.
FLOOD_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "copymessage",
        "forwardmessage",
        "editmessagetext",
        "editmessagereplymarkup",
        "editmessagecaption",
    }
)
FLOOD_OVERALL = (30, 30.0)  # (bucket size, refill per second)
FLOOD_GROUP = (20, 20 / 60)
FLOOD_PRIVATE = (3, 1.0)


class _Bucket:
    """A token bucket: `size` calls at once, refilled at `rate` a second."""

    def __init__(self, size: int, rate: float) -> None:
        self.size, self.rate = size, rate
        self.tokens, self.at = float(size), time.monotonic()

    def wait(self, now: float) -> float:
        """Seconds until a token is free (0: one is free now)."""
        self.tokens = min(self.size, self.tokens + (now - self.at) * self.rate)
        self.at = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


@dataclass
class Hold:
    """A held answer: `arrived` is set when the call took effect; set `release` to answer."""

    arrived: threading.Event
    release: threading.Event


class _Server(ThreadingHTTPServer):
    """The HTTP server of the fake. Telegram accepts as many connections as a bot opens; the
    standard library's listen backlog of 5 refused some of the bot's 20 pooled connections
    when two cores were busy (a reply lost to httpx.ReadError in a flood test)."""

    request_queue_size = 128


class FakeTelegram:
    """In-process fake of the Telegram Bot API. See the module docstring."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        privacy_mode: bool = True,
        bot_username: str = BOT_USERNAME,
        bot_first_name: str = BOT_FIRST_NAME,
        flood_limits: bool = False,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.token = token
        self.clock = clock  # Unix seconds for message dates, when `now` was not set
        self.privacy_mode = privacy_mode
        self.flood_limits = flood_limits
        self.flood_violations: list[Call] = []
        self._buckets: dict[int | None, _Bucket] = {}
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else BOT_ID
        self.bot_user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self.calls: list[Call] = []
        self.unknown_calls: list[Call] = []
        # Messages hidden from the bot by privacy mode (or because it is not in the group).
        self.undelivered: list[dict[str, Any]] = []
        self._now: int | None = None
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._connections: set[socket.socket] = set()
        self._update_ids = itertools.count(1)
        self._pending: list[dict[str, Any]] = []
        # Users who pushed updates since the last settle_senders(): id -> User dict.
        self._senders: dict[int, dict[str, Any]] = {}
        self._poll_generation = 0
        # What the last getUpdates asked for (None: Telegram's default, without chat_member).
        self._allowed_updates: list[str] | None = None
        self._users: dict[int, dict[str, Any]] = {self.bot_id: dict(self.bot_user)}
        self._started: set[int] = set()
        self._blocked: set[int] = set()
        self._chats: dict[int, dict[str, Any]] = {}
        self._bot_status: dict[int, str] = {}
        self._migrated: dict[int, int] = {}
        self._messages: dict[int, dict[int, dict[str, Any]]] = {}
        self._message_sources: dict[tuple[int, int], str] = {}
        # Bot messages sent with ForceReply: a Telegram app opens a reply to them at once.
        self._force_replies: set[tuple[int, int]] = set()
        self._last_message_id: dict[int, int] = {}
        self._members: dict[int, dict[int, dict[str, Any]]] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._menu_buttons: dict[int | None, dict[str, Any]] = {}
        self._files: dict[str, _StoredFile] = {}
        self._file_numbers = itertools.count(1)
        self._callbacks: dict[str, dict[str, Any]] = {}
        self._callback_numbers = itertools.count(1)
        self._faults: list[_Fault] = []
        self._holds: dict[str, Hold] = {}
        # Seconds to wait before answering any call but getUpdates: the round trip to the
        # real Telegram (50-200 ms) that loopback does not have. For benchmarks.
        self.answer_delay = 0.0
        self._handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getme": self._get_me,
            "logout": lambda params: True,
            "close": lambda params: True,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "getchat": self._get_chat,
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "setmycommands": self._set_my_commands,
            "deletemycommands": self._delete_my_commands,
            "getmycommands": self._get_my_commands,
            "setchatmenubutton": self._set_chat_menu_button,
            "getchatmenubutton": self._get_chat_menu_button,
            "senddocument": self._send_document,
            "getfile": self._get_file,
            "sendchataction": self._send_chat_action,
            "leavechat": self._leave_chat,
        }

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeTelegram:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        if self._server is not None:
            raise RuntimeError("FakeTelegram is already running")
        server = _Server(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
        self._stopping = False
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeTelegram",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; open long polls answer an empty list, connections are closed."""
        server = self._server
        if server is None:
            return
        with self._cond:
            self._stopping = True
            for hold in self._holds.values():
                hold.release.set()
            self._cond.notify_all()
        server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeTelegram is not running")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def now(self) -> int:
        """The fake's clock (Unix seconds) used for message dates; settable, None = the
        `clock` given, else real time."""
        if self._now is not None:
            return self._now
        return int(self.clock() if self.clock is not None else time.time())

    @now.setter
    def now(self, value: float | None) -> None:
        self._now = None if value is None else int(value)

    # ------------------------------------------------------------------ test set-up

    def user(
        self,
        id: int,
        first_name: str,
        username: str | None = None,
        last_name: str | None = None,
        *,
        language_code: str | None = None,
        is_bot: bool = False,
    ) -> dict[str, Any]:
        """Create (and register) a Telegram User dict."""
        user: dict[str, Any] = {"id": id, "is_bot": is_bot, "first_name": first_name}
        if last_name is not None:
            user["last_name"] = last_name
        if username is not None:
            user["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        with self._lock:
            self._users[id] = dict(user)
        return user

    def private_chat(self, user: dict[str, Any]) -> dict[str, Any]:
        """The private chat with a user (chat id == user id)."""
        chat: dict[str, Any] = {"id": user["id"], "type": "private"}
        for key in ("first_name", "last_name", "username"):
            if key in user:
                chat[key] = user[key]
        with self._lock:
            self._users.setdefault(user["id"], dict(user))
            self._chats[chat["id"]] = dict(chat)
        return chat

    def group(self, chat_id: int, title: str, type: str = "group") -> dict[str, Any]:
        """Create (and register) a group, supergroup or channel chat the bot is a member of."""
        chat = {"id": chat_id, "type": type, "title": title}
        with self._lock:
            self._chats[chat_id] = dict(chat)
            self._bot_status.pop(chat_id, None)
        return chat

    def set_member(
        self,
        chat: dict[str, Any] | int,
        user: dict[str, Any],
        status: str,
        **fields: Any,
    ) -> dict[str, Any]:
        """Register a user's ChatMember status (creator/administrator/member/left/kicked).

        ``fields`` override the defaults, e.g. ``can_invite_users=False``. Setting the bot's
        own status to administrator/creator makes it see all group messages.
        """
        member = self._member_dict(user, status, **fields)
        chat_id = chat["id"] if isinstance(chat, dict) else chat
        with self._lock:
            if isinstance(chat, dict):
                self._chats.setdefault(chat_id, dict(chat))
            elif chat_id not in self._chats:
                kind = "supergroup" if str(chat_id).startswith("-100") else "group"
                self._chats[chat_id] = {"id": chat_id, "type": kind, "title": f"Chat {chat_id}"}
            self._users.setdefault(user["id"], dict(user))
            self._members.setdefault(chat_id, {})[user["id"]] = member
            if user["id"] == self.bot_id:
                if status in ("left", "kicked"):
                    self._bot_status[chat_id] = status
                else:
                    self._bot_status.pop(chat_id, None)
        return copy.deepcopy(member)

    def mark_started(self, user: dict[str, Any] | int) -> None:
        """Pretend the user pressed Start, so the bot may message them privately."""
        user_id = user["id"] if isinstance(user, dict) else user
        with self._lock:
            if isinstance(user, dict):
                self._users.setdefault(user_id, dict(user))
            self._started.add(user_id)
            self._blocked.discard(user_id)

    def block(self, user: dict[str, Any] | int) -> None:
        """The user blocks the bot: private messages to them give 403."""
        user_id = user["id"] if isinstance(user, dict) else user
        with self._lock:
            self._blocked.add(user_id)

    def unblock(self, user: dict[str, Any] | int) -> None:
        user_id = user["id"] if isinstance(user, dict) else user
        with self._lock:
            self._blocked.discard(user_id)

    @property
    def started_users(self) -> frozenset[int]:
        with self._lock:
            return frozenset(self._started)

    def add_file(
        self, content: bytes, file_name: str, mime_type: str | None = None
    ) -> dict[str, Any]:
        """Store a file the bot can fetch with getFile + download; returns a Document dict."""
        with self._lock:
            return self._store_file(content, file_name, mime_type).document()

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        parameters: dict[str, Any] | None = None,
        count: int = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` (optionally only those for
        ``chat_id``) with this error instead of the normal result."""
        with self._lock:
            self._faults.append(
                _Fault(method.lower(), error_code, description, parameters, count, chat_id, False)
            )

    def drop_connection_next(
        self, method: str, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Reset the connection without an answer on the next ``count`` calls of ``method``."""
        with self._lock:
            self._faults.append(_Fault(method.lower(), 0, "", None, count, chat_id, True))

    # ------------------------------------------------------------------ update injection

    def push_message(
        self,
        chat: dict[str, Any],
        from_user: dict[str, Any],
        text: str,
        *,
        date: int | None = None,
        reply_to: dict[str, Any] | int | None = None,
        message_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """A user writes ``text`` in ``chat``; returns the Message dict.

        Commands and @mentions get their entities (UTF-16 offsets) like Telegram adds them.
        A message in the user's private chat marks them as started (and unblocked).
        """
        with self._cond:
            chat = self._register_chat(chat)
            user = self._register_user(from_user)
            message: dict[str, Any] = {"text": text}
            found = auto_entities(text) if entities is None else entities
            if found:
                message["entities"] = found
            message = self._user_message(chat, user, message, date, reply_to, message_id)
            self._deliver_message(chat, message, "message")
            return copy.deepcopy(message)

    def push_document(
        self,
        chat: dict[str, Any],
        from_user: dict[str, Any],
        document: dict[str, Any] | bytes,
        file_name: str | None = None,
        *,
        caption: str | None = None,
        mime_type: str | None = None,
        date: int | None = None,
        reply_to: dict[str, Any] | int | None = None,
    ) -> dict[str, Any]:
        """A user sends a file: pass a Document dict from ``add_file`` or bytes + file_name."""
        with self._cond:
            if isinstance(document, bytes | bytearray):
                if file_name is None:
                    raise ValueError("file_name is required with bytes")
                document = self._store_file(bytes(document), file_name, mime_type).document()
            chat = self._register_chat(chat)
            user = self._register_user(from_user)
            message: dict[str, Any] = {"document": dict(document)}
            if caption is not None:
                message["caption"] = caption
                found = auto_entities(caption)
                if found:
                    message["caption_entities"] = found
            message = self._user_message(chat, user, message, date, reply_to, None)
            self._deliver_message(chat, message, "message")
            return copy.deepcopy(message)

    def push_edited_message(
        self, message: dict[str, Any], text: str, *, edit_date: int | None = None
    ) -> dict[str, Any]:
        """The author edits a message pushed earlier; queues an ``edited_message`` update."""
        with self._cond:
            chat_id = message["chat"]["id"]
            stored = self._messages.get(chat_id, {}).get(message["message_id"])
            if stored is None:
                raise KeyError(f"message {message['message_id']} not found in chat {chat_id}")
            stored["text"] = text
            stored.pop("entities", None)
            found = auto_entities(text)
            if found:
                stored["entities"] = found
            stored["edit_date"] = self.now if edit_date is None else edit_date
            self._deliver_message(self._chats[chat_id], stored, "edited_message")
            return copy.deepcopy(stored)

    def push_callback(self, from_user: dict[str, Any], message: dict[str, Any], data: str) -> str:
        """A user presses an inline button with ``data`` under ``message`` (a bot message);
        returns the callback query id."""
        with self._cond:
            user = self._register_user(from_user)
            chat_id = message["chat"]["id"]
            current = self._messages.get(chat_id, {}).get(message["message_id"], message)
            query_id = str(4_000_000_000_000_000_000 + next(self._callback_numbers))
            query = {
                "id": query_id,
                "from": user,
                "message": copy.deepcopy(current),
                "chat_instance": str(abs(chat_id) * 7 + 1_000_000_000_000_000_000),
                "data": data,
            }
            self._callbacks[query_id] = {"query": query, "answer": None}
            self._enqueue({"callback_query": query})
            return query_id

    def press_button(self, from_user: dict[str, Any], message: dict[str, Any], label: str) -> str:
        """Press the inline button whose text is ``label`` (or uniquely contains it) on the
        current version of ``message``; returns the callback query id."""
        with self._lock:
            chat_id = message["chat"]["id"]
            current = self._messages.get(chat_id, {}).get(message["message_id"], message)
            rows = (current.get("reply_markup") or {}).get("inline_keyboard", [])
            buttons = [button for row in rows for button in row]
        exact = [button for button in buttons if button.get("text") == label]
        matches = exact or [button for button in buttons if label in button.get("text", "")]
        if len(matches) != 1 or "callback_data" not in matches[0]:
            labels = [button.get("text") for button in buttons]
            raise AssertionError(f"no unique callback button {label!r} among {labels}")
        return self.push_callback(from_user, current, matches[0]["callback_data"])

    def push_my_chat_member(
        self,
        chat: dict[str, Any],
        from_user: dict[str, Any],
        new_status: str,
        *,
        old_status: str = "left",
    ) -> dict[str, Any]:
        """The bot's own membership changes (added to a group, kicked, made admin...)."""
        with self._cond:
            chat = self._register_chat(chat)
            update = {
                "my_chat_member": {
                    "chat": chat,
                    "from": self._register_user(from_user),
                    "date": self.now,
                    "old_chat_member": self._member_dict(self.bot_user, old_status),
                    "new_chat_member": self._member_dict(self.bot_user, new_status),
                }
            }
            self._apply_my_chat_member(chat["id"], new_status)
            return self._enqueue(update)

    def push_left_chat_member(
        self,
        chat: dict[str, Any],
        from_user: dict[str, Any],
        member: dict[str, Any],
        *,
        banned: bool = False,
    ) -> dict[str, Any]:
        """Service message: ``member`` left the group (``from_user`` is the member) or was
        removed by ``from_user`` (``banned``: kicked, else left). Like Telegram, an admin bot
        that asked for ``chat_member`` updates also gets one."""
        with self._cond:
            chat = self._register_chat(chat)
            user = self._register_user(from_user)
            gone = self._register_user(member)
            old = self._members.get(chat["id"], {}).get(gone["id"])
            status = "kicked" if banned else "left"
            self._members.setdefault(chat["id"], {})[gone["id"]] = self._member_dict(gone, status)
            message = self._user_message(
                chat, user, {"left_chat_member": copy.deepcopy(gone)}, None, None, None
            )
            self._deliver_message(chat, message, "message")
            self._chat_member_update(chat, user, gone, old, status)
            return copy.deepcopy(message)

    def push_chat_member(
        self,
        chat: dict[str, Any],
        from_user: dict[str, Any],
        member: dict[str, Any],
        new_status: str,
        **fields: Any,
    ) -> dict[str, Any] | None:
        """A member's status changes (an admin bans, restricts or promotes them, they join or
        leave) without a service message (as in a large supergroup). The state changes for
        ``getChatMember`` either way; the ``chat_member`` update is returned only when the
        bot would get it (it is an administrator and asked for it), else None."""
        with self._cond:
            chat = self._register_chat(chat)
            user = self._register_user(from_user)
            person = self._register_user(member)
            old = self._members.get(chat["id"], {}).get(person["id"])
            self._members.setdefault(chat["id"], {})[person["id"]] = self._member_dict(
                person, new_status, **fields
            )
            return self._chat_member_update(chat, user, person, old, new_status, **fields)

    def _chat_member_update(
        self,
        chat: dict[str, Any],
        by: dict[str, Any],
        person: dict[str, Any],
        old: dict[str, Any] | None,
        new_status: str,
        **fields: Any,
    ) -> dict[str, Any] | None:
        bot_member = self._members.get(chat["id"], {}).get(self.bot_id)
        if not bot_member or bot_member["status"] not in ("administrator", "creator"):
            return None  # Telegram sends chat_member only to administrators
        return self._enqueue(
            {
                "chat_member": {
                    "chat": chat,
                    "from": by,
                    "date": self.now,
                    "old_chat_member": old or self._member_dict(person, "left"),
                    "new_chat_member": self._member_dict(person, new_status, **fields),
                }
            }
        )

    def push_new_chat_members(
        self, chat: dict[str, Any], from_user: dict[str, Any], members: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """Service message: ``from_user`` added ``members`` (may include ``bot_user``)."""
        with self._cond:
            chat = self._register_chat(chat)
            user = self._register_user(from_user)
            for member in members:
                self._register_user(member)
                if member["id"] == self.bot_id:
                    self._bot_status.pop(chat["id"], None)
                else:
                    self._members.setdefault(chat["id"], {})[member["id"]] = self._member_dict(
                        member, "member"
                    )
            message = self._user_message(
                chat, user, {"new_chat_members": copy.deepcopy(members)}, None, None, None
            )
            self._deliver_message(chat, message, "message")
            return copy.deepcopy(message)

    def migrate_group(
        self, chat: dict[str, Any], new_chat_id: int, by_user: dict[str, Any]
    ) -> dict[str, Any]:
        """Upgrade a group to a supergroup: later calls to the old id give 400 with
        ``migrate_to_chat_id``; the two service messages are queued. Returns the new chat."""
        with self._cond:
            old = self._register_chat(chat)
            user = self._register_user(by_user)
            new = {"id": new_chat_id, "type": "supergroup", "title": old.get("title", "")}
            self._chats[new_chat_id] = dict(new)
            self._members[new_chat_id] = copy.deepcopy(self._members.get(old["id"], {}))
            if old["id"] in self._bot_status:
                self._bot_status[new_chat_id] = self._bot_status[old["id"]]
            first = self._user_message(
                old, user, {"migrate_to_chat_id": new_chat_id}, None, None, None
            )
            self._deliver_message(old, first, "message")
            second = self._user_message(
                new, user, {"migrate_from_chat_id": old["id"]}, None, None, None
            )
            self._deliver_message(new, second, "message")
            self._migrated[old["id"]] = new_chat_id
            return dict(new)

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue any raw update dict (its update_id is assigned). Users, chats and messages
        in it are registered, and ``my_chat_member`` changes the bot's membership."""
        with self._cond:
            update = copy.deepcopy(update)
            update.pop("update_id", None)
            for value in update.values():
                if not isinstance(value, dict):
                    continue
                if isinstance(value.get("chat"), dict):
                    value["chat"] = self._register_chat(value["chat"])
                if isinstance(value.get("from"), dict):
                    self._register_user(value["from"])
                if "message_id" in value and "chat" in value:
                    chat_id = value["chat"]["id"]
                    self._messages.setdefault(chat_id, {})[value["message_id"]] = copy.deepcopy(
                        value
                    )
                    self._last_message_id[chat_id] = max(
                        self._last_message_id.get(chat_id, 0), value["message_id"]
                    )
            member_update = update.get("my_chat_member")
            if isinstance(member_update, dict):
                status = (member_update.get("new_chat_member") or {}).get("status")
                if status:
                    self._apply_my_chat_member(member_update["chat"]["id"], status)
            return self._enqueue(update)

    # ------------------------------------------------------------------ inspection

    def mark(self) -> int:
        """The current number of calls: pass it as ``after=`` to wait for later calls."""
        with self._lock:
            return len(self.calls)

    def calls_of(self, method: str, *, after: int = 0) -> list[Call]:
        method = method.lower()
        with self._lock:
            return [call for call in self.calls[after:] if call.method.lower() == method]

    def sent_texts(self, chat_id: int | None = None, after: int = 0) -> list[str]:
        """Texts of successful sendMessage/editMessageText calls (as Telegram shows them:
        HTML tags stripped, entities decoded), oldest first."""
        texts = []
        with self._lock:
            calls = self.calls[after:]
        for call in calls:
            if call.method.lower() not in ("sendmessage", "editmessagetext") or not call.ok:
                continue
            result = call.result
            if not isinstance(result, dict) or "text" not in result:
                continue
            if chat_id is None or result["chat"]["id"] == chat_id:
                texts.append(result["text"])
        return texts

    def sent_files(self, chat_id: int | None = None, after: int = 0) -> list[UploadedFile]:
        """Files uploaded by successful sendDocument calls."""
        files = []
        with self._lock:
            calls = self.calls[after:]
        for call in calls:
            if call.method.lower() != "senddocument" or not call.ok:
                continue
            document = call.params.get("document")
            if isinstance(document, UploadedFile) and (
                chat_id is None or call.result["chat"]["id"] == chat_id
            ):
                files.append(document)
        return files

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """The current version of a stored message (KeyError if unknown or deleted)."""
        with self._lock:
            return copy.deepcopy(self._messages[chat_id][message_id])

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """All stored messages in a chat (user and bot), oldest first."""
        with self._lock:
            stored = self._messages.get(chat_id, {})
            return [copy.deepcopy(stored[key]) for key in sorted(stored)]

    def last_bot_message(self, chat_id: int) -> dict[str, Any]:
        """The newest message the bot sent in a chat (current version)."""
        for message in reversed(self.messages(chat_id)):
            if message.get("from", {}).get("id") == self.bot_id:
                return message
        raise AssertionError(f"the bot sent no message in chat {chat_id}")

    def forces_reply(self, chat_id: int, message_id: int) -> bool:
        """True when the bot sent this message with ForceReply (the app opens a reply)."""
        with self._lock:
            return (chat_id, message_id) in self._force_replies

    def held_back(self) -> frozenset[tuple[int, int]]:
        """(chat id, message id) of the messages privacy mode kept from the bot."""
        with self._lock:
            return frozenset((m["chat"]["id"], m["message_id"]) for m in self.undelivered)

    def stored_file(self, file_id: str) -> tuple[str, str, bytes] | None:
        """(file name, MIME type, content) of a file sent by a user or the bot, or None."""
        with self._lock:
            stored = self._files.get(file_id)
            if stored is None:
                return None
            return stored.file_name, stored.mime_type, stored.content

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """The answerCallbackQuery params for a pushed callback, or None if unanswered."""
        with self._lock:
            answer = self._callbacks[query_id]["answer"]
            return None if answer is None else dict(answer)

    def commands(
        self, scope: dict[str, Any] | str | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """Commands set for a scope (a dict or just its type, e.g. "all_group_chats")."""
        if isinstance(scope, str):
            scope = {"type": scope}
        with self._lock:
            return copy.deepcopy(self._commands.get(self._command_key(scope, language_code), []))

    def menu_button(self, chat_id: int | None = None) -> dict[str, Any]:
        with self._lock:
            return dict(self._menu_buttons.get(chat_id, {"type": "default"}))

    @property
    def pending_updates(self) -> int:
        """Updates pushed but not yet confirmed by the bot."""
        with self._lock:
            return len(self._pending)

    def assert_no_unknown_calls(self) -> None:
        with self._lock:
            unknown = list(self.unknown_calls)
        if unknown:
            raise AssertionError(
                "the bot called methods the fake does not implement:\n"
                + "\n".join(call.short() for call in unknown)
            )

    # ------------------------------------------------------------------ waiting

    def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        after: int = 0,
        timeout: float = 10.0,
    ) -> Call:
        """Block until a call of ``method`` (case-insensitive) with index >= ``after``
        satisfies ``predicate``; AssertionError with a dump of recent calls on timeout.

        Calls are recorded once their answer is computed (so the fake's state already
        reflects them), except getUpdates, which is recorded when it arrives."""
        wanted = method.lower()
        deadline = time.monotonic() + timeout
        index = after
        with self._cond:
            while True:
                while index < len(self.calls):
                    call = self.calls[index]
                    index += 1
                    if call.method.lower() == wanted and (predicate is None or predicate(call)):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"no matching {method} call after index {after} within {timeout}s\n"
                        + self._describe()
                    )
                self._cond.wait(remaining)

    async def await_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        after: int = 0,
        timeout: float = 10.0,
    ) -> Call:
        """``wait_for_call`` for async tests: waits in a worker thread so the loop runs."""
        return await asyncio.to_thread(
            self.wait_for_call, method, predicate, after=after, timeout=timeout
        )

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until the bot confirmed every pushed update (via a later getUpdates offset).

        This means the bot *took* the updates; its handlers may still be running."""
        with self._cond:
            if not self._cond.wait_for(lambda: not self._pending, timeout):
                raise AssertionError(
                    f"{len(self._pending)} update(s) not confirmed within {timeout}s\n"
                    + self._describe()
                )

    def settle_senders(self, timeout: float = 10.0) -> list[str]:
        """Block until the bot has finished every update a user pushed so far.

        The bot handles one sender's updates in order and different senders' at the same
        time (bot/ordering.py). So each user who pushed something since the last call presses
        a button the bot never made ("settle"); the bot answers such a press with "this button
        no longer works" and nothing else. Once all are answered, everything those users sent
        before is done. (Updates without a sender, such as channel posts, are not covered.)
        Returns the ids of the presses, whose answers are not the bot's answers to anyone.
        """
        with self._lock:
            senders = list(self._senders.values())
            self._senders.clear()
        queries = []
        for user in senders:
            card = {
                "message_id": 1,
                "from": dict(self.bot_user),
                "chat": self.private_chat(user),
                "date": self.now,
                "text": "settle",
            }
            queries.append(self.push_callback(user, card, "settle"))
        with self._lock:
            self._senders.clear()  # the presses themselves need no settling
        for query_id in queries:
            self.wait_for_call("answerCallbackQuery", _answers(query_id), timeout=timeout)
        return queries

    async def await_updates_consumed(self, timeout: float = 10.0) -> None:
        """``wait_idle`` for async tests."""
        await asyncio.to_thread(self.wait_idle, timeout)

    def _describe(self, last: int = 10) -> str:
        with self._lock:
            lines = [f"last {min(last, len(self.calls))} of {len(self.calls)} calls:"]
            lines += ["  " + call.short() for call in self.calls[-last:]]
            lines.append(f"pending updates: {len(self._pending)}")
            if self.unknown_calls:
                lines.append(f"unknown calls: {[call.method for call in self.unknown_calls]}")
            if self.undelivered:
                lines.append(
                    f"{len(self.undelivered)} pushed message(s) never reached the bot "
                    "(privacy mode or bot not in the group)"
                )
            return "\n".join(lines)

    # ------------------------------------------------------------------ HTTP plumbing

    def _track_connection(self, connection: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _handle_http(self, handler: _Handler) -> None:
        url = urlsplit(handler.path)
        try:
            body = handler.read_body()
        except (OSError, ValueError):
            handler.close_connection = True
            return
        if url.path.startswith("/file/"):
            self._serve_file(handler, url.path)
            return
        match = _METHOD_PATH.fullmatch(url.path)
        if match is None:
            call = Call(url.path, {}, time.monotonic())
            self._answer(
                handler, call, 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            )
            with self._cond:
                self.unknown_calls.append(call)
                self._cond.notify_all()
            return
        token, method = match.groups()
        call = Call(method, {}, time.monotonic())
        try:
            call.params = self._decode_params(handler, body, url.query)
        except _ApiError as error:
            self._answer(handler, call, *self._error_payload(error))
            return
        except ValueError as error:
            self._answer(
                handler, call, *self._error_payload(_bad(f"can't decode request: {error}"))
            )
            return
        if token != self.token:
            self._answer(
                handler, call, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
            return
        lower = method.lower()
        recorded = False
        with self._cond:
            fault = self._take_fault(lower, call.params)
            if fault is not None and fault.drop:
                call.status = 0
                self._record(call)
                handler.drop()
                return
            if fault is not None:
                status, payload = self._error_payload(
                    _ApiError(fault.error_code, fault.description, fault.parameters)
                )
            elif lower == "getupdates":
                # Recorded on arrival, so tests can see that the bot is polling.
                self._record(call)
                recorded = True
                try:
                    status, payload = 200, {"ok": True, "result": self._get_updates(call.params)}
                except _ApiError as error:
                    status, payload = self._error_payload(error)
            elif lower not in self._handlers:
                status, payload = (
                    404,
                    {
                        "ok": False,
                        "error_code": 404,
                        "description": f"Not Found: method {method} is not faked",
                    },
                )
                self.unknown_calls.append(call)
            else:
                try:
                    self._flood_check(lower, call)
                    result = self._handlers[lower](call.params)
                    status, payload = 200, {"ok": True, "result": result}
                except _ApiError as error:
                    status, payload = self._error_payload(error)
                except Exception as error:  # a bug in the fake: fail the test loudly
                    status, payload = (
                        500,
                        {
                            "ok": False,
                            "error_code": 500,
                            "description": f"Internal error in FakeTelegram: {error!r}",
                        },
                    )
                    self.unknown_calls.append(call)
            call.status, call.response = status, payload
            if recorded:
                self._cond.notify_all()
            else:
                self._record(call)
            hold = self._holds.pop(lower, None) if status == 200 else None
            delay = self.answer_delay if lower != "getupdates" else 0.0
        if delay:
            time.sleep(delay)  # a far-away Telegram (benchmarks); never set by tests
        if hold is not None:
            # The call took effect (recorded, message stored) but its answer is held back:
            # a test can kill the client "after Telegram accepted, before it heard so".
            hold.arrived.set()
            hold.release.wait(timeout=120)
        with contextlib.suppress(OSError):  # the client is gone (killed while held)
            self._send(handler, status, payload)

    def hold_next(self, method: str) -> Hold:
        """Hold back the answer to the next successful call of `method` until released."""
        hold = Hold(threading.Event(), threading.Event())
        with self._cond:
            self._holds[method.lower()] = hold
        return hold

    def _answer(self, handler: _Handler, call: Call, status: int, payload: dict) -> None:
        call.status, call.response = status, payload
        with self._cond:
            self._record(call)
        self._send(handler, status, payload)

    @staticmethod
    def _send(handler: _Handler, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        handler.send_payload(status, body, "application/json")

    @staticmethod
    def _error_payload(error: _ApiError) -> tuple[int, dict[str, Any]]:
        payload: dict[str, Any] = {
            "ok": False,
            "error_code": error.error_code,
            "description": error.description,
        }
        if error.parameters:
            payload["parameters"] = dict(error.parameters)
        return error.error_code, payload

    def _record(self, call: Call) -> None:
        # Lock held by the caller.
        self.calls.append(call)
        self._cond.notify_all()

    def _decode_params(self, handler: _Handler, body: bytes, query: str) -> dict[str, Any]:
        params: dict[str, Any] = {
            key: decode_field(key, value)
            for key, value in parse_qsl(query, keep_blank_values=True)
        }
        content_type = handler.headers.get("Content-Type", "")
        kind = content_type.split(";")[0].strip().lower()
        if not body:
            return params
        if kind == "application/json":
            decoded = json.loads(body)
            if not isinstance(decoded, dict):
                raise _bad("JSON body must be an object")
            params.update(decoded)
        elif kind == "multipart/form-data":
            fields, files = parse_multipart(body, content_type)
            params.update({key: decode_field(key, value) for key, value in fields.items()})
            for upload in files:
                params[upload.field] = upload
            # Fields may point at a part by name: "attach://<part name>".
            by_name = {upload.field: upload for upload in files}
            for key, value in list(params.items()):
                if isinstance(value, str) and value.startswith("attach://"):
                    target = by_name.get(value.removeprefix("attach://"))
                    if target is not None:
                        params[key] = target
        else:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            params.update({key: decode_field(key, value) for key, value in pairs})
        return params

    def _flood_check(self, method: str, call: Call) -> None:
        """Refuse a message over Telegram's flood limits with 429 (lock held)."""
        if not self.flood_limits or method not in FLOOD_METHODS:
            return
        chat_id = call.params.get("chat_id")
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        if not isinstance(chat_id, int):
            return
        limits = {None: FLOOD_OVERALL, chat_id: FLOOD_PRIVATE if chat_id > 0 else FLOOD_GROUP}
        now = time.monotonic()
        buckets = [self._buckets.setdefault(k, _Bucket(*v)) for k, v in limits.items()]
        wait = max(b.wait(now) for b in buckets)
        if wait > 0:
            self.flood_violations.append(call)
            retry = max(1, int(wait + 0.999))
            raise _ApiError(
                429,
                f"Too Many Requests: retry after {retry}",
                {"retry_after": retry},
            )
        for bucket in buckets:
            bucket.tokens -= 1

    def _take_fault(self, method: str, params: dict[str, Any]) -> _Fault | None:
        for fault in self._faults:
            if fault.method != method:
                continue
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._faults.remove(fault)
            return fault
        return None

    def _serve_file(self, handler: _Handler, path: str) -> None:
        # PTB percent-encodes the download URL, including the ":" of the token.
        match = _FILE_PATH.fullmatch(unquote(path))
        file_path = match.group(2) if match else path
        call = Call("downloadFile", {"file_path": file_path}, time.monotonic())
        if match is None or match.group(1) != self.token:
            status, payload = (
                (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                if match
                else (404, {"ok": False, "error_code": 404, "description": "Not Found"})
            )
            self._answer(handler, call, status, payload)
            return
        with self._cond:
            stored = next(
                (item for item in self._files.values() if item.file_path == file_path), None
            )
            call.status = 200 if stored else 404
            call.response = {"ok": stored is not None}
            self._record(call)
        if stored is None:
            self._send(handler, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        else:
            handler.send_payload(200, stored.content, "application/octet-stream")

    # ------------------------------------------------------------------ state helpers (lock held)

    def _enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **copy.deepcopy(update)}
        self._pending.append(update)
        for value in update.values():
            if isinstance(value, dict) and isinstance(value.get("from"), dict):
                self._senders[value["from"]["id"]] = dict(value["from"])
                break
        self._cond.notify_all()
        return copy.deepcopy(update)

    def _register_user(self, user: dict[str, Any]) -> dict[str, Any]:
        self._users[user["id"]] = dict(user)
        return dict(user)

    def _register_chat(self, chat: dict[str, Any]) -> dict[str, Any]:
        if chat["id"] not in self._chats:
            self._chats[chat["id"]] = dict(chat)
        return dict(self._chats[chat["id"]])

    def _member_dict(self, user: dict[str, Any], status: str, **fields: Any) -> dict[str, Any]:
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {MEMBER_STATUSES}, not {status!r}")
        member: dict[str, Any] = {"status": status, "user": dict(user)}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_stories=False,
                can_edit_stories=False,
                can_delete_stories=False,
                can_pin_messages=True,
            )
        elif status == "kicked":
            member["until_date"] = 0
        member.update(fields)
        return member

    def _apply_my_chat_member(self, chat_id: int, status: str) -> None:
        if status in ("left", "kicked"):
            self._bot_status[chat_id] = status
        else:
            self._bot_status.pop(chat_id, None)
        self._members.setdefault(chat_id, {})[self.bot_id] = self._member_dict(
            self.bot_user, status
        )

    def _next_message_id(self, chat_id: int, wanted: int | None = None) -> int:
        last = self._last_message_id.get(chat_id, 0)
        message_id = last + 1 if wanted is None else wanted
        self._last_message_id[chat_id] = max(last, message_id)
        return message_id

    def _reply_copy(self, chat_id: int, target: dict[str, Any] | int) -> dict[str, Any]:
        message_id = target if isinstance(target, int) else target["message_id"]
        stored = self._messages.get(chat_id, {}).get(message_id)
        if stored is None:
            raise KeyError(f"message {message_id} not found in chat {chat_id}")
        reply = copy.deepcopy(stored)
        reply.pop("reply_to_message", None)
        return reply

    def _user_message(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        content: dict[str, Any],
        date: int | None,
        reply_to: dict[str, Any] | int | None,
        message_id: int | None,
    ) -> dict[str, Any]:
        if chat["type"] == "private" and chat["id"] == user["id"]:
            self._started.add(user["id"])
            self._blocked.discard(user["id"])
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat["id"], message_id),
            "from": dict(user),
            "chat": dict(chat),
            "date": self.now if date is None else date,
            **content,
        }
        if reply_to is not None:
            message["reply_to_message"] = self._reply_copy(chat["id"], reply_to)
        self._messages.setdefault(chat["id"], {})[message["message_id"]] = message
        return message

    def _bot_receives(self, chat: dict[str, Any], message: dict[str, Any]) -> bool:
        if chat["type"] == "private":
            return True
        if self._bot_status.get(chat["id"]) in ("left", "kicked"):
            return False
        if not self.privacy_mode or chat["type"] == "channel":
            return True
        bot_member = self._members.get(chat["id"], {}).get(self.bot_id)
        if bot_member and bot_member["status"] in ("administrator", "creator"):
            return True
        text = message.get("text", message.get("caption"))
        if text is None:
            return "document" not in message  # service messages always arrive
        username = self.bot_user["username"].lower()
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            _, at, target = command.partition("@")
            return not at or target.lower() == username
        replied = message.get("reply_to_message")
        if replied and replied.get("from", {}).get("id") == self.bot_id:
            return True
        return f"@{username}" in text.lower()

    def _deliver_message(self, chat: dict[str, Any], message: dict[str, Any], kind: str) -> None:
        if self._bot_receives(chat, message):
            self._enqueue({kind: message})
        else:
            self.undelivered.append(copy.deepcopy(message))

    def _store_file(self, content: bytes, file_name: str, mime_type: str | None) -> _StoredFile:
        number = next(self._file_numbers)
        guessed = mimetypes.guess_type(file_name)[0]
        if file_name.lower().endswith(".docx"):
            guessed = DOCX_MIME
        extension = "." + file_name.rsplit(".", 1)[1] if "." in file_name else ""
        stored = _StoredFile(
            file_id=f"BQACAgQAAxkBfake{number:06d}",
            file_unique_id=f"AgADfake{number:06d}",
            file_name=file_name,
            mime_type=mime_type or guessed or "application/octet-stream",
            content=content,
            file_path=f"documents/file_{number}{extension}",
        )
        self._files[stored.file_id] = stored
        return stored

    def _chat_id(self, value: Any) -> int:
        if value is None or value == "":
            raise _bad("chat_id is empty")
        if isinstance(value, str):
            if re.fullmatch(r"-?\d+", value):
                return int(value)
            wanted = value.lstrip("@").lower()
            for chat in self._chats.values():
                if str(chat.get("username", "")).lower() == wanted:
                    return chat["id"]
            raise _bad("chat not found")
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad("chat not found")
        return value

    def _known_chat(self, value: Any) -> dict[str, Any]:
        """Resolve a chat the bot may look at (getChat, getChatMember, edits...)."""
        chat_id = self._chat_id(value)
        if chat_id in self._migrated:
            raise _bad(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id > 0:
            user = self._users.get(chat_id)
            if user is None or chat_id == self.bot_id:
                raise _bad("chat not found")
            if chat_id not in self._chats:
                self.private_chat(user)
            return dict(self._chats[chat_id])
        chat = self._chats.get(chat_id)
        if chat is None:
            raise _bad("chat not found")
        status = self._bot_status.get(chat_id)
        kind = chat["type"] if chat["type"] in ("supergroup", "channel") else "group"
        if status == "kicked":
            raise _ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        if status == "left":
            raise _ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
        return dict(chat)

    def _target_chat(self, value: Any) -> dict[str, Any]:
        """Resolve a chat the bot wants to write to."""
        chat = self._known_chat(value)
        if chat["type"] == "private":
            user = self._users[chat["id"]]
            if user.get("is_bot"):
                raise _ApiError(403, "Forbidden: bot can't send messages to bots")
            if chat["id"] in self._blocked:
                raise _ApiError(403, BLOCKED)
            if chat["id"] not in self._started:
                raise _ApiError(403, CANT_INITIATE)
        return chat

    @staticmethod
    def _render(
        text: Any, parse_mode: Any, *, limit: int, what: str, allow_empty: bool
    ) -> tuple[str, str, list[dict[str, Any]]]:
        """Return (visible text, formatting key, entities) for a text or caption, or raise
        400."""
        raw = "" if text is None else str(text)
        is_html = isinstance(parse_mode, str) and parse_mode.lower() == "html"
        if parse_mode not in (None, "") and not (
            isinstance(parse_mode, str)
            and parse_mode.lower() in ("html", "markdown", "markdownv2")
        ):
            raise _bad(f"unsupported parse_mode {parse_mode}")
        plain, entities = parse_html(raw) if is_html else (raw, [])
        plain, entities = strip_with_entities(plain, entities)
        if not plain and not allow_empty:
            raise _bad(f"{what} is empty")
        if utf16_len(plain) > limit:
            raise _bad(f"{what} is too long")
        return plain, (raw if is_html else plain), entities

    @staticmethod
    def _inline_markup(markup: Any) -> dict[str, Any] | None:
        """Validate reply_markup; return it if it is an inline keyboard (the only kind
        Telegram echoes in the sent message)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad("can't parse inline keyboard markup JSON object")
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not button.get("text"):
                    raise _bad("can't parse inline keyboard button: text is empty")
                if "callback_data" in button:
                    size = len(str(button["callback_data"]).encode("utf-8"))
                    if not 1 <= size <= 64:
                        raise _bad("BUTTON_DATA_INVALID")
                elif len(button) == 1:
                    raise _bad(
                        "can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard"
                    )
        return {"inline_keyboard": copy.deepcopy(rows)}

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any] | None:
        reply_parameters = params.get("reply_parameters")
        allow = bool(params.get("allow_sending_without_reply"))
        message_id = params.get("reply_to_message_id")
        if isinstance(reply_parameters, dict):
            message_id = reply_parameters.get("message_id")
            allow = bool(reply_parameters.get("allow_sending_without_reply"))
            other_chat = reply_parameters.get("chat_id")
            if other_chat is not None and self._chat_id(other_chat) != chat_id:
                raise _bad("replies to other chats are not faked")
        if message_id is None:
            return None
        try:
            return self._reply_copy(chat_id, message_id)
        except KeyError:
            if allow:
                return None
            raise _bad("message to be replied not found") from None

    def _bot_message(self, chat: dict[str, Any], content: dict[str, Any], params: dict) -> dict:
        reply = self._reply_target(chat["id"], params)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat["id"]),
            "from": dict(self.bot_user),
            "chat": dict(chat),
            "date": self.now,
            **content,
        }
        if reply is not None:
            message["reply_to_message"] = reply
        self._messages.setdefault(chat["id"], {})[message["message_id"]] = message
        return message

    def _stored_bot_message(self, params: dict[str, Any], action: str) -> dict[str, Any]:
        if params.get("inline_message_id"):
            raise _bad("inline messages are not faked")
        chat = self._known_chat(params.get("chat_id"))
        message = self._messages.get(chat["id"], {}).get(params.get("message_id"))  # type: ignore[arg-type]
        if message is None:
            raise _bad(f"message to {action} not found")
        if message["from"]["id"] != self.bot_id:
            raise _bad(f"message can't be {action}ed")
        return message

    # ------------------------------------------------------------------ Bot API methods

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
            self._cond.notify_all()
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()  # an older poll still waiting ends with 409 Conflict
        offset, limit, timeout = (params.get(key) for key in ("offset", "limit", "timeout"))
        for name, value in (("offset", offset), ("limit", limit), ("timeout", timeout)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise _bad(f"invalid {name} parameter")
        limit = min(max(limit or 100, 1), 100)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = [str(a) for a in allowed] or None
        if offset:
            if offset > 0:
                self._pending = [u for u in self._pending if u["update_id"] >= offset]
            else:
                self._pending = self._pending[offset:]
            self._cond.notify_all()
        deadline = time.monotonic() + max(timeout or 0, 0)
        while True:
            if self._stopping:
                return []
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                )
            wanted = [u for u in self._pending if self._allowed(u)]
            if len(wanted) < len(self._pending):  # Telegram never sends what was not asked
                self._pending = wanted
            if self._pending:
                return copy.deepcopy(self._pending[:limit])
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            self._cond.wait(remaining)

    def _allowed(self, update: dict[str, Any]) -> bool:
        kind = next(k for k in update if k != "update_id")
        if self._allowed_updates is None:
            return kind not in DEFAULT_EXCLUDED_UPDATES
        return kind in self._allowed_updates

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._target_chat(params.get("chat_id"))
        text, source, entities = self._render(
            params.get("text"),
            params.get("parse_mode"),
            limit=MAX_MESSAGE_LENGTH,
            what="message text",
            allow_empty=False,
        )
        markup = self._inline_markup(params.get("reply_markup"))
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if markup is not None:
            content["reply_markup"] = markup
        message = self._bot_message(chat, content, params)
        self._message_sources[(chat["id"], message["message_id"])] = source
        requested = params.get("reply_markup")
        if isinstance(requested, dict) and requested.get("force_reply"):
            self._force_replies.add((chat["id"], message["message_id"]))
        return copy.deepcopy(message)

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._stored_bot_message(params, "edit")
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        text, source, entities = self._render(
            params.get("text"),
            params.get("parse_mode"),
            limit=MAX_MESSAGE_LENGTH,
            what="message text",
            allow_empty=False,
        )
        markup = self._inline_markup(params.get("reply_markup"))
        key = (message["chat"]["id"], message["message_id"])
        if (
            text == message["text"]
            and source == self._message_sources.get(key, message["text"])
            and markup == message.get("reply_markup")
        ):
            raise _bad(NOT_MODIFIED)
        message["text"] = text
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        self._message_sources[key] = source
        # Like Telegram: an edit without reply_markup removes the inline keyboard.
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = self.now
        return copy.deepcopy(message)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._stored_bot_message(params, "edit")
        markup = self._inline_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise _bad(NOT_MODIFIED)
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = self.now
        return copy.deepcopy(message)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat = self._known_chat(params.get("chat_id"))
        message_id = params.get("message_id")
        if self._messages.get(chat["id"], {}).pop(message_id, None) is None:  # type: ignore[arg-type]
            raise _bad("message to delete not found")
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        entry = self._callbacks.get(str(params.get("callback_query_id")))
        if entry is None or entry["answer"] is not None:
            raise _bad(QUERY_INVALID)
        entry["answer"] = dict(params)
        return True

    def _get_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._known_chat(params.get("chat_id"))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _get_chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._known_chat(params.get("chat_id"))
        user_id = params.get("user_id")
        if isinstance(user_id, bool) or not isinstance(user_id, int):
            raise _bad("invalid user_id specified")
        user = self._users.get(
            user_id, {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        )
        if chat["type"] == "private":
            status = "member" if user_id in (chat["id"], self.bot_id) else "left"
            return self._member_dict(user, status)
        member = self._members.get(chat["id"], {}).get(user_id)
        if member is not None:
            return copy.deepcopy(member)
        return self._member_dict(user, "member" if user_id == self.bot_id else "left")

    def _get_chat_administrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat = self._known_chat(params.get("chat_id"))
        if chat["type"] == "private":
            raise _bad("there are no administrators in the private chat")
        return [
            copy.deepcopy(member)
            for member in self._members.get(chat["id"], {}).values()
            if member["status"] in ("creator", "administrator")
        ]

    @staticmethod
    def _command_key(scope: Any, language_code: Any) -> tuple[str, str]:
        if not scope:
            scope = {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_NAME.fullmatch(
                str(command.get("command", ""))
            ):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._command_key(params.get("scope"), params.get("language_code"))
        self._commands[key] = [
            {"command": command["command"], "description": command["description"]}
            for command in commands
        ]
        return True

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self._commands.pop(
            self._command_key(params.get("scope"), params.get("language_code")), None
        )
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        key = self._command_key(params.get("scope"), params.get("language_code"))
        return copy.deepcopy(self._commands.get(key, []))

    def _set_chat_menu_button(self, params: dict[str, Any]) -> bool:
        chat_id = params.get("chat_id")
        if chat_id is not None:
            chat_id = self._known_chat(chat_id)["id"]
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            raise _bad("can't parse menu button JSON object")
        self._menu_buttons[chat_id] = dict(button)
        return True

    def _get_chat_menu_button(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        if chat_id is not None:
            chat_id = self._known_chat(chat_id)["id"]
        return dict(self._menu_buttons.get(chat_id, {"type": "default"}))

    def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._target_chat(params.get("chat_id"))
        document = params.get("document")
        if isinstance(document, UploadedFile):
            stored = self._store_file(document.content, document.filename, None)
        elif isinstance(document, str) and document in self._files:
            stored = self._files[document]
        elif isinstance(document, str) and document.startswith(("http://", "https://")):
            raise _bad("failed to get HTTP URL content")
        elif isinstance(document, str) and document:
            raise _bad("wrong file identifier/HTTP URL specified")
        else:
            raise _bad("there is no document in the request")
        caption, _, entities = self._render(
            params.get("caption"),
            params.get("parse_mode"),
            limit=MAX_CAPTION_LENGTH,
            what="message caption",
            allow_empty=True,
        )
        content: dict[str, Any] = {"document": stored.document()}
        if caption:
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        markup = self._inline_markup(params.get("reply_markup"))
        if markup is not None:
            content["reply_markup"] = markup
        return copy.deepcopy(self._bot_message(chat, content, params))

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id")))
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    def _send_chat_action(self, params: dict[str, Any]) -> bool:
        self._target_chat(params.get("chat_id"))
        if params.get("action") not in CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _leave_chat(self, params: dict[str, Any]) -> bool:
        chat = self._known_chat(params.get("chat_id"))
        if chat["type"] == "private":
            raise _bad("chat member status can't be changed in private chats")
        self._apply_my_chat_member(chat["id"], "left")
        return True
