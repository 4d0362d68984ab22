"""The alerts' run: pick up the developments and documents published since the last run,
find the subscriptions they match, and send each one message.

One pass over the data, whatever the number of subscribers: the records of the run's
window are read once with what they match on (country, region, type of instrument,
groups protected, instrument, mechanism); the due subscriptions are read once and
indexed by what they follow; matching is done in memory; a followed search is run once
per distinct search, on the window's records only. Each record's lines are written once
per language, and the messages go out in batches over one connection each.

"As it happens" subscriptions get one message per run with what is new; weekly digests
one message once their week is up. Only confirmed subscriptions, only published records,
and for each subscription only what was published after it was confirmed.
"""

import datetime as dt
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from focus.core.paths import page_path
from focus.core.words import parse
from focus.geo.models import Jurisdiction
from focus.library.models import Document
from focus.policies.models import Development, Instrument, Mechanism
from focus.search.forms import SearchForm
from focus.search.models import RecordType
from focus.search.query import matching

from .models import AlertedRecord, Frequency, Subscription

log = logging.getLogger(__name__)

# Messages sent over one connection to the mail server.
BATCH = 200
# Records listed in one message; beyond that, a count and a link to the site.
MAX_LISTED = 25
# Held while a run goes, so that two runs never send the same alerts twice (with several
# machines, a shared cache: CACHE_URL).
LOCK = "focus-alerts-run"
LOCK_SECONDS = 3600


@dataclass
class Record:
    """A development or document of the run's window, with what it matches on."""

    kind: str  # RecordType.DEVELOPMENT or RecordType.DOCUMENT
    item: Any  # a Development or a Document, as `kind` says
    seen: dt.datetime  # when the alerts picked it up
    since: dt.datetime  # when it was published, as near as is known
    places: set = field(default_factory=set)  # ("c", country id), ("r", region id)
    types: set = field(default_factory=set)
    beneficiaries: set = field(default_factory=set)
    instruments: set = field(default_factory=set)
    mechanisms: set = field(default_factory=set)

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.item.pk

    def place(self, jurisdiction: Jurisdiction) -> None:
        if jurisdiction.kind == Jurisdiction.Kind.REGIONAL_BODY:
            if jurisdiction.region_id:
                self.places.add(("r", jurisdiction.region_id))
            return
        country = jurisdiction.country
        self.places.add(("c", country.pk))
        if country.region_id:
            self.places.add(("r", country.region_id))


@dataclass
class Due:
    """A subscription whose alerts are due, as the run reads it."""

    pk: int
    email: str
    language: str
    frequency: str
    key: str
    confirmed: dt.datetime
    cursor: dt.datetime
    instrument: int | None
    mechanism: int | None
    search: str
    types: set
    beneficiaries: set
    places: set = field(default_factory=set)


@dataclass
class Run:
    picked_up: int = 0
    due: int = 0
    records: int = 0
    searches: int = 0
    messages: int = 0
    # Seconds spent reading and matching, before the first message is written.
    matching: float = 0.0


