"""Benchmark one SMS turn end to end: CPU milliseconds and SQL statements per text, through the signed webhook.

Runs an app in this process on a fresh SQLite file (or DATABASE_URL) and a Redis (REDIS_URL, else the embedded
one), texts it like several people would (a first text, a choice, a new need), and prints per-text figures.

    python benchmarks/turn_bench.py                  # 60 people x 3 texts
    python benchmarks/turn_bench.py --people 200
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from bot import create_app  # noqa: E402
from bot.simulator import Phone  # noqa: E402

TEXTS = ["I need a food bank near me", "1", "my car broke down and I need a ride to work"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60)
    args = parser.parse_args()
    home = tempfile.mkdtemp()
    app = create_app({"DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{home}/bench.sqlite",
                      "PASSERELLE_HOME": home, "REDIS_URL": os.environ.get("REDIS_URL", ""),
                      "NIGHT_HOURS": "0-0", "RATE_LIMIT_PER_MINUTE": 10_000})
    statements = [0]
    engine = app.extensions["passerelle.db"].engine
    event.listen(engine, "before_cursor_execute", lambda *a, **k: statements.__setitem__(0, statements[0] + 1))
    Phone.in_process("+15875550001", "+15875550000", app).text("warm up")
    cpu, wall, sql = [], [], []
    for person in range(args.people):
        phone = Phone.in_process(f"+1587{6000000 + person:07d}", "+15875550000", app)
        for text in TEXTS:
            before_sql, before_cpu, before_wall = statements[0], time.process_time(), time.perf_counter()
            status, replies = phone.text(text)
            cpu.append(1000 * (time.process_time() - before_cpu))
            wall.append(1000 * (time.perf_counter() - before_wall))
            sql.append(statements[0] - before_sql)
            assert status == 200 and replies, (text, status)
    print(f"{len(cpu)} texts from {args.people} people on {engine.dialect.name}")
    print(f"CPU per text: mean {statistics.fmean(cpu):.1f} ms, median {statistics.median(cpu):.1f} ms")
    print(f"wall per text: mean {statistics.fmean(wall):.1f} ms, p95 {sorted(wall)[int(0.95 * len(wall))]:.1f} ms")
    print(f"SQL statements per text: mean {statistics.fmean(sql):.1f}")


if __name__ == "__main__":
    main()
