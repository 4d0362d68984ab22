"""Benchmark of the country briefs: time and peak memory to make a brief's PDF (and its
printable page), its size and number of pages, on the real data (1x: the seed and UPR
Info's recommendations on defenders) and with one country's records grown a hundredfold
(100x) by SYNTHETIC copies.

    make bench                      # runs this after the other benchmarks
    .venv/bin/python scripts/bench_briefs.py [--repeat 5] [--country col] [--factor 100]

The copies are SYNTHETIC (their titles and summaries say so), made here for timing only,
in a database of its own (var/bench/briefs.sqlite3 unless DATABASE_URL is given; on a
given database they are made in a transaction that is rolled back at the end). Memory is
measured in a forked child per brief: the Python heap's peak (tracemalloc) and the growth
of the process's resident set (WeasyPrint's C libraries included). Prints figures;
asserts nothing.
"""

import argparse
import datetime as dt
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
UPR = ROOT.parent / "shared" / "data" / "upr_info"
OWN_DATABASE = "DATABASE_URL" not in os.environ
if OWN_DATABASE:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (BENCH_DIR / f"briefs.sqlite3{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'briefs.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "focus.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402
from measure import in_child  # noqa: E402

from focus.policies.models import Development, Instrument, Mechanism, Source  # noqa: E402
from focus.reports import briefs  # noqa: E402
from focus.standards.models import Assessment, Framework, Rating, Recommendation  # noqa: E402
from focus.standards.vocabulary import AssessmentStatus, RatingValue  # noqa: E402


class Rollback(Exception):
    pass


def render(code: str, language: str) -> bytes:
    """A brief made afresh (no cache), as the view makes it on a miss."""
    with translation.override(language):
        country = briefs.find_country(code)
        version = briefs.country_data_version(country)
        return briefs.write_pdf(briefs.lay_out(country, version, dt.date.today()))


def memory(code: str, language: str) -> tuple[float, float]:
    """(peak of the Python heap, growth of the resident set), in MiB, of one brief."""
    return in_child(lambda: render(code, language))


def measure(label: str, code: str, language: str, repeat: int) -> None:
    import io

    from pypdf import PdfReader

    render(code, language)  # warm: fonts, templates, the map's geometry
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        pdf = render(code, language)
        times.append((time.perf_counter() - started) * 1000)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/{language}/countries/{code}/brief.pdf"
    briefs.brief_cache().clear()
    started = time.perf_counter()
    miss = client.get(url)
    miss_ms = (time.perf_counter() - started) * 1000
    assert miss.status_code == 200, (url, miss.status_code)
    hits = []
    for _ in range(repeat):
        started = time.perf_counter()
        hit = client.get(url)
        hits.append((time.perf_counter() - started) * 1000)
    assert hit.content == miss.content
    reset_queries()
    client.get(url)
    hit_queries = len(connection.queries)
    briefs.brief_cache().clear()
    reset_queries()
    client.get(url)
    miss_queries = len(connection.queries)
    page_times = []
    for _ in range(repeat):
        started = time.perf_counter()
        printable = client.get(f"/{language}/countries/{code}/brief/")
        page_times.append((time.perf_counter() - started) * 1000)
    assert printable.status_code == 200
    python_peak, rss_growth = memory(code, language)
    print(
        f"{label:<26} {pages:>5} {len(pdf) / 1024:>7.1f} {statistics.median(times):>9.0f} "
        f"{max(times):>8.0f} {miss_ms:>8.0f} {statistics.median(hits):>7.1f} "
        f"{miss_queries:>4}/{hit_queries:<2} {statistics.median(page_times):>8.1f} {python_peak:>8.1f} "
        f"{rss_growth:>8.1f}"
    )


def grow(code: str, factor: int) -> dict[str, int]:
    """(factor - 1) SYNTHETIC copies of each of the country's instruments (with their
    developments), mechanisms and recommendations, a SYNTHETIC assessment of every
    national copy against the first framework, and two new sources per copy."""
    country = briefs.find_country(code)
    copies = factor - 1
    instruments = list(Instrument.objects.in_country(country).prefetch_related("developments"))
    made = {"instruments": 0, "developments": 0, "mechanisms": 0, "recommendations": 0}
    new_instruments = []
    for n in range(copies):
        for i in instruments:
            new_instruments.append(
                Instrument(
                    slug=f"synthetic-{n}-{i.slug}"[:200],
                    instrument_type=i.instrument_type,
                    title_en=f"SYNTHETIC copy {n + 1} of: {i.title_en}",
                    jurisdiction_id=i.jurisdiction_id,
                    summary_en="SYNTHETIC instrument for a benchmark.",
                )
            )
    Instrument.objects.bulk_create(new_instruments, batch_size=2000)
    made["instruments"] = len(new_instruments)
    originals = {i.slug: i for i in instruments}
    created = Instrument.objects.filter(slug__startswith="synthetic-").in_country(country)
    developments = []
    sources = []
    for copy in created:
        original = originals.get(copy.slug.split("-", 2)[2])
        for d in original.developments.all() if original else ():
            developments.append(
                Development(
                    instrument=copy,
                    jurisdiction_id=d.jurisdiction_id,
                    date=d.date,
                    date_precision=d.date_precision,
                    development_type=d.development_type,
                    summary_en=f"SYNTHETIC copy of: {d.summary_en}",
                )
            )
        sources += [Source(url=f"https://example.org/synthetic/{copy.pk}/{k}") for k in (1, 2)]
    Development.objects.bulk_create(developments, batch_size=2000)
    made["developments"] = len(developments)
    Source.objects.bulk_create(sources, batch_size=2000)
    links = Instrument.sources.through
    by_url = dict(Source.objects.filter(url__startswith="https://example.org/synthetic/")
                  .values_list("url", "pk"))  # fmt: skip
    links.objects.bulk_create(
        [links(instrument_id=int(url.split("/")[4]), source_id=pk) for url, pk in by_url.items()],
        batch_size=5000,
    )
    mechanisms = list(Mechanism.objects.in_country(country))
    Mechanism.objects.bulk_create(
        [
            Mechanism(
                slug=f"synthetic-{n}-{m.slug}"[:200],
                name_en=f"SYNTHETIC copy {n + 1} of: {m.name_en}",
                jurisdiction_id=m.jurisdiction_id,
                kind=m.kind,
                status=m.status,
                start_date=m.start_date,
                start_date_precision=m.start_date_precision,
            )
            for n in range(copies)
            for m in mechanisms
        ],
        batch_size=2000,
    )
    made["mechanisms"] = len(mechanisms) * copies
    recommendations = list(Recommendation.objects.filter(jurisdiction=country))
    Recommendation.objects.bulk_create(
        [
            Recommendation(
                jurisdiction_id=r.jurisdiction_id,
                body=r.body,
                session=r.session,
                cycle=r.cycle,
                recommended_by=r.recommended_by,
                text=f"SYNTHETIC copy of: {r.text}",
                response=r.response,
                implementation=r.implementation,
            )
            for _ in range(copies)
            for r in recommendations
        ],
        batch_size=2000,
    )
    made["recommendations"] = len(recommendations) * copies
    framework = Framework.objects.order_by("pk").first()
    if framework:
        criteria = list(framework.criteria.all())
        assessed = [
            Assessment(
                framework=framework,
                instrument=i,
                as_of=dt.date(2024, 1, 1),
                status=AssessmentStatus.PUBLISHED,
                summary_en="SYNTHETIC assessment for a benchmark.",
            )
            for i in created.filter(jurisdiction=country)[: 10 * factor]
        ]
        Assessment.objects.bulk_create(assessed, batch_size=2000)
        values = RatingValue.values
        Rating.objects.bulk_create(
            [
                Rating(
                    assessment=a,
                    criterion=c,
                    criterion_code=c.code,
                    criterion_title=c.title_en,
                    value=values[k % len(values)],
                    justification_en="SYNTHETIC justification for a benchmark.",
                )
                for a in Assessment.objects.filter(summary_en__startswith="SYNTHETIC")
                for k, c in enumerate(criteria)
            ],
            batch_size=5000,
        )
        made["assessments"] = len(assessed)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="renderings timed per brief")
    parser.add_argument("--country", default="col", help="the country grown for 100x")
    parser.add_argument("--factor", type=int, default=100, help="how much to grow it")
    args = parser.parse_args()
    print(f"database: {connection.vendor}")
    settings.DEBUG = True  # connection.queries, for the query counts
    if OWN_DATABASE:
        call_command("migrate", verbosity=0)
        call_command("load_seed", verbosity=0)
        if UPR.is_dir():
            call_command("import_upr_info", UPR, verbosity=0)
        else:
            print(f"{UPR} not found: no recommendations in the briefs")
    print(
        f"1x: {Instrument.objects.count():,} instruments, {Development.objects.count():,} "
        f"developments, {Mechanism.objects.count():,} mechanisms, "
        f"{Recommendation.objects.count():,} recommendations"
    )
    header = (
        f"{'brief':<26} {'pages':>5} {'PDF KB':>7} {'p50 ms':>9} {'max ms':>8} "
        f"{'miss ms':>8} {'hit ms':>7} {'SQL m/h':>7} {'page ms':>8} {'heap MiB':>8} "
        f"{'RSS +MiB':>8}"
    )
    print(header)
    for code, language in ((args.country, "en"), ("hnd", "fr"), ("mex", "es")):
        measure(f"{code} {language} (1x)", code, language, args.repeat)
    try:
        with transaction.atomic():
            started = time.perf_counter()
            made = grow(args.country, args.factor)
            print(
                f"{args.factor}x for {args.country}: "
                + ", ".join(f"{v:,} {k}" for k, v in made.items())
                + f" added (SYNTHETIC) in {time.perf_counter() - started:.1f} s"
            )
            print(header)
            for language in ("en", "fr"):
                measure(
                    f"{args.country} {language} ({args.factor}x)",
                    args.country,
                    language,
                    args.repeat,
                )
            if not OWN_DATABASE:
                raise Rollback
    except Rollback:
        print("the synthetic copies were rolled back")
    briefs.brief_cache().clear()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the benchmark process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
