import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from core.models import Notification
from registry.canonical import canonical_sha256
from registry.chain import GENESIS_HASH, entry_hash
from registry.models import RegistrationStatus, RegistryEntry, RightsBasis
from registry.selectors import chain_verify
from registry.services.registration import (
    AuthorChoice,
    registration_answer,
    registration_request,
    registration_withdraw,
)
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


def register(series, actor=None, **kwargs):
    return registration_request(
        actor=actor or series.owner, series=series, revision=series.head, authors=[], **kwargs
    )


def test_a_sole_writer_registers_at_once_and_the_chain_starts_at_genesis():
    series = make_series()

    registration = register(series)

    entry = registration.entry
    assert registration.status == RegistrationStatus.REGISTERED
    assert entry.number == 1
    assert entry.previous_hash == GENESIS_HASH
    assert entry.entry_hash == entry_hash(entry)
    assert entry.content_sha256 == canonical_sha256(ZH_TWO_EPISODES)
    assert entry.episode_count == 2
    assert entry.title == series.title
    assert [a["account"] for a in entry.authors] == [series.owner.pk]


def test_each_entry_links_to_the_one_before():
    first = register(make_series()).entry
    second = register(make_series()).entry

    assert second.number == first.number + 1
    assert second.previous_hash == first.entry_hash
    assert chain_verify() is None


def test_co_writers_must_all_consent_before_the_entry_is_chained(run_on_commit):
    series = make_series()
    ana = add_collaborator(series)
    ben = add_collaborator(series)
    with run_on_commit():
        registration = registration_request(
            actor=series.owner,
            series=series,
            revision=series.head,
            authors=[AuthorChoice(user=ana, name_en="Ana Li"), AuthorChoice(user=ben)],
        )
    assert registration.status == RegistrationStatus.PENDING
    assert Notification.objects.filter(kind="registry_consent_requested").count() == 2

    registration_answer(actor=ana, registration=registration, consent=True)
    assert not RegistryEntry.objects.exists()
    registration_answer(actor=ben, registration=registration, consent=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED
    names = [(a["account"], a["name_en"]) for a in registration.entry.authors]
    assert names[1] == (ana.pk, "Ana Li")


def test_one_decline_blocks_the_registration_and_the_others_are_told(run_on_commit):
    series = make_series()
    ana = add_collaborator(series)
    ben = add_collaborator(series)
    registration = registration_request(
        actor=series.owner,
        series=series,
        revision=series.head,
        authors=[AuthorChoice(user=ana), AuthorChoice(user=ben)],
    )

    with run_on_commit():
        registration_answer(actor=ana, registration=registration, consent=False)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DECLINED
    told = set(
        Notification.objects.filter(kind="registry_declined").values_list("recipient", flat=True)
    )
    assert told == {series.owner.pk, ben.pk}
    with pytest.raises(ValidationError):
        registration_answer(actor=ben, registration=registration, consent=True)
    assert not RegistryEntry.objects.exists()


def test_only_writers_register_and_only_writers_are_named():
    series = make_series()
    reader = add_collaborator(series, role="reader")
    stranger = UserFactory()

    with pytest.raises(PermissionDenied):
        register(series, actor=reader)
    with pytest.raises(ValidationError):
        registration_request(
            actor=series.owner,
            series=series,
            revision=series.head,
            authors=[AuthorChoice(user=stranger)],
        )


def test_a_revision_of_another_series_is_refused():
    series, other = make_series(), make_series()
    with pytest.raises(ValidationError):
        registration_request(actor=series.owner, series=series, revision=other.head, authors=[])


def test_a_licensed_adaptation_names_its_source_and_licensor():
    series = make_series()
    with pytest.raises(ValidationError):
        register(series, rights_basis=RightsBasis.LICENSED, source_work="《某小说》")

    entry = register(
        series, rights_basis=RightsBasis.LICENSED, source_work="《某小说》", licensor="某出版社"
    ).entry
    assert (entry.source_work, entry.licensor) == ("《某小说》", "某出版社")


def test_a_revision_is_registered_once():
    series = make_series()
    register(series)
    with pytest.raises(ValidationError):
        register(series)


def test_the_requester_may_withdraw_a_waiting_registration():
    series = make_series()
    ana = add_collaborator(series)
    registration = registration_request(
        actor=series.owner, series=series, revision=series.head, authors=[AuthorChoice(user=ana)]
    )
    with pytest.raises(PermissionDenied):
        registration_withdraw(actor=ana, registration=registration)

    registration_withdraw(actor=series.owner, registration=registration)

    assert registration.status == RegistrationStatus.WITHDRAWN
    assert register(series).status == RegistrationStatus.REGISTERED  # may ask again


def test_entries_refuse_change_in_the_model_and_in_the_database():
    entry = register(make_series()).entry

    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        RegistryEntry.objects.filter(pk=entry.pk).update(title="x")
    table = RegistryEntry._meta.db_table
    refused = [f"UPDATE {table} SET title = 'x'"]
    if connection.vendor == "postgresql":  # SQLite lets Django empty test databases
        refused.append(f"DELETE FROM {table}")
    for statement in refused:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert RegistryEntry.objects.get(pk=entry.pk).title == entry.title
