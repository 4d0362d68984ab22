from django.db import migrations

from focus.core import roles

# Editors curate convenings like any public record, and see (never change) who registered.
CONVENINGS = {
    "network.convening": ("view", "add", "change", "delete"),
    "network.historicalconvening": ("view",),
    "network.registration": ("view",),
}


def grant_convenings(apps, schema_editor):
    roles.ensure_permissions(apps, ["network"])
    roles.grant(apps, CONVENINGS)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(grant_convenings, migrations.RunPython.noop)]
