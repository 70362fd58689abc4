"""The demo page and its small JSON API, served on 127.0.0.1 only.

GET  /                 the page (one file, no outside resources)
GET  /api/state        clock, people, every chat's messages (see DemoWorld.state)
GET  /api/file?id=...  a file sent in a chat, as a download
POST /api/send         {"user", "chat", "text", "reply_to"?}
POST /api/press        {"user", "chat", "message", "data"}   -> {"answer"}
POST /api/upload       {"user", "chat", "name", "mime"?, "data" (base64), "caption"?}
POST /api/clock/next   send what is due, or move the clock to the next reminder moment

POSTs must be JSON (a page elsewhere cannot send that without the browser asking first) and
every request must name this server in its Host header (no DNS rebinding).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from bot import texts
from bot.demo.world import DemoError, DemoWorld

log = logging.getLogger(__name__)
MAX_BODY = 30 * 1024 * 1024  # base64 of a Word file well over the bot's own limit


class DemoServer(ThreadingHTTPServer):
    daemon_threads = True
    world: DemoWorld
    page: bytes

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes a tab mid-request is no error worth a traceback.
        log.debug("demo page: a request from %s broke off", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server: DemoServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("demo page: " + format, *args)

    # ------------------------------------------------------------------ routing

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(200, self.server.page, "text/html; charset=utf-8")
        elif url.path == "/api/state":
            self._json(200, self.server.world.state())
        elif url.path == "/api/file":
            file_id = (parse_qs(url.query).get("id") or [""])[0]
            self._file(file_id)
        else:
            self._json(404, {"error": texts.DEMO_BAD_REQUEST})

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        body = self._body()
        if body is None:
            return
        world = self.server.world
        route = urlsplit(self.path).path
        try:
            if route == "/api/send":
                reply_to = body.get("reply_to")
                world.send(
                    _int(body, "user"),
                    _int(body, "chat"),
                    str(body.get("text", "")),
                    int(reply_to) if reply_to else None,
                )
                self._json(200, {"ok": True})
            elif route == "/api/press":
                answer = world.press(
                    _int(body, "user"),
                    _int(body, "chat"),
                    _int(body, "message"),
                    str(body.get("data", "")),
                )
                self._json(200, {"ok": True, "answer": answer})
            elif route == "/api/upload":
                try:
                    content = base64.b64decode(str(body.get("data", "")), validate=True)
                except (binascii.Error, ValueError):
                    raise DemoError(texts.DEMO_BAD_REQUEST) from None
                world.upload(
                    _int(body, "user"),
                    _int(body, "chat"),
                    str(body.get("name", "")),
                    content,
                    str(body.get("mime") or "") or None,
                    str(body.get("caption") or "") or None,
                )
                self._json(200, {"ok": True})
            elif route == "/api/clock/next":
                self._json(200, {"ok": True, "message": world.next_reminder()})
            else:
                self._json(404, {"error": texts.DEMO_BAD_REQUEST})
        except DemoError as err:
            self._json(400, {"error": str(err)})

    # ------------------------------------------------------------------ helpers

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        allowed = {f"127.0.0.1:{port}", f"localhost:{port}"}
        if self.headers.get("Host", "") not in allowed:
            self._json(403, {"error": texts.DEMO_BAD_REQUEST})
            return False
        return True

    def _body(self) -> dict[str, Any] | None:
        size = int(self.headers.get("Content-Length") or 0)
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json" or not 0 < size <= MAX_BODY:
            self.close_connection = True  # the body stays unread: no second request on it
            self._json(400, {"error": texts.DEMO_BAD_REQUEST})
            return None
        try:
            body = json.loads(self.rfile.read(size))
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            self._json(400, {"error": texts.DEMO_BAD_REQUEST})
            return None
        return body

    def _file(self, file_id: str) -> None:
        try:
            name, mime, content = self.server.world.file(file_id)
        except DemoError as err:
            self._json(404, {"error": str(err)})
            return
        self.send_response(200)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(name)}")
        self.end_headers()
        self.wfile.write(content)

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        # The page needs nothing from elsewhere: forbid it, so a message can never load it.
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src 'self' data:",
        )
        self.end_headers()
        self.wfile.write(body)


def _int(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise DemoError(texts.DEMO_BAD_REQUEST)
    try:
        return int(value)
    except ValueError:
        raise DemoError(texts.DEMO_BAD_REQUEST) from None


def open_page(port: int) -> DemoServer:
    """Bind 127.0.0.1:`port` (0: a free one); raises OSError when it is taken."""
    server = DemoServer(("127.0.0.1", port), _Handler)
    server.page = resources.files("bot.demo").joinpath("page.html").read_bytes()
    return server


def serve_page(server: DemoServer, world: DemoWorld) -> None:
    """Serve the page for `world` in a daemon thread."""
    server.world = world
    threading.Thread(target=server.serve_forever, name="demo-page", daemon=True).start()
