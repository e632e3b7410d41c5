"""Pieces the workspace API views share: schema types, revision lookup, the save answer."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes

from core.limits import DB_INT_MAX
from scripts_app import selectors
from scripts_app.models import Revision
from scripts_app.services.revisions import (
    SaveResult,
    episode_text,
)

# Responses whose shape is the parser's and documented in docs/parsed-document-schema.md.
JSON = OpenApiTypes.OBJECT

# ?revision=, ?a=, ?b=: what parse_bounded_int accepts.
REVISION_NUMBER = {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}


def revision_by_number(series, number: int | None, *, field: str) -> Revision | None:
    """The series' revision `number` (None when no number was given); a ValidationError
    on `field` when the series has no such revision."""
    if number is None:
        return None
    revision = series.revisions.filter(number=number).first()
    if revision is None:
        raise ValidationError({field: [_("No revision with this number in this series.")]})
    return revision


def save_answer(series, result: SaveResult, episode: int | None, viewer) -> dict:
    """What a save, a restore or a resolution answers: the outcome, the head, the text
    (of `episode` only, when the editor saved one), and the open conflicts."""
    text = result.text
    if text is not None and episode is not None:
        text = episode_text(text, series.format, episode)
    conflict = result.conflict if result.status == "conflict" else None
    return {
        "status": result.status,
        "head": {"number": result.head.number, "sha256": result.head.sha256},
        "own": {"number": result.own.number, "sha256": result.own.sha256} if result.own else None,
        "text": text,
        "conflict_url": reverse("scripts:conflict_detail", args=[series.pk, conflict.pk])
        if conflict
        else None,
        "open_conflicts": selectors.open_conflicts_summary(series, viewer),
    }
