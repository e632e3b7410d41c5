"""Discovery listings at scale: every series of the scale set listed for studio scouts,
in both languages, with every writer's consent, as the listing services would leave them.

Each listing's snapshot is built by the code scouts' search reads (`scouting.search`,
`scouting.services.snapshot.sample_of`) from the series' own fields, its head revision's
text (a sample of the first 0–3 episodes) and the median Boutique Standard score of its
submitted reviews (as `reviews.selectors.median_review_score` computes it, for a batch of
series in one query). What a writer chose not to show is stored empty, as the services do.
"""

from collections import defaultdict
from datetime import timedelta

from reviews import boutique_standard
from reviews.selectors import review_scores_by_revision
from scouting.models import Listing, ListingConsent, ListingConsentStatus, ListingStatus
from scouting.search import search_tokens
from scouting.services.snapshot import ShownScore, sample_of, shown_score
from scripts_app.models import Series
from scripts_app.selectors import revision_texts
from seeds.scale.bulk import BATCH, Progress, batched, insert
from seeds.scale.state import World


def median_scores(series_ids: list[int]) -> dict[int, ShownScore]:
    """The median overall Boutique Standard score, review count and improvement between
    the last two reviewed revisions of each series that has submitted reviews, as a
    listing shows them (`shown_score`): one query for the batch."""
    return {
        series_id: shown_score(scores)
        for series_id, scores in review_scores_by_revision(
            series_ids, rubric_slug=boutique_standard.SLUG
        ).items()
    }


def load_listings(world: World, progress: Progress) -> None:
    rng = world.rng("listings")
    with progress.stage("discovery listings") as made:
        counts = {"listings": 0, "consents": 0, "terms": 0}
        for batch in batched(world.series, BATCH):
            infos = {info.pk: info for info in batch}
            ids = list(infos)
            series = list(Series.objects.filter(pk__in=ids).select_related("head").order_by("pk"))
            texts = revision_texts([s.head for s in series if s.head is not None])
            scores = median_scores(ids)
            # Every listing shows its terms (show_terms defaults on): one row per pair.
            term_pairs = [
                (series_id, term_id)
                for relation in ("themes", "genres", "audiences")
                for series_id, term_id in getattr(Series, relation)
                .through.objects.filter(series_id__in=ids)
                .values_list("series_id", "term_id")
            ]
            terms_of: dict[int, list[int]] = defaultdict(list)
            for series_id, term_id in term_pairs:
                terms_of[series_id].append(term_id)
            listings = []
            for item in series:
                info = infos[item.pk]
                listed_at = max(info.created_at, world.now - timedelta(days=rng.uniform(0, 120)))
                sample = rng.choice([0, 0, 1, 1, 2, 3])
                shows_synopsis = rng.random() < 0.7
                score, reviews, improvement = scores.get(item.pk, (None, None, None))
                if rng.random() < 0.4:
                    # The writers keep the score to themselves.
                    score, reviews, improvement = None, None, None
                listing = Listing(
                    series_id=item.pk, status=ListingStatus.LISTED, created_by_id=info.owner,
                    show_synopsis=shows_synopsis, sample_episodes=sample,
                    show_score=score is not None, title=item.title, logline=item.logline,
                    synopsis=item.synopsis if shows_synopsis else "",
                    sample_text=sample_of(texts.get(item.head_id or 0, ""), item.format, sample),
                    language=item.language, episodes_written=item.episodes_written,
                    planned_episodes=item.planned_episodes,
                    target_episode_seconds=item.target_episode_seconds, score=score,
                    review_count=reviews, improvement=improvement, created_at=listed_at, listed_at=listed_at,
                    # The snapshot is of the head: taken no earlier than it was saved.
                    refreshed_at=max(listed_at, item.head.created_at) if item.head else listed_at,
                )  # fmt: skip
                listing.search_document = "\n".join(
                    part
                    for part in (listing.title, listing.logline, listing.synopsis,
                                 listing.sample_text)
                    if part
                )  # fmt: skip
                listing.term_ids = sorted(terms_of[item.pk])
                listing.search_tokens = search_tokens(listing.search_document, listing.term_ids)
                listings.append(listing)
            insert(Listing, listings)
            by_series = {listing.series_id: listing for listing in listings}
            consents = [
                ListingConsent(
                    listing=by_series[info.pk], user_id=writer,
                    consent=ListingConsentStatus.GIVEN, answered_at=by_series[info.pk].listed_at,
                )
                for info in batch
                for writer in sorted(info.writer_side)
            ]  # fmt: skip
            insert(ListingConsent, consents)
            through = Listing.terms.through
            terms = [
                through(listing_id=by_series[series_id].pk, term_id=term_id)
                for series_id, term_id in term_pairs
            ]
            insert(through, terms)
            counts["listings"] += len(listings)
            counts["consents"] += len(consents)
            counts["terms"] += len(terms)
            progress.log(f"  listings {counts['listings']:,}/{len(world.series):,}")
        made += [
            f"{counts['listings']:,} listings",
            f"{counts['consents']:,} consents",
            f"{counts['terms']:,} listing terms",
        ]
