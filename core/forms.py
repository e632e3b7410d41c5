from django import forms
from django.core.exceptions import ValidationError

from core.limits import DB_INT_MAX
from core.text import single_line


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form that fed it.

    Messages for fields the form has go beside those fields; the rest go on top,
    so no rule is ever silently dropped and the user's input stays in the form.
    """
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class SingleLineField(forms.CharField):
    """A title or name: line breaks fold into a space and control characters are dropped.

    Use it (or `field_classes` in a ModelForm's Meta) for every single-line text input;
    the model's `validate_single_line` refuses whatever does not come through here.
    """

    def to_python(self, value):
        return single_line(super().to_python(value))


class BoundedIntegerField(forms.IntegerField):
    """An integer the database can hold (see core.limits): 1..DB_INT_MAX unless narrowed."""

    def __init__(self, *, min_value=1, max_value=DB_INT_MAX, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
