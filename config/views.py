"""Pages that bring every app together. They live at the project level so that the
apps keep their one-way layering (core and taxonomy never import the apps above)."""

from django.shortcuts import render

from accounts.selectors import invitations_open_for_user, memberships_of
from core.pagination import NarrowFirst
from core.selectors import notifications_for
from reviews.selectors import ledger_for
from scouting.permissions import scouting_studios
from scripts_app.selectors import series_ids_recent_first, series_list_for, series_rows_for
from taxonomy.selectors import terms_active


def home(request):
    if not request.user.is_authenticated:
        return render(
            request,
            "landing.html",
            {"encouraged_themes": terms_active(kind="theme").filter(is_encouraged=True)},
        )
    # The grants are listed and their roles shown: one query for both.
    role_grants = list(request.user.role_grants.all())
    return render(
        request,
        "dashboard.html",
        {
            "roles": sorted({grant.role for grant in role_grants}),
            "role_grants": role_grants,
            "memberships": memberships_of(request.user),
            "invitations": invitations_open_for_user(request.user),
            "recent_notifications": notifications_for(request.user)[:5],
            # Five ids off the (owner, updated_at) index first, then those rows joined
            # (core.pagination.NarrowFirst): a LIMIT 5 over the joined list read 130,000 rows.
            "recent_series": NarrowFirst(
                series_list_for(request.user),
                ids=series_ids_recent_first(request.user),
                rows=series_rows_for(request.user, heads=False, terms=False, collaborators=False),
            )[:5],
            "ledger": ledger_for(request.user),
            # The studios this person scouts for: the way into discovery search.
            "scouting_studios": list(scouting_studios(request.user)),
        },
    )
