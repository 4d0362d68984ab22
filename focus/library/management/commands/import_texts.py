import csv
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from focus.core.dates import parse_partial_date
from focus.geo.models import Jurisdiction
from focus.library.models import Document, DocumentFile, sha256_of
from focus.library.reading import read_file
from focus.library.vocabulary import DocumentKind, FileRole
from focus.policies.models import Instrument


class Command(BaseCommand):
    help = (
        "Import full texts free to reproduce into the library, from a folder with a "
        "manifest.csv (such as ../shared/data/texts). The files are read from there and "
        "copied into MEDIA_ROOT; nothing is added to the repository. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, folder: Path, verbosity: int = 1, **options):
        manifest = folder / "manifest.csv"
        if not manifest.is_file():
            raise CommandError(f"{manifest} not found: give the folder that holds manifest.csv")
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for line, row in enumerate(rows, start=2):
            try:
                outcome = self._import(folder, row)
            except (KeyError, ValueError) as error:
                raise CommandError(f"{manifest}, line {line}: {error}") from None
            if verbosity > 0:
                self.stdout.write(f"{row['file']}: {outcome}")

    def _import(self, folder: Path, row: dict) -> str:
        path = folder / row["file"]
        if not path.is_file():
            raise ValueError(f"file {row['file']} not found")
        with path.open("rb") as handle:
            checksum = sha256_of(handle)
        if DocumentFile.objects.filter(checksum=checksum).exists():
            return "already in the library"
        kind = row["kind"]
        if kind not in DocumentKind.values:
            raise ValueError(f"unknown kind '{kind}'")
        date, precision = parse_partial_date(row["date"])
        with transaction.atomic():
            document, _ = Document.objects.update_or_create(
                slug=Path(row["file"]).stem,
                defaults={
                    "title_original": row["title"],
                    "kind": kind,
                    "date": date,
                    "date_precision": precision,
                    "licence": row.get("licence_basis", ""),
                },
            )
            country = Jurisdiction.objects.countries().filter(code=row["jurisdiction_iso3"]).first()
            if country:
                document.jurisdictions.add(country)
            instrument = Instrument.objects.filter(
                jurisdiction=country, reference=row.get("instrument_reference", "")
            ).first()
            if instrument:
                document.instruments.add(instrument)
            item = DocumentFile(
                document=document,
                role=FileRole.CONSOLIDATED if "vigente" in row["title"] else FileRole.ORIGINAL,
                language=row["language"],
                checksum=checksum,
                size=path.stat().st_size,
            )
            with path.open("rb") as handle:
                item.file.save(path.name, File(handle), save=False)
            item.save()
        item = read_file(item)
        return f"imported ({item.get_status_display()}, {item.page_count} page(s))"
