from django.shortcuts import get_object_or_404, render

from taxonomy.selectors import terms_active, terms_grouped


def term_list(request):
    return render(request, "taxonomy/term_list.html", {"groups": terms_grouped()})


def term_detail(request, kind: str, slug: str):
    # The taxonomy is public; only inactive terms are hidden.
    term = get_object_or_404(terms_active(), kind=kind, slug=slug)
    return render(request, "taxonomy/term_detail.html", {"term": term})
