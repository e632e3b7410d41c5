"""The database-specific search indexes of the listing table, created by migration 0002.

Kept here, not only in the migration, because on SQLite a later migration that alters
``scouting_listing`` rebuilds the table (copy, drop, rename) and the triggers that keep
the FTS5 index in step go with the old table: such a migration must call
``create_sqlite_fts(schema_editor)`` again (docs/scouting.md says so too).
"""

from typing import Any

FTS_TABLE = "scouting_listing_fts"

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # English full-text search: the expression the search selector uses, indexed.
    "CREATE INDEX IF NOT EXISTS scouting_listing_english ON scouting_listing "
    "USING gin (to_tsvector('english'::regconfig, search_document))",
    # Chinese (and any substring): trigrams. Ideographs count as word characters under
    # the C.UTF-8 ctype, so pg_trgm makes trigrams of them.
    "CREATE INDEX IF NOT EXISTS scouting_listing_trgm ON scouting_listing "
    "USING gin (search_document gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS scouting_listing_trgm",
    "DROP INDEX IF EXISTS scouting_listing_english",
]

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS scouting_listing_fts USING fts5(search_tokens, "
    "content='scouting_listing', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    """CREATE TRIGGER IF NOT EXISTS scouting_listing_fts_insert AFTER INSERT ON scouting_listing
    BEGIN
        INSERT INTO scouting_listing_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
    """CREATE TRIGGER IF NOT EXISTS scouting_listing_fts_delete AFTER DELETE ON scouting_listing
    BEGIN
        INSERT INTO scouting_listing_fts(scouting_listing_fts, rowid, search_tokens)
            VALUES ('delete', old.id, old.search_tokens);
    END""",
    """CREATE TRIGGER IF NOT EXISTS scouting_listing_fts_update
    AFTER UPDATE OF search_tokens ON scouting_listing
    BEGIN
        INSERT INTO scouting_listing_fts(scouting_listing_fts, rowid, search_tokens)
            VALUES ('delete', old.id, old.search_tokens);
        INSERT INTO scouting_listing_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
    "INSERT INTO scouting_listing_fts(scouting_listing_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS scouting_listing_fts_update",
    "DROP TRIGGER IF EXISTS scouting_listing_fts_delete",
    "DROP TRIGGER IF EXISTS scouting_listing_fts_insert",
    "DROP TABLE IF EXISTS scouting_listing_fts",
]


def sqlite_has_fts5(schema_editor: Any) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        if cursor.fetchone()[0]:
            return True
        try:
            cursor.execute("CREATE VIRTUAL TABLE temp.scouting_fts_probe USING fts5(x)")
            cursor.execute("DROP TABLE temp.scouting_fts_probe")
        except Exception:  # no FTS5 in this build: the degraded path
            return False
    return True


def create_sqlite_fts(schema_editor: Any) -> None:
    for statement in SQLITE_CREATE:
        schema_editor.execute(statement)


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)
    elif vendor == "sqlite" and sqlite_has_fts5(schema_editor):
        create_sqlite_fts(schema_editor)


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)
