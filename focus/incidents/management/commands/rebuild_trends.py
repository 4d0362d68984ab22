from django.core.management.base import BaseCommand

from focus.incidents import trends


class Command(BaseCommand):
    help = "Count the acts of the cases again into the public trends (TrendCell)."

    def handle(self, *args, verbosity: int = 1, **options):
        cells = trends.rebuild()
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"{cells} trend cells counted."))
