"""Benchmark of the Dutch calendar under the domain (issue 14): working days and deadlines.

    python bench/working_days.py [--rounds 5] [--imports 5]

`domain.deadline` and `domain.recurrence` ask `domain.holidays.is_working_day` about many days
("binnen 10 werkdagen", "voor pasen", "elke eerste maandag van de maand"), so the holiday list
must not make them slower. Printed, each the best of `--rounds` timed rounds (two shared cores
make the median wander; the best round is the machine's own speed):

- importing `domain.holidays` in a fresh interpreter (median of `--imports` runs);
- `dutch_holidays(year)` the first time for a year (50 years the process had not asked about);
- `is_working_day` over every day of 2026-2028, calls per second;
- `read_deadline` over the written forms of the unit corpus (tests/unit/test_deadline_corpus.py,
  each read on its own writing day), texts per second;
- `next_due` of every recurrence rule after every day of 2027, calls per second.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain import holidays  # noqa: E402
from domain.deadline import read_deadline  # noqa: E402
from domain.recurrence import Recurrence, next_due  # noqa: E402
from tests.unit import test_deadline_corpus as corpus  # noqa: E402

RULES = (
    ["weekly", "weekly:2", "monthly", "quarterly", "yearly"]
    + [f"weekday:{w}" for w in range(5)]
    + [f"monthday:{n}:{w}" for n in (1, 2, 3, 4, -1) for w in range(5)]
)


def corpus_texts() -> list[tuple[str, date]]:
    """Every written form in the corpus's module-level lists, with the day it is read on."""
    texts: list[tuple[str, date]] = []
    for name, value in vars(corpus).items():
        if not (name.isupper() and isinstance(value, list)):
            continue
        for item in value:
            if isinstance(item, str):
                texts.append((item, corpus.W))
            elif name == "WRITTEN_ELSEWHERE":  # (text, written, kind, due, month)
                texts.append((item[0], item[1]))
            elif len(item) == 5:  # (text, kind, due, urgent, written)
                texts.append((item[0], item[4]))
            else:  # (text, due or reason, ...), read on W
                texts.append((item[0], corpus.W))
    return texts


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def best(rounds: int, work: Callable[[], int]) -> float:
    """Return the best rate (calls per second) of `rounds` runs of `work` (which counts)."""
    rates = []
    for _ in range(rounds):
        started = time.perf_counter()
        calls = work()
        rates.append(calls / (time.perf_counter() - started))
    return max(rates)


def import_ms(runs: int) -> float:
    code = "import time; t = time.perf_counter(); import domain.holidays; "
    code += "print((time.perf_counter() - t) * 1000)"
    times = [
        float(subprocess.check_output([sys.executable, "-c", code], cwd=ROOT, text=True))
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--imports", type=int, default=5)
    args = parser.parse_args()

    print(f"import domain.holidays (fresh interpreter): {import_ms(args.imports):8.1f} ms")

    started = time.perf_counter()
    for year in range(2040, 2090):
        holidays.dutch_holidays(year)
    first = (time.perf_counter() - started) / 50 * 1e6
    print(f"dutch_holidays(year), first call per year: {first:8.1f} µs")

    span = days(date(2026, 1, 1), date(2028, 12, 31))

    def working() -> int:
        for _ in range(20):
            for day in span:
                holidays.is_working_day(day)
        return 20 * len(span)

    print(f"is_working_day:                {best(args.rounds, working):12,.0f} calls/s")

    texts = corpus_texts()

    def deadlines() -> int:
        for text, written in texts:
            read_deadline(text, written)
        return len(texts)

    rate = best(args.rounds, deadlines)
    print(f"read_deadline ({len(texts)} corpus texts): {rate:12,.0f} texts/s")

    recurrences = [Recurrence.from_rule(rule, rule) for rule in RULES]
    after = days(date(2027, 1, 1), date(2027, 12, 31))

    def series() -> int:
        for rec in recurrences:
            for day in after:
                next_due(rec, day, is_working_day=holidays.is_working_day)
        return len(recurrences) * len(after)

    print(f"next_due ({len(RULES)} rules x 365 days):  {best(args.rounds, series):12,.0f} calls/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
