"""Turn the compiled research files into the project's own seed files.

Run once by a maintainer when the research files change, then commit the result:

    .venv/bin/python scripts/convert_seed_data.py PATH/TO/shared/data

It reads the CSV files compiled for Focus (not the third-party `upr_info/` or `texts/`),
maps places to ISO codes and vocabulary to the project's codes, turns the dates of the
instrument rows and their reported status into developments, and writes
`focus/geo/seed/*.csv` and `focus/policies/seed/*.csv`. Facts are copied as given;
`unknown` becomes an empty value. It prints what it could not reconcile, for editors.
The project never reads the research folder at run time: `manage.py load_seed` reads
only the files written here.
"""

import csv
import gettext
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from focus.policies.lifecycle import DevelopmentType, derive_status  # noqa: E402

GEO = ROOT / "focus" / "geo" / "seed"
POLICIES = ROOT / "focus" / "policies" / "seed"

REGIONS = [
    ("africa", "Africa", "África", "Afrique"),
    ("americas", "Americas", "Américas", "Amériques"),
    ("asia-pacific", "Asia-Pacific", "Asia-Pacífico", "Asie-Pacifique"),
    (
        "europe-central-asia",
        "Europe and Central Asia",
        "Europa y Asia Central",
        "Europe et Asie centrale",
    ),
    (
        "mena",
        "Middle East and North Africa",
        "Oriente Medio y Norte de África",
        "Moyen-Orient et Afrique du Nord",
    ),
]

# The regions follow the UN M49 sub-regions (from country_converter's table), with the
# usual human-rights grouping: North Africa and the Arab states of Western Asia, Israel,
# Palestine and Iran form MENA; the Caucasus, Türkiye and Cyprus go with Europe.
M49_TO_REGION = {
    "Northern Africa": "mena",
    "Eastern Africa": "africa",
    "Middle Africa": "africa",
    "Southern Africa": "africa",
    "Western Africa": "africa",
    "Caribbean": "americas",
    "Central America": "americas",
    "South America": "americas",
    "Northern America": "americas",
    "Central Asia": "europe-central-asia",
    "Eastern Europe": "europe-central-asia",
    "Northern Europe": "europe-central-asia",
    "Southern Europe": "europe-central-asia",
    "Western Europe": "europe-central-asia",
    "Eastern Asia": "asia-pacific",
    "South-eastern Asia": "asia-pacific",
    "Southern Asia": "asia-pacific",
    "Australia and New Zealand": "asia-pacific",
    "Melanesia": "asia-pacific",
    "Micronesia": "asia-pacific",
    "Polynesia": "asia-pacific",
    "Western Asia": "mena",
}
REGION_EXCEPTIONS = {
    "ARM": "europe-central-asia",
    "AZE": "europe-central-asia",
    "GEO": "europe-central-asia",
    "TUR": "europe-central-asia",
    "CYP": "europe-central-asia",
    "IRN": "mena",
}

REGIONAL_BODIES = [
    # code, English, Spanish, French, region
    (
        "XAM",
        "Latin America and the Caribbean",
        "América Latina y el Caribe",
        "Amérique latine et Caraïbes",
        "americas",
    ),
    ("EUU", "European Union", "Unión Europea", "Union européenne", "europe-central-asia"),
    ("XCE", "Council of Europe", "Consejo de Europa", "Conseil de l'Europe", "europe-central-asia"),
    ("XOS", "OSCE", "OSCE", "OSCE", "europe-central-asia"),
    (
        "XAF",
        "African Union and African Commission on Human and Peoples' Rights",
        "Unión Africana y Comisión Africana de Derechos Humanos y de los Pueblos",
        "Union africaine et Commission africaine des droits de l'homme et des peuples",
        "africa",
    ),
]

