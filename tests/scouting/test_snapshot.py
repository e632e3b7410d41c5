"""What a listing takes from the apps below, only when the writer shows it."""

import pytest

from registry.services.registration import registration_request
from reviews.services.reviewing import review_save
from scouting.selectors import SearchParams, listing_search
from scouting.services.listings import ListingChoices, listing_update
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import full_scores, peers, review_request

pytestmark = pytest.mark.django_db


def _reviewed(series, values, run_on_commit):
    peers(len(values))
    with run_on_commit():
        request = review_request(series, reviews_needed=len(values))
    for assignment, value in zip(request.assignments.all(), values, strict=True):
        review_save(
            actor=assignment.reviewer, assignment=assignment, scores=full_scores(value),
            overall_comment="意见", submit=True,
        )  # fmt: skip


def test_the_median_boutique_standard_score_shows_only_when_chosen(run_on_commit):
    series = heritage_series()
    _reviewed(series, (6, 8, 9), run_on_commit)
    scout = studio_scout()

    hidden = listed(series)
    assert hidden.score is None
    assert list(listing_search(scout, SearchParams(min_score=7)).listings) == []

    shown = listing_update(
        actor=series.owner, listing=hidden, choices=ListingChoices(show_score=True)
    )
    assert (shown.score, shown.review_count) == (8.0, 3)
    assert list(listing_search(scout, SearchParams(min_score=7)).listings) == [shown]
    assert list(listing_search(scout, SearchParams(min_score=8.5)).listings) == []


def test_the_registry_entry_shows_only_when_chosen():
    series = heritage_series()
    registration_request(actor=series.owner, series=series, revision=series.head, authors=[])
    scout = studio_scout()

    hidden = listed(series)
    assert hidden.registry_number is None
    shown = listing_update(
        actor=series.owner, listing=hidden, choices=ListingChoices(show_registry=True)
    )

    assert shown.registry_number is not None
    assert list(listing_search(scout, SearchParams(registered=True)).listings) == [shown]


def test_most_improved_is_the_median_rise_between_the_last_two_reviewed_revisions(
    run_on_commit,
):
    from scouting.selectors import Sort
    from scripts_app.selectors import revision_text
    from scripts_app.services.revisions import revision_save

    rising, steady, unreviewed = (heritage_series(title=t) for t in ("进步", "稳定", "未评"))
    _reviewed(rising, (5, 5, 6), run_on_commit)
    _reviewed(steady, (7, 7, 7), run_on_commit)
    for series in (rising, steady):
        revision_save(
            actor=series.owner, series=series, text=revision_text(series.head) + "\n△补一场戏。",
            base=series.head,
        )  # fmt: skip
        series.refresh_from_db()
    _reviewed(rising, (8, 8, 9), run_on_commit)
    _reviewed(steady, (7, 7, 8), run_on_commit)
    choices = ListingChoices(show_score=True)
    shown = [listed(s, **vars(choices)) for s in (rising, steady, unreviewed)]

    assert [listing.improvement for listing in shown] == [3.0, 0.0, None]
    # Six reviews over two revisions: the median of all six.
    assert (shown[0].score, shown[0].review_count) == (7.0, 6)
    scout = studio_scout()
    order = listing_search(scout, SearchParams(sort=Sort.IMPROVED)).listings
    assert [listing.title for listing in order] == ["进步", "稳定", "未评"]

    hidden = listing_update(actor=rising.owner, listing=shown[0], choices=ListingChoices())
    assert hidden.improvement is None  # it goes with the score


# --- The score follows the reviews (scores_refresh, the hourly task) ----------------------


def test_a_score_submitted_after_listing_reaches_search_and_the_digest_without_a_save(
    run_on_commit,
):
    from config.celery import app
    from scouting.models import Listing, ListingsVersion
    from scouting.services.saved_searches import saved_search_create, saved_search_digest
    from scouting.services.snapshot import scores_refresh
    from scouting.tasks import refresh_listings

    shown, hidden, unreviewed = (heritage_series(title=t) for t in ("显示", "不显示", "未评"))
    listings = {
        "shown": listed(shown, show_score=True),
        "hidden": listed(hidden),
        "unreviewed": listed(unreviewed, show_score=True),
    }
    scout = studio_scout()
    saved = saved_search_create(actor=scout, name="非遗", query="q=非遗")
    with run_on_commit():
        saved_search_digest(saved=saved)  # the three listings are told once
    assert all(listing.score is None for listing in listings.values())

    _reviewed(shown, (7, 8, 9), run_on_commit)
    _reviewed(hidden, (9, 9, 9), run_on_commit)
    assert list(listing_search(scout, SearchParams(min_score=7)).listings) == []

    with run_on_commit():
        assert refresh_listings() == 1  # the task is the service
    fresh = {name: Listing.objects.get(pk=listing.pk) for name, listing in listings.items()}
    assert (fresh["shown"].score, fresh["shown"].review_count) == (8.0, 3)
    assert fresh["hidden"].score is None and fresh["unreviewed"].score is None
    assert [row.title for row in listing_search(scout, SearchParams(min_score=7)).listings] == [
        "显示"
    ]
    # A new score is news for the saved search; nothing else is.
    from datetime import timedelta

    from django.utils import timezone

    with run_on_commit():
        assert saved_search_digest(saved=saved, now=timezone.now() + timedelta(days=1)) == 1

    # Nothing changed since: nothing is written (the listings version, which every write
    # to a listing changes, stays), in batches smaller than the listings.
    version = ListingsVersion.objects.get().token
    assert scores_refresh(batch=1) == 0
    assert ListingsVersion.objects.get().token == version
    entry = app.conf.beat_schedule["scouting-listings-refresh"]
    assert entry["task"] == "scouting.tasks.refresh_listings"


