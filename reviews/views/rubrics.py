from django.shortcuts import get_object_or_404, render

from reviews.models import Rubric


def rubric_list(request):
    """Published rubrics are public: writers should know what they are judged by."""
    rubrics = Rubric.objects.select_related("organisation").order_by("-is_default", "slug")
    return render(request, "reviews/rubric_list.html", {"rubrics": rubrics})


def rubric_detail(request, slug: str):
    rubric = get_object_or_404(Rubric, slug=slug)
    versions = list(rubric.versions.prefetch_related("criteria").order_by("-number"))
    number = request.GET.get("version", "")
    version = next(
        (v for v in versions if str(v.number) == number), versions[0] if versions else None
    )
    return render(
        request,
        "reviews/rubric_detail.html",
        {"rubric": rubric, "version": version, "versions": versions},
    )
