"""Authenticator secrets saved in clear before MFA_KEYS existed are sealed (sealing.py)."""

from django.db import migrations


def seal(apps, schema_editor):
    from focus.accounts import sealing

    authenticators = apps.get_model("mfa", "Authenticator").objects.all()
    if authenticators.exists():
        sealing.reseal_all(authenticators)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_trusted_contributors")]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
