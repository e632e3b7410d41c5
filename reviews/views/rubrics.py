from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import organisations_managed_by
from core.forms import add_service_errors
from reviews import permissions, selectors
from reviews.forms import CriterionFormSet, RubricForm, ScaleForm
from reviews.models import Criterion
from reviews.services.rubrics import (
    rubric_create,
    rubric_save_criteria,
    rubric_update,
    version_for_use,
)


def rubric_list(request):
    """Published rubrics are public: writers should know what they are judged by."""
    return render(
        request,
        "reviews/rubric_list.html",
        {
            "rubrics": selectors.rubrics_published().select_related("organisation"),
            "can_create": permissions.can_create_any_rubric(request.user),
        },
    )


def rubric_detail(request, slug: str):
    rubric = permissions.get_rubric_for(request.user, slug)
    versions = list(rubric.versions.prefetch_related("criteria").order_by("-number"))
    number = request.GET.get("version", "")
    version = next(
        (v for v in versions if str(v.number) == number), versions[0] if versions else None
    )
    return render(
        request,
        "reviews/rubric_detail.html",
        {
            "rubric": rubric,
            "version": version,
            "versions": versions,
            "can_edit": permissions.can_manage_rubric(request.user, rubric),
        },
    )


def _criteria_initial(version) -> list[dict]:
    if version is None:
        return []
    fields = [
        f.name for f in Criterion._meta.get_fields() if f.name not in ("id", "version", "position")
    ]
    return [{name: getattr(c, name) for name in fields} for c in version.criteria.all()]


@login_required
@require_http_methods(["GET", "POST"])
def rubric_edit(request, slug: str | None = None):
    """Create a rubric, or change one. Criteria changes make a new version once one is used."""
    rubric = permissions.get_rubric_for(request.user, slug, action="manage") if slug else None
    if rubric is None and not permissions.can_create_any_rubric(request.user):
        raise PermissionDenied
    organisations = organisations_managed_by(request.user)
    version = version_for_use(rubric) if rubric else None
    initial = (
        {
            field: getattr(rubric, field)
            for field in (
                "slug",
                "name_zh",
                "name_en",
                "description_zh",
                "description_en",
                "organisation",
                "aggregate_method",
            )
        }
        if rubric
        else {}
    )
    data = request.POST or None
    form = RubricForm(data, initial=initial, organisations=organisations)
    if rubric is not None:
        form.fields["slug"].disabled = True
        form.fields["organisation"].disabled = True
    scale = ScaleForm(
        data,
        initial={
            "scale_min": version.scale_min,
            "scale_max": version.scale_max,
            "divergence_threshold": version.divergence_threshold,
        }
        if version
        else None,
    )
    criteria = CriterionFormSet(data, initial=_criteria_initial(version), prefix="criteria")
    if request.method == "POST" and form.is_valid() and scale.is_valid() and criteria.is_valid():
        rows = [
            f.cleaned_data
            for f in criteria.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        for row in rows:
            row.pop("DELETE", None)
            row["weight"] = f"{row['weight']:.2f}"
        fields = {
            k: form.cleaned_data[k]
            for k in ("name_zh", "name_en", "description_zh", "description_en", "aggregate_method")
        }
        try:
            with transaction.atomic():
                if rubric is None:
                    rubric = rubric_create(
                        actor=request.user,
                        slug=form.cleaned_data["slug"],
                        organisation=form.cleaned_data["organisation"],
                        **fields,
                    )
                else:
                    rubric_update(actor=request.user, rubric=rubric, **fields)
                saved = rubric_save_criteria(
                    actor=request.user, rubric=rubric, criteria=rows,
                    scale=(scale.cleaned_data["scale_min"], scale.cleaned_data["scale_max"]),
                    divergence_threshold=scale.cleaned_data["divergence_threshold"],
                )  # fmt: skip
        except ValidationError as error:
            if slug is None:
                rubric = None
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved as version %(n)s.") % {"n": saved.number})
            return redirect(rubric)
    return render(
        request,
        "reviews/rubric_form.html",
        {"rubric": rubric, "form": form, "scale": scale, "criteria": criteria},
    )
