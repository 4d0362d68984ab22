"""Benchmarks of the analysis: importing UPR Info's export, and the analysis pages with
every national instrument assessed against every framework, several times over.

    make bench                      # runs this after the other benchmarks
    .venv/bin/python scripts/bench_standards.py [--editions 3] [--requests 30]
    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_standards.py

The assessments are SYNTHETIC (their summaries and justifications say so), made here for
timing only, in a database of their own (var/bench/standards.sqlite3 unless DATABASE_URL
is given). The UPR recommendations are UPR Info's, read from ../shared/data/upr_info/
when it is there (all themes: 41,062 recommendations). Prints figures; asserts nothing.
"""

import argparse
import datetime as dt
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
UPR = ROOT.parent / "shared" / "data" / "upr_info"
if "DATABASE_URL" not in os.environ:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "standards.sqlite3").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'standards.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "focus.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from focus.policies.models import Instrument, Source  # noqa: E402
from focus.standards.models import (  # noqa: E402
    Assessment,
    Framework,
    Rating,
    Recommendation,
)
from focus.standards.vocabulary import AssessmentStatus, RatingValue  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@transaction.atomic
def assess_everything(editions: int) -> tuple[int, int]:
    """Each national instrument against each framework, `editions` times a year apart,
    every criterion answered (SYNTHETIC answers)."""
    source = Source.objects.first()
    values = RatingValue.values
    frameworks = [(f, list(f.criteria.all())) for f in Framework.objects.all()]
    instruments = list(Instrument.objects.national().only("pk"))
    assessments = [
        Assessment(
            framework=framework,
            instrument=instrument,
            as_of=dt.date(2020 + edition, 1, 1),
            status=AssessmentStatus.PUBLISHED,
            summary_en="SYNTHETIC assessment for a benchmark.",
        )
        for edition in range(editions)
        for instrument in instruments
        for framework, _ in frameworks
    ]
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    criteria = {f.pk: c for f, c in frameworks}
    ratings = [
        Rating(
            assessment=assessment,
            criterion=criterion,
            criterion_code=criterion.code,
            criterion_title=criterion.title_en,
            value=values[(i + assessment.instrument_id) % len(values)],
            justification_en="SYNTHETIC justification for a benchmark.",
            source=source,
            passage=f"Article {i + 1}",
            quote="SYNTHETIC words of the law. " * 3,
        )
        for assessment in assessments
        for i, criterion in enumerate(criteria[assessment.framework_id])
    ]
    Rating.objects.bulk_create(ratings, batch_size=5000)
    return len(assessments), len(ratings)


def time_pages(client: Client, pages: dict[str, str], requests: int) -> None:
    print(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KB':>7}")
    for name, url in pages.items():
        client.get(url)  # warm
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        reset_queries()
        client.get(url)
        queries = len(connection.queries)
        size = len(response.content) / 1024
        p50, p95 = percentile(times, 50), percentile(times, 95)
        print(f"{name:<34} {p50:>8.1f} {p95:>8.1f} {queries:>8} {size:>7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=3, help="assessments per record")
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    args = parser.parse_args()
    print(f"database: {connection.vendor}")
    call_command("migrate", verbosity=0)
    call_command("load_seed", verbosity=0)
    if UPR.is_dir():
        for run in ("first", "second"):
            started = time.perf_counter()
            call_command("import_upr_info", UPR, all_themes=True, verbosity=0)
            seconds = time.perf_counter() - started
            print(
                f"import_upr_info --all-themes, {run} run: {seconds:.1f} s, "
                f"{Recommendation.objects.count():,} recommendations in the database"
            )
    else:
        print(f"{UPR} not found: recommendations not imported")
    started = time.perf_counter()
    assessments, ratings = assess_everything(args.editions)
    print(
        f"{assessments:,} synthetic assessments, {ratings:,} ratings made in "
        f"{time.perf_counter() - started:.1f} s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.conf import settings

    settings.DEBUG = True  # connection.queries, for the query counts
    first = Assessment.objects.current().order_by("pk").first()
    pages = {
        "compare (PI, all countries)": "/en/compare/?framework=pi-key-elements",
        "compare (ISHR, Americas)": "/en/compare/?framework=ishr-model-law&region=americas",
        "compare (ISHR, by country)": "/en/compare/?framework=ishr-model-law&columns=countries",
        "compare (Mexico and Colombia)": "/en/compare/?framework=ishr-model-law&country=mex&country=col",
        "criterion side by side (ML-01)": "/en/standards/frameworks/ishr-model-law/ML-01/",
        "assessment": first.get_absolute_url(),
        "country (Mexico)": "/en/countries/mex/",
        "recommendations": "/en/recommendations/",
        "recommendations (Mexico)": "/en/recommendations/?country=mex",
        "recommendations (words)": "/en/recommendations/?q=human+rights+defenders",
        "search (recommendations)": "/en/search/?q=defenders&type=recommendation",
        "standards": "/en/standards/",
        "good practices": "/en/good-practices/",
    }
    time_pages(Client(HTTP_HOST="127.0.0.1"), pages, args.requests)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the benchmark process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
