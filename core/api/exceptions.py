"""One error body for the whole API: {"errors": {"<field>": ["<message>", ...]}}.

Services raise Django's ValidationError and PermissionDenied; forms and this
handler both understand them, so a rule is written once and reads the same on a
page and in the API. Errors not tied to a field are under "detail" (from the
framework) or "non_field_errors" (from validation).

Statuses: 400 invalid input, 401/403 who you are, 404 not found (or not yours to
see), 405/406/415 the wrong method or media type, 409 a valid request that the
object's state refuses (`core.exceptions.Conflict`, or a delete that records which
must be kept would block), 429 throttled. A few leftovers that would otherwise be a
500 are mapped defensively: an object that vanished (404) and a number too large for
the database or a character it refuses (400). The schema documents all of them (`core.api.schema`).
"""

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import Conflict

logger = logging.getLogger(__name__)


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This cannot be done in the object's current state.")
    default_code = "conflict"


def flatten_errors(data: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error structure into {"a.0.b": ["message"]}."""
    if isinstance(data, dict):
        flat: dict[str, list[str]] = {}
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in flatten_errors(value, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    if isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            return {prefix or "non_field_errors": [str(item) for item in data]}
        flat = {}
        for index, item in enumerate(data):
            name = f"{prefix}.{index}" if prefix else str(index)
            for field, messages in flatten_errors(item, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    return {prefix or "detail": [str(data)]}


def _translate(exc: Exception, context: dict) -> tuple[Exception, int | None]:
    """Django and Python exceptions as the DRF exception to render, and a status override."""
    if isinstance(exc, Conflict):
        return exceptions.ValidationError(as_serializer_error(exc)), status.HTTP_409_CONFLICT
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc)), None
    if isinstance(exc, ProtectedError | RestrictedError):
        return ConflictError(
            _("This cannot be deleted: other records refer to it and are kept.")
        ), None
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return exceptions.NotFound(), None
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args[:1]), None
    if isinstance(exc, OverflowError | DataError):
        # Only reached where an input escaped its bounds (a number beyond BoundedIntegerField,
        # a NUL byte PostgreSQL refuses): log it so the input gets its rule, and answer 400.
        view = context.get("view")
        logger.warning("Unchecked input reached the database in %s: %s", type(view).__name__, exc)
        return exceptions.ValidationError(
            {
                "non_field_errors": [
                    _("A value is out of range or holds a character that is not allowed.")
                ]
            }
        ), None
    return exc, None


def exception_handler(exc: Exception, context: dict) -> Response | None:
    exc, status_override = _translate(exc, context)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(response.data)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        errors = {"detail": [str(detail)]}
    response.data = {"errors": errors}
    if status_override:
        response.status_code = status_override
    return response
