"""On PostgreSQL, the listing's text search vectors as stored generated columns with GIN
indexes: the character bigrams of its search tokens (Chinese terms) and its English text
(scouting/search_indexes.py). Nothing on SQLite, whose FTS5 table indexes the tokens."""

from django.db import migrations

from scouting.search_indexes import create_vectors, drop_vectors


class Migration(migrations.Migration):
    dependencies = [("scouting", "0004_reads")]

    operations = [migrations.RunPython(create_vectors, drop_vectors)]
