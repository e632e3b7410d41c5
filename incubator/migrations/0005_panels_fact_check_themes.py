"""The themes that need a domain fact-check, as data staff can edit in the admin."""

from django.db import migrations

# (theme slug, expertise area)
FACT_CHECK_THEMES = [
    ("rule-of-law", "law"),
    ("intangible-heritage", "heritage"),
    ("health-wellness", "medicine"),
    ("medical-science", "medicine"),
]


def seed(apps, schema_editor):
    Term = apps.get_model("taxonomy", "Term")
    FactCheckTheme = apps.get_model("incubator", "FactCheckTheme")
    for slug, area in FACT_CHECK_THEMES:
        term = Term.objects.filter(kind="theme", slug=slug).first()
        if term is not None:
            FactCheckTheme.objects.get_or_create(theme=term, defaults={"area": area})


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0004_panels_conflicts_factcheck_determinations"),
        ("taxonomy", "0003_single_line_names"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
