"""A request is checked against what was written, and offers only mentors who may review it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Membership, MembershipRole, Role, RoleGrant
from accounts.services.mentors import mentor_unverify, mentor_verify
from core.models import AuditEntry
from reviews.forms import RequestForm
from reviews.models import ConflictOfInterest, Rubric
from reviews.selectors import mentors_for
from reviews.services.requests import review_request_create, reviewers_assign
from reviews.services.rubrics import version_for_use
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    add_collaborator,
    admin_of,
    make_series,
    member_of,
    verified_mentor,
)

pytestmark = pytest.mark.django_db


def _ask(series, **kwargs):
    return review_request_create(
        actor=series.owner,
        series=series,
        revision=series.head,
        rubric_version=version_for_use(Rubric.objects.get(is_default=True)),
        **kwargs,
    )


# --- episode ranges -----------------------------------------------------------


@pytest.mark.parametrize(
    ("episodes", "field"),
    [((50, 60), "episode_from"), ((2, 9), "episode_to"), ((None, 7), "episode_to"), ((3, None), "episode_from")],
)  # fmt: skip
def test_a_range_beyond_the_written_episodes_is_refused_beside_its_field(episodes, field):
    series = make_series()  # two episodes

    with pytest.raises(ValidationError) as error:
        _ask(series, kind="mentor", episode_from=episodes[0], episode_to=episodes[1])

    assert field in error.value.message_dict
    assert "1" in error.value.message_dict[field][0] and "2" in error.value.message_dict[field][0]


def test_a_range_within_the_written_episodes_is_accepted():
    series = make_series()

    request = _ask(series, kind="mentor", episode_from=2, episode_to=2)

    assert (request.episode_from, request.episode_to) == (2, 2)


def test_a_text_without_episode_headings_takes_no_range():
    series = make_series(text="△林晚把一摞案卷放在桌上。\n林晚：能。\n")

    with pytest.raises(ValidationError) as error:
        _ask(series, kind="mentor", episode_from=1, episode_to=1)

    assert "episode_from" in error.value.message_dict


def test_the_request_form_shows_the_range_error_beside_the_field(client):
    series = make_series()
    client.force_login(series.owner)

    response = client.post(
        f"/reviews/series/{series.pk}/request/",
        {"kind": "mentor", "blindness": "single", "reviews_needed": 1,
         "rubric": Rubric.objects.get(is_default=True).pk, "episode_from": 50,
         "episode_to": 60, "due_at": "2099-01-01T10:00"},
    )  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].errors["episode_from"]
    assert not series.review_requests.exists()


def test_the_api_refuses_a_range_beyond_the_written_episodes(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)

    response = api_client.post(
        f"/api/v1/series/{series.pk}/review-requests/",
        {"kind": "mentor", "episode_from": 50, "episode_to": 60},
        format="json",
    )

    assert response.status_code == 400
    assert "episode_from" in response.json()["errors"]


# --- mentors: verified, and eligible for the series ---------------------------


def test_ticking_mentor_does_not_put_anyone_in_the_mentor_list():
    series = make_series()
    self_declared = UserFactory(roles=[Role.MENTOR])
    verified = verified_mentor()

    offered = set(mentors_for(series).values_list("pk", flat=True))

    assert verified.pk in offered and self_declared.pk not in offered


def test_the_mentor_list_leaves_out_everyone_who_would_be_refused():
    series = make_series()
    reader = add_collaborator(series, role="reader", roles=[Role.MENTOR])
    cowriter = add_collaborator(series, roles=[Role.MENTOR])
    conflicted, fine = verified_mentor(), verified_mentor()
    ConflictOfInterest.objects.create(reviewer=conflicted, writer=series.owner)
    for person in (reader, cowriter, series.owner):
        RoleGrant.objects.get_or_create(user=person, role=Role.MENTOR)
    RoleGrant.objects.filter(role=Role.MENTOR).update(verified_at="2026-01-01T00:00Z")

    form = RequestForm(series=series, balance=3, default_reviews=3)
    offered = set(form.fields["mentor"].queryset.values_list("pk", flat=True))

    assert offered == {fine.pk}
    for refused in (reader, cowriter, conflicted):
        with pytest.raises(ValidationError) as error:
            _ask(series, kind="mentor", mentor=refused)
        assert "mentor" in error.value.message_dict


def test_an_unverified_mentor_is_neither_accepted_nor_matched(run_on_commit):
    series = make_series()
    self_declared = UserFactory(roles=[Role.MENTOR])

    with pytest.raises(ValidationError):
        _ask(series, kind="mentor", mentor=self_declared)
    request = _ask(series, kind="mentor")

    assert not request.assignments.exists()
    with pytest.raises(ValidationError):
        reviewers_assign(actor=None, request=request, reviewers=[self_declared], role="mentor")


def test_a_chosen_mentor_whose_verification_was_withdrawn_is_not_assigned():
    staff = UserFactory(staff=True)
    series = make_series()
    chosen, other = verified_mentor(), verified_mentor()
    request = _ask(series, kind="mentor", mentor=chosen, auto_assign=False)

    mentor_unverify(actor=staff, user=chosen)
    from reviews.services.requests import request_assign

    request_assign(request=request)

    assert list(request.assignments.values_list("reviewer_id", flat=True)) == [other.pk]


def test_staff_verify_a_mentor_and_the_audit_log_says_so():
    staff = UserFactory(staff=True)
    mentor = UserFactory(roles=[Role.MENTOR])
    series = make_series()

    mentor_verify(actor=staff, user=mentor)
    assert mentors_for(series).filter(pk=mentor.pk).exists()
    mentor_unverify(actor=staff, user=mentor)
    assert not mentors_for(series).filter(pk=mentor.pk).exists()

    actions = list(
        AuditEntry.objects.filter(target_id=str(mentor.pk), action__startswith="user.mentor_")
        .order_by("pk")
        .values_list("action", "actor_id")
    )
    assert actions == [("user.mentor_verified", staff.pk), ("user.mentor_unverified", staff.pk)]


def test_an_organisation_vouches_only_for_its_own_members_and_only_while_they_stay():
    university, other = OrganisationFactory(), OrganisationFactory()
    admin, stranger_admin = admin_of(university), admin_of(other)
    mentor = member_of(university, roles=[Role.MENTOR])
    outsider = UserFactory(roles=[Role.MENTOR])
    series = make_series()

    with pytest.raises(PermissionDenied):
        mentor_verify(actor=stranger_admin, user=mentor, organisation=university)
    with pytest.raises(PermissionDenied):
        mentor_verify(actor=admin, user=outsider, organisation=university)
    with pytest.raises(PermissionDenied):
        mentor_verify(actor=admin, user=mentor)  # only staff verify for the platform
    mentor_verify(actor=admin, user=mentor, organisation=university)
    assert mentors_for(series).filter(pk=mentor.pk).exists()

    Membership.objects.filter(user=mentor, organisation=university).delete()
    assert not mentors_for(series).filter(pk=mentor.pk).exists()


def test_nobody_verifies_themselves_and_writers_cannot_verify_anyone():
    staff_mentor = UserFactory(staff=True, roles=[Role.MENTOR])
    university = OrganisationFactory()
    admin_mentor = admin_of(university, roles=[Role.MENTOR])
    mentor = UserFactory(roles=[Role.MENTOR])

    with pytest.raises(PermissionDenied):
        mentor_verify(actor=staff_mentor, user=staff_mentor)
    with pytest.raises(PermissionDenied):
        mentor_verify(actor=admin_mentor, user=admin_mentor, organisation=university)
    with pytest.raises(PermissionDenied):
        mentor_verify(actor=UserFactory(), user=mentor)


def test_verifying_someone_who_is_not_a_mentor_is_a_clear_error():
    with pytest.raises(ValidationError) as error:
        mentor_verify(actor=UserFactory(staff=True), user=UserFactory())

    assert "user" in error.value.message_dict


def test_taking_the_mentor_role_off_and_on_again_needs_a_new_verification(client):
    mentor = verified_mentor(display_name_zh="导师甲")
    client.force_login(mentor)
    profile = {"display_name_zh": "导师甲", "language": "zh-hans", "email_notifications": "on"}

    client.post("/profile/", {**profile, "roles": ["writer"]})
    client.post("/profile/", {**profile, "roles": ["writer", "mentor"]})

    assert RoleGrant.objects.get(user=mentor, role=Role.MENTOR).verified_at is None
    assert not mentors_for(make_series()).filter(pk=mentor.pk).exists()


def test_mentor_verification_through_the_api(api_client):
    university = OrganisationFactory()
    admin = admin_of(university)
    mentor = member_of(university, roles=[Role.MENTOR])
    url = f"/api/v1/users/{mentor.pk}/mentor-verification/"

    api_client.force_authenticate(UserFactory())
    assert api_client.post(url, {}, format="json").status_code == 403
    api_client.force_authenticate(admin)
    verified = api_client.post(url, {"organisation": university.slug}, format="json")
    assert verified.status_code == 200 and verified.json()["mentor_verified"] is True
    listed = api_client.get("/api/v1/users/?role=mentor").json()
    assert [person["id"] for person in listed["results"]] == [mentor.pk]
    assert api_client.delete(url).status_code == 204
    assert api_client.get("/api/v1/users/?role=mentor").json()["results"] == []


def test_staff_and_vouching_admins_verify_from_the_profile_page(client):
    university = OrganisationFactory()
    admin = admin_of(university)
    mentor = member_of(university, roles=[Role.MENTOR])

    client.force_login(UserFactory())
    assert "mentor-verification" not in client.get(f"/people/{mentor.pk}/").content.decode()
    client.post(f"/people/{mentor.pk}/mentor-verification/", {"organisation": university.slug})
    assert RoleGrant.objects.get(user=mentor, role=Role.MENTOR).verified_at is None

    client.force_login(admin)
    assert "mentor-verification" in client.get(f"/people/{mentor.pk}/").content.decode()
    client.post(f"/people/{mentor.pk}/mentor-verification/", {"organisation": university.slug})
    grant = RoleGrant.objects.get(user=mentor, role=Role.MENTOR)
    assert grant.verified_for == university and grant.verified_by == admin
    assert Membership.objects.get(user=admin).role == MembershipRole.ADMIN
