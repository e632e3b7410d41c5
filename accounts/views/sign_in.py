"""The admin signs in through the site's own sign-in, never a form of its own."""

from urllib.parse import urlencode

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def admin_login(request: HttpRequest) -> HttpResponse:
    """Stand in for ``/admin/login/`` (routed ahead of the admin's own URLs).

    Django's admin login form has no rate limit or lockout, so it is never shown:
    every method, GET or a scripted POST, is sent to allauth's sign-in with a safe
    ``next``, where failed attempts count against the same per-address and
    per-account allowance as every other sign-in. A signed-in person who is not
    staff is refused here rather than sent to sign in again (the admin would send
    them straight back: a loop).
    """
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied(_("Only platform staff can use the administration pages."))
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
