"""Request middleware shared by every app."""

import ipaddress
import logging

import csp.middleware
from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from rest_framework.renderers import BrowsableAPIRenderer

logger = logging.getLogger(__name__)


def forwarded_client_address(xff: str, proxies: int) -> str | None:
    """The client's address in an ``X-Forwarded-For`` value, given how many proxies are ours.

    Each proxy appends the address it received the request from, so with ``proxies``
    trusted proxies in front of the app the client is the ``proxies``-th entry from the
    right; everything to the left of it was written by the client and proves nothing.
    Answers None for no trusted proxy or an entry that is not an IP address.
    """
    if proxies <= 0 or not xff:
        return None
    hops = [hop.strip() for hop in xff.split(",")]
    candidate = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class ClientAddressMiddleware:
    """Set ``REMOTE_ADDR`` to the real client address, once, before anything reads it.

    Every rate limit and throttle (allauth's, DRF's, ours) then counts by
    ``REMOTE_ADDR`` alone: allauth is told to trust no proxy
    (``ALLAUTH_TRUSTED_PROXY_COUNT = 0``) and DRF likewise (``NUM_PROXIES = 0``), so a
    forwarded header is believed in exactly one place, and only as far as
    ``settings.NUM_PROXIES`` says the proxies in front are the operator's. With the
    default of 0 ``X-Forwarded-For`` is ignored: any client can send one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = forwarded_client_address(
            request.META.get("HTTP_X_FORWARDED_FOR", ""), settings.NUM_PROXIES
        )
        if address:
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, plus the one relaxation DRF's browsable API needs.

    DRF's HTML view of the API styles its elements inline (style="" attributes and a
    Pygments <style>); it has no inline script. Its pages, and only they, may apply
    inline styles; script-src stays 'self'. JSON responses keep the strict policy.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        renderer = getattr(response, "accepted_renderer", None)
        if isinstance(renderer, BrowsableAPIRenderer):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts


class MissingObjectMiddleware:
    """A page whose object, or an object it leads to, does not exist answers 404, not 500.

    Access helpers already answer 404 for what is missing; this catches the rest (a
    related object deleted between two reads, `obj.review` on an assignment without
    one), the way the API's exception handler does for JSON. It is logged, since it
    usually means a view should have used an access helper.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ObjectDoesNotExist):
            logger.warning("Missing object on %s: %s", request.path, exception)
            raise Http404 from exception
        return None
