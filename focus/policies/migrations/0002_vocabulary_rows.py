from django.db import migrations

from focus.policies.vocabulary import Beneficiary, Measure


def create_rows(apps, schema_editor):
    BeneficiaryGroup = apps.get_model("policies", "BeneficiaryGroup")
    ProtectionMeasure = apps.get_model("policies", "ProtectionMeasure")
    for code in Beneficiary.values:
        BeneficiaryGroup.objects.get_or_create(code=code)
    for code in Measure.values:
        ProtectionMeasure.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
