"""A synthetic library for benchmarks: documents whose pages are made of real words.

SYNTHETIC DATA, for benchmarks and tests only: never loaded by the demo, never shown as
real. Titles start with "Synthetic"; slugs with "synthetic-".
"""

import random

from django.db import transaction

from focus.geo.models import Jurisdiction

from .models import Document, DocumentFile, DocumentPage
from .vocabulary import DocumentKind, FileStatus

# Page lengths in characters, as a mix of short notes, reports and long laws.
PAGE_CHARS = (400, 1500, 2500, 3500)
PAGES_PER_DOCUMENT = (1, 1, 2, 3, 5, 12)


def vocabulary(texts: list[str]) -> list[str]:
    words = [w for text in texts for w in text.split() if w.isalpha()]
    return words or ["protección", "defensoras", "mecanismo", "periodistas", "medidas"]


def make_documents(count: int, words: list[str], seed: int = 1, batch: int = 500) -> int:
    """Create `count` synthetic documents with their (already read) pages; returns pages."""
    chooser = random.Random(seed)  # noqa: S311  (repeatable synthetic data)
    countries = list(Jurisdiction.objects.countries().values_list("pk", flat=True)) or [None]
    kinds = DocumentKind.values
    languages = ["es", "en", "fr", "pt"]
    pages_made = 0
    start = Document.objects.filter(slug__startswith="synthetic-").count()
    for offset in range(0, count, batch):
        with transaction.atomic():
            documents = Document.objects.bulk_create(
                Document(
                    slug=f"synthetic-{start + offset + i}",
                    title_en="Synthetic " + " ".join(chooser.choices(words, k=6)),
                    kind=chooser.choice(kinds),
                    date_precision="unknown",
                )
                for i in range(min(batch, count - offset))
            )
            through = Document.jurisdictions.through
            through.objects.bulk_create(
                through(document_id=d.pk, jurisdiction_id=chooser.choice(countries))
                for d in documents
                if countries[0]
            )
            files = DocumentFile.objects.bulk_create(
                DocumentFile(
                    document=d,
                    language=chooser.choice(languages),
                    file=f"synthetic/{d.slug}.txt",
                    checksum=f"synthetic-{d.slug}",
                    kind="txt",
                    status=FileStatus.READY,
                    metadata_removed=True,
                )
                for d in documents
            )
            pages = []
            for file in files:
                for number in range(1, chooser.choice(PAGES_PER_DOCUMENT) + 1):
                    length = chooser.choice(PAGE_CHARS)
                    text = " ".join(chooser.choices(words, k=length // 7))
                    pages.append(DocumentPage(file=file, number=number, text=text))
            DocumentPage.objects.bulk_create(pages)
            pages_made += len(pages)
    return pages_made
