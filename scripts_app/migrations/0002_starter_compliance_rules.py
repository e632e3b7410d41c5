from django.db import migrations


def load_rules(apps, schema_editor):
    from scripts_app.compliance_rules import rules_ensure

    rules_ensure(apps.get_model("scripts_app", "ComplianceRule"))


class Migration(migrations.Migration):
    dependencies = [("scripts_app", "0001_initial")]

    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
