from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language

from accounts.models import Role, RoleGrant
from core.mail import email_subject


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        # allauth's own messages, built through the site's one subject helper.
        return email_subject(super().format_email_subject(subject))

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        if commit:
            user.save()
            # Everyone starts as a writer; other roles are added from the profile.
            RoleGrant.objects.get_or_create(user=user, role=Role.WRITER)
        return user
