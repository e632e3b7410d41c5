from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.notifications import notification_send
from scripts_app import permissions
from scripts_app.models import LineComment, Revision
from scripts_app.selectors import revision_text, series_people


@transaction.atomic
def comment_create(*, actor: User, revision: Revision, line: int, body: str) -> LineComment:
    """A note on one line. Readers, co-writers and the owner may comment.

    Raises:
        PermissionDenied: the actor may not comment on this series.
        ValidationError: the line does not exist or the comment is empty or too long.
    """
    series = revision.series
    if not permissions.can_comment_series(actor, series):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Write a comment.")]})
    if len(body) > 4000:
        raise ValidationError({"body": [_("At most 4,000 characters.")]})
    lines = revision_text(revision).split("\n")
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        raise ValidationError({"line": [_("Choose a line with text on it.")]})
    comment = LineComment.objects.create(
        series=series,
        revision=revision,
        line=line,
        anchor_text=lines[line - 1].strip()[:500],
        author=actor,
        body=body,
    )
    audit_record(
        actor=actor,
        action="series.comment_added",
        target=series,
        data={"comment": comment.pk, "revision": revision.number, "line": line},
    )
    for person in series_people(series):
        if person.pk != actor.pk:
            notification_send(
                recipient=person,
                kind="series_comment",
                actor=actor,
                params={"actor": actor.name_pair, "series": series.title, "line": line},
                url=reverse("scripts:series_read", args=[series.pk]) + f"#L{line}",
            )
    return comment


@transaction.atomic
def comment_set_resolved(*, actor: User, comment: LineComment, resolved: bool) -> LineComment:
    """Writers (owner, co-writers) and the comment's author mark it resolved or open."""
    if not permissions.can_resolve_comment(actor, comment):
        raise PermissionDenied
    comment.resolved = resolved
    comment.save(update_fields=["resolved"])
    audit_record(
        actor=actor,
        action="series.comment_resolved" if resolved else "series.comment_reopened",
        target=comment.series,
        data={"comment": comment.pk},
    )
    return comment
