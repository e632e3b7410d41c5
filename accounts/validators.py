"""Password rules in the reader's language."""

from django.contrib.auth.password_validation import (
    MinimumLengthValidator as DjangoMinimumLengthValidator,
)
from django.utils.translation import ngettext


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django's length rule, with a message our catalogue translates.

    Django 5.2 asks its catalogue for "…at least %d character(s)." while its Chinese
    catalogue holds the older "%(min_length)d" wording, so the refusal came out in
    English on a Chinese page.
    """

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
