"""Search indexes that Django's model indexes cannot express: on PostgreSQL a GIN index
for English full-text search and a pg_trgm index for Chinese; on SQLite an FTS5 table kept
in step by triggers (or nothing, where SQLite lacks FTS5: search then falls back to
substring matching). See scouting/search_indexes.py and docs/scouting.md."""

from django.db import migrations

from scouting.search_indexes import create, drop


class Migration(migrations.Migration):
    dependencies = [("scouting", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
