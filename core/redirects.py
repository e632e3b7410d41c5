"""The one check for every `next` (and referrer) the site redirects to or links to."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, url: str | None, fallback: str = "") -> str:
    """`url` when it points into this site (same host, and https when the request is),
    else `fallback`. Refuses other hosts, `//host` scheme-relative paths, and schemes
    such as `javascript:`, so a `next` can never send anyone elsewhere."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback
