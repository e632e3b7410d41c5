import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
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

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The key that counts failed sign-ins (allauth's ``login_failed`` per-key limit).

        allauth keys by the lowered address typed; we key by the account that address
        reaches, so no spelling of it (case, width, spaces, a secondary address) gets
        a fresh allowance of guesses. An address with no account is counted under
        its normalised form. Both the site's sign-in form and the API's token
        endpoint come through here (``accounts.api.views.TokenView``).
        """
        login = credentials.get("email", credentials.get("username", "")) or ""
        normalised = unicodedata.normalize("NFKC", login).strip().casefold()
        # The address as typed is what authentication looks up; the normalised one
        # catches look-alikes of it. Both count against the accounts they reach.
        accounts = {
            user.pk
            for address in {login.strip(), normalised}
            if address
            for user in filter_users_by_email(address)
        }
        if accounts:
            return "account:" + ",".join(str(pk) for pk in sorted(accounts))
        return "login:" + normalised
