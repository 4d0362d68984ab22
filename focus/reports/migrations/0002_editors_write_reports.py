from django.db import migrations

from focus.core import roles

# Editors write, preview and publish the annual reports.
REPORTS = {
    "reports.annualreport": ("view", "add", "change", "delete"),
    "reports.historicalannualreport": ("view",),
}


def grant(apps, schema_editor):
    roles.ensure_permissions(apps, ["reports"])
    roles.grant(apps, REPORTS)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
