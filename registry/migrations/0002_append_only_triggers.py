"""The database itself refuses to change or remove a registry entry.

The model refuses too (registry.models.chain.RegistryEntry), but a trigger also stops
the admin, raw SQL and a future bug. Verifying the chain (`manage.py registry_verify`)
still catches what someone with the database owner's rights does by dropping them.

TRUNCATE is left to the owner: it is how a test database is emptied between tests and how
an operator empties a staging copy. Wiping the table, or rewriting it whole with fresh
hashes, is caught by the published heads (`registry_verify` compares every kept snapshot
with the chain; outsiders keep their own copies of the head).
"""

from django.db import migrations

TABLE = "registry_registryentry"

POSTGRES = f"""
CREATE FUNCTION registry_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'registry entries are append-only (%% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER registry_entry_no_update_or_delete BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION registry_entry_append_only();
"""
POSTGRES_REVERSE = f"""
DROP TRIGGER IF EXISTS registry_entry_no_update_or_delete ON {TABLE};
DROP FUNCTION IF EXISTS registry_entry_append_only();
"""
# SQLite, the embedded default for trying the site and for tests, refuses changes only:
# Django empties a SQLite database with DELETE (between browser tests, in `flush`), and
# SQLite has no TRUNCATE to leave to the owner as PostgreSQL does. A deleted entry is still
# caught as a gap by `registry_verify`.
SQLITE = [
    f"""CREATE TRIGGER registry_entry_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'registry entries are append-only (UPDATE refused)'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS registry_entry_no_update;",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_chain")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
