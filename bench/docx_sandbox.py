"""What reading a Word actielijst in a child process costs: `read_docx` in the bot's own
process against `read_docx_isolated` (a fresh, limited Python process per file), on the seed
(15 rows) and on a list of 500 rows. Prints median and max of N runs, in milliseconds, and
the child's peak RSS. That one is measured through a small launcher process: a child's
ru_maxrss counts the pages of whoever forked it, and the benchmark itself is large.

    python bench/docx_sandbox.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.demo.seed_docx import build_seed_docx  # noqa: E402
from documents import sandbox  # noqa: E402
from documents.docx_io import read_docx, write_docx  # noqa: E402
from documents.sandbox import read_docx_isolated  # noqa: E402
from domain.actielijst import DocRow  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm: imports and caches of this process
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


LAUNCHER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdin=sys.stdin, stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def child_peak_rss_mb(data: bytes) -> float:
    """Peak RSS of the same child `read_docx_isolated` starts, with the default limits."""
    child = [sys.executable, "-m", "documents.sandbox", str(sandbox.MAX_MEMORY_BYTES), "20"]
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *child],
        input=data, capture_output=True, check=True, env=sandbox._child_env(), cwd=sandbox._ROOT,
    )  # fmt: skip
    return int(done.stdout) / 1024  # kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    seed = build_seed_docx()
    doc = read_docx(seed)
    rows = tuple(
        DocRow(topic=f"Onderwerp {i // 5}", text=f"Actie {i}: " + "tekst " * 30, owners="Jan")
        for i in range(500)
    )
    big = write_docx(type(doc)(header=doc.header, rows=rows, decisions=()))
    print(f"{'document':<12} {'in process (ms)':>18} {'child process (ms)':>20}")
    for name, data in (("seed", seed), ("500 rows", big)):
        here = timed(lambda d=data: read_docx(d), runs)  # type: ignore[misc]
        child = timed(lambda d=data: read_docx_isolated(d), runs)  # type: ignore[misc]
        peak = child_peak_rss_mb(data)
        print(
            f"{name:<12} {here[0]:>9.1f} (max {here[1]:>5.1f}) "
            f"{child[0]:>10.1f} (max {child[1]:>5.1f})   child peak RSS {peak:.0f} MB"
        )


if __name__ == "__main__":
    main()