# Subnational units named in the research files, by country, to their ISO 3166-2 codes.
SUBDIVISIONS = {
    ("MEX", "Ciudad de México"): "MX-CMX",
    ("MEX", "Quintana Roo"): "MX-ROO",
    ("MEX", "Hidalgo"): "MX-HID",
    ("MEX", "Colima"): "MX-COL",
    ("MEX", "Veracruz"): "MX-VER",
    ("MEX", "San Luis Potosí"): "MX-SLP",
    ("MEX", "Guerrero"): "MX-GRO",
    ("MEX", "Nuevo León"): "MX-NLE",
    ("MEX", "Chihuahua"): "MX-CHH",
    ("MEX", "Oaxaca"): "MX-OAX",
    ("MEX", "Sinaloa"): "MX-SIN",
    ("MEX", "Guanajuato"): "MX-GUA",
    ("MEX", "Estado de México"): "MX-MEX",
    ("MEX", "Durango"): "MX-DUR",
    ("MEX", "Michoacán"): "MX-MIC",
    ("MEX", "Nayarit"): "MX-NAY",
    ("MEX", "Jalisco"): "MX-JAL",
    ("MEX", "Tlaxcala"): "MX-TLA",
    ("MEX", "Morelos"): "MX-MOR",
    ("MEX", "Baja California"): "MX-BCN",
    ("MEX", "Coahuila"): "MX-COA",
    ("BRA", "Maranhão"): "BR-MA",
    ("BRA", "Pernambuco"): "BR-PE",
    ("BRA", "Minas Gerais"): "BR-MG",
    ("BRA", "Pará"): "BR-PA",
    ("BRA", "Paraíba"): "BR-PB",
    ("BRA", "Ceará"): "BR-CE",
    ("BRA", "Rio Grande do Sul"): "BR-RS",
    ("BRA", "Rio de Janeiro"): "BR-RJ",
    ("BRA", "Bahia"): "BR-BA",
    ("BRA", "Espírito Santo"): "BR-ES",
    ("BRA", "Mato Grosso"): "BR-MT",
    ("ESP", "Asturias"): "ES-AS",
    ("ESP", "Basque Country"): "ES-PV",
    ("ESP", "Catalonia"): "ES-CT",
    ("ESP", "Madrid (city)"): "ES-MD",
    ("ESP", "Castilla y León"): "ES-CL",
    ("ESP", "Aragón"): "ES-AR",
    ("IND", "Maharashtra"): "IN-MH",
    ("IND", "Chhattisgarh"): "IN-CG",
    ("IRQ", "Kurdistan Region"): "IQ-KR",
    ("COD", "South Kivu"): "CD-SK",
    ("COD", "North Kivu"): "CD-NK",
    ("COD", "Maniema"): "CD-MA",
    ("COD", "Tshopo"): "CD-TO",
    ("COD", "Haut-Katanga"): "CD-HK",
    ("PAK", "Sindh"): "PK-SD",
}
# A municipality is attached to the unit that contains it, keeping its own name.
LOCALITIES = {("ESP", "Madrid (city)"): "Madrid (city)"}

# The status the reported status implies, as a development type, when no dated
# development gives it.
IMPLIED_TYPE = {
    "draft": DevelopmentType.DRAFT_PRESENTED,
    "under_debate": DevelopmentType.BILL_INTRODUCED,
    "adopted": DevelopmentType.ADOPTED,
    "in_force": DevelopmentType.ENTERED_INTO_FORCE,
    "amended": DevelopmentType.AMENDED,
    "repealed": DevelopmentType.REPEALED,
    "stalled": DevelopmentType.STALLED,
    "rejected": DevelopmentType.REJECTED,
}
IMPLIED_SUMMARY = {
    "draft": "The sources report this text as a draft; when it was drawn up is not recorded.",
    "under_debate": "The sources report this text as under debate; when it was tabled is not recorded.",
    "adopted": "The sources report this text as adopted; the date of adoption is not recorded.",
    "in_force": "The sources report this text as in force; the date it entered into force is not recorded.",
    "amended": "The sources report this text as amended; the date of the amendment is not recorded.",
    "repealed": "The sources report this text as repealed; the date of repeal is not recorded.",
    "stalled": "The sources report this text as stalled; since when is not recorded.",
    "rejected": "The sources report this text as rejected; the date is not recorded.",
}
DATE_COLUMNS = [
    (
        "date_introduced",
        DevelopmentType.BILL_INTRODUCED,
        "Introduced (date from the instrument record).",
    ),
    ("date_adopted", DevelopmentType.ADOPTED, "Adopted (date from the instrument record)."),
    (
        "date_in_force",
        DevelopmentType.ENTERED_INTO_FORCE,
        "Entered into force (date from the instrument record).",
    ),
]
SAME_TYPE = {
    DevelopmentType.BILL_INTRODUCED: {"bill_introduced", "draft_presented"},
    DevelopmentType.DRAFT_PRESENTED: {"bill_introduced", "draft_presented"},
    DevelopmentType.ADOPTED: {"adopted", "regulation_issued"},
    DevelopmentType.ENTERED_INTO_FORCE: {"entered_into_force"},
}


