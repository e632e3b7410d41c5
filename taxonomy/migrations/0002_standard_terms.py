from django.db import migrations


def load_terms(apps, schema_editor):
    from taxonomy.data import terms_ensure

    terms_ensure(apps.get_model("taxonomy", "Term"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(load_terms, migrations.RunPython.noop)]
