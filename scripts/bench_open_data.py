"""Benchmarks of the open data: API list endpoints at 100 times the seed data, and whole-table
exports of 1,000,000 developments (throughput and peak memory).

    make bench                      # runs this after scripts/bench.py
    .venv/bin/python scripts/bench_open_data.py [--scale 100] [--developments 1000000]
    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_open_data.py

The copies of the seed and the extra developments are SYNTHETIC (slugs end in
"-synthetic-N", summaries say so), made here for timing only, in a database of their own
(var/bench/open-data.sqlite3 unless DATABASE_URL is given). Prints figures; asserts nothing.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
CHILD = "--export-child" in sys.argv
if "DATABASE_URL" not in os.environ:
    if not CHILD:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        (BENCH_DIR / "open-data.sqlite3").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'open-data.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "focus.settings")
os.environ.setdefault("DEBUG", "true")
# The API's limits are for the public, not for a benchmark.
os.environ["API_RATE_LIMITS"] = "100000000/m,100000000/h"

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from focus.geo.models import Jurisdiction  # noqa: E402
from focus.library.models import Document  # noqa: E402
from focus.policies.models import Development, Instrument, Mechanism  # noqa: E402

BATCH = 10_000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@transaction.atomic
def multiply_seed(scale: int) -> None:
    """Add scale - 1 synthetic copies of each instrument (with its developments and
    sources), mechanism and document of the seed."""
    instruments = list(Instrument.objects.prefetch_related("developments", "sources"))
    mechanisms = list(Mechanism.objects.prefetch_related("instruments"))
    documents = list(Document.objects.prefetch_related("authors", "jurisdictions"))
    for n in range(1, scale):
        copies = {}
        for item in instruments:
            copy = Instrument(
                slug=f"{item.slug[:100]}-synthetic-{n}",
                instrument_type=item.instrument_type,
                title_en=f"{item.title_en} (synthetic copy {n})",
                jurisdiction_id=item.jurisdiction_id,
                summary_en=item.summary_en,
            )
            copies[item.pk] = copy
        Instrument.objects.bulk_create(copies.values())
        Development.objects.bulk_create(
            Development(
                date=d.date,
                date_precision=d.date_precision,
                development_type=d.development_type,
                jurisdiction_id=d.jurisdiction_id,
                instrument=copies[item.pk],
                summary_en=f"Synthetic copy {n}: {d.summary_en}",
            )
            for item in instruments
            for d in item.developments.all()
        )
        Instrument.sources.through.objects.bulk_create(
            Instrument.sources.through(instrument_id=copies[item.pk].pk, source_id=s.pk)
            for item in instruments
            for s in item.sources.all()
        )
        new_mechanisms = Mechanism.objects.bulk_create(
            Mechanism(
                slug=f"{m.slug[:100]}-synthetic-{n}",
                name_en=f"{m.name_en} (synthetic copy {n})",
                jurisdiction_id=m.jurisdiction_id,
                kind=m.kind,
                status=m.status,
            )
            for m in mechanisms
        )
        Mechanism.instruments.through.objects.bulk_create(
            Mechanism.instruments.through(mechanism_id=new.pk, instrument_id=copies[i.pk].pk)
            for m, new in zip(mechanisms, new_mechanisms, strict=True)
            for i in m.instruments.all()
        )
        new_documents = Document.objects.bulk_create(
            Document(
                slug=f"{d.slug[:120]}-synthetic-{n}",
                title_en=f"{d.title_en} (synthetic copy {n})",
                kind=d.kind,
                date=d.date,
                date_precision=d.date_precision,
                url=d.url,
            )
            for d in documents
        )
        Document.authors.through.objects.bulk_create(
            Document.authors.through(document_id=new.pk, organisation_id=a.pk)
            for d, new in zip(documents, new_documents, strict=True)
            for a in d.authors.all()
        )
        Document.jurisdictions.through.objects.bulk_create(
            Document.jurisdictions.through(document_id=new.pk, jurisdiction_id=j.pk)
            for d, new in zip(documents, new_documents, strict=True)
            for j in d.jurisdictions.all()
        )


def analyse() -> None:
    """Fresh statistics after a bulk load, as autovacuum would soon gather (PostgreSQL plans
    the prefetches with sequential scans without them)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def bench_api(client: Client, requests: int) -> None:
    endpoints = [
        ("instruments", "/api/v1/instruments"),
        ("instruments, page of 1000", "/api/v1/instruments?page_size=1000"),
        ("instruments ?country=mex", "/api/v1/instruments?country=mex"),
        ("mechanisms", "/api/v1/mechanisms"),
        ("developments", "/api/v1/developments"),
        ("developments ?country=mex&type=adopted", "/api/v1/developments?country=mex&type=adopted"),
        ("developments ?start=2015-01-01", "/api/v1/developments?start=2015-01-01"),
        ("documents", "/api/v1/documents"),
        ("documents ?country=col", "/api/v1/documents?country=col"),
        ("jurisdictions", "/api/v1/jurisdictions"),
        ("sources", "/api/v1/sources"),
        ("regions", "/api/v1/regions"),
    ]
    print(f"\n{'API list endpoint (first page of 100)':<48} {'p50':>8} {'p95':>8} {'KB':>7}")
    for label, url in endpoints:
        client.get(url)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.content[:200])
        print(
            f"{label:<48} {percentile(times, 50) * 1000:6.1f}ms {percentile(times, 95) * 1000:6.1f}ms "
            f"{len(response.content) / 1024:7.1f}"
        )
    # Deep in the list: the cursor's page costs what the first one does.
    last = Development.objects.order_by("-pk").values_list("pk", flat=True)[150]
    from focus.api.pagination import encode_cursor

    url = f"/api/v1/developments?cursor={encode_cursor('after', last)}"
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    print(
        f"{'developments, a page near the end':<48} {percentile(times, 50) * 1000:6.1f}ms "
        f"{percentile(times, 95) * 1000:6.1f}ms"
    )


