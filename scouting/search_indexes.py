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
# The text search vectors, stored: generated columns PostgreSQL keeps in step with the
# text (Django does not know them; the search selector names them). Stored, a vector is
# read, never recomputed, wherever the planner checks a row against a query (an
# expression index left PostgreSQL recomputing to_tsvector over whole documents for every
# row a theme filter or a facet reached: seconds at 100,000 listings). The bigrams of
# search_tokens (the text SQLite's FTS5 indexes) serve Chinese terms of two or more
# characters, which a trigram index cannot; the English vector serves words.
POSTGRES_VECTORS = [
    "ALTER TABLE scouting_listing ADD COLUMN IF NOT EXISTS search_bigrams tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_tokens)) STORED",
    "ALTER TABLE scouting_listing ADD COLUMN IF NOT EXISTS search_english tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_document)) STORED",
    "CREATE INDEX IF NOT EXISTS scouting_listing_bigrams ON scouting_listing "
    "USING gin (search_bigrams)",
    "CREATE INDEX IF NOT EXISTS scouting_listing_english_vector ON scouting_listing "
    "USING gin (search_english)",
    "DROP INDEX IF EXISTS scouting_listing_english",
    # Nothing searches by trigram any more (a one-character term scans: no index helps).
    "DROP INDEX IF EXISTS scouting_listing_trgm",
]
POSTGRES_VECTORS_DROP = [
    "CREATE INDEX IF NOT EXISTS scouting_listing_trgm ON scouting_listing "
    "USING gin (search_document gin_trgm_ops)",
    "DROP INDEX IF EXISTS scouting_listing_english_vector",
    "DROP INDEX IF EXISTS scouting_listing_bigrams",
    "ALTER TABLE scouting_listing DROP COLUMN IF EXISTS search_english",
    "ALTER TABLE scouting_listing DROP COLUMN IF EXISTS search_bigrams",
    "CREATE INDEX IF NOT EXISTS scouting_listing_english ON scouting_listing "
    "USING gin (to_tsvector('english'::regconfig, search_document))",
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


def create_vectors(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_VECTORS:
            schema_editor.execute(statement)


def drop_vectors(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_VECTORS_DROP:
            schema_editor.execute(statement)


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


# The listings version (scouting.models.ListingsVersion): any statement that writes a
# listing or a listing's terms gives the one row a new random token, in the writer's own
# transaction, so readers see the new token exactly when they can see the change. Random,
# not a counter: a rolled-back transaction's token is never reused by a later change.
VERSION_TABLE = "scouting_listingsversion"
VERSION_SOURCES = ("scouting_listing", "scouting_listing_terms")
POSTGRES_VERSION_CREATE = [
    # Table names are constants of this module.
    f"""CREATE OR REPLACE FUNCTION scouting_listings_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, (random() * 9e18)::bigint)
        ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        RETURN NULL;
    END $$""",  # noqa: S608
    *(
        f"CREATE OR REPLACE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR "
        f"TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION scouting_listings_changed()"
        for table in VERSION_SOURCES
    ),
]
POSTGRES_VERSION_DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_version ON {table}" for table in VERSION_SOURCES),
    "DROP FUNCTION IF EXISTS scouting_listings_changed()",
]
# SQLite has row triggers only; its UPSERT needs 3.24 (2018).
SQLITE_VERSION_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS {table}_version_{event.lower()} AFTER {event} ON {table}
    BEGIN
        INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, random())
        ON CONFLICT (id) DO UPDATE SET token = excluded.token;
    END"""  # noqa: S608 - constants of this module
    for table in VERSION_SOURCES
    for event in ("INSERT", "UPDATE", "DELETE")
]
SQLITE_VERSION_DROP = [
    f"DROP TRIGGER IF EXISTS {table}_version_{event.lower()}"
    for table in VERSION_SOURCES
    for event in ("INSERT", "UPDATE", "DELETE")
]


def create_version_triggers(apps: Any, schema_editor: Any) -> None:
    """Also to be called by any later migration that makes SQLite rebuild
    scouting_listing (its triggers go with the old table)."""
    statements = {"postgresql": POSTGRES_VERSION_CREATE, "sqlite": SQLITE_VERSION_CREATE}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_version_triggers(apps: Any, schema_editor: Any) -> None:
    statements = {"postgresql": POSTGRES_VERSION_DROP, "sqlite": SQLITE_VERSION_DROP}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)
