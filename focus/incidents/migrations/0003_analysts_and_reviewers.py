from django.db import migrations

from focus.core import roles

CASES = ("incident", "victim", "perpetrator", "act", "incidentsource")


def grant(apps, schema_editor):
    roles.ensure_permissions(apps, ["incidents"])
    roles.grant_to(
        apps,
        roles.ANALYSTS,
        {
            **{f"incidents.{model}": ("view", "add", "change", "delete") for model in CASES},
            # The log of who read which case is kept, never edited.
            "incidents.caseread": ("view",),
        },
    )
    roles.grant_to(apps, roles.REVIEWERS, {f"incidents.{model}": ("view",) for model in CASES})


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_case_reads"),
        ("standards", "0002_editors_curate_the_analysis"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
