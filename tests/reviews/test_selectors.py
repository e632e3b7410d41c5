"""The peer pool in SQL (reviews.selectors.peer_pool, peers_best) agrees with the rules and
the ranking of reviews.assignment, and a peer request does not grow with the platform."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership, User
from reviews import assignment as matching
from reviews.models import (
    AssignmentStatus,
    ConflictOfInterest,
    ReviewAssignment,
    ReviewerProfile,
    ReviewRequest,
    Rubric,
)
from reviews.selectors import peer_pool, peers_best
from reviews.services.rubrics import version_for_use
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    make_series,
    peers,
    review_request,
)
from tests.support.queries import capture_queries

pytestmark = pytest.mark.django_db


def _platform(rng: random.Random, writers: int = 24) -> dict:
    """Writers in a few organisations, some inactive, opted out or with conflicts, with
    open (and some finished) reviews; a writer whose series is to be reviewed."""
    organisations = [OrganisationFactory() for _ in range(3)]
    owner = UserFactory(roles=["writer"])
    Membership.objects.create(organisation=organisations[0], user=owner)
    people = peers(writers)
    people.append(UserFactory(roles=["mentor"]))  # not a writer: never a peer
    for person in people:
        for organisation in rng.sample(organisations, rng.choice((0, 0, 1, 2))):
            Membership.objects.create(organisation=organisation, user=person)
        roll = rng.random()
        if roll < 0.1:
            person.is_active = False
            person.save(update_fields=["is_active"])
        elif roll < 0.2:
            ReviewerProfile.objects.create(user=person, accepts_peer_reviews=False)
        elif roll < 0.3:
            ConflictOfInterest.objects.create(reviewer=person, writer=owner)
        elif roll < 0.35:
            ConflictOfInterest.objects.create(reviewer=person, writer=rng.choice(people))
    # Loads: open reviews of other series (finished ones do not count).
    load_series = make_series(title="别的剧")
    version = version_for_use(Rubric.objects.get(is_default=True))
    due = timezone.now() + timedelta(days=7)
    requests = [
        ReviewRequest.objects.create(
            series=load_series,
            revision=load_series.head,
            kind="peer",
            reviews_needed=3,
            rubric_version=version,
            requested_by=load_series.owner,
            due_at=due,
        )
        for _ in range(4)
    ]
    for person in people:
        for request in rng.sample(requests, rng.choice((0, 0, 1, 2, 3, 4))):
            status = rng.choice((AssignmentStatus.ASSIGNED, AssignmentStatus.SUBMITTED))
            ReviewAssignment.objects.create(
                request=request, reviewer=person, role="peer", status=status, due_at=due
            )
    return {"owner": owner, "people": people, "organisations": organisations}


def _as_records() -> list[matching.Reviewer]:
    """Every writer who reviews peers, as assignment.Reviewer, read row by row from the
    database: how the service built its pool before it filtered in SQL."""
    records = []
    for person in User.objects.all():
        writer = person.role_grants.filter(role="writer").exists()
        opted_out = ReviewerProfile.objects.filter(user=person, accepts_peer_reviews=False)
        if not person.is_active or not writer or opted_out.exists():
            continue
        records.append(
            matching.Reviewer(
                id=person.pk,
                organisation_ids=frozenset(
                    person.memberships.values_list("organisation_id", flat=True)
                ),
                current_load=person.review_assignments.filter(status="assigned").count(),
                conflicts=frozenset(
                    person.declared_conflicts.exclude(writer=None).values_list(
                        "writer_id", flat=True
                    )
                ),
            )
        )
    return records


def _rules(platform: dict, rng: random.Random, *, blind: bool, k: int) -> matching.Request:
    people = platform["people"]
    return matching.Request(
        id=1,
        writer_id=platform["owner"].pk,
        excluded_ids=frozenset({platform["owner"].pk, rng.choice(people).pk}),
        organisation_ids=frozenset({platform["organisations"][0].pk}),
        blind=blind,
        k=k,
        already_assigned=frozenset({rng.choice(people).pk}),
        previously_refused=frozenset({rng.choice(people).pk}),
    )


@pytest.mark.parametrize("blind", [True, False])
def test_the_peer_pool_is_who_is_eligible_accepts(blind):
    rng = random.Random(1)
    platform = _platform(rng)
    rules = _rules(platform, rng, blind=blind, k=3)

    expected = {r.id for r in _as_records() if matching.is_eligible(rules, r)}

    assert set(peer_pool(rules).values_list("pk", flat=True)) == expected
    assert expected  # the test means something


@pytest.mark.parametrize(("k", "capacity"), [(3, 4), (12, 4), (12, 2), (30, 3), (2, 1)])
def test_peers_best_are_the_first_of_the_pool_in_rank_order(k, capacity):
    # k = 12 and 30 run out of idle writers and rank the busy ones too.
    rng = random.Random(2)
    platform = _platform(rng)
    rules = _rules(platform, rng, blind=True, k=k)
    pool = [
        r for r in _as_records() if matching.is_eligible(rules, r) and r.current_load < capacity
    ]

    idle = sum(1 for r in pool if r.current_load == 0)
    for seed in (0, 7, 123_456_789):
        ranked = sorted(pool, key=lambda r, s=seed: matching.rank_key(s, r.id, r.current_load))
        with capture_queries() as queries:
            best = peers_best(rules, capacity=capacity, seed=seed)
        # One query when k writers of the pool are idle, a second to rank the busy ones.
        assert len(queries.captured_queries) == (1 if idle >= k else 2)
        assert [(r.id, r.current_load) for r in best] == [
            (r.id, r.current_load) for r in ranked[:k]
        ]


def test_a_peer_request_makes_the_same_queries_however_many_writers_there_are(run_on_commit):
    review_request(make_series(title="热身"), reviews_needed=1)  # the policy row, the rubric
    first, second = make_series(title="甲"), make_series(title="乙")
    peers(5)
    with capture_queries() as few:
        review_request(first, reviews_needed=3, blindness="double")
    peers(40)
    for person in peers(10):
        ReviewerProfile.objects.create(user=person, accepts_peer_reviews=False)
    with capture_queries() as many:
        review_request(second, reviews_needed=3, blindness="double")

    assert len(many.captured_queries) == len(few.captured_queries)
    assert ReviewAssignment.objects.filter(request__series=second).count() == 3


def test_a_requests_criteria_are_read_once_and_again_when_their_version_changes():
    """selectors.criteria_of keeps a rubric version's criteria under its content hash: a
    second read makes no query, and criteria saved in place (with the new hash, as
    rubric_save_criteria saves them) are read afresh."""
    from reviews.models import Criterion
    from reviews.selectors import criteria_of

    request = review_request(make_series(), reviews_needed=1, auto_assign=False)
    expected = list(Criterion.objects.filter(version=request.rubric_version).order_by("position"))
    assert criteria_of(request) == expected and expected
    with capture_queries() as queries:
        assert [c.name for c in criteria_of(request)] == [c.name for c in expected]
    assert len(queries) == 0

    version = request.rubric_version
    Criterion.objects.filter(pk=expected[0].pk).update(name_zh="改过的标准", name_en="Changed")
    version.content_hash = "0" * 64
    version.save(update_fields=["content_hash"])
    request = ReviewRequest.objects.select_related("rubric_version").get(pk=request.pk)
    assert criteria_of(request)[0].name_zh == "改过的标准"
