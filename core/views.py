from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.context_processors import TEXT_SIZE_COOKIE
from core.limits import parse_bounded_int
from core.redirects import safe_next
from core.selectors import notifications_for
from core.services.notifications import notifications_mark_read

NOTIFICATIONS_PER_PAGE = 30


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@login_required
@require_POST
def notifications_read(request):
    """Mark one notification (?id=) or all of the user's notifications read."""
    raw_id = request.POST.get("id", "")
    number = parse_bounded_int(raw_id)
    ids = [number] if number is not None else None
    notifications_mark_read(recipient=request.user, ids=ids)
    if request.htmx and ids:
        notification = notifications_for(request.user).filter(pk=ids[0]).first()
        return render(request, "core/partials/notification.html", {"notification": notification})
    return redirect("notification_list")


def _safe_next(request, fallback: str = "/") -> str:
    return safe_next(
        request, request.POST.get("next") or request.META.get("HTTP_REFERER"), fallback
    )


@require_POST
def set_language(request):
    """Django's language switch, plus remembering the choice on the account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_POST
def set_text_size(request):
    large = request.POST.get("size") == "large"
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        TEXT_SIZE_COOKIE,
        "large" if large else "normal",
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    if request.user.is_authenticated:
        request.user.large_text = large
        request.user.save(update_fields=["large_text"])
    return response


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request, exception=None):
    """404 for URLs no view matched: the API's error body under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"errors": {"detail": [str(_("Not found."))]}}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500: the API's error body under /api/ (the error itself is logged by Django)."""
    if request.path.startswith("/api/"):
        message = _("Something went wrong on our side. Please try again later.")
        return JsonResponse({"errors": {"detail": [str(message)]}}, status=500)
    return defaults.server_error(request)
