"""The snapshot a listing shows scouts: exactly what its writers chose, taken from the
series and the apps below (reviews, registry, the fund, courses), with the search text
built from it. Called by the listing services only, inside their transaction."""

from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from courses.models import CertificateStatus
from courses.selectors import certificates_held_by
from incubator.selectors import public_projects
from registry.selectors import registered_revisions_of
from reviews import boutique_standard
from reviews.selectors import review_scores_by_revision
from scouting.models import Deal, DealStatus, Listing, OfferKind
from scouting.search import search_tokens
from scripts_app.document import parse
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


def option_hidden_until(series_id: int):  # type: ignore[no-untyped-def]
    """The last day of the exclusive option in force on the series (None for none): until
    then its listing is found by nobody (scouting.services.offers sets it at activation)."""
    return Deal.objects.filter(
        series_id=series_id,
        status=DealStatus.ACTIVE,
        kind=OfferKind.OPTION,
        terms__exclusive=True,
        option_ends_on__gte=timezone.localdate(),
    ).aggregate(last=Max("option_ends_on"))["last"]


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
        if series.pk in scores:
            shown = scores[series.pk]
            listing.score, listing.review_count = round(shown.median, 2), len(shown.all)  # type: ignore[arg-type]
            improvement = shown.improvement
            listing.improvement = None if improvement is None else round(improvement, 2)
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
