from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core.selectors import unread_notification_count

TEXT_SIZE_COOKIE = "text_size"


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    large_text = request.COOKIES.get(TEXT_SIZE_COOKIE) == "large" or bool(
        getattr(user, "large_text", False)
    )
    return {
        "site_name": settings.SITE_NAME,
        "large_text": large_text,
        # Lazy, so pages that do not show the badge do not pay the query.
        "unread_notifications": SimpleLazyObject(lambda: unread_notification_count(user)),
    }
