import getpass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from focus.core.roles import ADMINISTRATORS, EDITORS


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editors group (or Administrators, with --administrator), "
        "asking for its password. Editors curate records in /admin/; administrators also "
        "manage accounts and roles."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument(
            "--administrator", action="store_true", help="Put the account in Administrators."
        )

    def handle(self, username, email, administrator=False, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"An account named '{username}' already exists.")
        user = User(username=username, email=email, is_staff=True)
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(Group.objects.get(name=ADMINISTRATORS if administrator else EDITORS))
        role = "administrator" if administrator else "editor"
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {role} '{username}'. Sign in at /en/accounts/login/: the e-mail "
                "address is confirmed first, then an authenticator app is added (two-factor "
                "authentication), and /admin/ opens."
            )
        )
