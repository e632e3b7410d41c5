"""A term's page lists what the apps above have on it in a fixed number of queries."""

import pytest

from taxonomy.models import Term
from tests.support.factories import UserFactory, make_series
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("taxonomy:term_detail")
def test_a_theme_page_does_not_grow_with_its_series(client):
    theme = Term.objects.get(kind="theme", slug="rule-of-law")
    viewer = UserFactory()
    client.force_login(viewer)

    def add_series(k):
        from decimal import Decimal

        from incubator.services.calls import priorities_set
        from tests.incubator.support import make_call

        for _ in range(k):
            make_series(UserFactory(), visibility="platform", themes=[theme])
            make_series(viewer, themes=[theme])  # private, but the viewer's own
            call = make_call()  # an open fund call that favours the theme
            priorities_set(actor=call.manager, call=call, priorities=[(theme, Decimal("1"))])

    assert_constant_queries(
        add_series, lambda: client.get("/themes/theme/rule-of-law/"), expected=7
    )
