from django.core.management.base import BaseCommand

from focus.alerts import sending
from focus.alerts.tasks import send_alerts


class Command(BaseCommand):
    help = (
        "Send the alerts: pick up the developments and documents published since the last "
        "run and write to the confirmed subscriptions they match; weekly digests go out "
        "once a subscription's week is up (run every hour, or at least once a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the run to the background worker (manage.py db_worker) instead.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            send_alerts.enqueue()
            self.stdout.write("alerts run queued")
            return
        run = sending.send_alerts()
        self.stdout.write(
            f"{run.picked_up} records picked up, {run.due} subscriptions due, "
            f"{run.messages} messages sent"
        )
