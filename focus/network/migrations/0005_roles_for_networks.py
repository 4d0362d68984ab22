from django.db import migrations

from focus.core import roles

# Editors curate the networks' public records and the members' resources.
EDITORIAL = {
    "network.network": ("view", "add", "change"),
    "network.historicalnetwork": ("view",),
    "network.statement": ("view", "add", "change", "delete"),
    "network.historicalstatement": ("view",),
    "network.resource": ("view", "add", "change", "delete"),
}
# People and delegations' private work: administrators alone.
PEOPLE = {
    "network.member": ("view", "change", "delete"),
    "network.delegation": ("view", "add", "change", "delete"),
    "network.historicaldelegation": ("view",),
}


def grant(apps, schema_editor):
    roles.ensure_permissions(apps, ["network"])
    roles.grant(apps, EDITORIAL)
    roles.grant_administrators(apps, PEOPLE)


class Migration(migrations.Migration):
    dependencies = [("network", "0004_follow_ups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
