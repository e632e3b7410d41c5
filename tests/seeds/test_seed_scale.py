"""The scale set (manage.py seed_scale) at a tiny size: its rows obey the platform's rules."""

import io
from collections import defaultdict

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from accounts.models import Membership, User
from accounts.selectors import mentors_verified
from reviews.blindness import MASK
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    Blindness,
    ConflictOfInterest,
    CreditEntry,
    CreditReason,
    LineNote,
    RequestKind,
    RequestStatus,
    ReviewAssignment,
    ReviewerProfile,
    ReviewRequest,
)
from reviews.services.credits import credits_held_for
from reviews.services.reputation import reputation_refresh
from scripts_app.models import (
    Collaborator,
    CollaboratorRole,
    Revision,
    ScriptChunk,
    Series,
    Visibility,
)
from scripts_app.selectors import revision_text
from scripts_app.services.revisions import head_counters, revision_content
from seeds.scale import SCALE_DOMAIN, SCALE_PASSWORD, bench_targets

TINY = ["--writers", "20", "--series", "50", "--requests", "20", "--desk-series", "12",
        "--big-history", "4", "--long-history", "8", "--jobs", "1", "--seed", "7"]  # fmt: skip


@pytest.fixture(scope="module")
def scale_set(django_db_setup, django_db_blocker):
    """Loaded once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_scale", *TINY, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(scale_set, db):
    return scale_set


def _scale_users():
    return User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}")


def test_the_command_reports_what_it_made_and_how_long_each_stage_took(loaded):
    assert "series and revisions" in loaded
    assert "Timings:" in loaded
    assert Series.objects.filter(owner__in=_scale_users()).count() == 50 + 3
    assert ReviewRequest.objects.filter(requested_by__in=_scale_users()).count() >= 20


def test_loading_twice_is_refused_and_changes_nothing(loaded):
    before = (User.objects.count(), Series.objects.count(), Revision.objects.count())

    with pytest.raises(CommandError, match="already holds a scale set"):
        call_command("seed_scale", *TINY, stdout=io.StringIO())

    assert (User.objects.count(), Series.objects.count(), Revision.objects.count()) == before


def test_every_revision_is_stored_exactly_as_a_save_stores_its_parsed_text(loaded):
    series_list = Series.objects.filter(owner__in=_scale_users()).select_related("head")
    assert {s.format for s in series_list} == {"zh", "fountain"}
    for series in series_list:
        revisions = list(series.revisions.order_by("number"))
        assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
        assert series.head_id == revisions[-1].pk
        for previous, revision in zip([None, *revisions], revisions, strict=False):
            assert revision.parent_id == (previous.pk if previous else None)
            assert revision.format == series.format
            content = revision_content(revision_text(revision), revision.format)
            assert revision.sha256 == content.sha256
            assert revision.stats == content.stats, (series.pk, revision.number)
            stored = dict(
                ScriptChunk.objects.filter(pk__in=revision.chunk_ids).values_list("pk", "sha256")
            )
            assert [stored[pk] for pk in revision.chunk_ids] == content.hashes
        assert {f: getattr(series, f) for f in head_counters({})} == head_counters(
            series.head.stats
        )
        assert series.head.stats["warnings"] == 0
        assert series.created_at <= revisions[0].created_at <= revisions[-1].created_at


def test_every_account_signs_in_with_its_verified_address(loaded, client):
    users = list(_scale_users())
    assert len(users) >= 20
    verified = set(
        EmailAddress.objects.filter(verified=True, primary=True).values_list("email", flat=True)
    )
    for user in users:
        assert user.email in verified
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": SCALE_PASSWORD}
        )
        assert response.status_code == 302, user.email
        assert response.url == reverse("home"), user.email
        client.logout()


def test_credit_ledgers_keep_the_ledger_rules_and_match_what_happened(loaded):
    entries = defaultdict(list)
    for entry in CreditEntry.objects.filter(user__in=_scale_users()).order_by("user", "position"):
        entries[entry.user_id].append(entry)
    assert entries
    for user_id, ledger in entries.items():
        assert [e.position for e in ledger] == list(range(1, len(ledger) + 1)), user_id
        balance = 0
        for entry in ledger:
            balance += entry.delta
            assert entry.balance == balance >= 0, user_id
        assert sum(e.reason == CreditReason.STARTER for e in ledger) <= 1
        assert [e.created_at for e in ledger] == sorted(e.created_at for e in ledger)
    for request in ReviewRequest.objects.filter(kind=RequestKind.PEER):
        spends = CreditEntry.objects.filter(request=request, reason=CreditReason.REQUEST)
        assert [(s.user_id, s.delta) for s in spends] == [
            (request.requested_by_id, -request.reviews_needed)
        ]
        delivered = request.assignments.filter(
            role=AssignmentRole.PEER, status=AssignmentStatus.SUBMITTED
        ).count()
        if request.status == RequestStatus.OPEN:
            assert credits_held_for(request) == request.reviews_needed
        else:  # an ended request keeps only what it was given
            assert credits_held_for(request) == delivered, request.pk
    for assignment in ReviewAssignment.objects.filter(
        role=AssignmentRole.PEER, status=AssignmentStatus.SUBMITTED
    ):
        earned = CreditEntry.objects.filter(
            user=assignment.reviewer, reason=CreditReason.REVIEW_GIVEN, review=assignment.review
        )
        assert earned.count() == 1


def test_assignments_obey_the_blind_and_organisation_rules(loaded):
    mentors = set(mentors_verified().values_list("pk", flat=True))
    orgs = defaultdict(set)
    for user_id, organisation_id in Membership.objects.values_list("user_id", "organisation_id"):
        orgs[user_id].add(organisation_id)
    conflicts = set(ConflictOfInterest.objects.values_list("reviewer_id", "writer_id"))
    open_load = defaultdict(int)
    assignments = ReviewAssignment.objects.select_related("request__series").order_by("assigned_at")
    seen_named: dict[int, set[int]] = defaultdict(set)  # series -> reviewers shown the writer
    assert assignments.exists()
    for a in assignments:
        request, series = a.request, a.request.series
        collaborators = dict(
            Collaborator.objects.filter(series=series).values_list("user_id", "role")
        )
        writers = {series.owner_id} | {
            u for u, role in collaborators.items() if role == CollaboratorRole.COWRITER
        }
        assert a.reviewer_id not in {series.owner_id, request.requested_by_id, *collaborators}
        assert not any((a.reviewer_id, w) in conflicts for w in writers)
        if request.blindness != Blindness.OPEN:
            writer_orgs = set().union(*(orgs[w] for w in writers))
            assert not orgs[a.reviewer_id] & writer_orgs, a.pk
        if request.blindness == Blindness.DOUBLE:
            assert series.visibility == Visibility.PRIVATE
            assert a.reviewer_id not in seen_named[series.pk], a.pk
        else:
            seen_named[series.pk].add(a.reviewer_id)
        if a.role == AssignmentRole.MENTOR:
            assert a.reviewer_id in mentors
        if a.status == AssignmentStatus.ASSIGNED:
            assert request.status == RequestStatus.OPEN
            open_load[a.reviewer_id] += 1
    assert max(open_load.values(), default=0) <= 6  # capacity, plus one chosen by name
    # The tiny set covers every case the rules distinguish.
    assert {a.request.blindness for a in assignments} == set(Blindness.values)
    assert {a.role for a in assignments} >= {AssignmentRole.PEER, AssignmentRole.MENTOR}
    assert set(ReviewRequest.objects.values_list("status", flat=True)) >= {
        RequestStatus.OPEN, RequestStatus.COMPLETED, RequestStatus.CLOSED
    }  # fmt: skip
    for request in ReviewRequest.objects.all():
        statuses = list(request.assignments.values_list("status", flat=True))
        submitted = statuses.count(AssignmentStatus.SUBMITTED)
        active = submitted + statuses.count(AssignmentStatus.ASSIGNED)
        assert active <= request.reviews_needed
        if request.status == RequestStatus.COMPLETED:
            assert submitted == request.reviews_needed and request.completed_at
        if request.status == RequestStatus.OPEN:
            assert submitted < request.reviews_needed
    for note in LineNote.objects.filter(review__assignment__request__blindness=Blindness.DOUBLE):
        owner = note.review.assignment.request.series.owner
        assert owner.display_name_zh not in note.anchor_text or MASK in note.anchor_text


def test_reviewer_reputation_is_what_the_service_computes(loaded):
    profiles = list(ReviewerProfile.objects.filter(user__in=_scale_users()).select_related("user"))
    assert profiles
    for profile in profiles:
        stored = (profile.reputation, profile.reviews_completed)
        fresh = reputation_refresh(user=profile.user)
        assert stored[0] == pytest.approx(fresh.reputation)
        assert stored[1] == fresh.reviews_completed


def test_the_page_benchmark_finds_its_targets(loaded):
    targets = bench_targets()

    long_series = Series.objects.get(pk=targets.long_series)
    assert long_series.episodes_written == 100
    assert long_series.revisions.count() == targets.last_revision == 8
    report = ReviewRequest.objects.get(pk=targets.report_request)
    assert LineNote.objects.filter(review__assignment__request=report).count() == 30
    assignment = ReviewAssignment.objects.get(pk=targets.assignment)
    assert assignment.reviewer.email == targets.busy_reviewer
    assert Series.objects.filter(owner__email=targets.desk_writer).count() == 12


def test_bulk_audit_rows_read_as_the_services_write_them(loaded):
    from core.models import AuditEntry

    requests = ReviewRequest.objects.filter(requested_by__in=_scale_users())[:10]
    for request in requests:
        entry = AuditEntry.objects.get(action="review.requested", target_id=str(request.pk))
        assert entry.target_repr == str(request)
        assert entry.actor_id == request.requested_by_id
        assert entry.data["needed"] == request.reviews_needed
    for series in Series.objects.filter(owner__in=_scale_users())[:10]:
        entry = AuditEntry.objects.get(action="series.created", target_id=str(series.pk))
        assert (entry.target_repr, entry.actor_id) == (series.title, series.owner_id)


def test_the_same_seed_gives_the_same_texts():
    from seeds.scale.series import series_texts

    spec = (3, "zh", "intangible-heritage", "针脚", "王晓明", "关于手艺。", 60, 10,
            [("add", 3), ("edit", 0), ("add", 1)])  # fmt: skip

    first, second = series_texts(7, spec), series_texts(7, spec)

    assert first == second
    assert series_texts(8, spec) != first
    assert [stats["episodes"] for _hashes, _sha, stats in first[0]] == [3, 3, 4]


def test_every_series_is_listed_with_the_snapshot_the_listing_services_would_take(loaded):
    from reviews import boutique_standard
    from reviews.selectors import median_review_score, review_scores_by_revision
    from scouting.models import Listing, ListingStatus
    from scouting.search import search_tokens
    from scouting.services.snapshot import sample_of
    from scripts_app.selectors import writer_ids

    # The series the loader writes in bulk; the showcase's few made through the services
    # (for the page benchmark) stay private.
    series_list = Series.objects.filter(
        owner__in=_scale_users(), discovery_listing__isnull=False
    ).select_related("head")
    assert series_list.count() == 50
    listings = {
        listing.series_id: listing
        for listing in Listing.objects.filter(series__in=series_list).prefetch_related(
            "consents", "terms"
        )
    }
    assert len(listings) == len(series_list)
    scored = 0
    for series in series_list:
        listing = listings[series.pk]
        assert listing.status == ListingStatus.LISTED and listing.listed_at
        # The snapshot is of the head: the hourly refresh finds nothing to take again.
        assert listing.refreshed_at >= series.head.created_at
        assert {c.user_id for c in listing.consents.all() if c.consent == "given"} == writer_ids(
            series
        )
        assert listing.sample_text == sample_of(
            revision_text(series.head), series.format, listing.sample_episodes
        )
        assert listing.synopsis == (series.synopsis if listing.show_synopsis else "")
        if listing.show_score:
            score, count = median_review_score(series, rubric_slug=boutique_standard.SLUG)
            assert (listing.score, listing.review_count) == (round(score, 2), count)
            by_revision = review_scores_by_revision([series.pk], rubric_slug=boutique_standard.SLUG)
            rise = by_revision[series.pk].improvement
            assert listing.improvement == (None if rise is None else round(rise, 2))
            scored += 1
        else:
            assert listing.score is None and listing.improvement is None
        shown = {t.pk for t in listing.terms.all()}
        assert shown == {
            t.pk for t in [*series.themes.all(), *series.genres.all(), *series.audiences.all()]
        }
        assert listing.search_tokens == search_tokens(listing.search_document, shown)
    assert scored, "some writers show their scores"
