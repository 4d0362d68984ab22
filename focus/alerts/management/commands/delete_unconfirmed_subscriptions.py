from django.core.management.base import BaseCommand

from focus.alerts.services import delete_unconfirmed


class Command(BaseCommand):
    help = "Delete the alerts' subscriptions left unconfirmed for 7 days (run once a day)."

    def handle(self, *args, **options):
        deleted = delete_unconfirmed()
        noun = "subscription" if deleted == 1 else "subscriptions"
        self.stdout.write(f"{deleted} unconfirmed {noun} deleted")
