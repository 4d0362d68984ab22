from django.db import migrations

from focus.core import roles

ANALYSIS = {"standards.*": ("view", "add", "change", "delete")}


def grant_analysis(apps, schema_editor):
    roles.ensure_permissions(apps, ["standards"])
    roles.grant(apps, ANALYSIS)


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0001_initial"),
        ("contributions", "0002_editors_moderate"),
    ]

    operations = [migrations.RunPython(grant_analysis, migrations.RunPython.noop)]
