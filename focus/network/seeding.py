"""Seed files of the networks (their About pages) and of the convenings: the real
conferences, seminars, forums and consultations of the research, and the topic tags they
are filed under (library topics).

Both files were converted once from the research compiled for Focus
(scripts/convert_convenings.py, docs/seed-data.md). Registration, places and the
networks a convening belongs to are editors' work and are not seeded.
"""

from pathlib import Path

from focus.core.dates import parse_partial_date
from focus.core.models import Confidence
from focus.core.seeding import Row, choice, parse_rows, split
from focus.geo.models import Jurisdiction
from focus.library.models import Topic
from focus.policies.seeding import Lookups

from .models import Convening, Network
from .vocabulary import Attendance, ConveningKind, NetworkKind

SEED = Path(__file__).resolve().parent / "seed"

TOPIC_NAMES = ["name_en", "name_es", "name_fr"]


def _topics(path: Path) -> list[Row]:
    """A topic is created with its names; one that exists keeps what editors wrote, and
    only its empty languages are filled in (topics are shared with the library)."""
    existing = {t.slug: t for t in Topic.objects.all()}

    def make(line: int, raw: dict) -> Row:
        names = {name: raw[name].strip() for name in TOPIC_NAMES}
        if not names["name_en"]:
            raise ValueError("a topic needs its English name")
        topic = existing.get(raw["slug"])
        if topic is None:
            return Row(line, raw["slug"], {"name": names["name_en"], **names})
        return Row(
            line,
            raw["slug"],
            {name: value for name, value in names.items() if not getattr(topic, name)},
        )

    return parse_rows(path, ["slug", *TOPIC_NAMES], make)


def _date(value: str, prefix: str) -> dict:
    date, precision = parse_partial_date(value)
    return {prefix: date, f"{prefix}_precision": precision}


def _convenings(path: Path) -> list[Row]:
    lookups = Lookups()
    topics = dict(Topic.objects.values_list("slug", "pk"))

    def make(line: int, raw: dict) -> Row:
        country = raw["country"].strip()
        values = {
            "title_original": raw["title_original"].strip(),
            "title": raw["title_en"].strip(),
            "title_en": raw["title_en"].strip(),
            "kind": choice(raw["kind"], ConveningKind, "kind"),
            "organisers": "\n".join(split(raw["organisers"])),
            **_date(raw["start_date"], "start_date"),
            **_date(raw["end_date"], "end_date"),
            "city": raw["city"].strip(),
            "country": (
                lookups.jurisdiction(country, [Jurisdiction.Kind.COUNTRY]) if country else None
            ),
            "attendance": choice(raw["attendance"], Attendance, "attendance"),
            "languages": ",".join(split(raw["languages"], ",")),
            "summary": raw["summary_en"].strip(),
            "summary_en": raw["summary_en"].strip(),
            "outcome": raw["outcome_en"].strip(),
            "outcome_en": raw["outcome_en"].strip(),
            "confidence": choice(raw["confidence"], Confidence, "confidence"),
        }
        if (
            values["end_date"]
            and values["start_date"]
            and values["end_date"] < values["start_date"]
        ):
            raise ValueError("the convening ends before it starts")
        return Row(
            line,
            raw["slug"],
            values,
            {
                "topics": lookups.slugs(raw["topics"], topics, "topic", ";"),
                "sources": lookups.source_ids(raw["sources"]),
            },
        )

    columns = ["slug", "title_original", "title_en", "kind", "organisers", "start_date"]
    columns += ["end_date", "city", "country", "attendance", "languages", "topics"]
    columns += ["summary_en", "outcome_en", "sources", "confidence"]
    return parse_rows(path, columns, make)


def _networks(path: Path) -> list[Row]:
    """The networks and their About pages (seed/about/<slug>.md), written from the
    sourced facts of the research; members are never seeded."""
    lookups = Lookups()

    def make(line: int, raw: dict) -> Row:
        about = path.parent / "about" / f"{raw['slug']}.md"
        if not about.is_file():
            raise ValueError(f"no About page {about.name}")
        text = about.read_text(encoding="utf-8").strip()
        values = {
            "kind": choice(raw["kind"], NetworkKind, "kind"),
            "position": int(raw["position"]),
            "name": raw["name_en"].strip(),
            "name_en": raw["name_en"].strip(),
            "short_name": raw["short_name"].strip(),
            "moderated_by": raw["moderated_by"].strip(),
            "summary": raw["summary_en"].strip(),
            "summary_en": raw["summary_en"].strip(),
            "about": text,
            "about_en": text,
        }
        # Translations, where there are: summary_es in the file, about/<slug>.es.md beside it.
        for language in ("es", "fr"):
            values[f"summary_{language}"] = raw[f"summary_{language}"].strip()
            translated = about.with_suffix(f".{language}.md")
            values[f"about_{language}"] = (
                translated.read_text(encoding="utf-8").strip() if translated.is_file() else ""
            )
        return Row(line, raw["slug"], values, {"sources": lookups.source_ids(raw["source_urls"])})

    columns = ["slug", "kind", "position", "name_en", "short_name", "moderated_by"]
    columns += ["summary_en", "summary_es", "summary_fr", "source_urls"]
    return parse_rows(path, columns, make)


FILES = [
    ("networks.csv", _networks, Network, "slug"),
    ("topics.csv", _topics, Topic, "slug"),
    ("convenings.csv", _convenings, Convening, "slug"),
]
