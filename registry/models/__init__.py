"""The registry's models, one module per concern, re-exported here."""

from registry.models.chain import (
    ConsentStatus,
    HeadSnapshot,
    Registration,
    RegistrationAuthor,
    RegistrationStatus,
    RegistryEntry,
    RightsBasis,
)
from registry.models.originality import (
    Fingerprint,
    FingerprintReason,
    OriginalityReport,
    ReportStatus,
)
from registry.models.record import RecordExport, RecordExportStatus

__all__ = [
    "ConsentStatus",
    "Fingerprint",
    "FingerprintReason",
    "OriginalityReport",
    "ReportStatus",
    "HeadSnapshot",
    "RecordExport",
    "RecordExportStatus",
    "Registration",
    "RegistrationAuthor",
    "RegistrationStatus",
    "RegistryEntry",
    "RightsBasis",
]
