"""Exceptions services raise beyond Django's own."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """A well-formed request that the object's current state refuses.

    A ValidationError, so forms show it like any rule (`core.forms.add_service_errors`);
    the API answers it with 409 and the usual error body.
    """
