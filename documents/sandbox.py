"""Read an uploaded Word document in a child process, within a time and memory budget.

The bot reads a file only after the sender proved to be a secretary. Even then a crafted
document (an enormous table, deep numbering, a zip that unpacks to the limit) must not make
every other user wait or eat the server's memory. So the parse runs in a fresh Python process
(`python -m documents.sandbox`; never a fork of the bot's threads). The child limits its own
address space and CPU time before it imports anything, gets an environment with nothing of the
bot's in it (no token), reads the bytes on stdin and writes the result as JSON on stdout. JSON,
not pickle: a child subverted by its input cannot run code in the bot. It is killed when it
overruns its wall-clock budget.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import resource
import signal
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow, DocumentError

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 20.0
MAX_MEMORY_BYTES = 1024 * 1024 * 1024  # the child's address space
_ROOT = Path(__file__).resolve().parent.parent  # where the `documents` package lives


def read_docx_isolated(
    data: bytes, *, timeout: float = TIMEOUT_SECONDS, max_memory: int = MAX_MEMORY_BYTES
) -> Actielijst:
    """Read the actielijst in `data` in a child process. Raise DocumentError as `read_docx`
    does, with "too_slow" when it took longer than `timeout` seconds (or hit its CPU limit)
    and "too_large" when it ran out of memory."""
    command = [sys.executable, "-m", "documents.sandbox", str(max_memory), str(timeout)]
    env = {"PYTHONPATH": str(_ROOT), "PATH": os.defpath, "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=timeout, env=env, cwd=_ROOT
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise DocumentError("too_slow", f"no result within {timeout:g} s") from None
    if done.returncode != 0 or not done.stdout:
        if done.returncode == -signal.SIGXCPU:
            raise DocumentError("too_slow", "CPU limit")
        tail = done.stderr.decode("utf-8", "replace")[-300:]
        log.info("the Word reader stopped with %s: %s", done.returncode, tail)
        raise DocumentError("corrupt", f"the reader stopped (exit {done.returncode})")
    try:
        answer = json.loads(done.stdout)
        if answer["ok"]:
            return from_json(answer["doc"])
        reason, detail = str(answer["reason"]), str(answer["detail"])
    except (ValueError, KeyError, TypeError) as err:
        raise DocumentError("corrupt", f"unreadable answer from the reader: {err}") from err
    raise DocumentError(reason, detail)


async def read_docx_off_loop(data: bytes, **limits: Any) -> Actielijst:
    """`read_docx_isolated` without blocking the event loop (a thread waits for the child)."""
    return await asyncio.to_thread(read_docx_isolated, data, **limits)


def to_json(doc: Actielijst) -> dict[str, Any]:
    """The actielijst as plain JSON values."""
    return asdict(doc)


def from_json(value: dict[str, Any]) -> Actielijst:
    """Rebuild an actielijst from `to_json`, checking every field's type."""
    h = value["header"]
    header = DocHeader(
        title=_str(h["title"]),
        programme=_str(h["programme"]),
        domain=_str(h["domain"]),
        chair=_str(h["chair"]),
        attendees=tuple((_str(n), _str(o)) for n, o in h["attendees"]),
        date_text=_str(h["date_text"]),
        place=_str(h["place"]),
    )
    rows = tuple(
        DocRow(
            topic=_str(r["topic"]),
            text=_str(r["text"]),
            note=_str(r["note"]),
            owners=_str(r["owners"]),
            when=_str(r["when"]),
            is_decision=bool(r["is_decision"]),
            status=_str(r["status"]),
            number=None if r["number"] is None else int(r["number"]),
        )
        for r in value["rows"]
    )
    decisions = tuple(
        DocDecision(
            subject=_str(d["subject"]),
            criteria=tuple(_str(c) for c in d["criteria"]),
            interests=_str(d["interests"]),
        )
        for d in value["decisions"]
    )
    return Actielijst(header=header, rows=rows, decisions=decisions)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _child(max_memory: int, timeout: float) -> int:
    """In the child: limits first, then read stdin, answer on stdout."""
    resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    cpu = max(1, int(timeout) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    answer: dict[str, Any]
    try:
        from documents.docx_io import read_docx  # imported under the limits

        answer = {"ok": True, "doc": to_json(read_docx(sys.stdin.buffer.read()))}
    except DocumentError as err:
        answer = {"ok": False, "reason": err.reason, "detail": err.detail}
    except MemoryError:
        answer = {"ok": False, "reason": "too_large", "detail": "out of memory while reading"}
    except Exception as err:  # anything else means the file is unreadable
        answer = {"ok": False, "reason": "corrupt", "detail": f"{type(err).__name__}: {err}"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1]), float(sys.argv[2])))
