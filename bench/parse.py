"""Benchmark of the secretary-message parser (issue 6): time per message, cold and warm.

    python bench/parse.py [--sizes 1 20 100] [--reps 200] [--cold-runs 5]

Messages of 1, 20 and 100 actions are built from the seed list (tests/seed.py): the seed's
labelled blocks, cycled, mixed with short lines ("Naam: tekst (ASAP)") and pipe lines
("Onderwerp | Actie | Wie | Wanneer"), in the ratio 1:1:1 (one block for a 1-action message).
Each message must parse to exactly that many items without problems.

Cold: each size is parsed in a fresh interpreter (a subprocess per size, `--cold-runs` times):
the time to import `domain.messages` is reported apart from the first `parse_message` call,
which then pays for lazy work (compiling regular expressions, caches). The figure is the median
over the runs; .pyc files and the OS file cache are warm, as they are on a restarted bot. None of
the seed's Wanneer texts reach dateparser (the Dutch rules read them), so the extra row
"1, dateparser" is a one-line message whose deadline ("april 24") does: its cold figure includes
importing dateparser and loading its Dutch locale.

Warm: in the first subprocess of each size, after the cold parse, `--reps` more parses of the
same message, timed one by one: median and p99 (nearest rank).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.seed import seed_blocks  # noqa: E402  (a string constant; imports nothing else)

WRITTEN = date(2027, 3, 18)  # the seed's meeting: OT 18 maart
NAMES = ["Jan", "Marloes", "Danillo", "Louise", "Nabila", "Henk-Jan", "Peter van der Vliet"]
TASKS = [
    "data rondleidingen Expofette doorsturen",
    "voorstel blije doos uitwerken",
    "offerte Guido Wallagh opvragen",
    "memo corporaties delen met het OT",
    "presentatie werkend leren inplannen",
    "organisatiestructuur NPSNW toelichten",
]
DEADLINES = ["ASAP", "eind mei", "24 april", "zsm", "OT 24 april", "Continu proces", "1-5"]
TOPICS = ["Financiën", "Communicatie", "Vocht en schimmel", "Kennis en inspiratie", "Evaluatie"]
DATEPARSER_MESSAGE = "Jan: offerte opvragen (april 24)"


def short_line(i: int) -> str:
    return f"{NAMES[i % len(NAMES)]}: {TASKS[i % len(TASKS)]} ({DEADLINES[i % len(DEADLINES)]})"


def pipe_line(i: int) -> str:
    owners = NAMES[i % len(NAMES)]
    if i % 2:
        owners += " en " + NAMES[(i + 3) % len(NAMES)]
    topic, task = TOPICS[i % len(TOPICS)], TASKS[(i + 2) % len(TASKS)]
    return f"{topic} | {task} | {owners} | {DEADLINES[(i + 1) % len(DEADLINES)]}"


def build_message(size: int) -> str:
    """A message of `size` items: blocks, short lines and pipe lines in turn."""
    blocks = seed_blocks()
    parts: list[tuple[bool, str]] = []  # (one line?, text)
    for i in range(size):
        form = i % 3
        if form == 0:
            parts.append((False, blocks[(i // 3) % len(blocks)]))
        elif form == 1:
            parts.append((True, short_line(i)))
        else:
            parts.append((True, pipe_line(i)))
    out = ""
    for k, (one_line, text) in enumerate(parts):
        if k:
            out += "\n" if one_line and parts[k - 1][0] else "\n\n"
        out += text
    return out


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def child(size: int, reps: int, dateparser: bool) -> None:
    """Run in a fresh interpreter: import, first parse, then `reps` warm parses; print JSON."""
    text = DATEPARSER_MESSAGE if dateparser else build_message(size)
    start = time.perf_counter()
    from domain.messages import parse_message

    import_ms = (time.perf_counter() - start) * 1000
    dateparser_before = "dateparser" in sys.modules
    start = time.perf_counter()
    result = parse_message(text, WRITTEN)
    cold_ms = (time.perf_counter() - start) * 1000
    if result.problems or len(result.items) != size:
        raise SystemExit(
            f"message of {size} parsed to {len(result.items)} items, problems {result.problems}"
        )
    warm = []
    for _ in range(reps):
        start = time.perf_counter()
        parse_message(text, WRITTEN)
        warm.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "import_ms": import_ms,
                "cold_ms": cold_ms,
                "warm_ms": warm,
                "chars": len(text),
                "lines": text.count("\n") + 1,
                "dateparser_loaded": "dateparser" in sys.modules and not dateparser_before,
            }
        )
    )


def run_child(size: int, reps: int, dateparser: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", str(size), "--reps", str(reps)]
    if dateparser:
        cmd.append("--dateparser")
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = (time.perf_counter() - start) * 1000
    if out.returncode != 0:
        raise SystemExit(f"child for size {size} failed:\n{out.stdout}\n{out.stderr}")
    data = json.loads(out.stdout)
    data["wall_ms"] = wall
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 20, 100])
    parser.add_argument("--reps", type=int, default=200, help="warm parses per size")
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh interpreters per size")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dateparser", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.reps, args.dateparser)
        return 0

    started = time.perf_counter()
    rows = [(size, False) for size in args.sizes] + [(1, True)]
    print(
        f"parse_message, Python {sys.version.split()[0]}; cold = median of {args.cold_runs}"
        f" fresh interpreters, warm = {args.reps} parses after the first"
    )
    head = (
        f"{'message':<22} {'chars':>6} {'lines':>5} {'import ms':>9} {'cold ms':>8}"
        f" {'warm p50 ms':>11} {'warm p99 ms':>11} {'warm µs/action':>14} {'process ms':>10}"
    )
    print(head)
    print("-" * len(head))
    for size, dateparser in rows:
        runs = [
            run_child(size, args.reps if i == 0 else 0, dateparser) for i in range(args.cold_runs)
        ]
        warm = runs[0]["warm_ms"]
        p50 = statistics.median(warm)
        label = (
            f"{size} action" + ("s" if size != 1 else "") + (", dateparser" if dateparser else "")
        )
        if dateparser and not all(r["dateparser_loaded"] for r in runs):
            label += " (NOT loaded!)"
        print(
            f"{label:<22} {runs[0]['chars']:>6} {runs[0]['lines']:>5}"
            f" {statistics.median(r['import_ms'] for r in runs):>9.1f}"
            f" {statistics.median(r['cold_ms'] for r in runs):>8.2f}"
            f" {p50:>11.3f} {nearest_rank(warm, 0.99):>11.3f}"
            f" {p50 * 1000 / size:>14.0f}"
            f" {statistics.median(r['wall_ms'] for r in runs):>10.0f}",
            flush=True,
        )
    print(
        "import: `from domain.messages import parse_message` in a fresh interpreter;"
        " cold: the first parse_message call after it; process: the whole subprocess"
        " (interpreter start, imports, cold parse and the warm parses of the first run)"
    )
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
