from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from focus.search import indexing
from focus.search.models import RecordType
from focus.standards import upr


class Command(BaseCommand):
    help = (
        "Import UPR recommendations from UPR Info's export (CSV files in Mac Roman with "
        "bare-CR line endings, such as ../shared/data/upr_info/). Imports the "
        "recommendations on human rights defenders, or every one with --all-themes. "
        "Every file is checked first: a bad file stops the import with its line and reason "
        "and nothing is written. Safe to run again: a recommendation already imported is "
        "left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", type=Path, help="CSV files, or folders holding them."
        )
        parser.add_argument(
            "--all-themes",
            action="store_true",
            help="Import every recommendation, not only those on human rights defenders.",
        )

    def handle(self, *args, paths: list[Path], all_themes: bool = False, **options):
        files = []
        for path in paths:
            if path.is_dir():
                found = sorted(path.glob("*.csv"))
                if not found:
                    raise CommandError(f"{path}: no .csv files in this folder")
                files += found
            else:
                files.append(path)
        try:
            report = upr.run(files, every_theme=all_themes)
        except upr.ImportProblem as problem:
            raise CommandError(f"Nothing imported. {problem}") from None
        # Bulk-created rows send no signal: the new ones join the search index here.
        indexing.reindex_many(RecordType.RECOMMENDATION, report.created_ids)
        if options.get("verbosity", 1) == 0:
            return
        write = self.stdout.write
        for name, rows in report.files.items():
            write(f"{name}: {rows:,} rows")
        chosen = "recommendations" if all_themes else "on defenders"
        write("session  rows  duplicates  distinct  on defenders  imported  already there")
        for session in sorted(report.sessions):
            c = report.sessions[session]
            write(
                f"{session:>7}  {c.rows:>4,}  {c.duplicates:>10}  {c.distinct:>8,}  "
                f"{c.on_defenders:>12}  {c.created:>8,}  {c.present:>13,}"
            )
        t = report.total()
        write(
            f"{'total':>7}  {t.rows:>4,}  {t.duplicates:>10}  {t.distinct:>8,}  "
            f"{t.on_defenders:>12}  {t.created:>8,}  {t.present:>13,}"
        )
        write(
            self.style.SUCCESS(
                f"{t.selected:,} {chosen}: {t.created:,} imported, {t.present:,} already there."
            )
        )
