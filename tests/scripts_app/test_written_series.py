"""`written_series_ids`: the series a person writes (owns or co-writes), never those they
only read, as one index-friendly subquery."""

import pytest

from scripts_app.models import Series
from scripts_app.permissions import written_series_ids
from tests.support.factories import UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


def test_the_owner_and_the_co_writers_write_a_series_and_its_readers_do_not():
    series = make_series()
    other = make_series()
    cowriter = add_collaborator(series, "cowriter")
    reader = add_collaborator(series, "reader")

    def written(user):
        return set(
            Series.objects.filter(pk__in=written_series_ids(user)).values_list("pk", flat=True)
        )

    assert written(series.owner) == {series.pk}
    assert written(cowriter) == {series.pk}
    assert written(reader) == set() and written(UserFactory()) == set()
    assert other.pk not in written(series.owner)
