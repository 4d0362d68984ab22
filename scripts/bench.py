"""Benchmarks: seed loading, country summaries, and the cost of each public page type
(time, SQL queries, weight of HTML + CSS gzipped) on the real dataset.

    make bench                      # on a fresh SQLite file in var/bench/
    DATABASE_URL=postgres://... make bench
    .venv/bin/python scripts/bench.py --queries-only   # search timings again, same data

Prints figures; asserts nothing (targets belong in the issues and the notes).
"""

import gzip
import itertools
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
    if "--queries-only" not in sys.argv:
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

from focus.policies.models import Instrument  # noqa: E402
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


PAGES = [
    ("home /en/", "/en/"),
    ("home on a date /es/?on=2012-12-31", "/es/?on=2012-12-31"),
    ("country /es/countries/mex/ (the largest)", "/es/countries/mex/"),
    ("country /fr/countries/col/", "/fr/countries/col/"),
    ("instrument /en/instruments/mex-dof-25-06-2012/", "/en/instruments/mex-dof-25-06-2012/"),
    ("mechanism /en/mechanisms/mex-mecanismo/", "/en/mechanisms/mex-mecanismo/"),
    ("timeline /en/developments/", "/en/developments/"),
    ("timeline filtered ?country=mex&type=adopted", "/en/developments/?country=mex&type=adopted"),
    ("region /fr/regions/americas/", "/fr/regions/americas/"),
    ("about /en/about/", "/en/about/"),
    ("library /en/library/", "/en/library/"),
]
SHARED_TEXTS = ROOT.parent / "shared" / "data" / "texts"
DOCUMENT_PAGES = [
    ("document /es/library/mex-ley-2012/ (78,590 chars)", "/es/library/mex-ley-2012/"),
    (
        "search inside it ?q=medidas+urgentes+proteccion",
        "/es/library/mex-ley-2012/?q=medidas+urgentes+proteccion",
    ),
]


def bench_extraction() -> None:
    """Pages per second through the whole reading of an upload (synthetic PDF)."""
    import tempfile

    from focus.library.extraction import check_file, extract_text, strip_metadata
    from focus.library.tests.test_extraction import build_pdf, text_page

    lines = [
        f"Artículo {i}. Texto sintético de prueba para medir la extracción." for i in range(40)
    ]
    for pages in (26, 500):
        with tempfile.TemporaryDirectory() as folder:
            source, clean = Path(folder) / "law.pdf", Path(folder) / "clean.pdf"
            source.write_bytes(build_pdf([text_page(*lines) for _ in range(pages)]))
            start = time.perf_counter()
            kind = check_file(source, source.name, 100 * 1024 * 1024)
            strip_metadata(source, clean, kind)
            extraction = extract_text(clean, kind)
            elapsed = time.perf_counter() - start
        assert len(extraction.pages) == pages
        print(
            f"{f'read a synthetic PDF of {pages} pages':<48} {elapsed * 1000:9.1f} ms "
            f"({pages / elapsed:.0f} pages/s: check, strip, extract)"
        )


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def raw_query(parsed) -> None:
    """The engine's own query for a search's first page: the best 20 and their number."""
    from focus.search import engine
    from focus.search.query import matching

    if engine.is_postgres():
        found = matching(parsed).order_by("-rank")
        list(found.values_list("pk", flat=True)[:20])
        found.count()
        return
    with connection.cursor() as cursor:
        match = engine.fts_match(parsed)
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT 20",
            [match],
        )
        cursor.fetchall()
        cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [match])
        cursor.fetchall()


def _vocabulary() -> list[str]:
    from focus.library.synthetic import vocabulary

    texts = [p.read_text() for p in SHARED_TEXTS.glob("*.txt")] if SHARED_TEXTS.is_dir() else []
    return vocabulary(
        texts + [str(s) for s in Instrument.objects.values_list("summary_es", flat=True)]
    )


