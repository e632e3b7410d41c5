from scripts_app.models.compliance import ComplianceCategory, ComplianceRule
from scripts_app.models.exports import ExportFormat, ExportJob, ExportStatus
from scripts_app.models.revisions import (
    LineComment,
    MergeConflict,
    Revision,
    RevisionColor,
    RevisionKind,
    ScriptChunk,
)
from scripts_app.models.series import (
    AIAssistance,
    Collaborator,
    CollaboratorRole,
    ReaderExports,
    ScriptFormat,
    Series,
    Visibility,
)

__all__ = [
    "AIAssistance",
    "Collaborator",
    "CollaboratorRole",
    "ComplianceCategory",
    "ComplianceRule",
    "ExportFormat",
    "ExportJob",
    "ExportStatus",
    "LineComment",
    "MergeConflict",
    "ReaderExports",
    "Revision",
    "RevisionColor",
    "RevisionKind",
    "ScriptChunk",
    "ScriptFormat",
    "Series",
    "Visibility",
]
