"""The moves of a registration and of a record export (performed by
core.workflows.workflow_move)."""

from django.utils.translation import gettext_lazy as _

from core.workflows import Move, Workflow, system_only
from registry.models import RecordExportStatus, RegistrationStatus, ReportStatus
from registry.permissions import can_answer_registration, can_withdraw_registration

REGISTRATION_FLOW = Workflow(
    name="registry.registration",
    audit_target=lambda registration: registration.series,
    refusal=_("This registration is no longer waiting for answers."),
    moves=[
        # The last consent arrives (or there was no one else to ask): the entry is chained.
        Move(
            "register",
            source=[RegistrationStatus.PENDING],
            target=RegistrationStatus.REGISTERED,
            allowed=system_only,
            audit_action="registry.registered",
        ),
        Move(
            "decline",
            source=[RegistrationStatus.PENDING],
            target=RegistrationStatus.DECLINED,
            allowed=can_answer_registration,
            audit_action="registry.declined",
        ),
        Move(
            "withdraw",
            source=[RegistrationStatus.PENDING],
            target=RegistrationStatus.WITHDRAWN,
            allowed=can_withdraw_registration,
            audit_action="registry.withdrawn",
        ),
    ],
)


RECORD_EXPORT_FLOW = Workflow(
    name="registry.record_export",
    audit_target=lambda export: export.requested_by,
    moves=[
        # A task delivered again after a worker died mid-run starts the export again.
        Move(
            "start",
            source=[RecordExportStatus.QUEUED, RecordExportStatus.RUNNING],
            target=RecordExportStatus.RUNNING,
            allowed=system_only,
            audit_action="registry.record_export_started",
        ),
        Move(
            "finish",
            source=[RecordExportStatus.RUNNING],
            target=RecordExportStatus.DONE,
            allowed=system_only,
            audit_action="registry.record_export_finished",
        ),
        Move(
            "fail",
            source=[RecordExportStatus.RUNNING],
            target=RecordExportStatus.FAILED,
            allowed=system_only,
            audit_action="registry.record_export_failed",
        ),
    ],
)


# A report is run by a task only; a task delivered again after a worker died starts over.
REPORT_FLOW = Workflow(
    name="registry.originality",
    audit_target=lambda report: report.series,
    moves=[
        Move(
            "start",
            source=[ReportStatus.QUEUED, ReportStatus.RUNNING, ReportStatus.FAILED],
            target=ReportStatus.RUNNING,
            allowed=system_only,
            audit_action="registry.originality_started",
        ),
        Move(
            "finish",
            source=[ReportStatus.RUNNING],
            target=ReportStatus.DONE,
            allowed=system_only,
            audit_action="registry.originality_finished",
        ),
        Move(
            "fail",
            source=[ReportStatus.RUNNING],
            target=ReportStatus.FAILED,
            allowed=system_only,
            audit_action="registry.originality_finished",
        ),
    ],
)
