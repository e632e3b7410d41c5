from django.shortcuts import get_object_or_404, render

from taxonomy.extensions import theme_sections
from taxonomy.selectors import terms_active, terms_grouped


def term_list(request):
    return render(request, "taxonomy/term_list.html", {"groups": terms_grouped()})


def term_detail(request, kind: str, slug: str):
    # The taxonomy is public; only inactive terms are hidden.
    term = get_object_or_404(terms_active(), kind=kind, slug=slug)
    # What the apps above have on this term, each deciding what this viewer may see.
    sections = theme_sections(term, request.user, request.GET)
    return render(request, "taxonomy/term_detail.html", {"term": term, "sections": sections})
