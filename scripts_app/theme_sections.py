"""The workspace's section on a theme, genre or audience page (taxonomy.extensions):
the series on that term that the viewer may read, a page at a time."""

from collections.abc import Mapping

from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.permissions import is_signed_in
from core.types import Actor
from scripts_app.selectors import series_on_term
from taxonomy.extensions import ThemeItem, ThemeSection
from taxonomy.models import Term

SERIES_PER_PAGE = 12
PAGE_PARAM = "series_page"


def _page_url(params: Mapping[str, str], number: int) -> str:
    query = params.copy() if isinstance(params, QueryDict) else QueryDict(mutable=True)
    query[PAGE_PARAM] = str(number)
    return f"?{query.urlencode()}"


def series_section(term: Term, viewer: Actor, params: Mapping[str, str]) -> ThemeSection:
    page = Paginator(series_on_term(viewer, term), SERIES_PER_PAGE).get_page(params.get(PAGE_PARAM))
    items = []
    for series in page:
        facts = [
            _("By %(name)s") % {"name": series.owner.display_name},
            series.get_format_display(),
            _("%(written)s of %(planned)s episodes written")
            % {"written": series.episodes_written, "planned": series.planned_episodes},
        ]
        items.append(
            ThemeItem(
                title=series.title,
                url=series.get_absolute_url(),
                summary=series.logline,
                meta=" · ".join(str(fact) for fact in facts),
            )
        )
    signed_in = is_signed_in(viewer)
    several = page.paginator.num_pages > 1
    return ThemeSection(
        key="series",
        heading=_("Series"),
        items=items,
        total=page.paginator.count,
        empty=_("None of the series you can read is tagged with it yet.")
        if signed_in
        else _("Series are shown to signed-in members."),
        page_label=_("Page %(number)s of %(total)s")
        % {"number": page.number, "total": page.paginator.num_pages}
        if several
        else "",
        previous_url=_page_url(params, page.previous_page_number()) if page.has_previous() else "",
        next_url=_page_url(params, page.next_page_number()) if page.has_next() else "",
        links=[] if signed_in else [(_("Log in to see them"), _login_url(term))],
    )


def _login_url(term: Term) -> str:
    back = reverse("taxonomy:term_detail", args=[term.kind, term.slug])
    return f"{reverse('account_login')}?{urlencode({'next': back})}"
