from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("theatre", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="roadsegment",
            name="designations",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="roadsegment",
            name="road_class",
            field=models.CharField(
                choices=[
                    ("motorway", "Motorway"),
                    ("national", "National road"),
                    ("regional", "Regional road"),
                ],
                default="regional",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="roadsegment",
            name="credit",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="place",
            name="kind",
            field=models.CharField(
                choices=[
                    ("populated", "Populated place"),
                    ("crossing", "Crossing point"),
                    ("site", "Site"),
                    ("landmark", "Landmark"),
                    ("junction", "Road junction"),
                ],
                default="populated",
                max_length=16,
            ),
        ),
    ]