# Conflicts found when the key dates were checked against other sources (November
# 2026). The research's values are kept; editors are asked to settle them.
CHECK_NOTES = {
    "mli-loi-n2018-003:date_adopted": (
        "Sources differ on 12 January 2018: ASF Québec says the President promulgated the law "
        "that day, after the National Assembly adopted it on 13 December 2017 (see the "
        "development of that date); ISHR writes 'adopted on 12 January 2018'."
    ),
    "cod-loi-n23-027:date_in_force": (
        "The Official Journal special issue carrying Law 23/027 is dated 8 July 2023 (scan at "
        "https://fr.scribd.com/document/706387794; the national human rights commission also "
        "says it was published on 8 July 2023); 17 October 2023 comes from a UN Global "
        "Protection Cluster report. Check against the Journal."
    ),
    "world-035": (
        "The Official Journal special issue carrying Law 23/027 is dated 8 July 2023 (scan at "
        "https://fr.scribd.com/document/706387794); 17 October 2023 comes from a UN Global "
        "Protection Cluster report. Check against the Journal."
    ),
    "world-070": (
        "Amnesty International Philippines dates the refiling to 30 June 2022 "
        "(https://amnesty.org.ph/2024/04/hrdp-bill-salient-points/); FOCUS gives 4 July 2022."
    ),
    "gtm-acuerdo-ministerial-214-2024-ministerio-de-gobernacion:reported-in_force": (
        "The official gazette, Diario de Centroamérica, reported on 30 August 2024 that the "
        "agreement entered into force that day (dca.gob.gt, 2024/08/30): check and date it."
    ),
}


def clean(value: str) -> str:
    value = (value or "").strip()
    return "" if value.lower() == "unknown" else value


def slugify(text: str, length: int = 80) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:length].rstrip("-")


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows")


