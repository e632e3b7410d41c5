import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.limits import parse_bounded_int
from scripts_app import permissions, selectors
from scripts_app.comments import comments_for_display
from scripts_app.editor_strings import editor_strings
from scripts_app.forms import CommentForm
from scripts_app.listing import comments_html
from scripts_app.screenplay import screenplay_html_for_revision, screenplay_html_for_text
from scripts_app.services.comments import comment_create, comment_set_resolved
from scripts_app.services.revisions import episode_text


@login_required
def series_write(request, pk: int):
    """The editor: the whole text, or one episode with ?episode=N."""
    series = permissions.get_series_for(request.user, pk, action="read")
    can_edit = permissions.can_edit_series(request.user, series)
    text = selectors.revision_text(series.head) if series.head else ""
    episode = request.GET.get("episode", "")
    episode_number = parse_bounded_int(episode)
    if episode_number is not None:
        text = episode_text(text, series.format, episode_number) or ""
    outline = series.head.stats.get("outline", []) if series.head else []
    return render(
        request,
        "scripts_app/write.html",
        {
            "series": series,
            "text": text,
            "episode": episode_number,
            "outline": outline,
            "can_edit": can_edit,
            "strings": editor_strings(),
            "open_conflicts": selectors.open_conflicts_summary(series, request.user)
            if can_edit
            else [],
            "urls": {
                "save": reverse("api-series-revisions", args=[series.pk]),
                "preview": reverse("api-series-preview", args=[series.pk]),
                "comments": reverse("api-series-comments", args=[series.pk]),
                "conflicts": reverse("api-series-conflicts", args=[series.pk]) if can_edit else "",
            },
        },
    )


@login_required
def series_read(request, pk: int):
    """The script in screenplay layout, with line comments beside it."""
    series = permissions.get_series_for(request.user, pk, action="read")
    revision = selectors.revision_requested(series, request.GET.get("revision", ""))
    if revision is None:
        screenplay, comments = screenplay_html_for_text("", series.format), []
    else:
        # The text is read only if the screenplay is not cached or a comment made on an
        # earlier revision must find its line in it; then once.
        text = functools.cache(lambda: selectors.revision_text(revision))
        screenplay = screenplay_html_for_revision(revision, series.format, text=text)
        comments = comments_for_display(series, revision, text, viewer=request.user)
    return render(
        request,
        "scripts_app/read.html",
        {
            "series": series,
            "revision": revision,
            "screenplay": screenplay,
            "comments": comments,
            "comments_html": comments_html(series, comments, csrf_token=get_token(request)),
            "comment_form": CommentForm(),
            "can_comment": permissions.can_comment_series(request.user, series),
        },
    )


@login_required
@require_POST
def comment_add(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="comment")
    form = CommentForm(request.POST)
    if not series.head:
        messages.error(request, _("There is no text to comment on yet."))
    elif form.is_valid():
        try:
            comment_create(actor=request.user, revision=series.head, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your comment was added."))
            return redirect(
                reverse("scripts:series_read", args=[series.pk]) + f"#L{form.cleaned_data['line']}"
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("scripts:series_read", pk=series.pk)


@login_required
@require_POST
def comment_resolve(request, pk: int, comment_pk: int):
    series = permissions.get_series_for(request.user, pk, action="comment")
    comment = get_object_or_404(series.line_comments, pk=comment_pk)
    comment_set_resolved(
        actor=request.user, comment=comment, resolved=request.POST.get("resolved") != "0"
    )
    return redirect(reverse("scripts:series_read", args=[series.pk]) + f"#L{comment.line}")
