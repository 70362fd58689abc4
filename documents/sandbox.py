"""Read an uploaded Word document in a child process, within a time and memory budget.

The bot reads a file only after the sender proved to be a secretary. Even then a crafted
document (an enormous table, deep numbering, a zip that unpacks to the limit) must not make
every other user wait or eat the server's memory. So the parse runs in a fresh Python process
(`python -m documents.sandbox`, started by subprocess: fork and exec at once, never a fork of
the bot's threads that goes on running Python).

Why subprocess and not multiprocessing: multiprocessing cannot give the child an environment
of its own (the token may be in `TELEGRAM_BOT_TOKEN`), and it would unpickle the child's
answer, which lets a child subverted by its input run code in the bot. Here the child gets an
environment with nothing of the bot's in it, reads the bytes on stdin and writes one JSON
answer; the bot checks every field's type when it rebuilds the `Actielijst`.

Limits, set by the child on itself before it imports python-docx: address space `max_memory`,
CPU time a second above `timeout`, no core dumps, no file over `MAX_ANSWER_BYTES` (its stdout
and stderr are unnamed temporary files). The bot kills it after `timeout` seconds of wall time,
interpreter start included (0.2-0.4 s), and reads at most `MAX_ANSWER_BYTES` of its answer.
These limits hold against a document that makes the reader work or allocate; they are no
sandbox against a bug in libxml2 that runs code (that would run as the bot's user).

How the outcome maps onto `DocumentError` reasons:
- the reader refused the file: its own reason (not_docx, corrupt, too_large, no_table, or
  the kind of file it is instead: old_doc, pdf, ...);
- MemoryError in the child, killed by SIGKILL (the kernel's OOM killer: the CPU limit sends
  SIGXCPU first), or an answer over MAX_ANSWER_BYTES: too_large;
- the wall-clock budget passed, or killed by SIGXCPU: too_slow;
- any other exception in the reader, any other death, an answer that is no valid JSON
  actielijst: corrupt, logged as a warning (it points at a bug, or at a hostile file).
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow, DocumentError

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 20.0
MAX_MEMORY_BYTES = 1024 * 1024 * 1024  # the child's address space
# The answer of a 5,000-row list with a paragraph of text in every cell is a few MB.
MAX_ANSWER_BYTES = 32 * 1024 * 1024
_ROOT = Path(__file__).resolve().parent.parent  # where the `documents` package lives
_STDERR_TAIL = 500  # characters of the child's stderr that go into the log


def read_docx_isolated(
    data: bytes, *, timeout: float = TIMEOUT_SECONDS, max_memory: int = MAX_MEMORY_BYTES
) -> Actielijst:
    """Read the actielijst in `data` in a child process; raise DocumentError as `read_docx`
    does, or with too_slow / too_large when the child overran its time or memory."""
    command = [sys.executable, "-m", "documents.sandbox", str(max_memory), str(timeout)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            done = subprocess.run(
                command, input=data, stdout=out, stderr=err, timeout=timeout,
                env=_child_env(), cwd=_ROOT,
            )  # fmt: skip
        except subprocess.TimeoutExpired:  # run() has killed the child and waited for it
            raise DocumentError("too_slow", f"no answer within {timeout:g} s") from None
        out.seek(0)
        answer = out.read(MAX_ANSWER_BYTES + 1)
        if done.returncode != 0:
            raise _died(done.returncode, _tail(err))
    if len(answer) > MAX_ANSWER_BYTES:
        raise DocumentError("too_large", f"an answer of more than {MAX_ANSWER_BYTES} bytes")
    try:
        value = json.loads(answer)
        if value["ok"]:
            return from_json(value["doc"])
        reason, detail = str(value["reason"]), str(value["detail"])
    except (ValueError, KeyError, TypeError) as error:  # JSONDecodeError is a ValueError
        log.warning("the Word reader gave an unreadable answer: %s", error)
        raise DocumentError("corrupt", f"unreadable answer from the reader: {error}") from None
    if value.get("unexpected"):
        log.warning("the Word reader failed unexpectedly: %s", detail)
    raise DocumentError(reason, detail)


async def read_docx_off_loop(data: bytes, **limits: Any) -> Actielijst:
    """`read_docx_isolated` without blocking the event loop (a thread waits for the child)."""
    import asyncio  # here, not at the top: the child would spend 90 ms importing it

    return await asyncio.to_thread(read_docx_isolated, data, **limits)


def _child_env() -> dict[str, str]:
    """Only what Python needs to find the package: nothing of the bot's environment."""
    return {"PYTHONPATH": str(_ROOT), "PATH": os.defpath, "LANG": "C.UTF-8"}


def _died(returncode: int, stderr: str) -> DocumentError:
    if returncode == -signal.SIGXCPU:
        return DocumentError("too_slow", "CPU time limit")
    if returncode == -signal.SIGKILL:
        log.warning("the Word reader was killed (out of memory?): %s", stderr)
        return DocumentError("too_large", "killed, most likely out of memory")
    log.warning("the Word reader stopped with %s: %s", returncode, stderr)
    return DocumentError("corrupt", f"the reader stopped (exit {returncode})")


def _tail(stream: IO[bytes]) -> str:
    size = stream.seek(0, os.SEEK_END)
    stream.seek(max(0, size - _STDERR_TAIL))
    return stream.read().decode("utf-8", "replace")


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


# --- the child ----------------------------------------------------------------------------------


def _child(max_memory: int, timeout: float) -> int:
    """In the child: limits first, then read stdin and write one answer on stdout."""
    answer_fd = os.dup(1)
    os.dup2(2, 1)  # a stray print lands in stderr, never in the answer
    cpu = max(1, int(timeout) + 1)
    _limit(resource.RLIMIT_AS, max_memory, max_memory)
    _limit(resource.RLIMIT_CPU, cpu, cpu + 1)  # SIGXCPU, and SIGKILL a second later
    _limit(resource.RLIMIT_CORE, 0, 0)
    _limit(resource.RLIMIT_FSIZE, MAX_ANSWER_BYTES, MAX_ANSWER_BYTES)  # its stdout, stderr
    answer = _answer(sys.stdin.buffer)
    try:
        blob = json.dumps(answer, ensure_ascii=False).encode()
    except MemoryError:
        blob = b""
    if not blob or len(blob) > MAX_ANSWER_BYTES:
        too_large = {"ok": False, "reason": "too_large", "detail": "the answer is too large"}
        blob = json.dumps(too_large).encode()
    with os.fdopen(answer_fd, "wb") as out:
        out.write(blob)
    return 0


def _limit(which: int, soft: int, hard: int) -> None:
    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:  # a hard limit can only be lowered
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))


def _answer(stdin: IO[bytes]) -> dict[str, Any]:
    try:
        from documents.docx_io import read_docx  # imported under the limits

        return {"ok": True, "doc": to_json(read_docx(stdin.read()))}
    except DocumentError as err:
        return {"ok": False, "reason": err.reason, "detail": err.detail}
    except MemoryError:
        return {"ok": False, "reason": "too_large", "detail": "out of memory while reading"}
    except Exception as err:  # a bug or a file nobody foresaw: reported, the bot logs it
        detail = f"{type(err).__name__}: {err}"[:_STDERR_TAIL]
        return {"ok": False, "reason": "corrupt", "detail": detail, "unexpected": True}


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1]), float(sys.argv[2])))
