"""A scout's saved searches, and the daily digest of their new matches.

A saved search is the search form's query string, validated by the search form and
normalised (fields in the form's order, empty ones and the page dropped), so the same
search saved twice reads the same. Each day (scouting.tasks, scheduled in
config/celery.py) every saved search whose owner still scouts is run through
`scouting.selectors.listing_matches` as that owner; the series it matches that the owner has
not been told about yet, or whose score changed since, are sent as one notification (in-app
and e-mail). Nothing is sent when nothing is new.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.notifications import notification_send
from scouting.forms import SearchForm
from scouting.models import SavedSearch, SavedSearchHit
from scouting.permissions import can_search_listings
from scouting.selectors import SearchParams, listing_matches

DIGEST_TITLES = 5
IGNORED = {"page", "page_size"}


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "on"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def search_normalise(query: str) -> tuple[str, SearchParams]:
    """The normalised query string of a search, and its parameters.

    Raises:
        ValidationError: the search form refuses it (the messages name the fields).
    """
    data = QueryDict(query.lstrip("?"), mutable=True)
    for key in IGNORED:
        data.pop(key, None)
    form = SearchForm(data)
    if not form.is_valid():
        messages = [
            f"{form.fields[name].label}: {message}" if name in form.fields else message
            for name, errors in form.errors.items()
            for message in errors
        ]
        raise ValidationError({"query": messages})
    pairs: list[tuple[str, str]] = []
    for name in form.fields:
        value = form.cleaned_data.get(name)
        if value in (None, "", False, [], ()):
            continue
        for item in sorted(value) if isinstance(value, list | tuple) else [value]:
            pairs.append((name, _as_text(item)))
    return urlencode(pairs), form.params()


def saved_search_create(*, actor: User, name: str, query: str) -> SavedSearch:
    """Save a scout's search. The series it matches now are not news for the digest.

    Raises:
        PermissionDenied: the actor does not scout.
        ValidationError: no name, or a search the form refuses (under "query").
    """
    if not can_search_listings(actor):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the search a name.")]})
    normalised, params = search_normalise(query or "")
    now = timezone.now()
    with transaction.atomic():
        saved = SavedSearch.objects.create(
            owner=actor, name=name[:120], query=normalised, last_run_at=now
        )
        current = listing_matches(actor, params).values_list("pk", "score")
        SavedSearchHit.objects.bulk_create(
            SavedSearchHit(saved_search=saved, listing_id=pk, score=score, sent_at=now)
            for pk, score in current
        )
        audit_record(
            actor=actor, action="scouting.saved_search_created", target=saved,
            data={"query": normalised},
        )  # fmt: skip
    return saved


def saved_search_delete(*, actor: User, saved: SavedSearch) -> None:
    """Raises: PermissionDenied when the actor is not its owner."""
    if actor.pk != saved.owner_id:
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor, action="scouting.saved_search_deleted", target=actor,
            data={"saved_search": saved.pk, "name": saved.name},
        )  # fmt: skip
        saved.delete()


def search_url(saved: SavedSearch) -> str:
    base = reverse("scouting:search")
    return f"{base}?{saved.query}" if saved.query else base


def saved_search_digest(*, saved: SavedSearch, now: datetime | None = None) -> int:
    """Send the owner the series newly matching one saved search since its last digest.

    New: listed, or given a new score, since then, and not yet told with this score.
    Nothing is sent to a person who no longer scouts, nor when nothing is new; the
    search's clock moves on either way.

    Returns:
        How many series the digest named (0 when none was sent).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            SavedSearch.objects.select_for_update(of=("self",))
            .select_related("owner")
            .get(pk=saved.pk)
        )
        since, owner = locked.last_run_at, locked.owner
        news = []
        if owner.is_active and can_search_listings(owner):
            try:
                _query, params = search_normalise(locked.query)
            except ValidationError:
                params = None  # a term it named was retired: the search finds nothing
            if params is not None:
                fresh = listing_matches(owner, params).filter(
                    Q(listed_at__gt=since, listed_at__lte=now)
                    | Q(refreshed_at__gt=since, refreshed_at__lte=now)
                )
                candidates = list(fresh.order_by("-listed_at", "-pk"))
                told = dict(
                    locked.hits.filter(listing_id__in=[c.pk for c in candidates]).values_list(
                        "listing_id", "score"
                    )
                )
                news = [c for c in candidates if c.pk not in told or told[c.pk] != c.score]
        if news:
            shown = [listing.title for listing in news[:DIGEST_TITLES]]
            more = " …" if len(news) > DIGEST_TITLES else ""
            titles = {"zh": "、".join(shown) + more, "en": ", ".join(shown) + more}
            notification_send(
                recipient=owner,
                kind="scouting_saved_search_digest",
                params={"count": len(news), "name": locked.name, "titles": titles},
                url=search_url(locked),
            )
            SavedSearchHit.objects.bulk_create(
                [
                    SavedSearchHit(
                        saved_search=locked, listing_id=listing.pk, score=listing.score, sent_at=now
                    )
                    for listing in news
                ],
                update_conflicts=True,
                unique_fields=["saved_search", "listing"],
                update_fields=["score", "sent_at"],
            )
        locked.last_run_at = now
        locked.save(update_fields=["last_run_at"])
    return len(news)


def saved_searches_digest(*, now: datetime | None = None) -> int:
    """Run every saved search's digest (the daily task). Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for saved in SavedSearch.objects.filter(last_run_at__lt=now).order_by("pk").iterator():
        sent += bool(saved_search_digest(saved=saved, now=now))
    return sent
