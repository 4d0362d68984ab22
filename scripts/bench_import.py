"""Benchmark of the import of cases: a file of killings in Global Witness's published
columns, one victim per row, read, mapped, previewed and written.

    make bench                      # runs this with the other benchmarks
    .venv/bin/python scripts/bench_import.py [--rows 2000 50000]
    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_import.py

The rows are SYNTHETIC (made-up names and facts), made here for timing only, in a
database of its own (var/bench/import.sqlite3 unless DATABASE_URL is given). Prints
figures; asserts nothing.
"""

import argparse
import csv
import io
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
if "DATABASE_URL" not in os.environ:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "import.sqlite3").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'import.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "focus.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from focus.core.seeding import load_file  # noqa: E402
from focus.geo import seeding as geo_seeding  # noqa: E402
from focus.incidents import importing, trends  # noqa: E402
from focus.incidents.models import CaseImport, Incident  # noqa: E402

COUNTRIES = [
    ("Colombia", "Cauca"),
    ("Brazil", "Pará"),
    ("Philippines", "Negros Occidental"),
    ("Mexico", "Oaxaca"),
    ("Honduras", "Atlántida"),
    ("Guatemala", "Petén"),
]
HEADER = ["id", "date", "name", "gender", "age", "person_characteristics",
          "industry_driver", "perpetrator_type", "country", "local_region",
          "number_of_victims"]  # fmt: skip


def synthetic_file(rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(rows):
        country, region = COUNTRIES[n % len(COUNTRIES)]
        writer.writerow(
            [
                n,
                f"{2012 + n % 12}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                f"SYNTHETIC Person {n}",
                ("Male", "Female", "nan")[n % 3],
                f"{18 + n % 60}.000000",
                ("Indigenous peoples", "Small-scale farmer", "Other")[n % 3],
                "Mining and extractives",
                ("Armed forces", "Hitmen", "Unspecified", "Police")[n % 4],
                country,
                region,
                1,
            ]
        )
    return out.getvalue()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(rows: int) -> None:
    text = synthetic_file(rows)
    case_import = CaseImport.objects.create(filename="synthetic.csv", content=text, rows=rows)
    started = time.perf_counter()
    table = importing.read(text)
    mapping = importing.Mapping(columns=importing.suggest_columns(table.header))
    mapping.columns["person_characteristics"] = "profile"
    mapping.defaults["act"] = "killing"
    mapping.date_form = importing.suggest_date_form(table, mapping)
    mapping.source = "SYNTHETIC benchmark file"
    countries = importing.Countries()
    questions = importing.value_questions(table, mapping, countries)
    answers = {"Hitmen": "organised_crime", "Small-scale farmer": "land_environment"}
    for question in questions:
        mapping.values.setdefault(question.target, {})[question.key] = (
            question.guess or answers.get(question.value, "other")
        )
    mapped = time.perf_counter()
    plan = importing.plan(table, mapping, countries)
    previewed = time.perf_counter()
    assert not plan.problems, plan.problems[:3]
    case_import.mapping = mapping.dumps()
    case_import.save()
    before = Incident.objects.count()
    importing.write(case_import)
    written = time.perf_counter()
    cells = trends.rebuild()
    counted = time.perf_counter()
    print(
        f"{rows:>7} rows: read and map {mapped - started:6.2f} s · preview "
        f"{previewed - mapped:6.2f} s · write {written - previewed:6.2f} s "
        f"({(written - previewed) / rows * 1000:.2f} ms a row; "
        f"{Incident.objects.count() - before} incidents) · trends {counted - written:5.2f} s "
        f"({cells} cells) · peak memory {peak_mb():.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 50000])
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    for name, parse, model, key in geo_seeding.FILES:
        load_file(geo_seeding.SEED / name, parse, model, key)
    engine = django.db.connection.vendor
    print(f"Import of a file of killings (SYNTHETIC rows), on {engine}:")
    for rows in args.rows:
        run(rows)


if __name__ == "__main__":
    main()
