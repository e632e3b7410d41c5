from django.shortcuts import get_object_or_404, render

from taxonomy.models import Term
from taxonomy.selectors import terms_grouped


def term_list(request):
    return render(request, "taxonomy/term_list.html", {"groups": terms_grouped()})


def term_detail(request, kind: str, slug: str):
    # The taxonomy is public; only inactive terms are hidden.
    term = get_object_or_404(Term.objects.active(), kind=kind, slug=slug)
    return render(request, "taxonomy/term_detail.html", {"term": term})
