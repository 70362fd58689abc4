"""Run `otbot demo` as its own process and talk to its page's API, as a browser would."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 90.0
URL = re.compile(r"open (http://127\.0\.0\.1:\d+/) ")


class DemoProcess:
    """`python -m bot.cli demo ...` with its output captured; `url` once it is ready."""

    def __init__(self, *args: str, tmp: Path) -> None:
        self.log = tmp / "demo.log"
        env = {**os.environ, "TMPDIR": str(tmp)}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        env.pop("OTBOT_CONFIG", None)
        self._out = self.log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "demo", "--port", "0", *args],
            cwd=tmp,
            env={**env, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=self._out,
            text=True,
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        """Read stdout until the line that gives the page's address (or the process ends)."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + START_SECONDS
        lines: list[str] = []
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if not selector.select(timeout=deadline - time.monotonic()):
                    break
                line = self.process.stdout.readline()
                if not line:
                    break
                lines.append(line)
                found = URL.search(line)
                if found:
                    return found.group(1)
        self.stop()
        raise AssertionError(f"otbot demo gave no address: {lines}\n{self.log.read_text()}")

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=60) as response:
            return json.loads(response.read())

    def download(self, path: str) -> tuple[str, bytes]:
        with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=60) as response:
            return response.headers.get("Content-Disposition", ""), response.read()

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        request = urllib.request.Request(
            self.url.rstrip("/") + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as err:
            with err:
                return err.code, json.loads(err.read())

    def texts(self, chat_id: int) -> list[str]:
        return [m["text"] or m["caption"] for m in self.get("/api/state")["chats"][str(chat_id)]]

    def stop(self) -> tuple[int, str, str]:
        """Ctrl+C, as a person stops it; return (exit status, stdout rest, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, _ = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        self._out.close()
        return self.process.returncode, out or "", self.log.read_text()
