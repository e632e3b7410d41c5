import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Membership, MembershipRole, Role
from accounts.permissions import can_verify_mentor, organisations_to_vouch_in
from accounts.selectors import users_public
from accounts.services.profiles import user_profile_update, user_roles_set
from core.models import AuditEntry
from taxonomy.models import Term
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    admin_of,
    member_of,
    verified_mentor,
)

pytestmark = pytest.mark.django_db


def _profile_form(**overrides):
    data = {
        "display_name_zh": "陈思远",
        "display_name_en": "Chen Siyuan",
        "bio": "写**法治**短剧。",
        "language": "zh-hans",
        "email_notifications": "on",
        "roles": ["writer", "mentor"],
        "expertise_themes": [Term.objects.get(slug="rule-of-law").pk],
    }
    data.update(overrides)
    return data


def test_writer_edits_their_bilingual_profile(client, user):
    client.force_login(user)

    response = client.post("/profile/", _profile_form())

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name_zh == "陈思远"
    assert list(user.expertise_themes.values_list("slug", flat=True)) == ["rule-of-law"]
    assert set(user.role_grants.values_list("role", flat=True)) == {"writer", "mentor"}
    assert AuditEntry.objects.filter(action="user.profile_updated", target_id=str(user.pk)).exists()


def test_profile_form_rejects_overlong_names_and_keeps_input(client, user):
    client.force_login(user)

    response = client.post("/profile/", _profile_form(display_name_zh="长" * 61, bio="我的简介"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert "我的简介" in html
    user.refresh_from_db()
    assert user.display_name_zh != "长" * 61


def test_profile_needs_a_name_in_some_language(client, user):
    client.force_login(user)

    response = client.post("/profile/", _profile_form(display_name_zh="", display_name_en=""))

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_profile_form_cannot_grant_staff_roles(client, user):
    client.force_login(user)

    response = client.post("/profile/", _profile_form(roles=["writer", "scout"]))

    assert response.status_code == 200
    assert not user.role_grants.filter(role="scout").exists()


def test_profile_form_keeps_roles_granted_by_staff(client):
    user = UserFactory(roles=[Role.WRITER, Role.SCOUT])
    client.force_login(user)

    client.post("/profile/", _profile_form(roles=["writer"]))

    assert set(user.role_grants.values_list("role", flat=True)) == {"writer", "scout"}


def test_public_profile_renders_bio_through_the_sanitiser_and_hides_email(client):
    person = UserFactory(bio="<script>alert(1)</script>**好**")

    html = client.get(f"/people/{person.pk}/").content.decode()

    assert "<script>alert(1)" not in html
    assert "<strong>好</strong>" in html
    assert person.email not in html


def test_inactive_people_have_no_public_profile(client):
    person = UserFactory(is_active=False)

    assert client.get(f"/people/{person.pk}/").status_code == 404


def test_people_directory_filters_by_role_and_theme_and_lists_only_verified_mentors(client):
    mentor = verified_mentor(display_name_en="Mentor Person")
    unverified = UserFactory(roles=[Role.MENTOR], display_name_en="Self-declared Mentor")
    for person in (mentor, unverified):
        person.expertise_themes.add(Term.objects.get(slug="health-wellness"))
    UserFactory(roles=[Role.WRITER], display_name_en="Writer Person")
    client.cookies["django_language"] = "en"

    html = client.get("/people/?role=mentor&theme=health-wellness").content.decode()

    assert "Mentor Person" in html
    assert "Self-declared Mentor" not in html
    assert "Writer Person" not in html


def test_people_can_only_edit_their_own_profile():
    user, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        user_profile_update(actor=user, user=other, bio="hijack")


def test_genres_are_not_expertise_themes():
    user = UserFactory()

    with pytest.raises(ValidationError):
        user_profile_update(
            actor=user, user=user, expertise_themes=[Term.objects.get(slug="revenge")]
        )


def test_only_staff_grant_power_roles():
    user, staff = UserFactory(), UserFactory(staff=True)

    with pytest.raises(PermissionDenied):
        user_roles_set(actor=user, user=user, roles=["writer", "fund_manager"])

    user_roles_set(actor=staff, user=user, roles=["writer", "fund_manager", "staff"])
    user.refresh_from_db()
    assert user.is_staff
    assert set(user.role_grants.values_list("role", flat=True)) == {
        "writer",
        "fund_manager",
        "staff",
    }
    entry = AuditEntry.objects.get(action="user.roles_changed")
    assert entry.data == {"added": ["fund_manager", "staff"], "removed": []}

    user_roles_set(actor=staff, user=user, roles=["writer"])
    user.refresh_from_db()
    assert not user.is_staff


def test_unknown_roles_are_rejected():
    user = UserFactory()

    with pytest.raises(ValidationError):
        user_roles_set(actor=user, user=user, roles=["emperor"])


def test_roles_changed_in_the_admin_go_through_the_service(client):
    admin = UserFactory(staff=True, is_superuser=True)
    person = UserFactory()
    client.force_login(admin)
    page = client.get(f"/admin/accounts/user/{person.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {"roles": ["writer", "staff"], "expertise_themes": [], "groups": [], "user_permissions": []}
    )
    data["last_login_0"] = data["last_login_1"] = ""
    data["date_joined_0"], data["date_joined_1"] = "2026-01-01", "10:00:00"

    response = client.post(f"/admin/accounts/user/{person.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.is_staff
    assert AuditEntry.objects.filter(action="user.roles_changed", target_id=str(person.pk)).exists()


def test_staff_verify_mentors_from_the_admin_and_it_is_audited(client):
    from core.models import AuditEntry

    admin_user = UserFactory(staff=True, is_superuser=True)
    mentor = UserFactory(roles=[Role.MENTOR])
    writer = UserFactory(roles=[Role.WRITER])
    client.force_login(admin_user)

    client.post(
        "/admin/accounts/user/",
        {"action": "verify_mentors", "_selected_action": [mentor.pk, writer.pk]},
    )

    assert mentor.role_grants.get(role=Role.MENTOR).verified_by == admin_user
    assert AuditEntry.objects.filter(
        action="user.mentor_verified", target_id=str(mentor.pk)
    ).exists()


def test_giving_a_role_to_a_deactivated_account_in_the_admin_is_a_message_not_an_error(client):
    admin_user = UserFactory(staff=True, is_superuser=True)
    target = UserFactory(is_active=False)
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{target.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "roles"}
    data.update(
        {"roles": ["writer", "scout"], "date_joined_0": "2026-01-01", "date_joined_1": "10:00"}
    )

    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    assert any("停用" in str(m) or "deactivated" in str(m) for m in response.context["messages"])
    assert not target.role_grants.filter(role="scout").exists()


def test_the_organisations_to_vouch_in_are_those_can_verify_mentor_allows():
    mentor = verified_mentor()
    school, studio, fund = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    for organisation in (school, studio, fund):
        Membership.objects.create(organisation=organisation, user=mentor)
    teacher = admin_of(school)
    Membership.objects.create(organisation=fund, user=teacher, role=MembershipRole.ADMIN)
    Membership.objects.create(organisation=studio, user=teacher)  # a member, not an admin
    stranger = admin_of(OrganisationFactory())  # admin of an organisation the mentor is not in
    row = users_public().get(pk=mentor.pk)
    expected = {
        teacher: [school, fund],
        stranger: [],
        member_of(studio): [],
        UserFactory(staff=True): sorted([school, studio, fund], key=lambda o: o.slug),
        mentor: [],  # nobody vouches for themselves
        AnonymousUser(): [],
    }

    for viewer, organisations in expected.items():
        allowed = organisations_to_vouch_in(viewer, mentor=row)
        assert sorted(allowed, key=lambda o: o.slug) == sorted(organisations, key=lambda o: o.slug)
        assert allowed == [
            m.organisation
            for m in row.memberships.all()
            if can_verify_mentor(viewer, mentor=mentor, organisation=m.organisation)
        ]
