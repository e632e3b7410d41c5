"""Creating series and managing who works on them."""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.memberships import member_add, member_change_role, member_remove
from core.services.audit import audit_record
from core.services.notifications import notification_send
from scripts_app import permissions
from scripts_app.extensions import writers_changed
from scripts_app.models import Collaborator, RevisionKind, Series
from scripts_app.services.revisions import revision_save
from taxonomy.models import Term, TermKind

SERIES_FIELDS = (
    "title", "logline", "synopsis", "language", "format", "planned_episodes",
    "target_episode_seconds", "paywall_episode", "ai_assistance", "ai_note", "visibility",
    "reader_exports",
)  # fmt: skip
OWNER_FIELDS = ("visibility", "reader_exports")  # who may read or copy it: the owner's call
TERM_FIELDS = {"themes": TermKind.THEME, "genres": TermKind.GENRE, "audiences": TermKind.AUDIENCE}


def _set_terms(series: Series, terms: dict[str, Iterable[Term] | None]) -> None:
    for field, kind in TERM_FIELDS.items():
        chosen = terms.get(field)
        if chosen is None:
            continue
        chosen = list(chosen)
        if any(term.kind != kind for term in chosen):
            raise ValidationError(
                {field: [_("Choose from the %(kind)s list.") % {"kind": TermKind(kind).label}]}
            )
        getattr(series, field).set(chosen)


@transaction.atomic
def series_create(*, actor: User, text: str = "", **fields: Any) -> Series:
    """Start a series owned by the actor, optionally with a first revision of its text.

    Keyword arguments are the series fields and `themes`, `genres`, `audiences`.
    """
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    terms = {name: fields.pop(name, None) for name in TERM_FIELDS}
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise ValueError(f"Not series fields: {sorted(unknown)}")
    series = Series(owner=actor, **fields)
    series.full_clean()
    series.save()
    _set_terms(series, terms)
    audit_record(actor=actor, action="series.created", target=series)
    if text.strip():
        revision_save(actor=actor, series=series, text=text, base=None, kind=RevisionKind.SAVE)
        series.refresh_from_db()
    return series


# Apps above the workspace may refuse a change of visibility (reviews: a double-blind
# review is under way). Each guard takes the series and the new visibility and returns
# why not, or None; they are registered from AppConfig.ready, as notification kinds are.
VISIBILITY_GUARDS: list[Callable[[Series, str], str | None]] = []


@transaction.atomic
def series_update(*, actor: User, series: Series, **fields: Any) -> Series:
    if not permissions.can_edit_series(actor, series):
        raise PermissionDenied
    terms = {name: fields.pop(name, None) for name in TERM_FIELDS}
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise ValueError(f"Not series fields: {sorted(unknown)}")
    # Opening a script to the platform, or letting readers take copies, is the owner's call.
    changes_access = any(
        name in fields and fields[name] != getattr(series, name) for name in OWNER_FIELDS
    )
    if changes_access and not permissions.can_manage_series(actor, series):
        raise PermissionDenied(_("Only the owner can change who may read the series."))
    # Compared with the stored value: a ModelForm has already set the new one on `series`.
    stored_visibility = Series.objects.values_list("visibility", flat=True).get(pk=series.pk)
    if "visibility" in fields and fields["visibility"] != stored_visibility:
        for guard in VISIBILITY_GUARDS:
            if problem := guard(series, fields["visibility"]):
                raise ValidationError({"visibility": [problem]})
    for name, value in fields.items():
        setattr(series, name, value)
    series.full_clean()
    series.save(update_fields=[*fields, "updated_at"] if fields else None)
    _set_terms(series, terms)
    audit_record(
        actor=actor,
        action="series.updated",
        target=series,
        data={"fields": sorted(fields) + sorted(k for k, v in terms.items() if v is not None)},
    )
    return series


@transaction.atomic
def series_delete(*, actor: User, series: Series) -> None:
    """Delete a series with its revisions, comments and exports.

    Records that other parts of the platform keep about it (review requests, the
    reviews written for them) are never deleted with it: their foreign keys protect
    the series, and the deletion is refused instead.

    Raises:
        PermissionDenied: the actor is not the owner.
        Conflict: something that must be kept refers to the series.
    """
    if not permissions.can_manage_series(actor, series):
        raise PermissionDenied
    audit_record(actor=actor, action="series.deleted", target=series, data={"title": series.title})
    try:
        with transaction.atomic():
            series.delete()
    except (ProtectedError, RestrictedError) as error:
        raise Conflict(
            _(
                "This series has been reviewed, and review records are kept, so it cannot be "
                "deleted. Make it private instead."
            ),
            code="protected",
        ) from error


@transaction.atomic
def collaborator_add(*, actor: User, series: Series, email: str, role: str) -> Collaborator:
    """The owner invites someone by their account's e-mail address.

    Raises:
        ValidationError: no active account has this address, it is the owner's, the
            person already collaborates, or the role is unknown. The message does not
            reveal anything about an account beyond "no such account".
    """
    if not permissions.can_manage_series(actor, series):
        raise PermissionDenied
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise ValidationError({"email": [_("No account uses this e-mail address.")]})
    if person.pk == series.owner_id:
        raise ValidationError({"email": [_("That is the owner of the series.")]})
    collaborator = member_add(
        Collaborator,
        actor=actor,
        container=series,
        user=person,
        role=role,
        audit_action="series.collaborator_added",
        person_field="email",
    )
    writers_changed(series, actor)
    notification_send(
        recipient=person,
        kind="series_collaborator_added",
        actor=actor,
        params={
            "actor": actor.name_pair,
            "series": series.title,
            "role": collaborator.role_in_both_languages(),
        },
        url=reverse("scripts:series_detail", args=[series.pk]),
    )
    return collaborator


@transaction.atomic
def collaborator_change_role(*, actor: User, collaborator: Collaborator, role: str) -> Collaborator:
    if not permissions.can_manage_series(actor, collaborator.series):
        raise PermissionDenied
    member_change_role(
        collaborator, actor=actor, role=role, audit_action="series.collaborator_role_changed"
    )
    writers_changed(collaborator.series, actor)
    return collaborator


@transaction.atomic
def collaborator_remove(*, actor: User, collaborator: Collaborator) -> None:
    """The owner removes someone, or a collaborator leaves."""
    if not permissions.can_remove_collaborator(actor, collaborator):
        raise PermissionDenied
    member_remove(collaborator, actor=actor, audit_action="series.collaborator_removed")
    writers_changed(collaborator.series, actor)