def read(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Dev:
    """The little a development needs for status derivation."""

    def __init__(self, date: str, development_type: str, pk: int):
        from focus.core.dates import parse_partial_date

        self.date, self.date_precision = parse_partial_date(date)
        self.development_type = development_type
        self.pk = pk


# ISO writes some names inverted ("Congo, The Democratic Republic of the"); a reader
# looks for the short name: the part before the comma, with "Îles"/"Islas" put back in
# front. Names a rule would get wrong are given whole.
SHORT_NAMES = {
    "COD": (
        "Democratic Republic of the Congo",
        "República Democrática del Congo",
        "République démocratique du Congo",
    ),
    "COM": ("Comoros", "Comoras", "Comores"),
    "FLK": (
        "Falkland Islands (Malvinas)",
        "Islas Falkland (Malvinas)",
        "Îles Falkland (Malouines)",
    ),
    "VGB": ("British Virgin Islands", "Islas Vírgenes Británicas", "Îles Vierges britanniques"),
    "VIR": (
        "United States Virgin Islands",
        "Islas Vírgenes de los Estados Unidos",
        "Îles Vierges des États-Unis",
    ),
}


def short(name: str) -> str:
    if ", " not in name:
        return name
    before, after = name.split(", ", 1)
    if after.startswith(("Îles", "Île", "Islas")):
        return f"{after} {before}"
    if any(word in after for word in (" and ", " et ", " y ")):
        return name  # a list of places ("Bonaire, Sint Eustatius and Saba"), not an inversion
    return before


def translated(catalogue, common: str, name: str) -> str:
    """The catalogue's translation of the common name if it has one, else of the ISO name."""
    value = catalogue.gettext(common)
    return short(value if value != common or common == name else catalogue.gettext(name))


def convert_geo(m49: dict[str, str]) -> None:
    es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    write(
        GEO / "regions.csv",
        ["code", "name_en", "name_es", "name_fr", "order"],
        [
            dict(code=c, name_en=en, name_es=s, name_fr=f, order=i)
            for i, (c, en, s, f) in enumerate(REGIONS, 1)
        ],
    )
    countries = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        common = getattr(c, "common_name", None) or c.name
        region = REGION_EXCEPTIONS.get(c.alpha_3) or M49_TO_REGION.get(m49.get(c.alpha_3, ""), "")
        if c.alpha_3 in SHORT_NAMES:
            common_names = dict(
                zip(["name_en", "name_es", "name_fr"], SHORT_NAMES[c.alpha_3], strict=True)
            )
        else:
            common_names = {}
        countries.append(
            dict(
                alpha3=c.alpha_3,
                alpha2=c.alpha_2,
                numeric=c.numeric,
                name_en=short(common),
                name_es=translated(es, common, c.name),
                name_fr=translated(fr, common, c.name),
                official_name=getattr(c, "official_name", ""),
                region=region,
            )
            | common_names
        )
    # Kosovo has no ISO 3166-1 code yet; XK/XKX are the codes in common use.
    countries.append(
        dict(
            alpha3="XKX",
            alpha2="XK",
            numeric="",
            name_en="Kosovo",
            name_es="Kosovo",
            name_fr="Kosovo",
            official_name="",
            region="europe-central-asia",
        )
    )
    write(
        GEO / "countries.csv",
        ["alpha3", "alpha2", "numeric", "name_en", "name_es", "name_fr", "official_name", "region"],
        countries,
    )
    write(
        GEO / "regional_bodies.csv",
        ["code", "name_en", "name_es", "name_fr", "region"],
        [
            dict(code=c, name_en=en, name_es=s, name_fr=f, region=r)
            for c, en, s, f, r in REGIONAL_BODIES
        ],
    )
    used = {code: name for (_, name), code in SUBDIVISIONS.items() if (_, name) not in LOCALITIES}
    rows = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code is not None and s.code not in used:
            continue  # first-level units only, and any unit the data names
        rows.append(
            dict(
                code=s.code,
                country=pycountry.countries.get(alpha_2=s.country_code).alpha_3,
                name_en=used.get(s.code, s.name),
                name_local=s.name,
                type=s.type,
            )
        )
    missing = set(SUBDIVISIONS.values()) - {r["code"] for r in rows}
    assert not missing, f"ISO 3166-2 codes not in pycountry: {missing}"
    write(GEO / "subdivisions.csv", ["code", "country", "name_en", "name_local", "type"], rows)


def jurisdiction_of(row: dict) -> tuple[str, bool, str]:
    """(jurisdiction code, issued by an international body, locality) of a research row."""
    country, place = row["country_iso3"], row["jurisdiction"].strip()
    if place == "national" or not place:
        return country, False, ""
    if place.startswith("regional:"):
        return country, not country.startswith(("X", "EUU")), ""
    return SUBDIVISIONS[(country, place)], False, LOCALITIES.get((country, place), "")


def issuer(row: dict) -> str:
    """The lead institution, preceded by the body the research names in `jurisdiction`
    when it says something the institution does not ("civil society; not an AU organ")."""
    lead = clean(row["lead_institution"])
    place = row["jurisdiction"].strip()
    if not place.startswith("regional:"):
        return lead
    body = place.removeprefix("regional:").strip()
    names = {
        name
        for code, *names_, _ in REGIONAL_BODIES
        for name in names_
        if code == row["country_iso3"]
    }
    core = re.sub(r"\s*\([^)]*\)$", "", body)  # "… (ACHPR)" is named in the lead without it
    if body in names or core in lead or row["country_iso3"] not in {c for c, *_ in REGIONAL_BODIES}:
        return lead
    return f"{body}: {lead}" if lead else body


def convert_policies(data: Path) -> None:
    organisations, org_slugs = [], set()
    for row in read(data / "organisations.csv"):
        slug = slugify(row["acronym"] or row["name"], 60)
        if slug in org_slugs:
            slug = slugify(row["name"], 60)
        org_slugs.add(slug)
        organisations.append(
            dict(
                slug=slug,
                name=row["name"],
                acronym=clean(row["acronym"]),
                kind=row["kind"],
                countries=";".join(c for c in row["country_iso3"].split(";") if clean(c)),
                url=clean(row["url"]),
                description_en=clean(row["description_en"]),
            )
        )
    write(
        POLICIES / "organisations.csv",
        ["slug", "name", "acronym", "kind", "countries", "url", "description_en"],
        organisations,
    )

    instruments, developments, slugs = [], [], set()
    by_reference: dict[tuple[str, str], dict] = {}
    report: Counter = Counter()
    notes: list[str] = []
    for suffix in ["world", "americas", "europe", "more", "rest", "subnational"]:
        for line, row in enumerate(read(data / f"instruments_{suffix}.csv"), start=2):
            code, international, locality = jurisdiction_of(row)
            base = slugify(f"{row['country_iso3']} {row['reference'] or row['title_en']}")
            slug, n = base, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            created = clean(row["mechanism_created"])
            match = re.match(r"^(yes|no|planned)\b[:\s]*(.*)$", created, re.S)
            assert match or not created, f"mechanism_created: {created!r}"
            creates, note = match.groups() if match else ("", "")
            instrument = dict(
                slug=slug,
                jurisdiction=code,
                locality=locality,
                international="yes" if international else "",
                instrument_type=row["instrument_type"],
                title_en=clean(row["title_en"]),
                title_original=clean(row["title_original"]),
                reference=clean(row["reference"]),
                issuing_authority=issuer(row),
                beneficiaries=row["beneficiaries"],
                creates_mechanism=creates.strip(),
                created_mechanism_note=note.strip(),
                summary_en=clean(row["summary_en"]),
                sources=row["source_urls"],
                confidence=row["confidence"],
                verification_note="",
                origin=f"instruments_{suffix}.csv:{line}",
            )
            instruments.append(instrument)
            by_reference[(suffix, row["reference"])] = dict(instrument=instrument, row=row, devs=[])
        for line, row in enumerate(read(data / f"events_{suffix}.csv"), start=2):
            reference = row["instrument_reference"].strip()
            entry = by_reference.get((suffix, reference)) if clean(reference) else None
            code = row["country_iso3"] if entry is None else entry["instrument"]["jurisdiction"]
            development = dict(
                key=f"{suffix}-{line:03d}",
                jurisdiction=code,
                instrument=entry["instrument"]["slug"] if entry else "",
                date=row["date"],
                development_type=row["event_type"],
                summary_en=row["summary_en"],
                sources=row["source_url"],
                confidence=row["confidence"],
                verification_note="",
            )
            developments.append(development)
            if entry:
                entry["devs"].append(development)

    for entry in by_reference.values():
        instrument, row, devs = entry["instrument"], entry["row"], entry["devs"]
        reported = row["status"]
        for column, dev_type, summary in DATE_COLUMNS:
            date = clean(row[column])
            if not date:
                continue
            if dev_type == DevelopmentType.BILL_INTRODUCED and reported == "draft":
                dev_type, summary = (
                    DevelopmentType.DRAFT_PRESENTED,
                    "Draft presented (date from the instrument record).",
                )
            same = [d for d in devs if d["development_type"] in SAME_TYPE[dev_type]]
            if any(d["date"].startswith(date) or date.startswith(d["date"]) for d in same):
                continue
            if same:
                report["date column differs from an event of the same kind"] += 1
                notes.append(
                    f"{instrument['origin']}: {column} {date} but events give "
                    f"{', '.join(d['date'] for d in same)}"
                )
            new = dict(
                key=f"{instrument['slug']}:{column}"[:150],
                jurisdiction=instrument["jurisdiction"],
                instrument=instrument["slug"],
                date=date,
                development_type=dev_type,
                summary_en=summary,
                sources=instrument["sources"],
                confidence=instrument["confidence"],
                verification_note=""
                if not same
                else f"The instrument record gives {column} {date}; another development of this kind has another date.",
            )
            devs.append(new)
            developments.append(new)
            report[f"developments from {column}"] += 1

        def derived(devs=devs):
            return derive_status(
                [Dev(d["date"], d["development_type"], i) for i, d in enumerate(devs)]
            )

        status = derived()
        if status == reported or (reported == "in_force" and status == "amended"):
            continue
        new = dict(
            key=f"{instrument['slug']}:reported-{reported}"[:150],
            jurisdiction=instrument["jurisdiction"],
            instrument=instrument["slug"],
            date="unknown",
            development_type=IMPLIED_TYPE[reported],
            summary_en=IMPLIED_SUMMARY[reported],
            sources=instrument["sources"],
            confidence=instrument["confidence"],
            verification_note="Status reported by the research without a date: find the date in the sources.",
        )
        devs.append(new)
        after = derived()
        if after == reported or (reported == "in_force" and after == "amended"):
            developments.append(new)
            report[f"undated developments for a reported status ({reported})"] += 1
        else:
            devs.pop()
            report["reported status that the developments contradict"] += 1
            instrument["verification_note"] = (
                f"The research reports the status '{reported}', but its dated developments give "
                f"'{status}'. Check which is right."
            )
            notes.append(f"{instrument['origin']}: reported {reported}, developments give {status}")

    for development in developments:
        if development["key"] in CHECK_NOTES:
            note = CHECK_NOTES[development["key"]]
            development["verification_note"] = " ".join(
                filter(None, [development["verification_note"], note])
            )
    assert {d["key"] for d in developments} >= set(CHECK_NOTES), "a CHECK_NOTES key matches no row"
    for instrument in instruments:
        del instrument["origin"]
    write(POLICIES / "instruments.csv", list(instruments[0]), instruments)
    write(POLICIES / "developments.csv", list(developments[0]), developments)

    mechanisms = []
    slug_of_mechanism = {}
    for row in read(data / "mechanisms.csv"):
        suffixes = ["americas", "world", "europe", "more", "rest", "subnational"]
        refs = [r.strip() for r in row["instrument_reference"].split(" | ") if clean(r)]
        linked = []
        for ref in refs:
            found = [
                by_reference[(s, ref)]["instrument"]["slug"]
                for s in suffixes
                if (s, ref) in by_reference
            ]
            assert found, f"mechanism {row['key']}: no instrument {ref!r}"
            linked.append(found[0])
        code, _, _ = jurisdiction_of(row)
        slug = slugify(row["key"])
        slug_of_mechanism[row["key"]] = slug
        civil = clean(row["civil_society_in_governance"])
        mechanisms.append(
            dict(
                slug=slug,
                jurisdiction=code,
                name_original=clean(row["name_original"]),
                name_en=clean(row["name_en"]),
                acronym=clean(row["acronym"]),
                kind=row["kind"],
                instruments="|".join(linked),
                lead_institution=clean(row["lead_institution"]),
                start_date=row["start_date"],
                status=clean(row["status"]),
                civil_society_participation=civil,
                measures=clean(row["measures"]),
                beneficiaries=clean(row["beneficiaries"]),
                how_to_reach=clean(row["how_to_reach"]),
                summary_en=clean(row["summary_en"]),
                sources=row["source_urls"],
                confidence=row["confidence"],
            )
        )
    write(POLICIES / "mechanisms.csv", list(mechanisms[0]), mechanisms)
    figures = []
    for line, row in enumerate(read(data / "mechanism_figures.csv"), start=2):
        figures.append(
            dict(
                key=f"figure-{line:03d}",
                mechanism=slug_of_mechanism[row["mechanism_key"]],
                period=row["period"],
                metric=row["metric"],
                value=row["value"],
                unit=row["unit"],
                note=clean(row["note"]),
                sources=row["source_url"],
                confidence=row["confidence"],
            )
        )
    write(POLICIES / "mechanism_figures.csv", list(figures[0]), figures)

    print("\nReconciliation of instrument rows with their developments:")
    for key, count in sorted(report.items()):
        print(f"  {count:4d}  {key}")
    for note in notes:
        print(f"  - {note}")


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: convert_seed_data.py RESEARCH_DATA_DIR COUNTRY_CONVERTER_TSV")
    data = Path(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as handle:
        m49 = {r["ISO3"]: r["UNregion"] for r in csv.DictReader(handle, delimiter="\t")}
    convert_geo(m49)
    convert_policies(data)


if __name__ == "__main__":
    main()
