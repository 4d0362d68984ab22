import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from focus.core.seeding import PAGES, SeedError, load_file, load_pages
from focus.geo import seeding as geo_seeding
from focus.library import seeding as library_seeding
from focus.network import seeding as network_seeding
from focus.policies import seeding as policies_seeding
from focus.standards import seeding as standards_seeding

APPS = [
    ("geo", geo_seeding),
    ("policies", policies_seeding),
    ("library", library_seeding),
    ("standards", standards_seeding),
    ("network", network_seeding),
]


class Command(BaseCommand):
    help = (
        "Load the real, sourced seed dataset from each app's seed/ folder. Safe to run again: "
        "only what differs is written. A bad row aborts its file (nothing from that file is "
        "written) and is reported with its file, line and reason."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed-dir",
            type=Path,
            default=None,
            help=(
                "Read the files from DIR/<app>/ instead of each app's seed/ folder (for tests); "
                "an app without a folder there is skipped."
            ),
        )

    def handle(self, *args, seed_dir: Path | None = None, verbosity: int = 1, **options):
        started = time.monotonic()
        failures = []
        for app, module in APPS:
            folder = seed_dir / app if seed_dir else module.SEED
            if seed_dir and not folder.is_dir():
                # A cut-down copy for a test need not hold every app's files.
                if verbosity > 0:
                    self.stdout.write(f"{app}: no folder in {seed_dir}, skipped.")
                continue
            for name, parse, model, key in module.FILES:
                label = f"{app}/{name}"

                def progress(done, total, label=label):
                    if verbosity > 0:
                        self.stdout.write(f"  {label}: {done}/{total} rows…")

                try:
                    counts = load_file(folder / name, parse, model, key, progress)
                except SeedError as error:
                    failures.append(error)
                    self.stderr.write(self.style.ERROR(f"{label}: not loaded. {error}"))
                    continue
                if verbosity > 0:
                    self.stdout.write(f"{label}: {counts}")
        pages = seed_dir / "core" / "pages" if seed_dir else PAGES
        if pages.is_dir():
            try:
                counts = load_pages(pages)
            except SeedError as error:
                failures.append(error)
                self.stderr.write(self.style.ERROR(f"core/pages: not loaded. {error}"))
            else:
                if verbosity > 0:
                    self.stdout.write(f"core/pages: {counts}")
        if failures:
            raise CommandError(
                f"{len(failures)} file(s) not loaded; nothing from them was written: "
                + "; ".join(str(f) for f in failures)
            )
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(f"Seed data loaded in {time.monotonic() - started:.1f} s.")
            )
