from django.core.management.base import BaseCommand

from focus.network.notifications import daily_digests


class Command(BaseCommand):
    help = "Send the networks' daily digests to the members who chose them (run once a day)."

    def handle(self, *args, **options):
        sent = daily_digests()
        self.stdout.write(f"{sent} digests sent")
