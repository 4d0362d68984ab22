from django.db import migrations

from focus.core import roles


def create_roles(apps, schema_editor):
    roles.ensure_permissions(apps, ["auth", "contenttypes", "geo", "policies"])
    roles.grant(apps, roles.EDITORIAL_PERMISSIONS)
    roles.grant_administrators_people(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[roles.EDITORS, roles.ADMINISTRATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("geo", "0001_initial"),
        ("policies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
