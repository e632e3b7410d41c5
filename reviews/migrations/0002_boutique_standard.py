from django.db import migrations


def load(apps, schema_editor):
    from reviews.rubric_content import boutique_ensure

    boutique_ensure(
        apps.get_model("reviews", "Rubric"),
        apps.get_model("reviews", "RubricVersion"),
        apps.get_model("reviews", "Criterion"),
    )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