@transaction.atomic
def add_developments(total: int) -> None:
    """Synthetic developments until the table holds `total` (countries of the seed)."""
    countries = list(Jurisdiction.objects.countries().values_list("pk", flat=True))
    instruments = list(Instrument.objects.values_list("pk", "jurisdiction_id")[:2000])
    have = Development.objects.count()
    n = 0
    while have < total:
        size = min(BATCH, total - have)
        rows = []
        for _ in range(size):
            n += 1
            instrument, place = (
                instruments[n % len(instruments)]
                if n % 3
                else (None, countries[n % len(countries)])
            )
            rows.append(
                Development(
                    date=dt.date(1990 + n % 36, 1 + n % 12, 1 + n % 28),
                    date_precision="day",
                    development_type="statement",
                    jurisdiction_id=place,
                    instrument_id=instrument,
                    summary_en=f"Synthetic development {n} for the export benchmark, with a "
                    "summary of about the length the seed's have, to weigh what a real one weighs.",
                )
            )
        Development.objects.bulk_create(rows, batch_size=2000)
        have += size


def peak_rss() -> float:
    """This process's peak resident memory in MiB (VmHWM: unlike ru_maxrss, it does not
    carry over the parent's peak across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_child(extension: str) -> None:
    """Stream one whole table through the site's download view; report time and memory."""
    client = Client(HTTP_HOST="127.0.0.1")
    start = time.perf_counter()
    response = client.get(f"/en/data/developments.{extension}")
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    elapsed = time.perf_counter() - start
    rows = Development.objects.count()
    peak = peak_rss()
    print(
        f"{f'export developments.{extension} ({rows:,} rows)':<48} {elapsed:7.1f} s "
        f"{rows / elapsed:9,.0f} rows/s {size / 1e6:8.1f} MB  peak RSS {peak:6.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--developments", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--export-child", choices=["csv", "json", "none"])
    args = parser.parse_args()
    if args.export_child == "none":
        from focus.urls import urlpatterns  # noqa: F401  (the site loaded, nothing exported)

        print(f"{'(the same process, exporting nothing)':<48} peak RSS {peak_rss():6.1f} MiB")
        return
    if args.export_child:
        export_child(args.export_child)
        return
    print(f"database: {connection.vendor}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_seed", verbosity=0)
    print(f"{'migrate and load the seed':<48} {time.perf_counter() - started:7.1f} s")
    started = time.perf_counter()
    multiply_seed(args.scale)
    analyse()
    print(
        f"{f'seed x{args.scale} (synthetic copies)':<48} {time.perf_counter() - started:7.1f} s: "
        f"{Instrument.objects.count():,} instruments, {Development.objects.count():,} developments, "
        f"{Mechanism.objects.count():,} mechanisms, {Document.objects.count():,} documents"
    )
    bench_api(Client(HTTP_HOST="127.0.0.1"), args.requests)
    started = time.perf_counter()
    add_developments(args.developments)
    analyse()
    print(
        f"\n{f'synthetic developments up to {args.developments:,}':<48} "
        f"{time.perf_counter() - started:7.1f} s"
    )
    for extension in ("csv", "json"):
        # A process of its own, so that its peak memory is the export's alone.
        subprocess.run(  # noqa: S603  (this script, run again)
            [sys.executable, __file__, "--export-child", extension],
            check=True,
            env={**os.environ},
        )
    subprocess.run(  # noqa: S603  (this script, run again)
        [sys.executable, __file__, "--export-child", "none"], check=True, env={**os.environ}
    )


if __name__ == "__main__":
    main()
