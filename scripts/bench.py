"""Benchmarks of the foundation: seed loading, country summaries and the home page.

    make bench                      # on a fresh SQLite file in var/bench/
    DATABASE_URL=postgres://... make bench

Prints figures; asserts nothing (targets belong in the issues and the notes).
"""

import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
if "DATABASE_URL" not in os.environ:
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "focus.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from focus.policies.summary import country_summaries  # noqa: E402


def timed(label: str, func, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    suffix = f" (median of {repeat})" if repeat > 1 else ""
    print(f"{label:<48} {median * 1000:9.1f} ms{suffix}")
    return median


def main() -> None:
    print(f"database: {connection.vendor}")
    if connection.vendor == "sqlite":
        timed("migrate (empty database)", lambda: call_command("migrate", verbosity=0))
    timed("load_seed, first run", lambda: call_command("load_seed", verbosity=0))
    timed("load_seed, second run (writes nothing)", lambda: call_command("load_seed", verbosity=0))
    timed("country_summaries(), now", country_summaries, repeat=5)
    timed(
        "country_summaries(on=2015-01-01)",
        lambda: country_summaries(on=dt.date(2015, 1, 1)),
        repeat=5,
    )
    client = Client(HTTP_HOST="127.0.0.1")
    for language in ("en", "es", "fr"):
        timed(f"GET /{language}/", lambda language=language: client.get(f"/{language}/"), repeat=20)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    print(f"{'GET /en/: SQL queries':<48} {len(queries):9d}")
    print(f"{'GET /en/: HTML bytes':<48} {len(response.content):9d}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process':<48} {peak:9.1f} MiB")


if __name__ == "__main__":
    main()
