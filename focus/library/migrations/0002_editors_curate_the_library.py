from django.db import migrations

from focus.core import roles


def grant_library(apps, schema_editor):
    roles.ensure_permissions(apps, ["library"])
    roles.grant(apps, {"library.*": ("view", "add", "change", "delete")})


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial"), ("core", "0003_editors_write_pages")]

    operations = [migrations.RunPython(grant_library, migrations.RunPython.noop)]
