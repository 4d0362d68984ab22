import time

from django.core.management.base import BaseCommand

from focus.search.indexing import rebuild


class Command(BaseCommand):
    help = "Build the whole search index again (it is otherwise kept current on each save)."

    def handle(self, *args, verbosity: int = 1, **options):
        started = time.monotonic()

        def progress(record_type, done, total):
            if verbosity > 0:
                self.stdout.write(f"  {record_type}: {done}/{total}")

        count = rebuild(progress)
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{count} entries indexed in {time.monotonic() - started:.1f} s."
                )
            )
