"""Every list page and list endpoint: the query count must not grow with the rows."""

import pytest

from accounts.models import Membership, MembershipRole
from accounts.services.organisations import invitation_create
from core.services.audit import audit_record
from taxonomy.models import Term
from tests.support.factories import (
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    UserFactory,
    admin_of,
    verified_mentor,
)
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
measures = pytest.mark.measures


def _people(k):
    theme = Term.objects.themes().first()
    for _ in range(k):
        person = UserFactory()
        person.expertise_themes.add(theme)
        MembershipFactory(user=person)


def _memberships(k):
    for _ in range(k):
        MembershipFactory()


def _terms(k):
    start = Term.objects.count()
    Term.objects.bulk_create(
        [
            Term(kind="genre", slug=f"g{start + i}", name_zh=f"类型{i}", name_en=f"G{i}")
            for i in range(k)
        ]
    )


@pytest.mark.parametrize(
    ("url", "make_rows", "queries"),
    [
        pytest.param("/people/", _people, 6, marks=measures("accounts:people")),
        pytest.param("/orgs/", _memberships, 1, marks=measures("accounts:organisation_list")),
        pytest.param("/themes/", _terms, 1, marks=measures("taxonomy:term_list")),
        pytest.param("/api/v1/users/", _people, 5, marks=measures("user-list")),
        pytest.param(
            "/api/v1/organisations/", _memberships, 2, marks=measures("organisation-list")
        ),
        pytest.param("/api/v1/terms/", _terms, 2, marks=measures("term-list")),
    ],
)
def test_public_lists(client, url, make_rows, queries):
    assert_constant_queries(make_rows, lambda: client.get(url), expected=queries)


@pytest.mark.measures(
    "accounts:organisation_detail", "organisation-members", "accounts:organisation_members"
)
def test_organisation_page_and_members_endpoint(client):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)

    def add_members(k):
        for _ in range(k):
            MembershipFactory(organisation=organisation)

    assert_constant_queries(
        add_members, lambda: client.get(f"/orgs/{organisation.slug}/"), expected=2
    )
    assert_constant_queries(
        add_members,
        lambda: client.get(f"/api/v1/organisations/{organisation.slug}/members/"),
        expected=3,
    )
    client.force_login(admin)
    assert_constant_queries(
        add_members, lambda: client.get(f"/orgs/{organisation.slug}/members/"), expected=7
    )


@pytest.mark.measures("accounts:profile")
def test_mentor_profile_does_not_grow_with_organisations(client):
    mentor = verified_mentor()
    staff = UserFactory(staff=True)
    admin = UserFactory()

    def join(k):
        for _ in range(k):
            # The page lists the mentor's organisations, and for each one whether the viewer
            # may vouch for the mentor in its name.
            organisation = OrganisationFactory()
            Membership.objects.create(organisation=organisation, user=mentor)
            Membership.objects.create(
                organisation=organisation, user=admin, role=MembershipRole.ADMIN
            )

    # One more each for the registered works the profile lists (registry, a bounded extract),
    # and one for the course certificates the person chose to show (courses, likewise).
    for viewer, queries in ((admin, 10), (staff, 9)):
        client.force_login(viewer)
        assert_constant_queries(join, lambda: client.get(f"/people/{mentor.pk}/"), expected=queries)


@pytest.mark.measures("organisation-invitations", "api-my-invitations", "home")
def test_invitation_lists(client):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    invitee = UserFactory()
    counter = iter(range(10_000))

    def invite(k):
        for _ in range(k):
            invitation_create(
                actor=admin, organisation=organisation, email=f"p{next(counter)}@example.com"
            )
            other = OrganisationFactory()
            invitation_create(actor=admin_of(other), organisation=other, email=invitee.email)

    client.force_login(admin)
    assert_constant_queries(
        invite,
        lambda: client.get(f"/api/v1/organisations/{organisation.slug}/invitations/"),
        expected=6,
    )
    client.force_login(invitee)
    # The person's verified addresses are a subquery of the invitations' query: 4.
    assert_constant_queries(invite, lambda: client.get("/api/v1/me/invitations/"), expected=4)
    # The desk: 10 (its roles and their grants are one query; own and shared series ids
    # one; the review ledger, with the policy's welcome credits, one; the invitations one;
    # the studios the person scouts for, the way into discovery, one).
    assert_constant_queries(invite, lambda: client.get("/"), expected=10)


@pytest.mark.measures("notification_list", "notification-list", "home")
def test_notification_lists(client):
    user = UserFactory()
    client.force_login(user)

    def notify(k):
        for _ in range(k):
            NotificationFactory(recipient=user, actor=UserFactory())

    assert_constant_queries(notify, lambda: client.get("/notifications/"), expected=5)
    assert_constant_queries(notify, lambda: client.get("/api/v1/notifications/"), expected=4)
    assert_constant_queries(
        notify, lambda: client.get("/"), bounded=True, expected=10
    )  # the five latest


@pytest.mark.measures("home")
def test_dashboard_with_many_memberships(client):
    user = UserFactory()
    client.force_login(user)

    assert_constant_queries(
        lambda k: [
            Membership.objects.create(organisation=OrganisationFactory(), user=user)
            for _ in range(k)
        ],
        lambda: client.get("/"),
        expected=10,
    )


@pytest.mark.measures("audit-list")
def test_audit_endpoint(client):
    staff = UserFactory(staff=True)
    client.force_login(staff)

    def record(k):
        for _ in range(k):
            audit_record(actor=UserFactory(), action="x.y", target=OrganisationFactory())

    assert_constant_queries(record, lambda: client.get("/api/v1/audit/"), expected=4)
