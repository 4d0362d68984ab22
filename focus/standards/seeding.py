"""Seed files of the standards, their provisions, the assessment frameworks and their
criteria, converted once from the research compiled for Focus (docs/seed-data.md).

Assessments, recommendations' links and good practices are editors' work and are not
seeded; the UPR recommendations come from UPR Info's export (import_upr_info).
"""

from pathlib import Path

from focus.core.dates import parse_partial_date
from focus.core.seeding import Row, choice, parse_rows
from focus.policies.seeding import Lookups

from .models import Criterion, Framework, Provision, Standard
from .vocabulary import StandardKind, StandardScope, Theme

SEED = Path(__file__).resolve().parent / "seed"


def _date(value: str, prefix: str = "adoption_date") -> dict:
    date, precision = parse_partial_date(value) if value else (None, "unknown")
    return {prefix: date, f"{prefix}_precision": precision}


def _standards(path: Path) -> list[Row]:
    lookups = Lookups()

    def make(line: int, raw: dict) -> Row:
        values = {
            "slug": raw["slug"],
            "kind": choice(raw["kind"], StandardKind, "kind"),
            "scope": choice(raw["scope"], StandardScope, "scope"),
            "short_title_en": raw["short_title_en"],
            "title_en": raw["title_en"],
            "adopted_by": raw["adopted_by"],
            "adoption_note": raw["adoption_note"],
            "position": int(raw["position"]),
            **_date(raw["adoption_date"]),
        }
        return Row(line, raw["code"], values, {"sources": lookups.source_ids(raw["source_urls"])})

    columns = ["code", "slug", "kind", "scope", "short_title_en", "title_en", "adopted_by"]
    columns += ["adoption_date", "adoption_note", "source_urls", "position"]
    return parse_rows(path, columns, make)


def _provisions(path: Path) -> list[Row]:
    lookups = Lookups()
    standards = dict(Standard.objects.values_list("code", "pk"))

    def make(line: int, raw: dict) -> Row:
        if raw["standard_code"] not in standards:
            raise ValueError(f"unknown standard '{raw['standard_code']}'")
        values = {
            "standard_id": standards[raw["standard_code"]],
            "position": int(raw["position"]),
            "reference": raw["reference"],
            "title_en": raw["title_en"],
            "summary_en": raw["summary_en"],
            "adopted_by": raw["adopted_by"],
            **_date(raw["adoption_date"]),
        }
        key = f"{raw['standard_code']}/{raw['position']}"
        return Row(line, key, values, {"sources": lookups.source_ids(raw["source_urls"])})

    columns = ["standard_code", "position", "reference", "title_en", "summary_en"]
    columns += ["adopted_by", "adoption_date", "source_urls"]
    return parse_rows(path, columns, make)


def _frameworks(path: Path) -> list[Row]:
    standards = dict(Standard.objects.values_list("code", "pk"))

    def make(line: int, raw: dict) -> Row:
        code = raw["standard_code"]
        if code and code not in standards:
            raise ValueError(f"unknown standard '{code}'")
        values = {
            "name_en": raw["name_en"],
            "authority": raw["authority"],
            "standard_id": standards.get(code),
            "position": int(raw["position"]),
        }
        return Row(line, raw["slug"], values)

    return parse_rows(path, ["slug", "name_en", "authority", "standard_code", "position"], make)


def _criteria(path: Path) -> list[Row]:
    lookups = Lookups()
    frameworks = dict(Framework.objects.values_list("slug", "pk"))

    def make(line: int, raw: dict) -> Row:
        if raw["framework"] not in frameworks:
            raise ValueError(f"unknown framework '{raw['framework']}'")
        values = {
            "framework_id": frameworks[raw["framework"]],
            "code": raw["code"],
            "title_en": raw["title_en"],
            "description_en": raw["description_en"],
            "theme": choice(raw["theme"], Theme, "theme", blank=True),
            "position": int(raw["position"]),
        }
        key = f"{raw['framework']}/{raw['code']}"
        return Row(line, key, values, {"sources": lookups.source_ids(raw["source_urls"])})

    columns = ["framework", "code", "title_en", "description_en", "theme", "source_urls"]
    return parse_rows(path, [*columns, "position"], make)


FILES = [
    ("standards.csv", _standards, Standard, "code"),
    ("provisions.csv", _provisions, Provision, "seed_key"),
    ("frameworks.csv", _frameworks, Framework, "slug"),
    ("criteria.csv", _criteria, Criterion, "seed_key"),
]
