"""Seed files of places: regions, countries (ISO 3166-1 and Kosovo), regional bodies,
and subnational units (first-level ISO 3166-2, and any unit the policies data names)."""

from pathlib import Path

from focus.core.seeding import Row, parse_rows

from .models import Jurisdiction, Region

SEED = Path(__file__).resolve().parent / "seed"


def _regions(path: Path) -> list[Row]:
    def make(line, raw):
        return Row(
            line,
            raw["code"],
            {
                "name_en": raw["name_en"],
                "name_es": raw["name_es"],
                "name_fr": raw["name_fr"],
                "name": raw["name_en"],
                "order": int(raw["order"]),
            },
        )

    return parse_rows(path, ["code", "name_en", "name_es", "name_fr", "order"], make)


def _region(code: str, regions: dict[str, Region]) -> Region | None:
    if not code:
        return None
    if code not in regions:
        raise ValueError(f"unknown region '{code}'")
    return regions[code]


def _countries(path: Path) -> list[Row]:
    regions = {r.code: r for r in Region.objects.all()}

    def make(line, raw):
        if len(raw["alpha3"]) != 3 or not raw["alpha3"].isupper():
            raise ValueError(f"'{raw['alpha3']}' is not an ISO 3166-1 alpha-3 code")
        return Row(
            line,
            raw["alpha3"],
            {
                "kind": Jurisdiction.Kind.COUNTRY,
                "iso_alpha2": raw["alpha2"],
                "iso_numeric": raw["numeric"],
                "name": raw["name_en"],
                "name_en": raw["name_en"],
                "name_es": raw["name_es"],
                "name_fr": raw["name_fr"],
                "official_name": raw["official_name"],
                "region": _region(raw["region"], regions),
                "parent": None,
            },
        )

    return parse_rows(
        path,
        ["alpha3", "alpha2", "numeric", "name_en", "name_es", "name_fr", "official_name", "region"],
        make,
    )


def _regional_bodies(path: Path) -> list[Row]:
    regions = {r.code: r for r in Region.objects.all()}

    def make(line, raw):
        return Row(
            line,
            raw["code"],
            {
                "kind": Jurisdiction.Kind.REGIONAL_BODY,
                "name": raw["name_en"],
                "name_en": raw["name_en"],
                "name_es": raw["name_es"],
                "name_fr": raw["name_fr"],
                "region": _region(raw["region"], regions),
                "parent": None,
            },
        )

    return parse_rows(path, ["code", "name_en", "name_es", "name_fr", "region"], make)


def _subdivisions(path: Path) -> list[Row]:
    countries = {c.code: c for c in Jurisdiction.objects.countries()}

    def make(line, raw):
        country = countries.get(raw["country"])
        if country is None:
            raise ValueError(f"unknown country code '{raw['country']}'")
        name_local = raw["name_local"] if raw["name_local"] != raw["name_en"] else ""
        return Row(
            line,
            raw["code"],
            {
                "kind": Jurisdiction.Kind.SUBDIVISION,
                "parent": country,
                "region": None,
                "name": raw["name_en"],
                "name_en": raw["name_en"],
                "official_name": name_local,
                "subdivision_type": raw["type"],
            },
        )

    return parse_rows(path, ["code", "country", "name_en", "name_local", "type"], make)


FILES = [
    ("regions.csv", _regions, Region, "code"),
    ("countries.csv", _countries, Jurisdiction, "code"),
    ("regional_bodies.csv", _regional_bodies, Jurisdiction, "code"),
    ("subdivisions.csv", _subdivisions, Jurisdiction, "code"),
]
