from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language

from accounts.models import Role, RoleGrant


class AccountAdapter(DefaultAccountAdapter):
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
