"""Each listing carries its shown terms' ids on its row (Listing.term_ids), filled here
from the terms table in one statement, so that a search counts its facets from the rows
it reads. A nullable column: SQLite adds it without rebuilding the table (and dropping
its search triggers)."""

from django.db import migrations, models

FILL = {
    "postgresql": """
        UPDATE scouting_listing SET term_ids = COALESCE(
            (SELECT jsonb_agg(term_id ORDER BY term_id) FROM scouting_listing_terms
             WHERE listing_id = scouting_listing.id), '[]'::jsonb)
    """,
    "sqlite": """
        UPDATE scouting_listing SET term_ids = COALESCE(
            (SELECT json_group_array(term_id) FROM (
                SELECT term_id FROM scouting_listing_terms
                WHERE listing_id = scouting_listing.id ORDER BY term_id)), '[]')
    """,
}


def fill(apps, schema_editor):
    statement = FILL.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("scouting", "0011_listings_version")]

    operations = [
        migrations.AddField(
            model_name="listing",
            name="term_ids",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
