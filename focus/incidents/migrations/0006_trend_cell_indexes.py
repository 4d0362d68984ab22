from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0005_imports_and_exports'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='trendcell',
            index=models.Index(fields=['country', 'region', 'year', 'gender', 'acts'], name='incidents_trend_places_idx'),
        ),
        migrations.AddIndex(
            model_name='trendcell',
            index=models.Index(fields=['act', 'profile', 'gender', 'perpetrator', 'region', 'acts'], name='incidents_trend_kinds_idx'),
        ),
    ]
