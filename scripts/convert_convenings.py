"""Turn the research's convenings file into the network app's own seed files.

Run once by a maintainer when the research file changes, then commit the result:

    .venv/bin/python scripts/convert_convenings.py PATH/TO/shared/data

It reads `convenings.csv` (see its `convenings_README.md`) and writes
`focus/network/seed/convenings.csv` and `focus/network/seed/topics.csv`. Facts are copied
as given; `unknown` becomes an empty value (a date not known, no city, no language),
except the attendance, whose `unknown` is a code of its own. What it adds: each
convening's slug (its English title and its year), and a name in English, Spanish and
French for each topic tag, written here. The project never reads the research folder at
run time: `manage.py load_seed` reads only the files written here.
"""

import re
import sys
from pathlib import Path

from convert_seed_data import ROOT, clean, read, slugify, write

NETWORK = ROOT / "focus" / "network" / "seed"

KINDS = {
    "conference", "seminar", "forum", "consultation", "platform", "launch", "training",
    "side_event", "webinar",
}  # fmt: skip
ATTENDANCE = {"no", "yes", "hybrid", "unknown"}

# The research's own topic tags, in words: (English, Spanish, French).
TOPIC_NAMES = {
    "achpr": (
        "African Commission on Human and Peoples' Rights",
        "Comisión Africana de Derechos Humanos y de los Pueblos",
        "Commission africaine des droits de l'homme et des peuples",
    ),
    "asia": ("Asia", "Asia", "Asie"),
    "business": (
        "business and human rights",
        "empresas y derechos humanos",
        "entreprises et droits humains",
    ),
    "civic_space": ("civic space", "espacio cívico", "espace civique"),
    "collective_protection": (
        "collective protection",
        "protección colectiva",
        "protection collective",
    ),
    "community_hrds": (
        "community defenders",
        "personas defensoras comunitarias",
        "défenseurs communautaires",
    ),
    "conflict_zones": (
        "defenders in armed conflict",
        "personas defensoras en conflictos armados",
        "défenseurs dans les conflits armés",
    ),
    "corporate_accountability": (
        "corporate accountability",
        "rendición de cuentas de las empresas",
        "responsabilité des entreprises",
    ),
    "corruption": ("corruption", "corrupción", "corruption"),
    "counter_terrorism_laws": (
        "counter-terrorism laws",
        "leyes antiterroristas",
        "lois antiterroristes",
    ),
    "criminalisation": ("criminalisation", "criminalización", "criminalisation"),
    "digital_security": ("digital security", "seguridad digital", "sécurité numérique"),
    "documentation": (
        "documenting violations",
        "documentación de violaciones",
        "documentation des violations",
    ),
    "donors": ("donors", "donantes", "bailleurs de fonds"),
    "early_warning": ("early warning", "alerta temprana", "alerte précoce"),
    "effectiveness_of_mechanisms": (
        "effectiveness of protection mechanisms",
        "eficacia de los mecanismos de protección",
        "efficacité des mécanismes de protection",
    ),
    "elections": ("elections", "elecciones", "élections"),
    "emergency_visas": ("emergency visas", "visados de emergencia", "visas d'urgence"),
    "enabling_environment": (
        "an enabling environment for defenders",
        "un entorno propicio para las personas defensoras",
        "un environnement favorable aux défenseurs",
    ),
    "enforced_disappearances": (
        "enforced disappearances",
        "desapariciones forzadas",
        "disparitions forcées",
    ),
    "environmental_hrds": (
        "environmental defenders",
        "personas defensoras del medio ambiente",
        "défenseurs de l'environnement",
    ),
    "eu_guidelines": (
        "EU Guidelines on human rights defenders",
        "Directrices de la UE sobre defensores de derechos humanos",
        "Orientations de l'UE concernant les défenseurs des droits de l'homme",
    ),
    "eu_mechanism": (
        "the EU mechanism for defenders (ProtectDefenders.eu)",
        "el mecanismo de la UE para personas defensoras (ProtectDefenders.eu)",
        "le mécanisme de l'UE pour les défenseurs (ProtectDefenders.eu)",
    ),
    "eu_policy": (
        "European Union policy",
        "política de la Unión Europea",
        "politique de l'Union européenne",
    ),
    "extractives": ("extractive industries", "industrias extractivas", "industries extractives"),
    "federal_state_coordination": (
        "coordination between federal and state authorities",
        "coordinación entre autoridades federales y estatales",
        "coordination entre autorités fédérales et des États",
    ),
    "focal_points": ("focal points", "puntos focales", "points focaux"),
    "foreign_policy": ("foreign policy", "política exterior", "politique étrangère"),
    "funding": ("funding", "financiación", "financement"),
    "great_lakes": (
        "Great Lakes region of Africa",
        "región de los Grandes Lagos de África",
        "région des Grands Lacs",
    ),
    "guidelines": ("guidelines", "directrices", "lignes directrices"),
    "hrds_at_risk": ("defenders at risk", "personas defensoras en riesgo", "défenseurs en danger"),
    "impunity": ("impunity", "impunidad", "impunité"),
    "indigenous_hrds": (
        "indigenous defenders",
        "personas defensoras indígenas",
        "défenseurs autochtones",
    ),
    "inter_american_system": (
        "Inter-American human rights system",
        "sistema interamericano de derechos humanos",
        "système interaméricain des droits de l'homme",
    ),
    "international_protection_mechanisms": (
        "international protection mechanisms",
        "mecanismos internacionales de protección",
        "mécanismes internationaux de protection",
    ),
    "investigation_protocols": (
        "investigation protocols",
        "protocolos de investigación",
        "protocoles d'enquête",
    ),
    "journalists": ("journalists", "periodistas", "journalistes"),
    "judicial_harassment": (
        "judicial harassment",
        "hostigamiento judicial",
        "harcèlement judiciaire",
    ),
    "land_rights": ("land rights", "derechos sobre la tierra", "droits fonciers"),
    "latin_america": ("Latin America", "América Latina", "Amérique latine"),
    "legal_framework": ("legal framework", "marco jurídico", "cadre juridique"),
    "lgbti_hrds": ("LGBTI defenders", "personas defensoras LGBTI", "défenseurs LGBTI"),
    "local_government": ("local government", "gobiernos locales", "collectivités locales"),
    "marrakech_declaration": (
        "Marrakech Declaration of national human rights institutions",
        "Declaración de Marrakech de las instituciones nacionales de derechos humanos",
        "Déclaration de Marrakech des institutions nationales des droits de l'homme",
    ),
    "migrant_and_refugee_hrds": (
        "migrant and refugee defenders",
        "personas defensoras migrantes y refugiadas",
        "défenseurs migrants et réfugiés",
    ),
    "national_action_plans": (
        "national action plans",
        "planes nacionales de acción",
        "plans d'action nationaux",
    ),
    "national_coalitions": (
        "national coalitions of defenders",
        "coaliciones nacionales de personas defensoras",
        "coalitions nationales de défenseurs",
    ),
    "national_policy": ("national policy", "política nacional", "politique nationale"),
    "national_protection_mechanisms": (
        "national protection mechanisms",
        "mecanismos nacionales de protección",
        "mécanismes nationaux de protection",
    ),
    "national_protection_systems": (
        "national protection systems",
        "sistemas nacionales de protección",
        "systèmes nationaux de protection",
    ),
    "networking": ("networking", "trabajo en red", "mise en réseau"),
    "networks": ("networks of defenders", "redes de personas defensoras", "réseaux de défenseurs"),
    "nhris": (
        "national human rights institutions",
        "instituciones nacionales de derechos humanos",
        "institutions nationales des droits de l'homme",
    ),
    "ombudsman_offices": ("ombudsman offices", "defensorías del pueblo", "médiateurs"),
    "osce": ("OSCE", "OSCE", "OSCE"),
    "parliamentarians_at_risk": (
        "parliamentarians at risk",
        "parlamentarios en riesgo",
        "parlementaires en danger",
    ),
    "parliaments": ("parliaments", "parlamentos", "parlements"),
    "prevention": ("prevention of attacks", "prevención de ataques", "prévention des attaques"),
    "project_review": ("project review", "revisión de proyectos", "examen de projets"),
    "protection_approaches": (
        "approaches to protection",
        "enfoques de protección",
        "approches de la protection",
    ),
    "protection_mechanisms": (
        "protection mechanisms",
        "mecanismos de protección",
        "mécanismes de protection",
    ),
    "protection_regime": (
        "the international protection regime",
        "el régimen internacional de protección",
        "le régime international de protection",
    ),
    "public_policies": (
        "public policies for defenders",
        "políticas públicas para personas defensoras",
        "politiques publiques pour les défenseurs",
    ),
    "regional_mechanisms": (
        "regional human rights mechanisms",
        "mecanismos regionales de derechos humanos",
        "mécanismes régionaux des droits de l'homme",
    ),
    "regional_networks": ("regional networks", "redes regionales", "réseaux régionaux"),
    "regional_standards": ("regional standards", "estándares regionales", "normes régionales"),
    "relocation": ("relocation", "reubicación", "relocalisation"),
    "reprisals": ("reprisals", "represalias", "représailles"),
    "research": ("research", "investigación académica", "recherche"),
    "risk_analysis": ("risk analysis", "análisis de riesgo", "analyse des risques"),
    "security_and_protection": (
        "security and protection",
        "seguridad y protección",
        "sécurité et protection",
    ),
    "shelter_cities": ("shelter cities", "ciudades refugio", "villes refuges"),
    "slapps": (
        "gag lawsuits (SLAPPs)",
        "demandas mordaza (SLAPP)",
        "procédures-bâillons (SLAPP)",
    ),
    "smear_campaigns": ("smear campaigns", "campañas de desprestigio", "campagnes de dénigrement"),
    "south_south_exchange": (
        "South-South exchange",
        "intercambio Sur-Sur",
        "échanges Sud-Sud",
    ),
    "standards": ("standards", "estándares", "normes"),
    "state_obligations": (
        "obligations of states",
        "obligaciones de los Estados",
        "obligations des États",
    ),
    "temporary_relocation": (
        "temporary relocation",
        "reubicación temporal",
        "relocalisation temporaire",
    ),
    "twinning": ("twinning", "hermanamiento", "jumelage"),
    "un_declaration_20th_anniversary": (
        "20th anniversary of the UN Declaration on Human Rights Defenders",
        "20.º aniversario de la Declaración de la ONU sobre los defensores de derechos humanos",
        "20e anniversaire de la Déclaration de l'ONU sur les défenseurs des droits de l'homme",
    ),
    "un_declaration_25th_anniversary": (
        "25th anniversary of the UN Declaration on Human Rights Defenders",
        "25.º aniversario de la Declaración de la ONU sobre los defensores de derechos humanos",
        "25e anniversaire de la Déclaration de l'ONU sur les défenseurs des droits de l'homme",
    ),
    "un_human_rights_council": (
        "UN Human Rights Council",
        "Consejo de Derechos Humanos de la ONU",
        "Conseil des droits de l'homme de l'ONU",
    ),
    "un_mechanisms": (
        "UN human rights mechanisms",
        "mecanismos de derechos humanos de la ONU",
        "mécanismes des droits de l'homme de l'ONU",
    ),
    "un_special_rapporteur": (
        "UN Special Rapporteur on human rights defenders",
        "Relator Especial de la ONU sobre los defensores de derechos humanos",
        "Rapporteur spécial de l'ONU sur les défenseurs des droits de l'homme",
    ),
    "women_hrds": ("women defenders", "mujeres defensoras", "défenseuses"),
}


