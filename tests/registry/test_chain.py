"""The chain catches what someone with the database's keys does behind its back."""

from contextlib import contextmanager
from importlib import import_module
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from registry.chain import entry_hash
from registry.models import HeadSnapshot, RegistryEntry
from registry.selectors import chain_check_through, chain_verify
from registry.services.registration import head_snapshot_take, registration_request
from tests.support.factories import make_series

pytestmark = pytest.mark.django_db
TABLE = RegistryEntry._meta.db_table


def chain_of(length: int) -> list[RegistryEntry]:
    entries = []
    for _ in range(length):
        series = make_series()
        registration = registration_request(
            actor=series.owner, series=series, revision=series.head, authors=[]
        )
        entries.append(registration.entry)
    return entries


@contextmanager
def triggers_off():
    """What an intruder with the owner's rights would do first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER registry_entry_no_update")
    yield
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = origin")
    else:
        with connection.cursor() as cursor:
            for statement in import_module("registry.migrations.0002_append_only_triggers").SQLITE:
                cursor.execute(statement)


def tamper(sql: str, params=()):
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify_command() -> str:
    out = StringIO()
    call_command("registry_verify", stdout=out)
    return out.getvalue()


def test_an_untouched_chain_verifies():
    chain_of(3)
    assert chain_verify() is None
    assert "entries 1 to 3" in verify_command()


def test_an_altered_entry_is_caught_at_that_entry():
    chain_of(4)
    tamper(f"UPDATE {TABLE} SET title = %s WHERE number = 2", ["抄来的标题"])

    broken = chain_verify()

    assert (broken.number, broken.reason) == (2, "hash")
    with pytest.raises(CommandError, match="Broken link at entry 2"):
        verify_command()


def test_an_altered_entry_with_its_hash_recomputed_breaks_the_next_link():
    entries = chain_of(3)
    forged = entries[1]
    forged.title = "伪造"
    tamper(
        f"UPDATE {TABLE} SET title = %s, entry_hash = %s WHERE number = 2",
        [forged.title, entry_hash(forged)],
    )

    broken = chain_verify()

    assert (broken.number, broken.reason) == (3, "link")


def test_a_deleted_entry_is_caught_as_a_gap():
    chain_of(3)
    tamper(f"DELETE FROM {TABLE} WHERE number = 2")

    assert (chain_verify().number, chain_verify().reason) == (2, "gap")


def test_reordered_entries_are_caught():
    chain_of(3)
    tamper(f"UPDATE {TABLE} SET number = number + 100 WHERE number IN (1, 2)")
    tamper(f"UPDATE {TABLE} SET number = 3 - (number - 100) WHERE number > 100")

    assert chain_verify().number == 1


def test_public_pages_see_a_break_after_the_cached_check_expires(client):
    chain_of(2)
    assert chain_check_through(2).holds
    tamper(f"UPDATE {TABLE} SET episode_count = 99 WHERE number = 1")
    cache.clear()  # the cached prefix lives a few minutes

    check = chain_check_through(2)

    assert not check.holds and check.broken.number == 1
    assert (
        "is broken"
        in client.get("/registry/entries/2/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_the_daily_snapshot_keeps_the_head_and_whether_the_chain_held():
    assert head_snapshot_take() is None
    entries = chain_of(2)

    snapshot = head_snapshot_take()

    assert (snapshot.number, snapshot.entry_hash) == (2, entries[-1].entry_hash)
    assert snapshot.chain_verified
    tamper(f"UPDATE {TABLE} SET title = 'x' WHERE number = 1")
    assert not head_snapshot_take().chain_verified
    assert HeadSnapshot.objects.count() == 2


def test_a_chain_emptied_after_its_head_was_published_is_caught():
    chain_of(2)
    head_snapshot_take()
    tamper(f"DELETE FROM {TABLE}")

    assert (chain_verify().number, chain_verify().reason) == (2, "head")
    with pytest.raises(CommandError, match="a published head"):
        verify_command()


def test_a_chain_rewritten_whole_with_fresh_hashes_is_caught_by_the_published_head():
    entries = chain_of(3)
    head_snapshot_take()
    previous = entries[0].previous_hash
    for entry in entries:  # every link of the forgery holds
        entry.title += "（改）"
        entry.previous_hash = previous
        previous = entry_hash(entry)
        tamper(
            f"UPDATE {TABLE} SET title = %s, previous_hash = %s, entry_hash = %s WHERE number = %s",
            [entry.title, entry.previous_hash, previous, entry.number],
        )

    assert (chain_verify().number, chain_verify().reason) == (3, "head")
