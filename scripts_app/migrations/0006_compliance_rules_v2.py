import django.utils.timezone
from django.db import migrations, models

import core.text


class Migration(migrations.Migration):
    """The compliance rule grows up: a pattern (term or regex) with its language, severity,
    where it applies, which lines, exceptions, a suggested fix and an example; and a token
    that changes with every rule change. Rows are kept (0007 moves their data forward)."""

    dependencies = [("scripts_app", "0005_single_line_names")]

    operations = [
        migrations.RemoveConstraint(model_name="compliancerule", name="compliance_unique_phrase"),
        migrations.RenameField(model_name="compliancerule", old_name="phrase", new_name="pattern"),
        migrations.AlterModelOptions(
            name="compliancerule",
            options={
                "ordering": ["category", "pattern"],
                "verbose_name": "compliance rule",
                "verbose_name_plural": "compliance rules",
            },
        ),
        migrations.AlterField(
            model_name="compliancerule",
            name="pattern",
            field=models.CharField(
                help_text="A term as written (spacing, full-width and traditional forms are matched too), or a regular expression in lower case.",
                max_length=200,
                validators=[core.text.SingleLineValidator()],
                verbose_name="pattern",
            ),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="kind",
            field=models.CharField(
                choices=[("literal", "Literal term"), ("regex", "Regular expression")],
                default="literal",
                max_length=8,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="language",
            field=models.CharField(
                choices=[("zh", "Chinese"), ("en", "English")],
                default="zh",
                max_length=2,
                verbose_name="language",
            ),
        ),
        migrations.AlterField(
            model_name="compliancerule",
            name="category",
            field=models.CharField(
                choices=[
                    ("violence", "Violence and gore"),
                    ("sexual", "Sexual or borderline content"),
                    ("gambling", "Gambling"),
                    ("drugs", "Drugs"),
                    ("self_harm", "Self-harm and suicide"),
                    ("superstition", "Superstition or pseudo-science"),
                    ("discrimination", "Discrimination"),
                    ("inducement", "Inducement to pay"),
                    ("minors", "Protection of minors"),
                    ("misinformation", "Health or legal misinformation"),
                    ("sensational", "Sensational or vulgar titles"),
                    ("archetype", "Formulaic archetypes"),
                    ("other", "Other"),
                ],
                max_length=16,
                verbose_name="category",
            ),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="severity",
            field=models.CharField(
                choices=[("advice", "Advice"), ("caution", "Caution"), ("serious", "Serious")],
                default="caution",
                max_length=8,
                verbose_name="severity",
            ),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="applies_to",
            field=models.CharField(
                choices=[("body", "Script text"), ("title", "Titles"), ("both", "Script text and titles")],
                default="body",
                max_length=5,
                verbose_name="applies to",
            ),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="scope",
            field=models.CharField(
                choices=[("all", "Every line"), ("viewer", "Only lines addressed to the viewer")],
                default="all",
                help_text="Lines addressed to the viewer: narration, voice-over, OS, captions, hook and paywall lines. Use it for pay prompts that are fine when a character says them.",
                max_length=6,
                verbose_name="lines",
            ),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="is_exception",
            field=models.BooleanField(
                default=False,
                help_text="A phrase that is fine (赌博罪, 紫砂壶): hits of the same category that overlap it are dropped.",
                verbose_name="exception",
            ),
        ),
        migrations.AlterField(
            model_name="compliancerule",
            name="explanation_zh",
            field=models.TextField(
                help_text="Why it matters, naming the regulation or guideline it reflects.",
                max_length=600,
                verbose_name="explanation (Chinese)",
            ),
        ),
        migrations.AlterField(
            model_name="compliancerule",
            name="explanation_en",
            field=models.TextField(
                help_text="Why it matters, naming the regulation or guideline it reflects.",
                max_length=600,
                verbose_name="explanation (English)",
            ),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="suggestion_zh",
            field=models.TextField(blank=True, max_length=600, verbose_name="suggested fix (Chinese)"),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="suggestion_en",
            field=models.TextField(blank=True, max_length=600, verbose_name="suggested fix (English)"),
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="example",
            field=models.TextField(
                default="",
                help_text="A line the rule finds (for an exception: a line it covers). Checked on save.",
                max_length=600,
                verbose_name="example",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="compliancerule",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated at"
            ),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="compliancerule",
            constraint=models.UniqueConstraint(fields=("pattern", "applies_to"), name="compliance_unique_pattern"),
        ),
        migrations.CreateModel(
            name="ComplianceRuleSet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(default="", max_length=32)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "compliance rule set"},
        ),
    ]
