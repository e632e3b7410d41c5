# The constraints apart from the data migration: PostgreSQL refuses to alter a table
# with pending trigger events in the same transaction as the rows just written.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0004_credit_ledger'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='creditentry',
            constraint=models.UniqueConstraint(fields=('user', 'position'), name='credit_unique_position'),
        ),
        migrations.AddConstraint(
            model_name='creditentry',
            constraint=models.UniqueConstraint(condition=models.Q(('reason', 'starter')), fields=('user',), name='credit_one_welcome_per_user'),
        ),
        migrations.AddConstraint(
            model_name='creditentry',
            constraint=models.CheckConstraint(condition=models.Q(('balance__gte', 0)), name='credit_balance_not_negative'),
        ),
    ]
