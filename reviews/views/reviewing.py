from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.files import generated_download
from core.redirects import safe_next
from reviews import permissions, selectors
from reviews.blindness import writer_label
from reviews.forms import DeclineForm, LineNoteForm, ReviewForm
from reviews.listing import review_form_rows_html
from reviews.models import AssignmentRole, AssignmentStatus, Review
from reviews.services.calibration import calibration_submit, needs_calibration
from reviews.services.reviewing import (
    assignment_decline,
    line_note_add,
    line_note_delete,
    review_save,
)
from reviews.services.rubrics import version_for_use
from scripts_app.screenplay import screenplay_html_for_text
from scripts_app.selectors import revision_text


def _review_form(assignment, review: Review | None, data=None) -> ReviewForm:
    criteria = selectors.criteria_of(assignment.request)
    initial = {}
    if review is not None:
        initial["overall_comment"] = review.overall_comment
        for criterion_id, score in selectors.drafts_by_criterion(review.pk).items():
            key = next(c.key for c in criteria if c.pk == criterion_id)
            initial[f"score_{key}"] = score.score
            initial[f"comment_{key}"] = score.comment
    return ReviewForm(
        data, initial=initial, criteria=criteria, version=assignment.request.rubric_version
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request, pk: int):
    """The reviewer's desk: the script beside the rubric, line notes on the script."""
    assignment = permissions.get_assignment_for(request.user, pk)
    review_request = assignment.request
    rubric = review_request.rubric_version.rubric
    if (
        assignment.status == AssignmentStatus.ASSIGNED
        and assignment.role == AssignmentRole.PEER
        and needs_calibration(request.user, rubric)
    ):
        return redirect(
            f"{reverse('reviews:calibration', args=[rubric.slug])}?next={assignment.get_absolute_url()}"
        )
    review = Review.objects.filter(assignment=assignment).first()
    form = _review_form(assignment, review, request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            review_save(
                actor=request.user, assignment=assignment, scores=form.scores(),
                overall_comment=form.cleaned_data["overall_comment"], submit=submit,
            )  # fmt: skip
        except ValidationError as error:
            _add_score_errors(form, error)
        else:
            if request.htmx:
                return render(
                    request, "reviews/partials/draft_status.html", {"saved_at": timezone.now()}
                )
            messages.success(
                request, _("Your review is submitted. Thank you.") if submit else _("Draft saved.")
            )
            return redirect(review_request if submit else assignment)
    if request.htmx and request.method == "POST":
        return render(request, "reviews/partials/draft_status.html", {"form": form}, status=400)
    screenplay = selectors.screenplay_for_review(
        request.user,
        review_request,
        review_request.revision,
        review_request.revision.format,
        text=lambda: revision_text(review_request.revision),
    )
    if request.method == "POST":  # a draft saved above may have made the review
        review = Review.objects.filter(assignment=assignment).first()
    editable = assignment.status == AssignmentStatus.ASSIGNED and review_request.is_open
    return render(
        request,
        "reviews/assignment_detail.html",
        {
            "assignment": assignment,
            "review_request": review_request,
            "screenplay": screenplay,
            "form": form,
            "form_rows_html": review_form_rows_html(
                form, version=review_request.rubric_version, editable=editable
            ),
            "notes": list(review.line_notes.all()) if review else [],
            "writer": writer_label(request.user, review_request),
            "editable": editable,
        },
    )


def _add_score_errors(form: ReviewForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages_ in error.message_dict.items():
        name = field.replace("scores.", "score_") if field.startswith("scores.") else field
        form.add_error(name if name in form.fields else None, messages_)


@login_required
def assignment_script_pdf(request, pk: int):
    """The script under review as a PDF, as blind as the desk."""
    assignment = permissions.get_assignment_for(request.user, pk)
    content = selectors.review_copy_pdf(request.user, assignment)
    return generated_download(
        content,
        filename=f"review-{assignment.request_id}-{assignment.letter}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def note_add(request, pk: int):
    assignment = permissions.get_assignment_for(request.user, pk)
    form = LineNoteForm(request.POST)
    note, error_messages = None, []
    if form.is_valid():
        try:
            note = line_note_add(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            error_messages = error.messages
    else:
        error_messages = [e for errors in form.errors.values() for e in errors]
    if request.htmx and note is not None:
        return render(
            request, "reviews/partials/note_added.html", {"note": note, "assignment": assignment}
        )
    if request.htmx:
        # Beside the form, which keeps what the reviewer typed (htmx does not reset it).
        response = render(
            request, "reviews/partials/note_errors.html", {"errors": error_messages}, status=422
        )
        response["HX-Retarget"] = "#note-errors"
        response["HX-Reswap"] = "innerHTML"
        return response
    if error_messages:
        messages.error(request, " ".join(error_messages))
    return redirect(assignment)


@login_required
@require_POST
def note_delete(request, pk: int, note_pk: int):
    note = permissions.get_own_note_for(request.user, pk, note_pk)
    assignment = note.review.assignment
    try:
        line_note_delete(actor=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(assignment)


@login_required
@require_POST
def assignment_decline_view(request, pk: int):
    assignment = permissions.get_assignment_for(request.user, pk)
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        assignment_decline(actor=request.user, assignment=assignment, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assignment)
    messages.success(request, _("Handed back. Another reviewer will take it."))
    return redirect("reviews:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def calibration(request, slug: str):
    """Score a staff-scored excerpt first, and see how far off you were."""
    exemplar = selectors.exemplar_to_calibrate(request.user, slug, request.LANGUAGE_CODE)
    next_url = safe_next(request, request.GET.get("next"))
    if exemplar is None:
        return redirect(next_url or reverse("reviews:inbox"))
    rubric = exemplar.rubric
    version = version_for_use(rubric)
    if version is None:
        messages.error(
            request, _("This rubric has no published version yet, so there is nothing to calibrate against.")
        )  # fmt: skip
        return redirect(next_url or reverse("reviews:inbox"))
    criteria = [c for c in version.criteria.all() if c.key in exemplar.reference_scores]
    form = ReviewForm(request.POST or None, criteria=criteria, version=version)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = calibration_submit(
                actor=request.user, exemplar=exemplar,
                scores={k: v["score"] for k, v in form.scores().items() if v["score"] is not None},
            )  # fmt: skip
        except ValidationError as error:
            _add_score_errors(form, error)
    return render(
        request,
        "reviews/calibration.html",
        {
            "exemplar": exemplar,
            "screenplay": screenplay_html_for_text(exemplar.text, exemplar.format),
            "form": form,
            "result": result,
            "criteria": criteria,
            "next_url": next_url,
            "rubric": rubric,
        },
    )
