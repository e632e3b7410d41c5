"""Blind review, enforced in one place.

Everything that shows a person in review (pages, API, notifications, e-mail,
exports of a reviewed script) asks these functions how to name them. They answer
from the request's blindness and the viewer's side, never from the caller's goodwill.
"""

from typing import Any

from django.utils.translation import gettext as _

from reviews.models import ReviewAssignment, ReviewRequest
from reviews.permissions import is_staff, is_writer_side
from scripts_app.document import Document

# Title-page and pre-matter entries that name or reach the writer.
_WRITER_TITLE_KEYS = {
    "author", "authors", "credit", "contact", "copyright", "notes", "draft date",
    "编剧", "作者", "原著", "联系方式", "联系人", "出品",
}  # fmt: skip
_WRITER_PREMATTER_PREFIXES = ("编剧", "作者", "原著", "联系方式", "联系人", "电话", "邮箱", "微信")


def viewer_side(viewer: Any, request: ReviewRequest) -> str:
    """ "staff", "writer" or "reviewer" (a viewer who is only a reviewer of this request)."""
    if is_staff(viewer):
        return "staff"
    if is_writer_side(viewer, request):
        return "writer"
    return "reviewer"


def reviewer_label(
    viewer: Any, request: ReviewRequest, assignment: ReviewAssignment, *, side: str | None = None
) -> str:
    side = side or viewer_side(viewer, request)
    if assignment.reviewer_id == getattr(viewer, "pk", None):
        return _("You")
    if side == "staff" or not request.hides_reviewers:
        return assignment.reviewer.display_name
    return _("Reviewer %(letter)s") % {"letter": assignment.letter}


def writer_label(viewer: Any, request: ReviewRequest, *, side: str | None = None) -> str:
    side = side or viewer_side(viewer, request)
    if side in ("staff", "writer") or not request.hides_writer:
        return request.series.owner.display_name
    return _("Anonymous writer")


def person_label(
    viewer: Any,
    request: ReviewRequest,
    person: Any,
    assignments: dict[int, ReviewAssignment],
    *,
    side: str | None = None,
) -> str:
    """Name anyone who wrote in a review thread: a reviewer, or someone on the writer side."""
    assignment = assignments.get(person.pk)
    if assignment is not None:
        return reviewer_label(viewer, request, assignment, side=side)
    if person.pk == getattr(viewer, "pk", None):
        return _("You")
    side = side or viewer_side(viewer, request)
    if side in ("staff", "writer") or not request.hides_writer:
        return person.display_name
    return _("Anonymous writer")


def redact_document(doc: Document) -> Document:
    """The script as a double-blind reviewer may see it: no author on the title page or in
    the Chinese pre-matter (编剧：…)."""
    doc.title_page = [
        (key, value)
        for key, value in doc.title_page
        if key.strip().lower() not in _WRITER_TITLE_KEYS
    ]
    doc.prematter = [
        element for element in doc.prematter
        if not element.text.strip().startswith(_WRITER_PREMATTER_PREFIXES)
    ]  # fmt: skip
    return doc
