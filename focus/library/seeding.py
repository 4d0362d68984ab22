"""Seed file of the library: the documents the research cites, as records that point at
where each can be read (FOCUS's own document library, CEJIL's SUMMA), with no files.

`seed/documents.csv` was written by hand from the research files (see docs/seed-data.md):
each row is a document at one address, its title as that address spells it, its kind,
the places and instruments it is about, and the rows of the research that cite it.
"""

from pathlib import Path

from focus.core.dates import parse_partial_date
from focus.core.seeding import Row, choice, parse_rows, split
from focus.policies.seeding import Lookups

from .models import Document
from .vocabulary import DocumentKind

SEED = Path(__file__).resolve().parent / "seed"

TITLES = ["title_en", "title_es", "title_fr", "title_original"]


def _documents(path: Path) -> list[Row]:
    lookups = Lookups()

    def make(line, raw):
        url = raw["url"].strip()
        if not url:
            raise ValueError("no url: a seeded document has no file, only its address")
        titles = {name: raw[name].strip() for name in TITLES}
        if not any(titles.values()):
            raise ValueError("no title in any language")
        date, precision = parse_partial_date(raw["date"])
        note = raw["note"].strip()
        return Row(
            line,
            raw["slug"],
            {
                "url": url,
                **titles,
                "kind": choice(raw["kind"], DocumentKind, "document kind"),
                "date": date,
                "date_precision": precision,
                "needs_verification": bool(note),
                "verification_note": note,
            },
            {
                "jurisdictions": {lookups.jurisdiction(c).pk for c in split(raw["jurisdictions"])},
                "instruments": lookups.slugs(
                    raw["instruments"], lookups.instruments, "instrument", "|"
                ),
            },
        )

    return parse_rows(
        path,
        ["slug", "url", *TITLES, "kind", "date", "jurisdictions", "instruments", "note"],
        make,
    )


FILES = [("documents.csv", _documents, Document, "slug")]
