from django.db import migrations


def load_rules(apps, schema_editor):
    # The first list, frozen in scripts_app.compliance.starter.LEGACY_RULES; migration 0007
    # moves these rows forward to the full rule set.
    from scripts_app.compliance.starter import LEGACY_RULES

    rule_model = apps.get_model("scripts_app", "ComplianceRule")
    existing = set(rule_model.objects.values_list("phrase", flat=True))
    rule_model.objects.bulk_create(
        rule_model(phrase=phrase, category=category, explanation_zh=zh, explanation_en=en)
        for phrase, category, zh, en in LEGACY_RULES
        if phrase not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("scripts_app", "0001_initial")]

    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
