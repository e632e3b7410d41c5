"""The moves of export jobs and merge conflicts (performed by core.workflows.workflow_move)."""

from django.utils.translation import gettext_lazy as _

from core.workflows import Move, Workflow, system_only
from scripts_app.models import ExportStatus
from scripts_app.models.revisions import MergeConflictStatus
from scripts_app.permissions import can_edit_series

EXPORT_FLOW = Workflow(
    name="series.export",
    audit_target=lambda job: job.series,
    moves=[
        # A task delivered again after a worker died mid-run starts the job again.
        Move(
            "start",
            source=[ExportStatus.QUEUED, ExportStatus.RUNNING, ExportStatus.FAILED],
            target=ExportStatus.RUNNING,
            allowed=system_only,
            audit_action="series.export_started",
        ),
        Move(
            "finish",
            source=[ExportStatus.RUNNING],
            target=ExportStatus.DONE,
            allowed=system_only,
            audit_action="series.export_finished",
        ),
        Move(
            "fail",
            source=[ExportStatus.RUNNING],
            target=ExportStatus.FAILED,
            allowed=system_only,
            audit_action="series.export_finished",
        ),
    ],
)


CONFLICT_FLOW = Workflow(
    name="series.conflict",
    audit_target=lambda conflict: conflict.series,
    refusal=_("This conflict was already resolved."),
    moves=[
        # A writer's choices, or a later save that merges cleanly, settle the overlap.
        Move(
            "resolve",
            source=[MergeConflictStatus.OPEN],
            target=MergeConflictStatus.RESOLVED,
            allowed=lambda actor, conflict: can_edit_series(actor, conflict.series),
            audit_action="series.conflict_resolved",
        ),
    ],
)
