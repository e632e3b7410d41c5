"""Demo reviews: calibration exemplars, declared conflicts, and review requests in every
state, made through the review services so they obey the same rules as real use."""

from collections.abc import Callable

from accounts.models import User
from reviews.models import (
    AssignmentRole,
    CalibrationExemplar,
    ConflictOfInterest,
    ReviewRequest,
    Rubric,
)
from reviews.services.calibration import calibration_submit, needs_calibration
from reviews.services.credits import credit_add
from reviews.services.requests import review_request_create, reviewers_assign, staff_decide
from reviews.services.reviewing import (
    line_note_add,
    note_reply,
    note_set_resolved,
    review_rate,
    review_save,
)
from reviews.services.rubrics import version_for_use
from scripts_app.models import Revision, Series
from scripts_app.selectors import revision_text
from seeds.world import reviews as data
from seeds.world.series import SERIES

STAFF = "moderator"


def load_reviews(log: Callable[[str], None], person: Callable[[str], User]) -> None:
    rubric = Rubric.objects.get(is_default=True)
    for exemplar in data.EXEMPLARS:
        fields = ("title", "format", "text", "reference_scores", "explanation_zh", "explanation_en")
        CalibrationExemplar.objects.get_or_create(
            rubric=rubric,
            key=exemplar["key"],
            defaults={field: exemplar[field] for field in fields},
        )
    for conflict in data.CONFLICTS:
        writer = person(conflict["writer"])
        ConflictOfInterest.objects.get_or_create(
            reviewer=person(conflict["reviewer"]),
            writer=writer,
            defaults={"reason": conflict["reason"], "email": writer.email},
        )
    if ReviewRequest.objects.exists():
        log("reviews: 0 requests created")
        return
    titles = {series["slug"]: series["title"] for series in SERIES}
    for spec in data.REQUESTS:
        _load_request(spec, titles, version_for_use(rubric), person)
    log(f"reviews: {len(data.REQUESTS)} requests created")


def calibrate_demo_reviewer(reviewer: User, rubric: Rubric) -> None:
    """Demo reviewers calibrate as people do: close to the staff scores, not exactly on them."""
    exemplar = (
        CalibrationExemplar.objects.filter(rubric=rubric, is_active=True).order_by("key").first()
    )
    offsets = [0, 1, -1, 2, 0, -1, 1, 0, -2]
    scores = {
        key: min(10, max(1, value + offsets[(index + reviewer.pk) % len(offsets)]))
        for index, (key, value) in enumerate(sorted(exemplar.reference_scores.items()))
    }
    calibration_submit(actor=reviewer, exemplar=exemplar, scores=scores)


def _load_request(spec: dict, titles: dict, version, person: Callable[[str], User]) -> None:
    owner = person(spec["requested_by"])
    series = Series.objects.get(owner=owner, title=titles[spec["series"]])
    revision = Revision.objects.get(series=series, number=spec["revision"])
    reviewers = [person(review["reviewer"]) for review in spec["reviews"]]
    if spec["kind"] == "peer":
        credit_add(user=owner, delta=len(reviewers), reason="grant")
    episodes = spec.get("episodes") or [None, None]
    # The demo names its reviewers, so they are assigned by hand rather than matched.
    request = review_request_create(
        actor=owner, series=series, revision=revision, kind=spec["kind"], rubric_version=version,
        blindness=spec["blindness"], reviews_needed=len(reviewers), episode_from=episodes[0],
        episode_to=episodes[1], note=spec.get("note", ""), auto_assign=False,
    )  # fmt: skip
    role = AssignmentRole.MENTOR if spec["kind"] == "mentor" else AssignmentRole.PEER
    assignments = reviewers_assign(actor=None, request=request, reviewers=reviewers, role=role)
    lines = revision_text(revision).split("\n")
    for review_spec, assignment in zip(spec["reviews"], assignments, strict=True):
        if review_spec["status"] == "assigned":
            continue
        reviewer = assignment.reviewer
        if role == AssignmentRole.PEER and needs_calibration(reviewer, version.rubric):
            calibrate_demo_reviewer(reviewer, version.rubric)
        notes = [
            line_note_add(
                actor=reviewer,
                assignment=assignment,
                line=lines.index(n["quote"]) + 1,
                body=n["body"],
            )
            for n in review_spec.get("line_notes", [])
        ]
        submit = review_spec["status"] == "submitted"
        review = review_save(
            actor=reviewer, assignment=assignment, scores=review_spec["scores"],
            overall_comment=review_spec["overall"], submit=submit,
        )  # fmt: skip
        if not submit:
            continue
        for note, note_spec in zip(notes, review_spec.get("line_notes", []), strict=True):
            for reply in note_spec.get("replies", []):
                note_reply(actor=person(reply["by"]), note=note, body=reply["body"])
            if note_spec.get("resolved"):
                note_set_resolved(actor=owner, note=note, resolved=True)
        if review_spec.get("helpfulness"):
            review_rate(
                actor=owner, review=review, helpfulness=review_spec["helpfulness"],
                comment=review_spec.get("helpfulness_comment", ""),
            )  # fmt: skip
    if spec.get("staff_decision"):
        request.refresh_from_db()
        staff_decide(
            actor=person(STAFF), request=request, decision=spec["staff_decision"],
            extra_review=spec.get("extra_review", False),
        )  # fmt: skip
