"""Single-line text: titles and names that end up in e-mail subjects, headers and file names.

One rule for the whole site, used by forms and API fields (which normalise what people
type or paste), by models and services (which refuse what slipped past them), and by the
e-mail subject helper (which makes any text a safe header). A line break in a series
title once reached `send_mail` and failed the request with BadHeaderError.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Line breaks in every spelling Unicode knows (CR, LF, VT, FF, NEL, LS, PS) and tabs.
_BREAKS = re.compile(
    r" *[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+[ \t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]*"
)


def _is_control(char: str) -> bool:
    # Cc: C0/C1 controls (NUL, ESC, ...). Cs: lone surrogates, which no encoder accepts.
    return unicodedata.category(char) in ("Cc", "Cs")


def single_line(value: str) -> str:
    """Fold line breaks and tabs into one space, drop other control characters, trim.

    >>> single_line("  Window\\r\\nNo. 3\\x00 ")
    'Window No. 3'
    """
    if not value:
        return value
    value = _BREAKS.sub(" ", value)
    value = "".join(char for char in value if not _is_control(char))
    return value.strip()


def is_single_line(value: str) -> bool:
    return not any(_is_control(char) or char in "\u2028\u2029" for char in value)


@deconstructible
class SingleLineValidator:
    """Refuse line breaks and control characters (models and services)."""

    message = _("Use a single line: no line breaks or control characters.")
    code = "single_line"

    def __call__(self, value: str) -> None:
        if value and not is_single_line(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleLineValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_single_line = SingleLineValidator()


def check_single_line(**fields: str) -> None:
    """For services that save without `full_clean`: refuse any field that is not one line.

    Raises:
        ValidationError: keyed by the offending fields' names.
    """
    errors = {
        name: [SingleLineValidator.message]
        for name, value in fields.items()
        if value and not is_single_line(str(value))
    }
    if errors:
        raise ValidationError(errors, code=SingleLineValidator.code)
