"""The listings version: one row whose token database triggers change with every write
to a listing or its terms (scouting/search_indexes.py), under which search caches its
answers. Listings already there count as one version."""

from django.db import migrations, models

from scouting.search_indexes import create_version_triggers, drop_version_triggers


def first_version(apps, schema_editor):
    apps.get_model("scouting", "ListingsVersion").objects.create(pk=1, token=1)


class Migration(migrations.Migration):
    dependencies = [("scouting", "0010_listing_order_indexes")]

    operations = [
        migrations.CreateModel(
            name="ListingsVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "listings version",
                "verbose_name_plural": "listings versions",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        migrations.RunPython(create_version_triggers, drop_version_triggers),
    ]