def pick_up(now: dt.datetime) -> int:
    """Note every published development and document the alerts have not picked up yet;
    returns how many."""
    developments = Development.objects.filter(alerted__isnull=True).values_list("pk", flat=True)
    documents = Document.objects.public().filter(alerted__isnull=True).values_list("pk", flat=True)
    rows = [AlertedRecord(development_id=pk, seen=now) for pk in developments]
    rows += [AlertedRecord(document_id=pk, seen=now) for pk in documents]
    AlertedRecord.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def load_records(start: dt.datetime, end: dt.datetime) -> dict[tuple[str, int], Record]:
    """The published records picked up in (start, end], with what they match on, in a
    fixed number of queries."""
    window = AlertedRecord.objects.filter(seen__gt=start, seen__lte=end)
    development_ids = window.filter(development__isnull=False).values("development_id")
    document_ids = window.filter(document__isnull=False).values("document_id")
    seen = dict(window.filter(development__isnull=False).values_list("development_id", "seen"))
    seen_documents = dict(window.filter(document__isnull=False).values_list("document_id", "seen"))

    records: dict[tuple[str, int], Record] = {}
    developments = Development.objects.filter(pk__in=development_ids).select_related(
        "jurisdiction__region", "jurisdiction__parent", "instrument"
    )
    for development in developments:
        record = Record(
            RecordType.DEVELOPMENT, development, seen[development.pk], development.created
        )
        record.place(development.jurisdiction)
        if development.instrument:
            record.instruments.add(development.instrument_id)
            record.types.add(development.instrument.instrument_type)
        records[record.key] = record
    for development_id, mechanism_id in Development.mechanisms.through.objects.filter(
        development_id__in=development_ids
    ).values_list("development_id", "mechanism_id"):
        if (RecordType.DEVELOPMENT, development_id) in records:
            records[RecordType.DEVELOPMENT, development_id].mechanisms.add(mechanism_id)

    documents = (
        Document.objects.public()
        .filter(pk__in=document_ids)
        .prefetch_related(
            "regions",
            "mechanisms",
            "jurisdictions__parent",
            "instruments",
        )
    )
    for document in documents:
        record = Record(
            RecordType.DOCUMENT, document, seen_documents[document.pk], document.updated
        )
        for jurisdiction in document.jurisdictions.all():
            record.place(jurisdiction)
        record.places |= {("r", region.pk) for region in document.regions.all()}
        for instrument in document.instruments.all():
            record.instruments.add(instrument.pk)
            record.types.add(instrument.instrument_type)
        record.mechanisms |= {mechanism.pk for mechanism in document.mechanisms.all()}
        records[record.key] = record

    # The groups protected by the instruments and mechanisms the records are about.
    instruments = {pk for r in records.values() for pk in r.instruments}
    mechanisms = {pk for r in records.values() for pk in r.mechanisms}
    protects: dict[tuple[str, int], set[str]] = defaultdict(set)
    if instruments:
        for pk, code in Instrument.beneficiaries.through.objects.filter(
            Q(instrument__in=developments.values("instrument_id"))
            | Q(instrument__documents__in=document_ids)
        ).values_list("instrument_id", "beneficiarygroup__code"):
            protects["i", pk].add(code)
    if mechanisms:
        for pk, code in Mechanism.beneficiaries.through.objects.filter(
            Q(mechanism__developments__in=development_ids)
            | Q(mechanism__documents__in=document_ids)
        ).values_list("mechanism_id", "beneficiarygroup__code"):
            protects["m", pk].add(code)
    for record in records.values():
        for pk in record.instruments:
            record.beneficiaries |= protects.get(("i", pk), set())
        for pk in record.mechanisms:
            record.beneficiaries |= protects.get(("m", pk), set())
    return records


FIELDS = (
    "pk", "email", "language", "frequency", "key", "confirmed", "cursor", "instrument_id",
    "mechanism_id", "search", "instrument_types", "beneficiaries",
)  # fmt: skip


def load_due(now: dt.datetime) -> list[Due]:
    """The confirmed subscriptions whose alerts are due, with what they follow."""
    due_query = Subscription.objects.due(now).filter(confirmed__lte=now)
    subscriptions = {
        row["pk"]: Due(
            pk=row["pk"],
            email=row["email"],
            language=row["language"],
            frequency=row["frequency"],
            key=row["key"],
            confirmed=row["confirmed"],
            cursor=row["cursor"] or row["confirmed"],
            instrument=row["instrument_id"],
            mechanism=row["mechanism_id"],
            search=row["search"],
            types=set(row["instrument_types"] or ()),
            beneficiaries=set(row["beneficiaries"] or ()),
        )
        for row in due_query.values(*FIELDS)
    }
    for pk, country in Subscription.countries.through.objects.filter(
        subscription__in=due_query.values("pk")
    ).values_list("subscription_id", "jurisdiction_id"):
        if pk in subscriptions:
            subscriptions[pk].places.add(("c", country))
    for pk, region in Subscription.regions.through.objects.filter(
        subscription__in=due_query.values("pk")
    ).values_list("subscription_id", "region_id"):
        if pk in subscriptions:
            subscriptions[pk].places.add(("r", region))
    return list(subscriptions.values())


