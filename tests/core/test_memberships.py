"""Memberships with roles: the shared rules every container's members follow
(organisation members and series collaborators today; cohorts, panels and studios next)."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import Membership, MembershipRole
from core.memberships import (
    AbstractMembership,
    member_add,
    member_change_role,
    member_remove,
    members_of,
)
from core.models import AuditEntry
from scripts_app.models import Collaborator, CollaboratorRole
from tests.support.factories import OrganisationFactory, UserFactory, make_series

pytestmark = pytest.mark.django_db

ADMIN, MEMBER = MembershipRole.ADMIN, MembershipRole.MEMBER


def _add(organisation, role=MEMBER, *, actor=None, **user_fields):
    return member_add(
        Membership,
        actor=actor,
        container=organisation,
        user=UserFactory(**user_fields),
        role=role,
        audit_action="test.member_added",
    )


def _audit(action):
    return list(AuditEntry.objects.filter(action=action))


@pytest.mark.parametrize(
    "model",
    [m for m in apps.get_models() if issubclass(m, AbstractMembership)],
    ids=lambda m: m._meta.label,
)
def test_every_membership_model_declares_its_rules(model):
    container = model._meta.get_field(model.container_field)
    assert isinstance(container, models.ForeignKey)
    assert any(
        isinstance(c, models.UniqueConstraint) and set(c.fields) == {container.name, "user"}
        for c in model._meta.constraints
    ), "a person holds one role per container"
    role_values = {value for value, _label in model._meta.get_field("role").flatchoices}
    assert role_values, "role needs its TextChoices"
    assert model.protected_roles <= role_values
    if model.protected_roles:
        assert model.last_holder_cannot_change_role and model.last_holder_cannot_leave


def test_the_two_existing_containers_use_it():
    assert issubclass(Membership, AbstractMembership)
    assert issubclass(Collaborator, AbstractMembership)


# --- add ------------------------------------------------------------------------------
def test_adding_records_who_added_and_one_audit_row_on_the_container():
    organisation, staff = OrganisationFactory(), UserFactory(staff=True)

    member = _add(organisation, actor=staff)

    assert member.added_by == staff and member.container == organisation
    (entry,) = _audit("test.member_added")
    assert entry.actor == staff
    assert entry.target_id == str(organisation.pk)
    assert entry.data == {"user_id": member.user_id, "role": MEMBER}


def test_a_second_membership_of_the_same_person_is_refused():
    organisation = OrganisationFactory()
    member = _add(organisation)

    with pytest.raises(ValidationError) as error:
        member_add(
            Membership,
            actor=None,
            container=organisation,
            user=member.user,
            role=ADMIN,
            audit_action="test.member_added",
            person_field="email",
        )

    assert list(error.value.message_dict) == ["email"]
    with translation.override("en"):
        assert error.value.message_dict["email"] == ["This person is already a member."]
    assert Membership.objects.get(user=member.user).role == MEMBER
    assert len(_audit("test.member_added")) == 1


def test_a_model_words_its_own_duplicate():
    series = make_series()
    person = UserFactory()
    add = {"actor": series.owner, "container": series, "user": person, "audit_action": "test.added"}
    member_add(Collaborator, role=CollaboratorRole.READER, **add)

    with pytest.raises(ValidationError) as error, translation.override("en"):
        member_add(Collaborator, role=CollaboratorRole.COWRITER, **add)
    with translation.override("en"):
        assert error.value.messages == ["This person already works on the series."]


def test_an_unknown_role_is_refused_on_adding_and_changing():
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError) as error:
        _add(organisation, role="king")
    assert list(error.value.message_dict) == ["role"]

    member = _add(organisation)
    with pytest.raises(ValidationError) as error:
        member_change_role(member, actor=None, role="king", audit_action="test.role")
    assert list(error.value.message_dict) == ["role"]
    assert not Membership.objects.filter(role="king").exists()


# --- change role and remove ------------------------------------------------------------
def test_changing_a_role_writes_one_audit_row_with_from_and_to():
    organisation = OrganisationFactory()
    _add(organisation, role=ADMIN)
    member = _add(organisation)

    assert member_change_role(member, actor=None, role=ADMIN, audit_action="test.role") is True

    assert Membership.objects.get(pk=member.pk).role == ADMIN == member.role
    (entry,) = _audit("test.role")
    assert entry.data == {"user_id": member.user_id, "from": MEMBER, "to": ADMIN}


def test_asking_for_the_role_someone_holds_writes_nothing():
    organisation = OrganisationFactory()
    member = _add(organisation)

    assert member_change_role(member, actor=None, role=MEMBER, audit_action="test.role") is False
    assert not _audit("test.role")


def test_the_last_holder_of_a_protected_role_can_neither_step_down_nor_leave():
    organisation = OrganisationFactory()
    only_admin = _add(organisation, role=ADMIN)
    _add(organisation)  # an ordinary member does not count

    with pytest.raises(ValidationError) as demoted:
        member_change_role(only_admin, actor=None, role=MEMBER, audit_action="test.role")
    with pytest.raises(ValidationError) as leaving:
        member_remove(only_admin, actor=None, audit_action="test.left")

    with translation.override("en"):
        assert demoted.value.message_dict == {
            "role": ["An organisation needs at least one administrator."]
        }
        assert not hasattr(leaving.value, "error_dict")  # not tied to a field
        assert leaving.value.messages == [
            "The only administrator cannot leave. Make someone else an administrator first."
        ]
    assert Membership.objects.get(pk=only_admin.pk).role == ADMIN
    assert not _audit("test.role") and not _audit("test.left")


def test_once_someone_else_holds_the_role_the_last_holder_may_go():
    organisation = OrganisationFactory()
    first = _add(organisation, role=ADMIN)
    second = _add(organisation, role=ADMIN)

    member_change_role(first, actor=None, role=MEMBER, audit_action="test.role")
    with pytest.raises(ValidationError):  # now the second is the last admin
        member_remove(second, actor=None, audit_action="test.left")
    member_remove(first, actor=first.user, audit_action="test.left")

    assert list(Membership.objects.values_list("pk", flat=True)) == [second.pk]
    (entry,) = _audit("test.left")
    assert entry.actor == first.user and entry.data == {"user_id": first.user_id}


def test_roles_without_protection_may_all_go():
    series = make_series()
    add = {"actor": series.owner, "container": series, "audit_action": "test.added"}
    reader = member_add(Collaborator, user=UserFactory(), role=CollaboratorRole.READER, **add)

    member_remove(reader, actor=series.owner, audit_action="test.removed")

    assert not Collaborator.objects.exists()


# --- reading and showing ------------------------------------------------------------------
def test_members_of_reads_them_with_their_users_in_one_query(django_assert_num_queries):
    organisation = OrganisationFactory()
    for count in (3, 6):
        while Membership.objects.filter(organisation=organisation).count() < count:
            _add(organisation)
        with django_assert_num_queries(1):
            names = [m.user.display_name for m in members_of(Membership, organisation)]
        assert len(names) == count


def test_members_of_lists_one_container_only_by_role_then_seniority():
    organisation = OrganisationFactory()
    member, admin = _add(organisation), _add(organisation, role=ADMIN)
    _add(OrganisationFactory())

    assert list(members_of(Membership, organisation)) == [admin, member]


def _table(members, viewer, **flags):
    return render_to_string(
        "core/partials/member_table.html",
        {
            "members": members,
            "user": viewer,
            "role_choices": MembershipRole.choices,
            "role_url": "accounts:membership_role",
            "remove_url": "accounts:membership_end",
            "url_key": members[0].organisation.slug,
            **flags,
        },
    )


def test_the_member_table_shows_controls_only_when_the_view_allows():
    organisation = OrganisationFactory()
    admin, member = _add(organisation, role=ADMIN), _add(organisation)
    members = list(members_of(Membership, organisation))

    with translation.override("en"):
        read_only = _table(members, member.user, can_change_roles=False, can_remove=False)
        managing = _table(members, admin.user, can_change_roles=True, can_remove=True)

    assert "<form" not in read_only and "Administrator" in read_only
    assert f"/orgs/{organisation.slug}/members/{member.pk}/role/" in managing
    assert f"/orgs/{organisation.slug}/members/{member.pk}/end/" in managing
    # Your own row says "Leave"; the others say "Remove".
    assert managing.count(">Leave<") == 1 and managing.count(">Remove<") == 1


def test_the_role_is_frozen_in_both_languages_for_notifications():
    member = _add(OrganisationFactory(), role=ADMIN)

    with translation.override("zh-hans"):
        chinese = str(MembershipRole.ADMIN.label)
    assert member.role_in_both_languages() == {"zh": chinese, "en": "Administrator"}
    assert chinese != "Administrator"
