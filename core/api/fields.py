"""Serializer fields shared by every app's API."""

from rest_framework import serializers
from rest_framework.fields import empty

from core.limits import DB_INT_MAX
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


class BoundedIntegerField(serializers.IntegerField):
    """An integer the database can hold: 1..DB_INT_MAX unless the field narrows it.

    Every integer an input serializer accepts is one of these (or has explicit bounds), so
    the schema states the range and a 20-digit number is a 400, not an OverflowError.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", DB_INT_MAX)
        super().__init__(**kwargs)
