from django.db.models import QuerySet
from django.utils.functional import Promise

from taxonomy.models import Term, TermKind


def terms_active(*, kind: str | None = None) -> QuerySet[Term]:
    terms = Term.objects.active()
    if kind:
        terms = terms.filter(kind=kind)
    return terms


def terms_grouped() -> list[tuple[str, str | Promise, list[Term]]]:
    """Active terms grouped by kind, in the taxonomy's order, with one query (the kind's
    label is a lazy translation, rendered in the reader's language)."""
    by_kind: dict[str, list[Term]] = {kind: [] for kind in TermKind.values}
    for term in Term.objects.active():
        by_kind[term.kind].append(term)
    return [(kind, TermKind(kind).label, by_kind[kind]) for kind in TermKind.values]
