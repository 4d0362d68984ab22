from django.db import migrations

from focus.core import roles


def create_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=roles.TRUSTED_CONTRIBUTORS)
    # Administrators unlock a locked-out account and remove an editor's lost authenticator.
    roles.ensure_permissions(apps, ["axes", "mfa"])
    roles.grant_administrators(
        apps, {"axes.accessattempt": ("view", "delete"), "mfa.authenticator": ("view", "delete")}
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=roles.TRUSTED_CONTRIBUTORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_editorial_roles"),
        ("axes", "0010_accessattemptexpiration"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
