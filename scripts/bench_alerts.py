"""Benchmark of one run of the alerts: 10,000 subscribers and 1,000 new developments,
as the issue asks (time, SQL queries, peak memory), and the same run with a tenth of the
subscribers, to show that the queries do not grow with them.

    make bench                      # runs this after the other benchmarks
    .venv/bin/python scripts/bench_alerts.py [--subscribers 10000] [--developments 1000]
    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_alerts.py

Everything is SYNTHETIC, made here for timing only, in a database of its own
(var/bench/alerts.sqlite3 unless DATABASE_URL is given): Testland countries with ISO's
private-use codes (QMA-QZZ) in five synthetic regions, synthetic laws and mechanisms,
developments whose summaries are strings of a few protection words, and subscribers at
example.org addresses who follow countries, regions, types, groups, one instrument or
mechanism, or one of 50 saved searches; 70% as it happens, 30% weekly (all due). The
messages go to a dummy mail backend that writes each one out as a mail server would be
sent it (MIME, bytes), counts it and keeps nothing. Prints figures; asserts only that each
run sends messages.
"""

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
if "DATABASE_URL" not in os.environ:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (BENCH_DIR / f"alerts.sqlite3{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'alerts.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "focus.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from focus.alerts import sending  # noqa: E402
from focus.alerts.models import Frequency, Subscription  # noqa: E402
from focus.geo.models import Jurisdiction, Region  # noqa: E402
from focus.policies.lifecycle import DevelopmentType  # noqa: E402
from focus.policies.models import (  # noqa: E402
    BeneficiaryGroup,
    Development,
    Instrument,
    Mechanism,
)
from focus.policies.vocabulary import Beneficiary, InstrumentType, MechanismKind  # noqa: E402
from focus.search import indexing  # noqa: E402
from focus.search.models import RecordType  # noqa: E402

WORDS = [
    "protección", "defensoras", "mecanismo", "periodistas", "reforma", "presupuesto",
    "evaluación", "medidas", "riesgo", "comunidades", "indígenas", "ambientales",
    "protection", "defenders", "journalists", "budget", "reform", "risk", "land",
    "défenseurs", "protection", "mécanisme", "journalistes", "budget", "réforme",
]  # fmt: skip
LANGUAGES = ["en", "es", "fr"]
COUNTRIES = 120
INSTRUMENTS = 600
MECHANISMS = 80
SEARCHES = 50


class CountingBackend(BaseEmailBackend):
    """Writes each message out as bytes, as the SMTP backend does, then drops it."""

    sent = 0
    size = 0

    def send_messages(self, messages):
        for message in messages:
            CountingBackend.size += len(message.message().as_bytes())
        CountingBackend.sent += len(messages)
        return len(messages)


def make_world(chooser: random.Random):
    """Synthetic regions, countries, instruments and mechanisms."""
    regions = [
        Region.objects.create(code=f"synthetic-{i}", name_en=f"Synthetic region {i}", order=i)
        for i in range(5)
    ]
    countries = Jurisdiction.objects.bulk_create(
        Jurisdiction(
            kind=Jurisdiction.Kind.COUNTRY,
            code=f"Q{chr(77 + n // 26)}{chr(65 + n % 26)}",
            iso_alpha2=f"Q{chr(77 + n // 26)}",
            name_en=f"Testland {n}",
            region=regions[n % 5],
        )
        for n in range(COUNTRIES)
    )
    countries = list(Jurisdiction.objects.countries())
    groups = [BeneficiaryGroup.objects.get_or_create(code=code)[0] for code in Beneficiary.values]
    types = InstrumentType.values
    instruments = Instrument.objects.bulk_create(
        Instrument(
            slug=f"synthetic-instrument-{i}",
            instrument_type=chooser.choice(types),
            title_en=f"Synthetic instrument {i}",
            jurisdiction=chooser.choice(countries),
        )
        for i in range(INSTRUMENTS)
    )
    Instrument.beneficiaries.through.objects.bulk_create(
        Instrument.beneficiaries.through(instrument_id=instrument.pk, beneficiarygroup_id=group.pk)
        for instrument in instruments
        for group in chooser.sample(groups, 2)
    )
    mechanisms = Mechanism.objects.bulk_create(
        Mechanism(
            slug=f"synthetic-mechanism-{i}",
            name_en=f"Synthetic mechanism {i}",
            jurisdiction=chooser.choice(countries),
            kind=MechanismKind.PROTECTION_MECHANISM,
        )
        for i in range(MECHANISMS)
    )
    return regions, countries, instruments, mechanisms


def make_subscribers(count: int, world, chooser: random.Random, now: dt.datetime) -> None:
    """`count` confirmed SYNTHETIC subscribers, all due: 70% as it happens (their last run
    an hour ago), 30% weekly (their week up)."""
    regions, countries, instruments, mechanisms = world
    searches = [f"q={chooser.choice(WORDS)}" for _ in range(SEARCHES // 2)]
    searches += [
        f"country={chooser.choice(countries).code.lower()}&q={chooser.choice(WORDS)}"
        for _ in range(SEARCHES - len(searches))
    ]
    Subscription.objects.all().delete()
    subscriptions, follows = [], []
    for i in range(count):
        weekly = i % 10 < 3
        s = Subscription(
            email=f"synthetic-{i}@example.org",
            language=LANGUAGES[i % 3],
            frequency=Frequency.WEEKLY if weekly else Frequency.IMMEDIATE,
            confirmed=now - dt.timedelta(days=30),
            cursor=now - dt.timedelta(days=8 if weekly else 0, hours=1),
        )
        kind = chooser.random()
        if kind < 0.55:
            follows.append((i, "countries", chooser.sample(countries, chooser.randint(1, 3))))
        elif kind < 0.65:
            follows.append((i, "regions", [chooser.choice(regions)]))
        elif kind < 0.75:
            follows.append((i, "countries", [chooser.choice(countries)]))
            s.instrument_types = [chooser.choice(InstrumentType.values)]
        elif kind < 0.80:
            s.beneficiaries = chooser.sample(Beneficiary.values, 2)
        elif kind < 0.87:
            s.instrument = chooser.choice(instruments)
        elif kind < 0.92:
            s.mechanism = chooser.choice(mechanisms)
        else:
            s.search = chooser.choice(searches)
        subscriptions.append(s)
    subscriptions = Subscription.objects.bulk_create(subscriptions, batch_size=2000)
    through = {"countries": Subscription.countries.through, "regions": Subscription.regions.through}
    for name, model in through.items():
        column = "jurisdiction_id" if name == "countries" else "region_id"
        model.objects.bulk_create(
            (
                model(subscription_id=subscriptions[i].pk, **{column: item.pk})
                for i, field, items in follows
                if field == name
                for item in items
            ),
            batch_size=5000,
        )


def make_developments(count: int, world, chooser: random.Random) -> list[int]:
    """`count` SYNTHETIC developments about the synthetic instruments, a fifth of them
    also about a mechanism, indexed for search as saving them would."""
    _regions, _countries, instruments, mechanisms = world
    types = [DevelopmentType.ADOPTED, DevelopmentType.AMENDED, DevelopmentType.STATEMENT]
    developments = Development.objects.bulk_create(
        Development(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
            development_type=chooser.choice(types),
            jurisdiction_id=(instrument := chooser.choice(instruments)).jurisdiction_id,
            instrument=instrument,
            summary_en="SYNTHETIC " + " ".join(chooser.choices(WORDS, k=8)),
            summary_es="SINTÉTICO " + " ".join(chooser.choices(WORDS, k=8)),
        )
        for i in range(count)
    )
    Development.mechanisms.through.objects.bulk_create(
        Development.mechanisms.through(
            development_id=d.pk, mechanism_id=chooser.choice(mechanisms).pk
        )
        for d in developments[::5]
    )
    ids = [d.pk for d in developments]
    indexing.reindex_many(RecordType.DEVELOPMENT, ids)
    return ids


def one_run(now: dt.datetime, trace: bool) -> tuple[float, int, float, sending.Run]:
    """One run, undone afterwards (so that it can be measured again): seconds, queries,
    peak memory in MiB (traced Python allocations, only when `trace`), and its figures."""
    CountingBackend.sent = CountingBackend.size = 0
    with transaction.atomic():
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            run = sending.send_alerts(now)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
        if trace:
            tracemalloc.stop()
        transaction.set_rollback(True)
    assert run.messages > 0, run
    return seconds, len(queries), peak, run


def report(label: str, now: dt.datetime) -> None:
    one_run(now, trace=False)  # warm: templates, catalogues, the search engine's pages
    seconds, queries, _peak, run = one_run(now, trace=False)
    _seconds, _queries, peak, _run = one_run(now, trace=True)
    size = CountingBackend.size / max(CountingBackend.sent, 1)
    print(
        f"{label:<34} {seconds:7.2f} s (matching {run.matching:.2f} s) {queries:4} queries  "
        f"peak {peak:6.1f} MiB traced  "
        f"{run.due:,} due, {run.records:,} records, {run.searches} searches, "
        f"{run.messages:,} messages (~{size / 1024:.1f} KiB each)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--developments", type=int, default=1_000)
    args = parser.parse_args()
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    print(f"database: {connection.vendor}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    chooser = random.Random(11)  # noqa: S311  (repeatable synthetic data)
    now = timezone.now()
    world = make_world(chooser)
    sending.pick_up(now - dt.timedelta(hours=2))  # the last run, before the new records
    make_developments(args.developments, world, chooser)
    print(
        f"{'synthetic world made':<34} {time.perf_counter() - started:7.1f} s "
        f"({COUNTRIES} countries, {INSTRUMENTS} instruments, {MECHANISMS} mechanisms, "
        f"{args.developments:,} new developments)"
    )
    for count in (args.subscribers // 10, args.subscribers):
        make_subscribers(count, world, chooser, now)
        report(f"send_alerts, {count:,} subscribers", now)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak RSS of the whole benchmark':<34} {rss:7.1f} MiB")


if __name__ == "__main__":
    main()
