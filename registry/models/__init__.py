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

__all__ = [
    "ConsentStatus",
    "HeadSnapshot",
    "Registration",
    "RegistrationAuthor",
    "RegistrationStatus",
    "RegistryEntry",
    "RightsBasis",
]