def bench_search(count: int) -> None:
    """Search over a synthetic library of `count` documents (SYNTHETIC data, bench only)."""
    from focus.library.models import Document
    from focus.library.synthetic import make_documents
    from focus.search import indexing

    words = _vocabulary()
    start = time.perf_counter()
    pages = make_documents(count, words)
    print(f"{'synthetic library: documents, pages':<48} {count:9d} {pages:9d}")
    timed_documents = list(
        Document.objects.filter(slug__startswith="synthetic-").values_list("pk", flat=True)
    )
    index_start = time.perf_counter()
    for done, pk in enumerate(timed_documents, start=1):
        indexing.reindex("document", pk)
        if done % 10_000 == 0:
            print(f"  indexed {done} documents…", flush=True)
    indexed = time.perf_counter() - index_start
    print(
        f"{'indexing them':<48} {indexed:9.1f} s ({pages / indexed:.0f} pages/s; made in {index_start - start:.1f} s)"
    )
    time_queries(words)


def time_queries(words: list[str]) -> None:
    """The search page and the raw engine query, for a repeatable mix of queries."""
    import random

    from focus.core.words import parse

    chooser = random.Random(2)  # noqa: S311  (repeatable benchmark queries)
    common = [w for w in words if len(w) > 5]
    queries = [chooser.choice(common) for _ in range(15)]
    queries += [" ".join(chooser.sample(common, 2)) for _ in range(15)]
    queries += [f'"{a} {b}"' for a, b in itertools.pairwise(words[100:111])]
    queries += [f"{chooser.choice(common)} -{chooser.choice(common)}" for _ in range(5)]
    queries += ["proteccion medidas urgentes", "periodistas", "mecanismo de proteccion"]
    client = Client(HTTP_HOST="127.0.0.1")
    page_times, raw_times = [], []
    for query in queries:
        client.get("/es/search/", {"q": query})  # warm
        begin = time.perf_counter()
        response = client.get("/es/search/", {"q": query})
        page_times.append(time.perf_counter() - begin)
        assert response.status_code == 200
        begin = time.perf_counter()
        raw_query(parse(query))
        raw_times.append(time.perf_counter() - begin)
    p95_page, p95_raw = percentile(page_times, 95), percentile(raw_times, 95)
    print(
        f"{f'search page p50 / p95 ({len(queries)} queries)':<48} {percentile(page_times, 50) * 1000:9.1f} / {p95_page * 1000:.1f} ms"
    )
    print(
        f"{'raw engine query p50 / p95 (top 20 + count)':<48} {percentile(raw_times, 50) * 1000:9.1f} / {p95_raw * 1000:.1f} ms"
    )
    print(f"{'ratio page / raw at p95':<48} {p95_page / p95_raw:9.2f}")


def main() -> None:
    print(f"database: {connection.vendor}")
    if "--queries-only" in sys.argv:
        # Time the queries again on the library a previous run left (var/bench/, or the
        # DATABASE_URL given), e.g. on a quiet machine.
        time_queries(_vocabulary())
        return
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
    bench_extraction()
    pages = list(PAGES)
    if SHARED_TEXTS.is_dir():
        call_command("import_texts", SHARED_TEXTS, verbosity=0)
        pages += DOCUMENT_PAGES
    client = Client(HTTP_HOST="127.0.0.1")
    css = gzip.compress((ROOT / "focus/core/static/core/focus.css").read_bytes())
    print(f"\n{'page (real data)':<52} {'median':>8} {'queries':>8} {'HTML':>9} {'gzip+CSS':>9}")
    for label, url in pages:
        client.get(url)  # warm the caches (geometry, translations)
        times = []
        for _ in range(10):
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        weight = len(gzip.compress(response.content)) + len(css)
        print(
            f"{label:<52} {statistics.median(times) * 1000:6.1f}ms {len(queries):8d} "
            f"{len(response.content) / 1024:7.1f}KB {weight / 1024:7.1f}KB"
        )
    documents = int(os.environ.get("BENCH_DOCUMENTS", "100000"))
    if documents:
        print()
        bench_search(documents)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process':<48} {peak:9.1f} MiB")


if __name__ == "__main__":
    main()
