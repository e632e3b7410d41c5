"""The snapshot a listing shows scouts: exactly what its writers chose, taken from the
series and the apps below (reviews, registry, the fund, courses), with the search text
built from it. Called by the listing services only, inside their transaction."""

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from courses.models import Certificate, CertificateStatus
from courses.selectors import certificates_held_by
from incubator.selectors import public_projects
from registry.models import RegistryEntry
from registry.selectors import registered_revisions_of
from reviews import boutique_standard
from reviews.selectors import RevisionScores, review_scores_by_revision
from scouting.models import Deal, DealStatus, Listing, ListingStatus, OfferKind
from scouting.search import search_tokens
from scripts_app.document import parse
from scripts_app.models import Collaborator, CollaboratorRole
from scripts_app.selectors import revision_text, writer_ids


def sample_of(text: str, fmt: str, episodes: int) -> str:
    """The source text of the first `episodes` episodes (from the first episode's heading
    to the heading of the one after them); "" for none."""
    if episodes <= 0 or not text:
        return ""
    found = parse(text, fmt).episodes
    if not found:
        return ""
    lines = text.splitlines()
    start = found[0].line - 1
    end = found[episodes].line - 1 if len(found) > episodes else len(lines)
    return "\n".join(lines[start:end]).strip()


def option_hidden_until(series_id: int, *, except_studio_id: int | None = None):  # type: ignore[no-untyped-def]
    """The last day of the exclusive option in force on the series (None for none): until
    then its listing is found by nobody (scouting.services.offers sets it at activation).
    `except_studio_id`: leave out that studio's own options."""
    options = Deal.objects.filter(
        series_id=series_id,
        status=DealStatus.ACTIVE,
        kind=OfferKind.OPTION,
        terms__exclusive=True,
        option_ends_on__gte=timezone.localdate(),
    )
    if except_studio_id is not None:
        options = options.exclude(studio_id=except_studio_id)
    return options.aggregate(last=Max("option_ends_on"))["last"]


ShownScore = tuple[float | None, int | None, float | None]


def shown_score(scores: RevisionScores | None) -> ShownScore:
    """The median Boutique Standard score, the number of reviews and the rise between the
    last two reviewed revisions, as a listing shows them (all None without reviews)."""
    if scores is None or scores.median is None:
        return None, None, None
    improvement = scores.improvement
    return (
        round(scores.median, 2),
        len(scores.all),
        None if improvement is None else round(improvement, 2),
    )


SCORE_REFRESH_BATCH = 1000


def scores_refresh(*, batch: int = SCORE_REFRESH_BATCH) -> int:
    """Bring the score every listed series shows up to date with the reviews submitted
    since its snapshot (the hourly task): a new score reaches the search, its filter and
    sort, and the saved searches' digests ("newly scored") without the writers saving the
    listing again. One query for the scores of each batch of listings; only the listings
    whose score changed are written (one statement a batch). Returns how many changed."""
    changed, after, now = 0, 0, timezone.now()
    listings = Listing.objects.filter(status=ListingStatus.LISTED, show_score=True).only(
        "pk", "series_id", "score", "review_count", "improvement", "refreshed_at"
    )
    while rows := list(listings.filter(pk__gt=after).order_by("pk")[:batch]):
        after = rows[-1].pk
        scores = review_scores_by_revision(
            [row.series_id for row in rows], rubric_slug=boutique_standard.SLUG
        )
        stale = []
        for row in rows:
            fresh = shown_score(scores.get(row.series_id))
            if fresh != (row.score, row.review_count, row.improvement):
                row.score, row.review_count, row.improvement = fresh
                # What the digests read as "changed since" (a new score is news).
                row.refreshed_at = now
                stale.append(row)
        if stale:
            Listing.objects.bulk_update(
                stale, ["score", "review_count", "improvement", "refreshed_at"]
            )
        changed += len(stale)
    return changed


def with_stale_facts(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """The listings whose registry entry, award or certificate is not what their snapshot
    shows (an entry registered, a funded project made public, a certificate issued or
    revoked since), of those whose writers chose to show it: the same facts as
    `snapshot_take` takes, asked of every listing in one query."""
    newest_entry = (
        RegistryEntry.objects.filter(series_id=OuterRef("series_id"))
        .order_by("-number")
        .values("number")[:1]
    )
    issued = Certificate.objects.filter(status=CertificateStatus.ISSUED)
    certified = Exists(issued.filter(student_id=OuterRef("series__owner_id"))) | Exists(
        Collaborator.objects.filter(
            series_id=OuterRef("series_id"),
            role=CollaboratorRole.COWRITER,
            user_id__in=issued.values("student_id"),
        )
    )
    awarded = Exists(public_projects().filter(application__series_id=OuterRef("series_id")))
    return listings.alias(
        entry_number=Subquery(newest_entry), is_awarded=awarded, is_certified=certified
    ).filter(
        Q(show_registry=True)
        & (
            Q(registry_number__isnull=True, entry_number__isnull=False)
            | Q(registry_number__isnull=False, entry_number__isnull=True)
            | (Q(registry_number__isnull=False) & ~Q(registry_number=F("entry_number")))
        )
        | Q(show_awards=True) & ~Q(awarded=F("is_awarded"))
        | Q(show_certificates=True) & ~Q(certificate_holder=F("is_certified"))
    )


def snapshot_take(listing: Listing) -> None:
    """Fill the listing's shown fields, terms and search text from its series and choices
    (saves the row and its terms)."""
    series = listing.series
    listing.title = series.title
    listing.language = series.language
    listing.logline = series.logline if listing.show_logline else ""
    listing.synopsis = series.synopsis if listing.show_synopsis else ""
    listing.sample_text = (
        sample_of(revision_text(series.head), series.format, listing.sample_episodes)
        if series.head is not None
        else ""
    )
    shows_episodes = listing.show_episodes
    listing.episodes_written = series.episodes_written if shows_episodes else None
    listing.planned_episodes = series.planned_episodes if shows_episodes else None
    listing.target_episode_seconds = series.target_episode_seconds if shows_episodes else None
    listing.score, listing.review_count, listing.improvement = None, None, None
    if listing.show_score:
        scores = review_scores_by_revision([series.pk], rubric_slug=boutique_standard.SLUG)
        listing.score, listing.review_count, listing.improvement = shown_score(
            scores.get(series.pk)
        )
    listing.registry_number = None
    if listing.show_registry:
        entry = registered_revisions_of(series).first()
        listing.registry_number = entry.number if entry is not None else None
    listing.awarded = (
        listing.show_awards and public_projects().filter(application__series=series).exists()
    )
    listing.certificate_holder = listing.show_certificates and any(
        certificates_held_by(writer).filter(status=CertificateStatus.ISSUED).exists()
        for writer in User.objects.filter(pk__in=writer_ids(series)).order_by("pk")
    )
    listing.search_document = "\n".join(
        part for part in (listing.title, listing.logline, listing.synopsis, listing.sample_text)
        if part
    )  # fmt: skip
    terms = (
        [*series.themes.all(), *series.genres.all(), *series.audiences.all()]
        if listing.show_terms
        else []
    )
    listing.term_ids = sorted(t.pk for t in terms)
    listing.search_tokens = search_tokens(listing.search_document, listing.term_ids)
    listing.refreshed_at = timezone.now()
    # An exclusive option in force keeps hiding the listing, whatever the row held.
    listing.hidden_until = option_hidden_until(series.pk)
    listing.save()
    listing.terms.set(terms)