def convening_slug(title: str, start_date: str) -> str:
    """The English title, cut at a hyphen after 80 characters at most, and the year (when
    the title does not already say it)."""
    slug = slugify(title, 300)
    if len(slug) > 80:
        slug = slug[:81].rsplit("-", 1)[0]
    year = start_date[:4] if re.match(r"^\d{4}", start_date) else ""
    if year and year not in slug.split("-"):
        slug = f"{slug}-{year}"
    return slug


def convert_convenings(data: Path) -> None:
    rows = read(data / "convenings.csv")
    convenings, used_topics, problems = [], set(), []
    for line, row in enumerate(rows, start=2):
        tags = [t.strip() for t in row["topics"].split(";") if t.strip()]
        used_topics.update(tags)
        if row["kind"] not in KINDS:
            problems.append(f"line {line}: unknown kind '{row['kind']}'")
        if row["online"] not in ATTENDANCE:
            problems.append(f"line {line}: unknown attendance '{row['online']}'")
        languages = [code.strip() for code in clean(row["languages"]).split(";") if code.strip()]
        convenings.append(
            dict(
                slug=convening_slug(row["title_en"], row["start_date"]),
                title_original=clean(row["title_original"]),
                title_en=clean(row["title_en"]),
                kind=row["kind"],
                organisers=clean(row["organisers"]),
                start_date=clean(row["start_date"]),
                end_date=clean(row["end_date"]),
                city=clean(row["city"]),
                country=clean(row["country_iso3"]),
                attendance=row["online"],
                languages=",".join(languages),
                topics=";".join(tags),
                summary_en=clean(row["summary_en"]),
                outcome_en=clean(row["outcome_en"]),
                sources=row["source_url"].strip(),
                confidence=row["confidence"],
            )
        )
    slugs = [c["slug"] for c in convenings]
    problems += [f"duplicate slug '{s}'" for s in sorted({s for s in slugs if slugs.count(s) > 1})]
    problems += [
        f"topic '{t}' has no name in TOPIC_NAMES" for t in sorted(used_topics - set(TOPIC_NAMES))
    ]
    if problems:
        sys.exit("Not written:\n  " + "\n  ".join(problems))
    write(NETWORK / "convenings.csv", list(convenings[0]), convenings)
    topics = [
        dict(slug=slug, name_en=en, name_es=es, name_fr=fr)
        for slug, (en, es, fr) in sorted(TOPIC_NAMES.items())
        if slug in used_topics
    ]
    write(NETWORK / "topics.csv", ["slug", "name_en", "name_es", "name_fr"], topics)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: convert_convenings.py RESEARCH_DATA_DIR")
    convert_convenings(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
