"""Seed files of the observatory's records: organisations, instruments, developments,
mechanisms and their figures, with their sources.

The files were converted once from the research compiled for Focus (see
scripts/convert_seed_data.py and docs/seed-data.md). Low-confidence rows, and rows with
a note for editors, are flagged for verification.
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from focus.core.dates import parse_partial_date
from focus.core.models import Confidence
from focus.core.seeding import Row, SeedError, choice, parse_rows, split
from focus.geo.models import Jurisdiction

from .lifecycle import DevelopmentType
from .models import (
    BeneficiaryGroup,
    Development,
    Instrument,
    Mechanism,
    MechanismFigure,
    Organisation,
    ProtectionMeasure,
    Source,
)
from .vocabulary import (
    BENEFICIARY_ALIASES,
    Beneficiary,
    FigureMetric,
    InstrumentType,
    Measure,
    MechanismKind,
    MechanismStatus,
    OrganisationKind,
)

SEED = Path(__file__).resolve().parent / "seed"
_url = URLValidator(schemes=["http", "https"])


class Lookups:
    """Everything a row may point at, read once per file."""

    def __init__(self):
        self.jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
        self.beneficiaries = {b.code: b.pk for b in BeneficiaryGroup.objects.all()}
        self.measures = {m.code: m.pk for m in ProtectionMeasure.objects.all()}
        self.instruments = dict(Instrument.objects.values_list("slug", "pk"))
        self.mechanisms = dict(Mechanism.objects.values_list("slug", "pk"))
        self.sources = dict(Source.objects.values_list("url", "pk"))

    def jurisdiction(self, code: str, kinds=None) -> Jurisdiction:
        found = self.jurisdictions.get(code)
        if found is None:
            raise ValueError(f"unknown country or subdivision code '{code}'")
        if kinds and found.kind not in kinds:
            raise ValueError(f"'{code}' is a {found.get_kind_display()}, not allowed here")
        return found

    def beneficiary_ids(self, value: str) -> set[int]:
        codes = [BENEFICIARY_ALIASES.get(c, c) for c in split(value)]
        return {self.beneficiaries[choice(c, Beneficiary, "beneficiary")] for c in codes}

    def measure_ids(self, value: str) -> set[int]:
        return {self.measures[choice(c, Measure, "measure")] for c in split(value)}

    def slugs(self, value: str, table: dict[str, int], what: str, sep: str) -> set[int]:
        ids = set()
        for slug in split(value, sep):
            if slug not in table:
                raise ValueError(f"unknown {what} '{slug}'")
            ids.add(table[slug])
        return ids

    def source_ids(self, value: str) -> set[int]:
        """Sources by URL, created on first sight (a source is its URL)."""
        ids = set()
        for url in split(value):
            try:
                _url(url)
            except ValidationError:
                raise ValueError(f"'{url}' is not a valid source URL") from None
            if url not in self.sources:
                source = Source(url=url)
                source.full_clean()
                source._change_reason = "load_seed"  # type: ignore[attr-defined]  # simple-history reads it
                source.save()
                self.sources[url] = source.pk
            ids.add(self.sources[url])
        return ids


def _verification(raw: dict) -> dict:
    confidence = choice(raw["confidence"], Confidence, "confidence")
    note = raw.get("verification_note", "")
    if confidence == Confidence.LOW and not note:
        note = "Low confidence in the research: check against the sources."
    return {"confidence": confidence, "needs_verification": bool(note), "verification_note": note}


def _organisations(path: Path) -> list[Row]:
    lookups = Lookups()

    def make(line, raw):
        countries = {
            lookups.jurisdiction(c, [Jurisdiction.Kind.COUNTRY]).pk for c in split(raw["countries"])
        }
        return Row(
            line,
            raw["slug"],
            {
                "name": raw["name"],
                "acronym": raw["acronym"],
                "kind": choice(raw["kind"], OrganisationKind, "organisation kind"),
                "url": raw["url"],
                "description": raw["description_en"],
                "description_en": raw["description_en"],
            },
            {"countries": countries},
        )

    return parse_rows(
        path, ["slug", "name", "acronym", "kind", "countries", "url", "description_en"], make
    )


def _instruments(path: Path) -> list[Row]:
    lookups = Lookups()

    def make(line, raw):
        return Row(
            line,
            raw["slug"],
            {
                "jurisdiction": lookups.jurisdiction(raw["jurisdiction"]),
                "locality": raw["locality"],
                "international": raw["international"] == "yes",
                "instrument_type": choice(
                    raw["instrument_type"], InstrumentType, "instrument type"
                ),
                "title": raw["title_en"],
                "title_en": raw["title_en"],
                "title_original": raw["title_original"],
                "reference": raw["reference"],
                "issuing_authority": raw["issuing_authority"],
                "summary": raw["summary_en"],
                "summary_en": raw["summary_en"],
                "creates_mechanism": choice(
                    raw["creates_mechanism"],
                    Instrument.CreatesMechanism,
                    "value of creates_mechanism",
                    blank=True,
                ),
                "created_mechanism_note": raw["created_mechanism_note"],
                **_verification(raw),
            },
            {
                "beneficiaries": lookups.beneficiary_ids(raw["beneficiaries"]),
                "sources": lookups.source_ids(raw["sources"]),
            },
        )

    return parse_rows(
        path,
        [
            "slug",
            "jurisdiction",
            "locality",
            "international",
            "instrument_type",
            "title_en",
            "title_original",
            "reference",
            "issuing_authority",
            "beneficiaries",
            "creates_mechanism",
            "created_mechanism_note",
            "summary_en",
            "sources",
            "confidence",
            "verification_note",
        ],
        make,
    )


def _developments(path: Path) -> list[Row]:
    lookups = Lookups()
    instruments = {i.slug: i for i in Instrument.objects.select_related("jurisdiction")}

    def make(line, raw):
        date, precision = parse_partial_date(raw["date"])
        instrument = None
        if raw["instrument"]:
            instrument = instruments.get(raw["instrument"])
            if instrument is None:
                raise ValueError(f"unknown instrument '{raw['instrument']}'")
        return Row(
            line,
            raw["key"],
            {
                "jurisdiction": lookups.jurisdiction(raw["jurisdiction"]),
                "instrument": instrument,
                "date": date,
                "date_precision": precision,
                "development_type": choice(
                    raw["development_type"], DevelopmentType, "development type"
                ),
                "summary": raw["summary_en"],
                "summary_en": raw["summary_en"],
                **_verification(raw),
            },
            {"sources": lookups.source_ids(raw["sources"])},
        )

    return parse_rows(
        path,
        [
            "key",
            "jurisdiction",
            "instrument",
            "date",
            "development_type",
            "summary_en",
            "sources",
            "confidence",
            "verification_note",
        ],
        make,
    )


def _mechanisms(path: Path) -> list[Row]:
    lookups = Lookups()
    places = [Jurisdiction.Kind.COUNTRY, Jurisdiction.Kind.SUBDIVISION]

    def make(line, raw):
        start, precision = parse_partial_date(raw["start_date"])
        return Row(
            line,
            raw["slug"],
            {
                "jurisdiction": lookups.jurisdiction(raw["jurisdiction"], places),
                "name": raw["name_en"],
                "name_en": raw["name_en"],
                "name_original": raw["name_original"],
                "acronym": raw["acronym"],
                "kind": choice(raw["kind"], MechanismKind, "mechanism kind"),
                "lead_institution": raw["lead_institution"],
                "start_date": start,
                "start_date_precision": precision,
                "status": choice(raw["status"], MechanismStatus, "mechanism status", blank=True),
                "civil_society_participation": raw["civil_society_participation"],
                "how_to_reach": raw["how_to_reach"],
                "how_to_reach_en": raw["how_to_reach"],
                "summary": raw["summary_en"],
                "summary_en": raw["summary_en"],
                **_verification(raw),
            },
            {
                "instruments": lookups.slugs(
                    raw["instruments"], lookups.instruments, "instrument", "|"
                ),
                "measures": lookups.measure_ids(raw["measures"]),
                "beneficiaries": lookups.beneficiary_ids(raw["beneficiaries"]),
                "sources": lookups.source_ids(raw["sources"]),
            },
        )

    return parse_rows(
        path,
        [
            "slug",
            "jurisdiction",
            "name_original",
            "name_en",
            "acronym",
            "kind",
            "instruments",
            "lead_institution",
            "start_date",
            "status",
            "civil_society_participation",
            "measures",
            "beneficiaries",
            "how_to_reach",
            "summary_en",
            "sources",
            "confidence",
        ],
        make,
    )


def _figures(path: Path) -> list[Row]:
    lookups = Lookups()
    mechanisms = {m.slug: m for m in Mechanism.objects.all()}

    def make(line, raw):
        mechanism = mechanisms.get(raw["mechanism"])
        if mechanism is None:
            raise ValueError(f"unknown mechanism '{raw['mechanism']}'")
        try:
            value = Decimal(raw["value"])
        except InvalidOperation:
            raise ValueError(f"'{raw['value']}' is not a number") from None
        MechanismFigure.end_of_period(raw["period"])
        return Row(
            line,
            raw["key"],
            {
                "mechanism": mechanism,
                "period": raw["period"],
                "metric": choice(raw["metric"], FigureMetric, "metric"),
                "value": value,
                "unit": raw["unit"],
                "note": raw["note"],
                **_verification(raw),
            },
            {"sources": lookups.source_ids(raw["sources"])},
        )

    return parse_rows(
        path,
        ["key", "mechanism", "period", "metric", "value", "unit", "note", "sources", "confidence"],
        make,
    )


FILES = [
    ("organisations.csv", _organisations, Organisation, "slug"),
    ("instruments.csv", _instruments, Instrument, "slug"),
    ("developments.csv", _developments, Development, "seed_key"),
    ("mechanisms.csv", _mechanisms, Mechanism, "slug"),
    ("mechanism_figures.csv", _figures, MechanismFigure, "seed_key"),
]


__all__ = ["FILES", "SEED", "SeedError"]
