"""How a deal ended (an option lapsed or exercised) and when: two columns on the deal,
empty for every deal in force or waiting."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scouting', '0012_listing_term_ids'),
    ]

    operations = [
        migrations.AddField(
            model_name='deal',
            name='end_reason',
            field=models.CharField(blank=True, choices=[('lapsed', 'The option lapsed'), ('exercised', 'The option was exercised')], max_length=10, verbose_name='how it ended'),
        ),
        migrations.AddField(
            model_name='deal',
            name='ended_on',
            field=models.DateField(blank=True, null=True, verbose_name='ended on'),
        ),
    ]
