"""Seal every authenticator secret again with the first key of MFA_KEYS."""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from focus.accounts import sealing


class Command(BaseCommand):
    help = (
        "Seal every authenticator secret with the first key of MFA_KEYS. Put the new key "
        "first, run this, then remove the old key."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                changed = sealing.reseal_all(Authenticator.objects.all())
        except sealing.CannotOpen as error:
            raise CommandError(
                f"Nothing was changed: a secret cannot be opened ({error})."
            ) from None
        self.stdout.write(f"{changed} authenticator(s) sealed with the first key.")
