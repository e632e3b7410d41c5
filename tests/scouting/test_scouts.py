"""A studio's admins appoint scouts among its members."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from scouting.models import StudioScout
from scouting.permissions import forget_scouting_studios, is_scout
from scouting.services.scouts import scout_add, scout_remove
from tests.support.factories import OrganisationFactory, UserFactory, admin_of, member_of

pytestmark = pytest.mark.django_db


def test_an_admin_appoints_a_member_and_the_role_ends_with_membership():
    studio = OrganisationFactory(kind="studio")
    admin, person = admin_of(studio), member_of(studio)
    assert is_scout(admin) and not is_scout(person)

    scout_add(actor=admin, studio=studio, user=person)
    assert is_scout(person)
    person.memberships.all().delete()
    forget_scouting_studios(person)  # the answer is kept on the object for its request
    assert not is_scout(person)


def test_only_admins_appoint_only_members_of_a_studio():
    studio = OrganisationFactory(kind="studio")
    member, outsider = member_of(studio), UserFactory()

    with pytest.raises(PermissionDenied):
        scout_add(actor=member, studio=studio, user=member)
    with pytest.raises(ValidationError):
        scout_add(actor=admin_of(studio), studio=studio, user=outsider)
    university = OrganisationFactory(kind="university")
    with pytest.raises(ValidationError):
        scout_add(actor=admin_of(university), studio=university, user=member_of(university))


def test_a_scout_may_step_down_and_others_may_not_remove_them():
    studio = OrganisationFactory(kind="studio")
    admin, person, other = admin_of(studio), member_of(studio), member_of(studio)
    scout = scout_add(actor=admin, studio=studio, user=person)

    with pytest.raises(PermissionDenied):
        scout_remove(actor=other, scout=scout)
    scout_remove(actor=person, scout=scout)
    assert not StudioScout.objects.exists()


def test_the_scouts_page_adds_and_removes(client):
    studio = OrganisationFactory(kind="studio")
    admin, person = admin_of(studio), member_of(studio)
    client.force_login(admin)

    assert client.get(f"/scouting/studios/{studio.slug}/scouts/").status_code == 200
    client.post(f"/scouting/studios/{studio.slug}/scouts/add/", {"email": person.email.upper()})
    scout = StudioScout.objects.get(studio=studio, user=person)
    client.post(f"/scouting/studios/{studio.slug}/scouts/add/", {"email": "nobody@example.com"})
    assert StudioScout.objects.count() == 1
    client.post(f"/scouting/studios/{studio.slug}/scouts/{scout.pk}/remove/")
    assert not StudioScout.objects.exists()


@pytest.mark.parametrize("path", ["", "add/", "1/remove/"])
def test_people_who_do_not_administer_the_studio_get_404(client, path):
    studio = OrganisationFactory(kind="studio")
    scout = scout_add(actor=admin_of(studio), studio=studio, user=member_of(studio))
    client.force_login(scout.user)  # a scout, not an admin

    method = client.get if path == "" else client.post
    assert method(f"/scouting/studios/{studio.slug}/scouts/{path}").status_code == 404
    assert StudioScout.objects.count() == 1


# --- The API (answers validated against the OpenAPI schema by api_client) --------------


def test_an_admin_lists_appoints_and_removes_scouts_through_the_api(api_client):
    studio = OrganisationFactory(kind="studio")
    admin, person = admin_of(studio), member_of(studio)
    api_client.force_authenticate(admin)
    base = f"/api/v1/scouting/studios/{studio.slug}/scouts/"

    added = api_client.post(base, {"email": f"  {person.email.upper()} "}, format="json")
    assert added.status_code == 201
    assert added.json()["user_id"] == person.pk and added.json()["role"] == "scout"
    again = api_client.post(base, {"email": person.email}, format="json")
    assert again.status_code == 400 and "email" in again.json()["errors"]
    stranger = api_client.post(base, {"email": UserFactory().email}, format="json")
    assert stranger.status_code == 400 and "email" in stranger.json()["errors"]
    assert api_client.post(base, {"email": "not an address"}, format="json").status_code == 400
    assert StudioScout.objects.filter(studio=studio).count() == 1

    listed = api_client.get(base).json()
    assert [row["user_id"] for row in listed["results"]] == [person.pk]

    removed = api_client.delete(f"{base}{added.json()['id']}/")
    assert removed.status_code == 204
    assert not StudioScout.objects.filter(user=person).exists()


def test_no_one_but_the_studios_admins_reaches_its_scouts_through_the_api(api_client):
    studio = OrganisationFactory(kind="studio")
    admin, person = admin_of(studio), member_of(studio)
    scout = scout_add(actor=admin, studio=studio, user=member_of(studio))
    base = f"/api/v1/scouting/studios/{studio.slug}/scouts/"
    other_admin = admin_of(OrganisationFactory(kind="studio"))

    for who in (scout.user, person, other_admin, UserFactory()):
        api_client.force_authenticate(who)
        assert api_client.get(base).status_code == 404
        # Not even whether an address belongs to a member: the studio itself is not found.
        assert api_client.post(base, {"email": person.email}, format="json").status_code == 404
        assert api_client.delete(f"{base}{scout.pk}/").status_code == 404
    api_client.force_authenticate(None)
    assert api_client.get(base).status_code in (401, 403)
    # Another studio's scout row through this studio's address: 404.
    api_client.force_authenticate(other_admin)
    other = other_admin.memberships.get().organisation
    assert (
        api_client.delete(f"/api/v1/scouting/studios/{other.slug}/scouts/{scout.pk}/").status_code
        == 404
    )
    assert StudioScout.objects.count() == 1


def test_the_studio_page_leads_admins_to_its_scouts_and_members_to_its_record(client):
    studio = OrganisationFactory(kind="studio")
    admin, member, outsider = admin_of(studio), member_of(studio), UserFactory()
    scouts = f'href="/scouting/studios/{studio.slug}/scouts/"'
    record = f'href="/scouting/studios/{studio.slug}/record/"'

    def page(user) -> str:  # type: ignore[no-untyped-def]
        client.force_login(user)
        return client.get(f"/orgs/{studio.slug}/").content.decode()

    shown = page(admin)
    assert scouts in shown and record in shown
    assert client.get(f"/scouting/studios/{studio.slug}/scouts/").status_code == 200
    shown = page(member)
    assert scouts not in shown and record in shown
    assert client.get(f"/scouting/studios/{studio.slug}/record/").status_code == 200
    shown = page(outsider)
    assert scouts not in shown and record not in shown

    university = OrganisationFactory(kind="university")
    client.force_login(admin_of(university))
    assert "/scouting/studios/" not in client.get(f"/orgs/{university.slug}/").content.decode()
