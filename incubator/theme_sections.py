"""The fund's section on a theme's page (taxonomy.extensions): the open calls that give
the theme a bonus, so a writer browsing a theme finds the money for it."""

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.types import Actor
from incubator import selectors
from incubator.models import FUND_TIME_ZONE, CallPhase
from taxonomy.extensions import ThemeItem, ThemeSection
from taxonomy.models import Term

CALLS_SHOWN = 10
BEIJING = ZoneInfo(FUND_TIME_ZONE)


def calls_section(term: Term, viewer: Actor, params: Mapping[str, str]) -> ThemeSection | None:
    """Open calls prioritising the theme, closing soonest first (one query; none for
    genres and audiences, which calls do not prioritise)."""
    if term.kind != "theme":
        return None
    now = timezone.now()
    calls = list(
        selectors.calls_in_phase(CallPhase.OPEN, now=now)
        .filter(priorities__theme=term)
        .prefetch_related(None)[:CALLS_SHOWN]
    )
    shown = calls
    items = [
        ThemeItem(
            title=call.title,
            url=call.get_absolute_url(),
            summary=call.fund.name,
            meta=_("Closes %(date)s (Beijing time)")
            % {"date": timezone.localtime(call.closes_at, BEIJING).strftime("%Y-%m-%d %H:%M")},
        )
        for call in shown
    ]  # fmt: skip
    return ThemeSection(
        key="fund-calls",
        heading=_("Open fund calls favouring this theme"),
        items=items,
        total=len(shown),
        empty=_("No open fund call gives this theme a bonus right now."),
        links=[(_("All fund calls"), reverse("fund:call_list"))],
    )
