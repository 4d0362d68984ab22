"""Write a dated, versioned dump of every public table, with checksums and a changelog.

    manage.py export_open_data [--output var/open-data]

Each run writes a new directory `<output>/<YYYY-MM-DD>[.N]/` holding each table as CSV
and JSON (the same files the Open data page serves), the countries' GeoJSON, the data
dictionary, a manifest of row counts and a SHA256SUMS file (`sha256sum -c` reads it), and
adds the counts, and how they changed since the previous dump, to `<output>/CHANGELOG.md`.
"""

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from focus.api import exports, vocabularies
from focus.geo.geojson import countries_geojson

PROGRESS_EVERY = 10_000


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Write a dated, versioned dump of every public table, with checksums and a changelog."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.VAR_DIR) / "open-data"),
            help="Directory that holds the dumps (default: var/open-data).",
        )

    def handle(self, *args, output: str, **options):
        translation.activate("en")
        root = Path(output)
        root.mkdir(parents=True, exist_ok=True)
        previous = self._latest_manifest(root)
        version = self._new_version(root)
        folder = root / version
        folder.mkdir()
        self.stdout.write(f"Writing {folder}")
        counts = {}
        for table in exports.TABLES.values():
            counts[table.name] = self._write_table(table, folder)
        (folder / "countries.geojson").write_text(
            json.dumps(countries_geojson(), ensure_ascii=False), encoding="utf-8"
        )
        dictionary = {
            "tables": {t.name: exports.dictionary(t) for t in exports.TABLES.values()},
            "vocabularies": vocabularies.all_labels(),
        }
        (folder / "dictionary.json").write_text(
            json.dumps(dictionary, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        manifest = {
            "version": version,
            "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "licence": vocabularies.LICENCE,
            "licence_url": vocabularies.LICENCE_URL,
            "citation": vocabularies.citation(),
            "rows": counts,
            "notes": {t.name: str(t.note) for t in exports.TABLES.values() if t.note},
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        (folder / "README.txt").write_text(self._readme(manifest), encoding="utf-8")
        sums = [
            f"{_sha256(path)}  {path.name}"
            for path in sorted(folder.iterdir())
            if path.name != "SHA256SUMS"
        ]
        (folder / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
        self._add_to_changelog(root, manifest, previous)
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Done: {total:,} rows in {len(counts)} tables, in {folder}")
        )

    def _write_table(self, table, folder: Path) -> int:
        """Both files in one pass over the table (each record is read and serialised once)."""
        columns = table.columns()
        count = 0
        with (
            (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as csv_file,
            (folder / f"{table.name}.json").open("w", encoding="utf-8") as json_file,
        ):
            writer = csv.writer(csv_file)
            writer.writerow(columns)
            head = json.dumps(exports.metadata(table), ensure_ascii=False)
            json_file.write(head[:-1] + ', "items": [\n')
            for row in exports.rows(table):
                writer.writerow([exports.cell(row[name], name) for name in columns])
                json_file.write(("" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
                count += 1
                if count % PROGRESS_EVERY == 0:
                    self.stdout.write(f"  {table.name}: {count:,} rows…")
            json_file.write("\n]}\n")
        self.stdout.write(f"  {table.name}: {count:,} rows")
        return count

    @staticmethod
    def _new_version(root: Path) -> str:
        today = dt.date.today().isoformat()
        version, n = today, 1
        while (root / version).exists():
            n += 1
            version = f"{today}.{n}"
        return version

    @staticmethod
    def _latest_manifest(root: Path) -> dict | None:
        manifests = sorted(
            (p for p in root.glob("*/manifest.json")),
            key=lambda p: json.loads(p.read_text(encoding="utf-8"))["generated"],
        )
        return json.loads(manifests[-1].read_text(encoding="utf-8")) if manifests else None

    @staticmethod
    def _readme(manifest: dict) -> str:
        lines = [
            f"Focus open data, version {manifest['version']} ({manifest['generated']})",
            "",
            f"Licence: {manifest['licence']} {manifest['licence_url']}",
            f"Cite as: {manifest['citation']}",
            "",
            "Each table is given as CSV (UTF-8, header row) and as JSON (the API's records).",
            "dictionary.json says what each column means; SHA256SUMS lets you check the files",
            "(sha256sum -c SHA256SUMS).",
            "",
            "Rows:",
            *(f"  {name}: {n}" for name, n in manifest["rows"].items()),
            "",
            *(f"{name}: {note}" for name, note in manifest.get("notes", {}).items()),
            "",
        ]
        return "\n".join(lines)

    @staticmethod
    def _add_to_changelog(root: Path, manifest: dict, previous: dict | None) -> None:
        before = previous["rows"] if previous else {}
        lines = [f"## {manifest['version']} ({manifest['generated']})", ""]
        if previous:
            lines.append(f"Compared with {previous['version']}.")
            lines.append("")
        lines += ["| table | rows | change |", "| --- | ---: | ---: |"]
        for name, n in manifest["rows"].items():
            change = f"{n - before[name]:+d}" if name in before else "new"
            lines.append(f"| {name} | {n} | {change} |")
        changelog = root / "CHANGELOG.md"
        old = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Focus open data\n"
        head, _sep, rest = old.partition("\n")
        changelog.write_text(f"{head}\n\n" + "\n".join(lines) + "\n" + rest, encoding="utf-8")