def test_a_new_draft_reaches_the_sample_and_the_search_by_itself():
    from scouting.models import Listing
    from scouting.services.listings import listing_unlist, snapshots_refresh_stale
    from scripts_app.selectors import revision_text
    from scripts_app.services.revisions import revision_save

    drafting, steady, unlisted = (heritage_series(title=t) for t in ("改稿", "定稿", "下架"))
    listings = [listed(series, sample_episodes=3) for series in (drafting, steady, unlisted)]
    listing_unlist(actor=unlisted.owner, listing=listings[2])
    before = {listing.pk: listing.refreshed_at for listing in Listing.objects.all()}
    scout = studio_scout()
    assert list(listing_search(scout, SearchParams(q="风雨桥")).listings) == []

    for series in (drafting, unlisted):
        revision_save(
            actor=series.owner, series=series,
            text=revision_text(series.head) + "\n△风雨桥下，外婆教他编第一只竹篮。", base=series.head,
        )  # fmt: skip
    assert snapshots_refresh_stale(limit=5) == 1
    fresh = Listing.objects.get(pk=listings[0].pk)
    assert "风雨桥" in fresh.sample_text and fresh.refreshed_at > before[fresh.pk]
    assert [row.title for row in listing_search(scout, SearchParams(q="风雨桥")).listings] == [
        "改稿"
    ]
    # The others are not taken again: one is up to date, one is not listed.
    for listing in listings[1:]:
        assert Listing.objects.get(pk=listing.pk).refreshed_at == before[listing.pk]
    assert snapshots_refresh_stale() == 0  # and a taken snapshot is not taken twice


def test_a_registry_entry_an_award_and_a_certificate_reach_the_filters_by_themselves():
    from courses.services.certificates import certificate_revoke
    from incubator.services.awards import project_set_public
    from scouting.models import Listing
    from scouting.services.listings import consent_give, snapshots_refresh_stale
    from scripts_app.models import Collaborator
    from tests.courses.certificate_support import certified
    from tests.incubator.test_awards import running

    scout = studio_scout()
    shown = {"show_registry": True, "show_awards": True, "show_certificates": True}

    def titles(**filters):
        return [row.title for row in listing_search(scout, SearchParams(**filters)).listings]

    # Listed first, each fact coming after.
    registering, hiding = heritage_series(title="登记"), heritage_series(title="不显示")
    registered, not_shown = listed(registering, **shown), listed(hiding)
    project, _manager, _milestones, _tranches = running()
    funded = listed(project.application.series, **shown)
    certificate, teacher, student = certified()
    taught = heritage_series(title="结业")
    Collaborator.objects.create(series=taught, user=student, role="cowriter", added_by=taught.owner)
    consent_give(actor=taught.owner, listing=listed(taught, actor=student, **shown))
    assert snapshots_refresh_stale() == 0  # nothing has changed yet
    already = titles(registered=True)  # the fund's series is registered when it applies
    assert "登记" not in already and titles(awarded=True) == []
    assert titles(certified=True) == ["结业"]

    for series in (registering, hiding):
        registration_request(actor=series.owner, series=series, revision=series.head, authors=[])
    project_set_public(actor=project.application.lead, project=project, public=True)
    certificate_revoke(actor=teacher, certificate=certificate, reason="抄袭")

    assert snapshots_refresh_stale() == 3  # not the series that does not show its entry
    assert sorted(titles(registered=True)) == sorted([*already, "登记"])
    assert Listing.objects.get(pk=not_shown.pk).registry_number is None
    assert titles(awarded=True) == [funded.title]
    assert titles(certified=True) == []
    assert snapshots_refresh_stale() == 0

    # A snapshot showing an older entry than the newest is taken again.
    newest = Listing.objects.get(pk=registered.pk).registry_number
    Listing.objects.filter(pk=registered.pk).update(registry_number=newest + 1000)
    assert snapshots_refresh_stale() == 1
    assert Listing.objects.get(pk=registered.pk).registry_number == newest
