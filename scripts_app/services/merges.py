from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services.audit import audit_record
from scripts_app import permissions
from scripts_app.merging import merge_texts, resolve
from scripts_app.models import MergeConflict, RevisionKind
from scripts_app.models.revisions import MergeConflictStatus
from scripts_app.selectors import revision_texts
from scripts_app.services.revisions import SaveResult, revision_save


@transaction.atomic
def conflict_resolve(*, actor: Any, conflict: MergeConflict, choices: list[str]) -> SaveResult:
    """Build the text from one choice per overlapping change and save it.

    The result is saved on top of the co-writer's version the conflict was found
    against; if someone saved again meanwhile, that is merged in as any save is.

    Raises:
        PermissionDenied: the actor may not edit the series.
        ValidationError: the conflict is already resolved or a choice is missing.
    """
    if not permissions.can_edit_series(actor, conflict.series):
        raise PermissionDenied
    conflict = MergeConflict.objects.select_for_update().get(pk=conflict.pk)
    if conflict.status != MergeConflictStatus.OPEN:
        raise ValidationError(_("This conflict was already resolved."))
    texts = revision_texts([conflict.base, conflict.ours, conflict.theirs])
    merge = merge_texts(texts[conflict.base_id], texts[conflict.ours_id], texts[conflict.theirs_id])
    if any(choice not in ("ours", "theirs", "both") for choice in choices) or len(choices) != len(
        merge.conflicts
    ):
        raise ValidationError(_("Choose a version for every change."))
    result = revision_save(
        actor=actor,
        series=conflict.series,
        text=resolve(merge, choices),
        base=conflict.theirs,
        kind=RevisionKind.CONFLICT,
    )
    conflict.status = MergeConflictStatus.RESOLVED
    conflict.resolution = result.head if result.status != "conflict" else result.own
    conflict.resolved_at = timezone.now()
    conflict.save(update_fields=["status", "resolution", "resolved_at"])
    audit_record(
        actor=actor,
        action="series.conflict_resolved",
        target=conflict.series,
        data={"conflict": conflict.pk, "choices": choices, "revision": conflict.resolution.number},
    )
    return result
