from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from focus.incidents import crypto
from focus.incidents.fields import EncryptedTextField, Sealed


class Command(BaseCommand):
    help = (
        "Seal again, with the first key of INCIDENT_KEYS, every value of the incidents "
        "(their history included) sealed with another key. Put the new key first, run "
        "this, then remove the old key. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="rows per transaction")

    def handle(self, *args, batch: int = 500, verbosity: int = 1, **options):
        try:
            keyring = crypto.keyring()
        except crypto.KeysUnusable as error:
            raise CommandError(str(error)) from None
        total = 0
        for model in apps.get_app_config("incidents").get_models():
            fields = [f for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            resealed = self._reseal(model, fields, keyring, batch)
            total += resealed
            if verbosity > 0:
                self.stdout.write(f"{model._meta.label}: {resealed} value(s) sealed again")
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(f"{total} value(s) now sealed with key {keyring.current}.")
            )

    def _reseal(self, model, fields, keyring, batch: int) -> int:
        names = [f.attname for f in fields]
        rows = model._base_manager.order_by("pk").values_list("pk", "uuid", *names)
        count, pending = 0, []
        for pk, row_id, *values in rows.iterator(chunk_size=batch):
            changes = {}
            for field, value in zip(fields, values, strict=True):
                if not value or keyring.key_of(value) == keyring.current:
                    continue
                context = f"{field.binding}|{row_id}"
                try:
                    plain = keyring.open(value, context)
                except crypto.CannotOpen as error:
                    raise CommandError(
                        f"{model._meta.label} {pk}, {field.name}: {error}. Nothing after "
                        "this row was sealed again."
                    ) from None
                changes[field.attname] = Sealed(keyring.seal(plain, context))
            if changes:
                pending.append((pk, changes))
            if len(pending) >= batch:
                count += self._write(model, pending)
                pending = []
        return count + self._write(model, pending)

    @staticmethod
    def _write(model, pending) -> int:
        with transaction.atomic():
            for pk, changes in pending:
                model._base_manager.filter(pk=pk).update(**changes)
        return sum(len(changes) for _, changes in pending)
