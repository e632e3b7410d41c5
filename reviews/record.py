"""The review part of a person's record export (registered in ReviewsConfig.ready through
registry.record.sections).

Everything here comes through the same blind-safe readers as the review pages: a request
the person made is read with `report_for` as the writer side sees it (reviewers of a
blind request are "Reviewer A", "Reviewer B"), and a review they gave is named as its
reviewer sees it (the writer of a double-blind request stays anonymous, its title and
quotes blanked). No reviewer's account, and no one's e-mail address, is written.
"""

from typing import Any

from accounts.models import User
from registry.chain import format_time
from registry.record.writer import SectionWriter
from reviews.blindness import blanker_for, person_label, viewer_side, writer_label
from reviews.models import (
    AssignmentStatus,
    Criterion,
    LineNote,
    NoteReply,
    ReviewAssignment,
    ReviewScore,
    ReviewStatus,
)
from reviews.selectors import assignments_for_reviewer, report_for, requests_for_writer

RECORD_VERSION = 1


def _time(moment: Any) -> str | None:
    return format_time(moment) if moment else None


def _criterion(criterion: Criterion) -> dict[str, Any]:
    return {
        "key": criterion.key,
        "name_zh": criterion.name_zh,
        "name_en": criterion.name_en,
        "weight": str(criterion.weight),
    }


def _request_received(user: User, request: Any) -> dict[str, Any]:
    report = report_for(user, request)
    criteria = {row.criterion.pk: row.criterion for row in report.rows}
    reviews = []
    for card in report.cards:
        review = card.assignment.review
        reviews.append(
            {
                "reviewer": card.label,
                "role": card.assignment.role,
                "submitted_at": _time(review.submitted_at),
                "overall_comment": review.overall_comment,
                "scores": [
                    {
                        "criterion": criteria[criterion_id].key
                        if criterion_id in criteria
                        else None,
                        "score": score.score,
                        "comment": score.comment,
                    }
                    for criterion_id, score in card.scores.items()
                ],
                "your_helpfulness_rating": card.helpfulness,
            }
        )
    return {
        "id": request.pk,
        "series": {"id": request.series_id, "title": request.series.title},
        "revision": request.revision.number,
        "episodes": [request.episode_from, request.episode_to],
        "kind": request.kind,
        "blindness": request.blindness,
        "status": request.status,
        "requested_at": _time(request.created_at),
        "completed_at": _time(request.completed_at),
        "rubric": {
            "name": str(request.rubric_version.rubric.name),
            "version": request.rubric_version.number,
            "scale": [request.rubric_version.scale_min, request.rubric_version.scale_max],
            "criteria": [_criterion(row.criterion) for row in report.rows],
        },
        "note_to_reviewers": request.note,
        "staff_decision": request.staff_decision,
        "summary": {
            "overall": report.overall,
            "criteria": [
                {
                    "criterion": row.criterion.key,
                    "aggregate": row.summary.aggregate,
                    "scores": [{"reviewer": label, "score": score} for label, score in row.scores],
                }
                for row in report.rows
            ],
        },
        "reviews": reviews,
        "line_notes": [
            {
                "reviewer": placed.author_label,
                "revision_line": placed.note.line,
                "quoted_line": placed.note.anchor_text,
                "note": placed.note.body,
                "resolved": placed.note.resolved,
                "written_at": _time(placed.note.created_at),
                "replies": [
                    {"by": label, "reply": reply.body, "written_at": _time(reply.created_at)}
                    for label, reply in placed.replies
                ],
            }
            for placed in report.notes
        ],
    }


def _review_given(user: User, assignment: ReviewAssignment) -> dict[str, Any]:
    request = assignment.request
    review = assignment.review
    side = viewer_side(user, request)
    title = request.series.title
    if request.hides_writer:
        title = blanker_for(request).line(title)
    scores = (
        ReviewScore.objects.filter(review=review)
        .select_related("criterion")
        .order_by("criterion__position")
    )
    notes = LineNote.objects.filter(review=review).order_by("line", "created_at")
    replies: dict[int, list[NoteReply]] = {}
    for reply in NoteReply.objects.filter(note__review=review).select_related("author"):
        replies.setdefault(reply.note_id, []).append(reply)
    by_reviewer = {assignment.reviewer_id: assignment}
    return {
        "request": request.pk,
        "series_title": title,
        "writer": writer_label(user, request, side=side),
        "revision": request.revision.number,
        "kind": request.kind,
        "blindness": request.blindness,
        "your_role": assignment.role,
        "submitted_at": _time(review.submitted_at),
        "overall_comment": review.overall_comment,
        "scores": [
            {"criterion": s.criterion.key, "score": s.score, "comment": s.comment} for s in scores
        ],
        "line_notes": [
            {
                "revision_line": note.line,
                "quoted_line": note.anchor_text,
                "note": note.body,
                "resolved": note.resolved,
                "written_at": _time(note.created_at),
                "replies": [
                    {
                        "by": person_label(user, request, reply.author, by_reviewer, side=side),
                        "reply": reply.body,
                        "written_at": _time(reply.created_at),
                    }
                    for reply in replies.get(note.pk, [])
                ],
            }
            for note in notes
        ],
    }


def review_record(user: User, out: SectionWriter) -> dict[str, Any]:
    """Write `reviews/requests.json` (requests the person made, with what they received)
    and `reviews/given.json` (reviews they submitted)."""
    requests = [
        _request_received(user, request)
        for request in requests_for_writer(user)
        .select_related("rubric_version__rubric")
        .order_by("created_at", "pk")
    ]
    given = [
        _review_given(user, assignment)
        for assignment in assignments_for_reviewer(user)
        .filter(status=AssignmentStatus.SUBMITTED, review__status=ReviewStatus.SUBMITTED)
        .order_by("finished_at", "pk")
    ]
    out.add_json("requests.json", {"version": RECORD_VERSION, "requests": requests})
    out.add_json("given.json", {"version": RECORD_VERSION, "reviews": given})
    return {
        "version": RECORD_VERSION,
        "requests": len(requests),
        "reviews_given": len(given),
        "files": ["reviews/requests.json", "reviews/given.json"],
    }
