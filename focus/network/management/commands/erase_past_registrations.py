from django.core.management.base import BaseCommand

from focus.network.registration import erase_past_registrations


class Command(BaseCommand):
    help = (
        "Erase the registrations of convenings that ended more than REGISTRATION_KEEP_DAYS "
        "days ago (run once a day)."
    )

    def handle(self, *args, **options):
        erased = erase_past_registrations()
        self.stdout.write(f"{erased} registrations erased")
