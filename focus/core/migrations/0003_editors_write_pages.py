from django.db import migrations

from focus.core import roles


def grant_pages(apps, schema_editor):
    roles.ensure_permissions(apps, ["core"])
    roles.grant(apps, {"core.page": ("view", "add", "change"), "core.historicalpage": ("view",)})


class Migration(migrations.Migration):
    dependencies = [("core", "0002_page")]

    operations = [migrations.RunPython(grant_pages, migrations.RunPython.noop)]
