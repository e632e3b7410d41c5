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
from registry.models.record import RecordExport, RecordExportStatus

__all__ = [
    "ConsentStatus",
    "HeadSnapshot",
    "RecordExport",
    "RecordExportStatus",
    "Registration",
    "RegistrationAuthor",
    "RegistrationStatus",
    "RegistryEntry",
    "RightsBasis",
]
