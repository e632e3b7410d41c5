from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from scripts_app import extensions, permissions, selectors
from scripts_app.forms import MilestoneForm
from scripts_app.listing import revision_options_html, revision_rows_html
from scripts_app.merging import merge_texts
from scripts_app.screenplay import screenplay_html_for_text
from scripts_app.services.revisions import conflict_resolve, revision_name, revision_restore

REVISIONS_PER_PAGE = 50
COMPARE_EPISODES_PER_PAGE = 10


@login_required
def revision_list(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="read")
    revisions = selectors.revisions_of(series)
    if request.GET.get("milestones"):
        revisions = revisions.exclude(name="")
    page = Paginator(revisions, REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    links = extensions.revision_links(series, list(page), request.user)
    for revision in page:
        revision.links = links.get(revision.pk, [])
    return render(
        request,
        "scripts_app/revision_list.html",
        {
            "series": series,
            "page": page,
            "rows": revision_rows_html(series, page),
            "milestones_only": bool(request.GET.get("milestones")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_detail(request, pk: int, number: int):
    series = permissions.get_series_for(request.user, pk, action="read")
    revision = selectors.get_revision(series, number)
    can_edit = permissions.can_edit_series(request.user, series)
    form = MilestoneForm(
        request.POST or None, initial={"name": revision.name, "color": revision.color}
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                revision_name(actor=request.user, revision=revision, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if revision.name:
                    messages.success(request, _("The milestone was saved."))
                else:
                    messages.success(request, _("This revision is no longer a milestone."))
                return redirect("scripts:revision_detail", pk=series.pk, number=revision.number)
    text = selectors.revision_text(revision)
    return render(
        request,
        "scripts_app/revision_detail.html",
        {
            "series": series,
            "revision": revision,
            "screenplay": screenplay_html_for_text(text, revision.format),
            "form": form,
            "can_edit": can_edit,
            "is_head": series.head_id == revision.pk,
            "links": extensions.revision_links(series, [revision], request.user).get(
                revision.pk, []
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_restore_view(request, pk: int, number: int):
    """Asks first (GET, or a POST that does not confirm), then restores."""
    series = permissions.get_series_for(request.user, pk, action="edit")
    revision = selectors.get_revision(series, number)
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        return render(
            request,
            "scripts_app/revision_restore.html",
            {"series": series, "revision": revision, "head": series.head},
        )
    result = revision_restore(actor=request.user, revision=revision)
    messages.success(
        request,
        _("Revision #%(old)s is now the current text, saved as #%(new)s.")
        % {"old": revision.number, "new": result.head.number},
    )
    return redirect(series)


@login_required
def compare(request, pk: int):
    """Any two revisions, side by side or inline, episode by episode."""
    series = permissions.get_series_for(request.user, pk, action="read")
    numbers = list(selectors.revisions_of(series).values_list("number", flat=True)[:2])
    a = request.GET.get("a") or (numbers[-1] if numbers else "")
    b = request.GET.get("b") or (numbers[0] if numbers else "")
    mode = "inline" if request.GET.get("mode") == "inline" else "side"
    context = {"series": series, "mode": mode, "a": a, "b": b}
    if str(a).isdigit() and str(b).isdigit():
        old = selectors.get_revision(series, int(a))
        new = selectors.get_revision(series, int(b))
        # Lazy: the page's HTML is cached by the pair's hashes (compare.html), and a
        # cached page needs neither the diff nor its pagination.
        diff = SimpleLazyObject(lambda: selectors.revisions_diff(old, new, series.format))
        # Two revisions far apart differ in every episode: a page of episodes at a time.
        page = SimpleLazyObject(
            lambda: Paginator(diff.episodes, COMPARE_EPISODES_PER_PAGE).get_page(
                request.GET.get("page")
            )
        )
        context.update(old=old, new=new, diff=diff, page=page)
    choices = list(selectors.revisions_of(series).values_list("number", "name")[:500])
    context["options_a"] = revision_options_html(choices, selected=a)
    context["options_b"] = revision_options_html(choices, selected=b)
    return render(request, "scripts_app/compare.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conflict_detail(request, pk: int, conflict_pk: int):
    """Choose, for each overlapping change, which version stays."""
    conflict = permissions.get_conflict_for(request.user, pk, conflict_pk)
    series = conflict.series
    texts = selectors.revision_texts([conflict.base, conflict.ours, conflict.theirs])
    merge = merge_texts(texts[conflict.base.pk], texts[conflict.ours.pk], texts[conflict.theirs.pk])
    errors = []
    if request.method == "POST" and conflict.status == "open":
        choices = [request.POST.get(f"hunk-{i}", "") for i in range(len(merge.conflicts))]
        seen = (request.POST.get("ours", ""), request.POST.get("theirs", ""))
        try:
            result = conflict_resolve(
                actor=request.user,
                conflict=conflict,
                choices=choices,
                seen=tuple(int(n) if n.isdigit() else 0 for n in seen),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            if result.status == "conflict":
                messages.warning(
                    request,
                    _(
                        "A co-writer saved an overlapping change while you chose. Your choices "
                        "are kept; choose once more where the new change overlaps them."
                    ),
                )
                return redirect("scripts:conflict_detail", pk=series.pk, conflict_pk=conflict.pk)
            messages.success(
                request,
                _("Resolved. The script now reads as revision #%(n)s.") % {"n": result.head.number},
            )
            return redirect(series)
        # Show the versions as they are now, not as they were when the page was drawn.
        conflict.refresh_from_db()
        texts = selectors.revision_texts([conflict.base, conflict.ours, conflict.theirs])
        merge = merge_texts(
            texts[conflict.base.pk], texts[conflict.ours.pk], texts[conflict.theirs.pk]
        )
    return render(
        request,
        "scripts_app/conflict.html",
        {"series": series, "conflict": conflict, "merge": merge, "errors": errors},
    )