class Index:
    """The due subscriptions by what they follow.

    A subscription that chose places, types or groups is filed under the values of its
    first such group only (places, else types, else groups); a record then looks up its
    own values there and checks the candidates' other groups. The one instrument, the
    one mechanism and the search are filed apart.
    """

    def __init__(self, subscriptions: list[Due]):
        self.by_value: dict[tuple, list[Due]] = defaultdict(list)
        self.by_instrument: dict[int, list[Due]] = defaultdict(list)
        self.by_mechanism: dict[int, list[Due]] = defaultdict(list)
        self.by_search: dict[str, list[Due]] = defaultdict(list)
        for subscription in subscriptions:
            if subscription.places:
                keys = subscription.places
            elif subscription.types:
                keys = {("t", code) for code in subscription.types}
            else:
                keys = {("b", code) for code in subscription.beneficiaries}
            for key in keys:
                self.by_value[key].append(subscription)
            if subscription.instrument:
                self.by_instrument[subscription.instrument].append(subscription)
            if subscription.mechanism:
                self.by_mechanism[subscription.mechanism].append(subscription)
            if subscription.search:
                self.by_search[subscription.search].append(subscription)

    def matching(self, record: Record) -> set[int]:
        """The pks of the subscriptions this record matches (searches aside)."""
        found: set[int] = set()
        keys = [
            *record.places,
            *(("t", code) for code in record.types),
            *(("b", code) for code in record.beneficiaries),
        ]
        for key in keys:
            for s in self.by_value.get(key, ()):
                if s.pk in found:
                    continue
                if (
                    (not s.places or s.places & record.places)
                    and (not s.types or s.types & record.types)
                    and (not s.beneficiaries or s.beneficiaries & record.beneficiaries)
                ):
                    found.add(s.pk)
        for pk in record.instruments:
            found.update(s.pk for s in self.by_instrument.get(pk, ()))
        for pk in record.mechanisms:
            found.update(s.pk for s in self.by_mechanism.get(pk, ()))
        return found


def search_matches(text: str, start: dt.datetime, end: dt.datetime) -> set[tuple[str, int]]:
    """The records picked up in (start, end] that a followed search finds."""
    form = SearchForm(QueryDict(text))
    if not form.is_valid():
        return set()
    query = parse(form.cleaned_data["q"])
    if query.empty:
        return set()
    window = AlertedRecord.objects.filter(seen__gt=start, seen__lte=end)
    entries = matching(query).filter(
        Q(
            record_type=RecordType.DEVELOPMENT,
            record_id__in=window.filter(development__isnull=False).values("development_id"),
        )
        | Q(
            record_type=RecordType.DOCUMENT,
            record_id__in=window.filter(document__isnull=False).values("document_id"),
        )
    )
    active = {name: value for name, value in form.filters().items() if value not in (None, "")}
    if active:
        entries = entries.filter(**active)
    return set(entries.values_list("record_type", "record_id").distinct())


def send_alerts(now: dt.datetime | None = None) -> Run:
    """One run of the alerts (manage.py send_alerts, or the send_alerts task)."""
    if not cache.add(LOCK, True, LOCK_SECONDS):
        log.warning("An alerts run is already going: this one is skipped.")
        return Run()
    try:
        return _send(now or timezone.now())
    finally:
        cache.delete(LOCK)


def _send(now: dt.datetime) -> Run:
    started = time.perf_counter()
    run = Run(picked_up=pick_up(now))
    due = load_due(now)
    run.due = len(due)
    if not due:
        return run
    start = min(s.cursor for s in due)
    records = load_records(start, now)
    run.records = len(records)

    index = Index(due)
    matched: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for record in records.values():
        for pk in index.matching(record):
            matched[pk].add(record.key)
    for text, subscriptions in index.by_search.items():
        found = search_matches(text, start, now) & records.keys()
        run.searches += 1
        for subscription in subscriptions:
            matched[subscription.pk] |= found
    run.matching = time.perf_counter() - started

    writer = Writer()
    outgoing = (
        (subscription, chosen)
        for subscription in due
        if (
            chosen := [
                records[key]
                for key in matched.get(subscription.pk, ())
                if records[key].seen > subscription.cursor
                and records[key].since > subscription.confirmed
            ]
        )
    )
    while batch := list(islice(outgoing, BATCH)):
        messages = [writer.message(subscription, chosen) for subscription, chosen in batch]
        with get_connection() as connection:
            run.messages += connection.send_messages(messages) or 0
        Subscription.objects.filter(pk__in=[s.pk for s, _ in batch]).update(cursor=now)
    # The others' window is closed too: nothing in it was for them.
    Subscription.objects.due(now).filter(confirmed__lte=now).update(cursor=now)
    log.info(
        "alerts: %s records picked up, %s subscriptions due, %s messages sent",
        run.picked_up, run.due, run.messages,
    )  # fmt: skip
    return run


