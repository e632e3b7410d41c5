import pytest

from core.models import AuditEntry
from core.services.audit import audit_record
from tests.support.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_records_actor_action_and_target():
    actor = UserFactory()
    organisation = OrganisationFactory()

    entry = audit_record(
        actor=actor, action="organisation.updated", target=organisation, data={"a": 1}
    )

    entry.refresh_from_db()
    assert entry.actor == actor
    assert entry.action == "organisation.updated"
    assert entry.target_type.model == "organisation"
    assert entry.target_id == str(organisation.pk)
    assert entry.data == {"a": 1}


def test_system_actions_have_no_actor():
    entry = audit_record(actor=None, action="system.seeded")

    assert entry.actor is None
    assert AuditEntry.objects.count() == 1


def test_audit_log_is_read_only_in_the_admin(client, staff):
    staff.is_superuser = True
    staff.save()
    entry = audit_record(actor=staff, action="x.y")
    client.force_login(staff)

    assert client.get("/admin/core/auditentry/").status_code == 200
    assert client.get(f"/admin/core/auditentry/{entry.pk}/change/").status_code == 200
    assert (
        client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_api_is_for_staff_only(api_client, user, staff):
    audit_record(actor=staff, action="x.y")

    api_client.force_authenticate(user)
    assert api_client.get("/api/v1/audit/").status_code == 403
    api_client.force_authenticate(staff)
    response = api_client.get("/api/v1/audit/")
    assert response.status_code == 200
    assert response.json()["results"][0]["action"] == "x.y"
