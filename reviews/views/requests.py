from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from reviews import permissions, selectors
from reviews.forms import RatingForm, ReplyForm, RequestForm
from reviews.models import ReviewPolicy
from reviews.report_html import (
    report_bars_html,
    report_cards_html,
    report_notes_html,
    report_table_rows_html,
)
from reviews.services.requests import request_close, review_request_create
from reviews.services.reviewing import note_reply, note_set_resolved, review_rate
from reviews.services.rubrics import version_for_use
from scripts_app import permissions as script_permissions
from scripts_app.selectors import revision_text


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, series_pk: int):
    series = script_permissions.get_series_for(request.user, series_pk, action="edit")
    balance = selectors.credits_available(request.user)
    form = RequestForm(
        request.POST or None,
        series=series,
        balance=balance,
        default_reviews=ReviewPolicy.current().peer_reviews_per_request,
    )
    if series.head is None:
        messages.error(request, _("Write something before asking for review."))
        return redirect(series)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = review_request_create(
                actor=request.user,
                series=series,
                revision=series.head,
                kind=data["kind"],
                rubric_version=version_for_use(data["rubric"]),
                blindness=data["blindness"],
                reviews_needed=data["reviews_needed"],
                due_at=data["due_at"],
                mentor=data["mentor"],
                episode_from=data["episode_from"],
                episode_to=data["episode_to"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Review requested. You will be told as reviews come in."))
            return redirect(created)
    return render(
        request,
        "reviews/request_form.html",
        {"series": series, "form": form, "ledger": selectors.ledger_for(request.user)},
    )


@login_required
def request_detail(request, pk: int):
    """The score report. Writers see it as reviews arrive; a reviewer after submitting."""
    review_request = permissions.get_request_for(request.user, pk)
    series = review_request.series
    head = series.head if permissions.is_writer_side(request.user, review_request) else None
    shown = head or review_request.revision
    report = selectors.report_for(request.user, review_request, on=head)
    # Read only if the screenplay is not cached yet.
    screenplay = selectors.screenplay_for_review(
        request.user,
        review_request,
        shown,
        review_request.revision.format,
        text=lambda: revision_text(shown),
    )
    csrf_token = get_token(request)
    return render(
        request,
        "reviews/request_detail.html",
        {
            "review_request": review_request,
            "report": report,
            "bars_html": report_bars_html(
                report, scale_max=review_request.rubric_version.scale_max
            ),
            "table_rows_html": report_table_rows_html(report),
            "cards_html": report_cards_html(
                report, request_pk=review_request.pk, csrf_token=csrf_token
            ),
            "notes_html": report_notes_html(
                report.notes, request_pk=review_request.pk, csrf_token=csrf_token
            ),
            "screenplay": screenplay,
            "showing_head": head is not None and head.pk != review_request.revision_id,
        },
    )


@login_required
@require_POST
def request_close_view(request, pk: int):
    review_request = permissions.get_request_for_writer(request.user, pk)
    try:
        request_close(actor=request.user, request=review_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request is closed."))
    return redirect(review_request)


@login_required
@require_POST
def review_rate_view(request, pk: int, review_pk: int):
    review = permissions.get_review_for_writer(request.user, pk, review_pk)
    review_request = review.assignment.request
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            review_rate(
                actor=request.user,
                review=review,
                helpfulness=form.cleaned_data["helpfulness"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: ratings make reviewers better."))
    else:
        messages.error(request, _("Choose a rating from 1 to 5."))
    return redirect(review_request)


@login_required
@require_POST
def note_reply_view(request, pk: int, note_pk: int):
    review_request = permissions.get_request_for(request.user, pk)
    note = permissions.get_note_for(request.user, note_pk, request=review_request)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            note_reply(actor=request.user, note=note, body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Write a reply of at most 4,000 characters."))
    return redirect(f"{review_request.get_absolute_url()}#note-{note.pk}")


@login_required
@require_POST
def note_resolve_view(request, pk: int, note_pk: int):
    review_request = permissions.get_request_for_writer(request.user, pk)
    note = permissions.get_note_for(request.user, note_pk, request=review_request)
    note_set_resolved(actor=request.user, note=note, resolved=request.POST.get("resolved") != "0")
    return redirect(f"{review_request.get_absolute_url()}#note-{note.pk}")
