"""Benchmark of the annual Focus report: time and peak memory to compute a year's figures,
to publish (freeze them in three languages), to serve the published page, and to make its
PDF, with the PDF's size and pages; on the real data (1x: the seed) and with every
instrument and its developments copied a hundredfold (100x) by SYNTHETIC copies.

    make bench                      # runs this after the other benchmarks
    .venv/bin/python scripts/bench_reports.py [--year 2024] [--factor 100]

The copies are SYNTHETIC (their titles say so), made here for timing only, in a database
of its own (var/bench/reports.sqlite3 unless DATABASE_URL is given; on a given database
they are made in a transaction that is rolled back at the end). Memory is measured in a
forked child: the Python heap's peak (tracemalloc) and the growth of the resident set
(WeasyPrint's C libraries included). Prints figures; asserts nothing.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
OWN_DATABASE = "DATABASE_URL" not in os.environ
if OWN_DATABASE:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (BENCH_DIR / f"reports.sqlite3{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'reports.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "focus.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402
from measure import in_child  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from focus.policies.models import Development, Instrument  # noqa: E402
from focus.reports import annual  # noqa: E402
from focus.reports.models import AnnualReport  # noqa: E402
from focus.reports.pdf import render_pdf  # noqa: E402
from focus.reports.report_views import report_context  # noqa: E402


class Rollback(Exception):
    pass


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return (time.perf_counter() - started) * 1000, result


class Request:
    """What report_context reads of a request: a query string and a visitor."""

    def __init__(self):
        from django.contrib.auth.models import AnonymousUser

        self.GET = {}
        self.user = AnonymousUser()


def pdf_of(year: int) -> bytes:
    with translation.override("en"):
        context = report_context(Request(), year)
        return render_pdf("reports/annual_report_pdf.html", context, title=f"Focus {year}")


def measure(label: str, year: int) -> None:
    AnnualReport.objects.filter(year=year).delete()
    with translation.override("en"):
        figures_ms, _ = timed(lambda: annual.figures(year))
    figures_memory = in_child(lambda: annual.figures(year))
    report = AnnualReport.objects.create(year=year, introduction_en="Benchmark introduction.")
    publish_ms, _ = timed(lambda: annual.publish(report, None))
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(f"/en/reports/{year}/")  # warm
    reset_queries()
    page_ms, page = timed(lambda: client.get(f"/en/reports/{year}/"))
    page_queries = len(connection.queries)
    pdf_of(year)  # warm: fonts, templates, the map's geometry
    pdf_ms, pdf = timed(lambda: pdf_of(year))
    pdf_memory = in_child(lambda: pdf_of(year))
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"\n{label}: {Instrument.objects.count()} instruments, "
          f"{Development.objects.count()} developments")  # fmt: skip
    print(f"  figures of {year} (live, one language): {figures_ms:8.0f} ms, "
          f"heap peak {figures_memory[0]:.1f} MiB, RSS +{figures_memory[1]:.1f} MiB")  # fmt: skip
    print(f"  publish (freeze in 3 languages):   {publish_ms:8.0f} ms")
    print(f"  published page:                    {page_ms:8.0f} ms, {page_queries} queries, "
          f"{len(page.content) / 1024:.0f} KiB")  # fmt: skip
    print(f"  PDF:                               {pdf_ms:8.0f} ms, heap peak "
          f"{pdf_memory[0]:.1f} MiB, RSS +{pdf_memory[1]:.1f} MiB, "
          f"{len(pdf) / 1024:.0f} KiB, {pages} pages")  # fmt: skip


def grow(factor: int) -> None:
    """Copy every instrument and its developments factor-1 times (SYNTHETIC)."""
    originals = list(Instrument.objects.prefetch_related("developments"))
    for round_ in range(1, factor):
        copies = []
        for instrument in originals:
            copy = Instrument(
                jurisdiction_id=instrument.jurisdiction_id,
                slug=f"synthetic-{round_}-{instrument.slug}"[:200],
                title_en=f"SYNTHETIC copy {round_} of {instrument.title_en}"[:500],
                instrument_type=instrument.instrument_type,
                international=instrument.international,
            )
            copies.append(copy)
        Instrument.objects.bulk_create(copies)
        developments = []
        for instrument, copy in zip(originals, copies, strict=True):
            for d in instrument.developments.all():
                developments.append(
                    Development(
                        instrument=copy,
                        jurisdiction_id=d.jurisdiction_id,
                        development_type=d.development_type,
                        date=d.date,
                        date_precision=d.date_precision,
                        summary_en="SYNTHETIC copy for a benchmark.",
                    )
                )
        Development.objects.bulk_create(developments, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--factor", type=int, default=100)
    arguments = parser.parse_args()
    if OWN_DATABASE:
        call_command("migrate", verbosity=0)
        call_command("load_seed", verbosity=0)
    try:
        with transaction.atomic():
            measure("1x (the seed)", arguments.year)
            grow(arguments.factor)
            measure(f"{arguments.factor}x (SYNTHETIC copies)", arguments.year)
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
