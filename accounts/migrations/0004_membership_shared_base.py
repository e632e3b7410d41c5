# Organisation memberships on core.memberships.AbstractMembership: the join date keeps its
# values under the shared name, and who added the member is recorded from now on.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_single_line_names'),
    ]

    operations = [
        migrations.RenameField(
            model_name='membership',
            old_name='joined_at',
            new_name='created_at',
        ),
        migrations.AlterModelOptions(
            name='membership',
            options={'ordering': ['organisation', '-role', 'created_at'], 'verbose_name': 'membership', 'verbose_name_plural': 'memberships'},
        ),
        # Membership gains a second key to User (added_by): name the two the M2M goes through.
        migrations.AlterField(
            model_name='organisation',
            name='members',
            field=models.ManyToManyField(related_name='organisations', through='accounts.Membership', through_fields=('organisation', 'user'), to=settings.AUTH_USER_MODEL, verbose_name='members'),
        ),
        migrations.AddField(
            model_name='membership',
            name='added_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
    ]
