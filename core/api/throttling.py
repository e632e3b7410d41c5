"""Rate limits for costly endpoints, per user (per address for anonymous requests).

Scopes and rates are in settings (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``, from
``RATE_LIMIT_API_*``). A refused request answers 429 with the API's error body and a
``Retry-After`` header.
"""

from rest_framework.throttling import ScopedRateThrottle


class ScopedWriteRateThrottle(ScopedRateThrottle):
    """Like ``ScopedRateThrottle`` but counts only requests that do work (not GET/HEAD),
    so listing your exports does not use up the right to make one."""

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)