class Writer:
    """Writes the messages; each record's lines are written once per language."""

    def __init__(self) -> None:
        self.lines: dict[tuple[str, str, int], tuple[str, str]] = {}

    def _record_lines(self, record: Record, language: str) -> tuple[str, str]:
        key = (language, *record.key)
        if key not in self.lines:
            item = record.item
            context = {"record": item, "link": _absolute(item.get_absolute_url())}
            if record.kind == RecordType.DEVELOPMENT:
                context["title"] = (
                    item.instrument.display_title
                    if item.instrument_id
                    else item.get_development_type_display()
                )
                context["kind"] = item.get_development_type_display()
                context["place"] = item.jurisdiction.name
            else:
                context["title"] = item.display_title
                context["kind"] = item.get_kind_display()
                context["place"] = ", ".join(j.name for j in item.jurisdictions.all())
            self.lines[key] = (
                render_to_string("alerts/email/record.txt", context).strip(),
                render_to_string("alerts/email/record.html", context).strip(),
            )
        return self.lines[key]

    def message(self, subscription: Due, records: list[Record]) -> EmailMultiAlternatives:
        with translation.override(subscription.language):
            return self._message(subscription, records)

    def _message(self, subscription: Due, records: list[Record]) -> EmailMultiAlternatives:
        token = Subscription(key=subscription.key).token
        manage = _absolute(page_path("alerts:manage", token))
        unsubscribe = _absolute(page_path("alerts:unsubscribe", token))
        count = len(records)
        weekly = subscription.frequency == Frequency.WEEKLY
        subject = (
            ngettext(
                "Your week: %(count)s new development or document you follow",
                "Your week: %(count)s new developments and documents you follow",
                count,
            )
            if weekly
            else ngettext(
                "%(count)s new development or document you follow",
                "%(count)s new developments and documents you follow",
                count,
            )
        ) % {"count": count}
        intro = (
            _("New on Focus this week, for what you follow:")
            if weekly
            else _("New on Focus, for what you follow:")
        )
        listed = sorted(records, key=_order)[:MAX_LISTED]
        sections = [
            (_("Developments"), [r for r in listed if r.kind == RecordType.DEVELOPMENT]),
            (_("Documents in the library"), [r for r in listed if r.kind == RecordType.DOCUMENT]),
        ]
        more = ""
        if count > len(listed):
            more = ngettext(
                "And %(count)s more record; see the latest on the site:",
                "And %(count)s more records; see the latest on the site:",
                count - len(listed),
            ) % {"count": count - len(listed)}
        timeline = _absolute(page_path("policies:timeline"))
        why = _(
            "You receive this because this address asked for alerts from Focus and "
            "confirmed it. Focus keeps only your address, your choices and your language."
        )
        change = _("Change what you follow, or how often:")
        stop = _("Stop these alerts:")

        text = [intro, ""]
        html = [format_html("<p>{}</p>", intro)]
        for heading, rows in sections:
            if not rows:
                continue
            lines = [self._record_lines(record, subscription.language) for record in rows]
            text += [heading.upper(), ""]
            for plain, _rich in lines:
                text += [plain, ""]
            # Each record's HTML is its template's output, escaped there.
            items = mark_safe("\n".join(rich for _plain, rich in lines))  # noqa: S308
            html.append(format_html("<h2>{}</h2>\n<ul>\n{}\n</ul>", heading, items))
        if more:
            text += [more, timeline, ""]
            html.append(format_html('<p>{} <a href="{}">{}</a></p>', more, timeline, timeline))
        text += ["-- ", why, f"{change} {manage}", f"{stop} {unsubscribe}"]
        html.append(
            format_html(
                '<hr>\n<p>{}</p>\n<p>{} <a href="{}">{}</a><br>{} <a href="{}">{}</a></p>',
                why, change, manage, manage, stop, unsubscribe, unsubscribe,
            )
        )  # fmt: skip
        body = "\n".join(text) + "\n"
        page = format_html(
            '<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{}</title>'
            "</head><body>{}</body></html>",
            subscription.language,
            subject,
            format_html_join("\n", "{}", ((part,) for part in html)),
        )
        message = EmailMultiAlternatives(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body,
            None,
            [subscription.email],
            headers={
                # RFC 8058: one click in the mail program unsubscribes, by a POST.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(page, "text/html")
        return message


def _order(record: Record):
    date = getattr(record.item, "date", None) or dt.date.min
    return (record.kind != RecordType.DEVELOPMENT, -date.toordinal(), -record.item.pk)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path
