"""The API's per-user rate limits, for pages too.

A page that does the same costly work as a throttled API endpoint (importing a file,
making an export) shares the endpoint's scope and counter, so a limit cannot be walked
around by posting the form instead.
"""

from collections.abc import Callable
from functools import wraps
from math import ceil

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from rest_framework.throttling import SimpleRateThrottle


class _PageThrottle(SimpleRateThrottle):
    """The cache key of DRF's ScopedRateThrottle, so page and API share one counter."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__()

    def get_cache_key(self, request, view) -> str:
        user = request.user
        ident = user.pk if user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def too_many_requests(request: HttpRequest, wait: float | None) -> HttpResponse:
    seconds = max(1, ceil(wait or 60))
    html = render_to_string("core/too_many_requests.html", {"wait": seconds}, request=request)
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(seconds)
    return response


def rate_limited_post(scope: str) -> Callable:
    """Count each POST to the view against the API throttle ``scope``; answer 429 beyond it."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method == "POST":
                throttle = _PageThrottle(scope)
                if not throttle.allow_request(request, None):
                    return too_many_requests(request, throttle.wait())
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
