"""A country brief: what the country page shows of a country, cut to one to four printed
pages, from the same query functions; and the version of the country's data it is made
from, which keys its cache.

The PDF is cached per country and language in the "briefs" cache (settings.CACHES: a
folder in var/ unless BRIEFS_CACHE_URL says otherwise) under a key made of the data's
version, the year (the brief lists the last years' developments) and a digest of the
templates, styles and translations that shape it: a change to any record of the country
gives a new key, and so a new PDF, on the next request.
"""

import datetime as dt
import hashlib
import logging
import re
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db.models import Func, IntegerField, OuterRef, Q, Subquery
from django.template.loader import get_template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from focus.api.vocabularies import LICENCE, LICENCE_URL
from focus.core.http import NotFound
from focus.geo.maps import locator_map
from focus.geo.models import Jurisdiction
from focus.geo.views import country_records
from focus.policies.models import Development, Instrument, Mechanism
from focus.policies.summary import load_records, summarise
from focus.standards.comparison import country_profile, country_recommendations
from focus.standards.models import Assessment, Rating, Recommendation

from .pdf import render_document, static_file, write_pdf

# A brief prints on one to four A4 pages.
MAX_PAGES = 4
YEARS = 5  # the developments listed are of this year and the four before
# A brief's PDF is kept this long at most; a change to the data makes a new one sooner.
CACHE_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class Limits:
    """How many of each list a brief shows at most; the country page and its links give
    the rest. The first limits fit four pages with the longest titles of the seed; should
    a country's texts still run longer, the brief is made again with half as many."""

    instruments: int = 15
    subnational: int = 6
    mechanisms: int = 6
    developments: int = 8
    assessments: int = 5
    recommendations: int = 2
    sources: int = 12

    def halved(self) -> "Limits":
        return Limits(*(max(1, n // 2) for n in astuple(self)))


LIMITS = Limits()

ISO3 = re.compile(r"[A-Za-z]{3}")
logger = logging.getLogger(__name__)

# Templates and files whose change changes every brief (their digest is in the key).
LAYOUT_TEMPLATES = (
    "reports/pdf_document.html",
    "reports/country_brief_pdf.html",
    "reports/_country_brief.html",
    "geo/_situation.html",
    "geo/_instruments.html",
    "geo/locator_map.svg",
    "includes/status.html",
    "includes/developments.html",
    "includes/sources.html",
    "standards/_subject_title.html",
    "standards/_recommendation.html",
)
LAYOUT_STATIC = ("core/focus.css", "reports/brief.css")


def find_country(iso3: str) -> Jurisdiction:
    """The country of a three-letter code (any case); a 404 that says what a code looks
    like for anything else: an unknown code, a subnational unit's, a malformed one."""
    found = None
    if ISO3.fullmatch(iso3):
        found = (
            Jurisdiction.objects.countries().select_related("region").filter(code=iso3.upper())
        ).first()
    if found is None:
        raise NotFound(
            _(
                "There is no country with the code “%(code)s”. Countries have three-letter "
                "ISO codes, such as mex for Mexico."
            )
            % {"code": iso3[:12]}
        )
    return found


@dataclass(frozen=True)
class DataVersion:
    """When the country's records last changed, and how many there are of each kind (a
    record deleted or moved to another country changes the counts)."""

    changed: dt.datetime | None
    counts: tuple[int, ...]

    @property
    def as_of(self) -> dt.date | None:
        return self.changed.date() if self.changed else None

    @property
    def key(self) -> str:
        stamp = self.changed.isoformat() if self.changed else "-"
        return f"{stamp}|{'.'.join(map(str, self.counts))}"


def _latest(queryset, field: str):
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def _count(queryset):
    # COUNT without GROUP BY: one row, the number of matching records.
    return Subquery(
        queryset.order_by()
        .annotate(n=Func("pk", function="COUNT", output_field=IntegerField()))
        .values("n")
    )


def country_data_version(country: Jurisdiction) -> DataVersion:
    """The version of everything a brief shows of the country, in one query: its
    instruments, mechanisms and developments (its units' included), recommendations to
    it, assessments of its records and their ratings; the history tables add the time of
    a deletion. A source's own fields (title, publisher) are not followed: a source
    added to or taken from a record is a change of that record."""
    place = Q(jurisdiction=OuterRef("pk")) | Q(jurisdiction__parent=OuterRef("pk"))
    assessed = Q()
    for subject in ("instrument", "mechanism"):
        assessed |= Q(**{f"{subject}__jurisdiction": OuterRef("pk")})
        assessed |= Q(**{f"{subject}__jurisdiction__parent": OuterRef("pk")})
    rated = Q()
    for subject in ("instrument", "mechanism"):
        rated |= Q(**{f"assessment__{subject}__jurisdiction": OuterRef("pk")})
        rated |= Q(**{f"assessment__{subject}__jurisdiction__parent": OuterRef("pk")})
    live = {
        "instruments": Instrument.objects.filter(place),
        "mechanisms": Mechanism.objects.filter(place),
        "developments": Development.objects.filter(place),
        "recommendations": Recommendation.objects.filter(jurisdiction=OuterRef("pk")),
        "assessments": Assessment.objects.filter(assessed),
    }
    history = {
        "instruments": Instrument.history.filter(place),
        "mechanisms": Mechanism.history.filter(place),
        "developments": Development.history.filter(place),
        "assessments": Assessment.history.filter(assessed),
        "ratings": Rating.history.filter(rated),
        "recommendations": Recommendation.history.filter(jurisdiction=OuterRef("pk")),
    }
    annotations = {}
    for name, queryset in live.items():
        annotations[f"n_{name}"] = _count(queryset)
        annotations[f"t_{name}"] = _latest(queryset, "updated")
    for name, queryset in history.items():
        annotations[f"h_{name}"] = _latest(queryset, "history_date")
    row = (
        Jurisdiction.objects.filter(pk=country.pk)
        .annotate(**annotations)
        .values(*annotations)
        .get()
    )
    moments = [v for k, v in row.items() if k[0] in "th" and v is not None]
    # SQLite gives the subqueries' times as text.
    moments = [m if isinstance(m, dt.datetime) else _parse_moment(m) for m in moments]
    counts = tuple(row[f"n_{name}"] or 0 for name in live)
    return DataVersion(max(moments) if moments else None, counts)


def _parse_moment(text) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(text))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _first(items, limit: int) -> tuple[list, int]:
    items = list(items)
    return items[:limit], max(0, len(items) - limit)


def country_brief(
    country: Jurisdiction,
    *,
    version: DataVersion | None = None,
    today: dt.date | None = None,
    limits: Limits = LIMITS,
) -> dict:
    """What a brief shows of a country (the template's context): the country page's own
    queries (focus.geo.views.country_records and the functions it and the page call),
    with each list cut to what fits in four pages and the number left out."""
    today = today or dt.date.today()
    version = version or country_data_version(country)
    records = load_records([country])
    summary = summarise(records)[country.pk]
    listing = country_records(country, records, summary)
    national, more_national = _first(listing["national"], limits.instruments)
    subnational, budget, more_subnational = [], limits.subnational, 0
    for unit, rows in listing["subnational"]:
        shown, left = _first(rows, budget)
        if shown:
            subnational.append((unit, shown))
        budget -= len(shown)
        more_subnational += left
    mechanisms, more_mechanisms = _first(listing["mechanisms"], limits.mechanisms)
    since = dt.date(today.year - YEARS + 1, 1, 1)
    developments, more_developments = _first(
        Development.objects.in_country(country)
        .for_listing()
        .latest_first()
        .filter(date__gte=since)[: limits.developments + 1],
        limits.developments,
    )
    assessments, more_assessments = _first(country_profile(country), limits.assessments)
    sources, more_sources = _first(listing["sources"][: limits.sources + 1], limits.sources)
    return {
        "country": country,
        "title": brief_title(country),
        "summary": summary,
        "key_texts": listing["key_texts"],
        "mechanisms": listing["mechanisms"],  # all of them: the situation counts them
        "national": national,
        "more_national": more_national,
        "subnational": subnational,
        "more_subnational": more_subnational,
        "mechanisms_shown": mechanisms,
        "more_mechanisms": more_mechanisms,
        "developments": developments,
        "more_developments": bool(more_developments),
        "developments_since": since,
        "assessments": assessments,
        "more_assessments": more_assessments,
        "recommendations": country_recommendations(country, shown=limits.recommendations),
        "sources": sources,
        "more_sources": bool(more_sources),
        "locator": locator_map(country.code),
        "version": version,
        "as_of": version.as_of,
        "country_url": settings.SITE_URL + country.get_absolute_url(),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
    }


def brief_title(country: Jurisdiction) -> str:
    return _("%(name)s: country brief") % {"name": country.name}


def layout_digest() -> str:
    """A digest of the templates, styles and compiled translations a brief is made from:
    a deployment that changes them does not serve briefs made before it. Read once per
    process, except with DEBUG, where templates change under a running server."""
    return _layout_digest() if settings.DEBUG else _layout_digest_once()


def _layout_digest() -> str:
    return files_digest(LAYOUT_TEMPLATES, LAYOUT_STATIC)


def files_digest(templates, statics) -> str:
    """A digest of these templates and static files, and of the compiled translations."""
    digest = hashlib.sha256()
    # A Django template (its backend's wrapper is typed without `origin`).
    files: list[Path | None] = [Path(get_template(name).origin.name) for name in templates]  # type: ignore[attr-defined]
    files += [static_file(name) for name in statics]
    for folder in settings.LOCALE_PATHS:
        files += sorted(Path(folder).glob("*/LC_MESSAGES/django.mo"))
    for path in files:
        if path is not None and path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_layout_digest_once = cache(_layout_digest)


def cache_key(country: Jurisdiction, version: DataVersion, language: str, today: dt.date) -> str:
    data = hashlib.sha256(version.key.encode()).hexdigest()[:24]
    return f"brief:{country.code}:{language}:{today.year}:{data}:{layout_digest()}"


def brief_cache():
    return caches["briefs" if "briefs" in settings.CACHES else "default"]


def country_brief_pdf(
    country: Jurisdiction, *, today: dt.date | None = None
) -> tuple[bytes, DataVersion]:
    """The country's brief as a PDF in the active language, from the cache when the
    country's data has not changed since it was made."""
    today = today or dt.date.today()
    version = country_data_version(country)
    key = cache_key(country, version, get_language(), today)
    store = brief_cache()
    pdf = store.get(key)
    if pdf is None:
        pdf = write_pdf(lay_out(country, version, today))
        store.set(key, pdf, CACHE_SECONDS)
    return pdf, version


def lay_out(country: Jurisdiction, version: DataVersion, today: dt.date):
    """The brief laid out in pages: with LIMITS, or fewer records should it run past
    MAX_PAGES (twice at most; the third try is kept whatever its length)."""
    limits = LIMITS
    for attempt in range(3):
        document = render_document(
            "reports/country_brief_pdf.html",
            country_brief(country, version=version, today=today, limits=limits),
            title=brief_title(country),
            created=version.changed,
        )
        if len(document.pages) <= MAX_PAGES:
            break
        if attempt < 2:
            logger.info("The brief of %s ran to %d pages: fewer records", country.code,
                        len(document.pages))  # fmt: skip
        limits = limits.halved()
    return document
