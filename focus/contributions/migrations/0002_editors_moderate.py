from django.db import migrations

from focus.core import roles


def grant_moderation(apps, schema_editor):
    roles.ensure_permissions(apps, ["contributions"])
    roles.grant(apps, {"contributions.contribution": ("view", "moderate")})


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial"), ("library", "0002_editors_curate_the_library")]

    operations = [migrations.RunPython(grant_moderation, migrations.RunPython.noop)]
