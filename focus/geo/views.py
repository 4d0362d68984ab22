from collections import defaultdict

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import NotFound
from focus.core.panels import country_panels
from focus.core.text import sort_key
from focus.library.models import Document
from focus.policies.models import Development, Instrument, Mechanism, Source
from focus.policies.summary import load_records, summarise
from focus.policies.vocabulary import InstrumentType, SummaryCategory
from focus.standards.comparison import country_profile, country_recommendations

from .models import Jurisdiction, Region
from .structured import country_page_json_ld

COUNTRY_DEVELOPMENTS = 15
COUNTRY_SOURCES = 40
COUNTRY_DOCUMENTS = 10
REGION_DEVELOPMENTS = 10


def _sources_of(instruments, mechanisms):
    """The sources of a set of records, newest first (one query)."""
    return Source.objects.filter(
        Q(
            pk__in=Instrument.sources.through.objects.filter(
                instrument__in=[i.pk for i in instruments]
            ).values("source_id")
        )
        | Q(
            pk__in=Mechanism.sources.through.objects.filter(
                mechanism__in=[m.pk for m in mechanisms]
            ).values("source_id")
        )
    ).order_by("-pk")


_TYPE_ORDER = {code: i for i, code in enumerate(InstrumentType.values)}


def _listing_order(instrument: Instrument):
    """Laws first, then decrees, policies…; within a type, the latest change first."""
    change = instrument.current_status_change
    day = change.date.toordinal() if change and change.date else 0
    return (_TYPE_ORDER.get(instrument.instrument_type, 99), -day, instrument.slug)


def _shown(summary) -> bool:
    return summary.category != SummaryCategory.NONE_KNOWN or summary.instrument_count > 0


def country_records(country: Jurisdiction, records, summary) -> dict:
    """What the country page and the country's brief (focus.reports) list of its records:
    national instruments (laws first, then by latest change), subnational ones by unit,
    mechanisms, up to three national texts in effect, and the sources of them all (a
    query, newest first, not yet run)."""
    instruments = sorted(records.instruments.get(country.pk, []), key=_listing_order)
    national = [i for i in instruments if i.jurisdiction.kind == Jurisdiction.Kind.COUNTRY]
    by_unit: dict[Jurisdiction, list] = defaultdict(list)
    for instrument in instruments:
        if instrument.jurisdiction.kind == Jurisdiction.Kind.SUBDIVISION:
            by_unit[instrument.jurisdiction].append(instrument)
    mechanisms = records.mechanisms.get(country.pk, [])
    national_ids = {i.pk for i in national}
    key_texts = sorted((i for i in summary.effective if i.pk in national_ids), key=_listing_order)
    return {
        "national": national,
        "key_texts": key_texts[:3],
        "subnational": sorted(by_unit.items(), key=lambda pair: sort_key(pair[0].name)),
        "mechanisms": mechanisms,
        "sources": _sources_of(instruments, mechanisms),
    }


@require_safe
def country(request, iso3: str):
    """A country: its category, instruments, mechanisms, developments and neighbours."""
    if iso3 != iso3.lower():
        return redirect("geo:country", iso3=iso3.lower(), permanent=True)
    # The country and its region's countries, in one query.
    code = iso3.upper()
    found = list(
        Jurisdiction.objects.countries()
        .select_related("region")
        .filter(Q(code=code) | Q(region__jurisdictions__code=code))
        .distinct()
    )
    item = next((c for c in found if c.code == code), None)
    if item is None:
        raise NotFound(
            _(
                "There is no country with the code “%(code)s”. Countries have three-letter "
                "ISO codes, such as mex for Mexico."
            )
            % {"code": iso3[:12]}
        )
    region_countries = (
        [c for c in found if c.region_id == item.region_id] if item.region_id else [item]
    )
    records = load_records(region_countries)
    summaries = summarise(records)
    summary = summaries[item.pk]
    listing = country_records(item, records, summary)
    developments = Development.objects.in_country(item).for_listing().latest_first()
    return render(
        request,
        "geo/country.html",
        {
            "country": item,
            "summary": summary,
            **listing,
            "developments": developments[:COUNTRY_DEVELOPMENTS],
            "documents": Document.objects.public()
            .filter(Q(jurisdictions=item) | Q(jurisdictions__parent=item))
            .distinct()
            .order_by("-date", "slug")[:COUNTRY_DOCUMENTS],
            "sources": listing["sources"][:COUNTRY_SOURCES],
            "assessments": country_profile(item),
            "recommendations": country_recommendations(item),
            "panels": country_panels(item, records),
            "neighbours": sorted(
                (s for pk, s in summaries.items() if pk != item.pk and _shown(s)),
                key=lambda s: sort_key(s.country.name),
            ),
            "json_ld": country_page_json_ld(
                item,
                request.build_absolute_uri(item.get_absolute_url()),
                # The page's description, in the same words.
                _(
                    "%(name)s: %(category)s. Laws, policies and mechanisms for the protection "
                    "of human rights defenders, and their developments."
                )
                % {"name": item.name, "category": summary.category_label},
            ),
        },
    )


@require_safe
def region(request, code: str):
    """A region: its countries by category, its regional bodies' texts, latest developments."""
    item = Region.objects.filter(code=code).first()
    if item is None:
        raise NotFound(_("There is no region “%(code)s”.") % {"code": code[:40]})
    summaries = summarise(load_records(Jurisdiction.objects.countries().filter(region=item)))
    shown = sorted(
        (s for s in summaries.values() if _shown(s)), key=lambda s: sort_key(s.country.name)
    )
    by_category = {c: [s for s in shown if s.category == c] for c in SummaryCategory}
    regional = (
        Instrument.objects.with_developments()
        .filter(jurisdiction__kind=Jurisdiction.Kind.REGIONAL_BODY, jurisdiction__region=item)
        .order_by("jurisdiction__name", "slug")
    )
    return render(
        request,
        "geo/region.html",
        {
            "region": item,
            "categories": [(SummaryCategory(c), rows) for c, rows in by_category.items() if rows],
            "country_count": len(shown),
            "regional": regional,
            "developments": Development.objects.in_region(item)
            .for_listing()
            .latest_first()[:REGION_DEVELOPMENTS],
        },
    )
