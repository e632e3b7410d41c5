from allauth.account.signals import email_confirmed
from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse

from core.i18n import in_both_languages
from core.services.notifications import notification_send


@receiver(email_confirmed)
def welcome_on_first_confirmation(sender, request, email_address, **kwargs) -> None:
    user = email_address.user
    if user.notifications.filter(kind="welcome").exists():
        return
    notification_send(
        recipient=user,
        kind="welcome",
        params={"site": in_both_languages(settings.SITE_NAME)},
        url=reverse("accounts:profile_edit"),
    )
