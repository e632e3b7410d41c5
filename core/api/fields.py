"""Serializer fields shared by every app's API."""

from rest_framework import serializers
from rest_framework.fields import empty

from core.text import single_line


class SingleLineCharField(serializers.CharField):
    """A title or name: line breaks fold into a space and control characters are dropped.

    The same rule as `core.forms.SingleLineField`, applied before the blank and length
    checks; models refuse what skips both.
    """

    def run_validation(self, data=empty):
        if isinstance(data, str):
            data = single_line(data)
        return super().run_validation(data)
