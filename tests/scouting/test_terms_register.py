"""The register of commission terms: a figure only from at least five deals of at least
three studios, each figure on its own deals; a studio's own record for its members."""

from decimal import Decimal

import pytest
from django.utils import translation

from scouting.models import OfferKind
from scouting.terms_register import MIN_DEALS, MIN_STUDIOS, figure, studio_record, terms_register
from taxonomy.models import Term
from tests.scouting.deals_support import deal, studios
from tests.scouting.support import studio_scout
from tests.support.factories import UserFactory, admin_of, member_of

pytestmark = pytest.mark.django_db


def _row(register, kind, label):
    section = next(s for s in register.sections if s.kind == kind)
    return next(row for row in section.rows if row.label == label)


def _all(register, kind=OfferKind.OPTION):
    section = next(s for s in register.sections if s.kind == kind)
    return section.rows[0]


def test_the_threshold_is_five_deals_from_three_studios():
    assert (MIN_DEALS, MIN_STUDIOS) == (5, 3)
    assert figure([(1, 1), (2, 2), (3, 3), (1, 4)]) is None  # four deals
    assert figure([(1, 1), (2, 2), (1, 3), (2, 4), (1, 5)]) is None  # two studios
    shown = figure([(1, 10), (2, 20), (3, 30), (1, 40), (2, 50)])
    assert shown is not None
    assert (shown.median, shown.low, shown.high) == (Decimal(30), Decimal(10), Decimal(50))
    # Empty values are not deals of this figure.
    assert figure([(1, 1), (2, 2), (3, 3), (1, 4), (2, None)]) is None


def test_a_kind_shows_its_figures_once_enough_deals_and_studios():
    a, b, c = studios(3)
    for studio, guarantee in ((a, "10000"), (a, "20000"), (b, "30000"), (b, "40000")):
        deal(studio, guarantee=guarantee, share="8")
    assert _all(terms_register()).guarantee is None  # four deals

    deal(b, guarantee="50000", share="8")
    assert _all(terms_register()).guarantee is None  # five deals, two studios

    deal(c, guarantee="90000", share="12")
    row = _all(terms_register())
    assert row.guarantee.median == Decimal("35000")
    assert (row.guarantee.low, row.guarantee.high) == (Decimal("10000"), Decimal("90000"))
    assert row.share.median == Decimal("8")
    # Other kinds are not touched by option deals.
    assert not _all(terms_register(), OfferKind.PURCHASE).shows_anything


def test_each_figure_counts_only_the_deals_that_name_it():
    a, b, c = studios(3)
    for studio in (a, b, c):
        deal(studio, guarantee="10000", share=None)
    for studio in (a, b, c):
        deal(studio, guarantee=None, share="15")
    row = _all(terms_register())
    # Six deals from three studios, but only three name a guarantee and three a share.
    assert row.guarantee is None
    assert row.share is None
    assert row.promised_days is not None  # every deal promises a turnaround


def test_rows_by_genre_theme_and_episodes_count_only_their_deals():
    a, b, c = studios(3)
    genre = Term.objects.create(
        kind="genre", slug="suspense-x", name_zh="悬疑X", name_en="SuspenseX"
    )
    theme = Term.objects.create(kind="theme", slug="law-x", name_zh="法治X", name_en="LawX")
    for studio in (a, b, c, a, b):
        deal(studio, guarantee="60000", episodes=80, terms=[genre])
    for studio in (a, b, c, a):
        deal(studio, guarantee="5000", episodes=30, terms=[theme])

    with translation.override("en"):
        register = terms_register()
        section = next(s for s in register.sections if s.kind == OfferKind.OPTION)
        by_genre = next(row for row in section.rows if genre.name in row.label)
        by_theme = next(row for row in section.rows if theme.name in row.label)
    assert by_genre.guarantee.median == Decimal("60000")
    assert by_theme.guarantee is None  # four deals
    bands = {row.label: row for row in section.rows[-4:]}
    assert bands["41–80 episodes"].guarantee.median == Decimal("60000")
    assert bands["Up to 40 episodes"].guarantee is None
    # All nine together.
    assert section.rows[0].guarantee.low == Decimal("5000")


def test_kept_turnaround_is_the_median_of_each_deals_feedback():
    a, b, c = studios(3)
    for studio, kept in ((a, [3, 5, 30]), (b, [4]), (c, [10, 12]), (a, [2]), (b, [20])):
        deal(studio, feedback_days=7, kept_days=kept)
    row = _all(terms_register())
    # Per deal: 5, 4, 11, 2, 20 -> median 5.
    assert row.kept_days.median == Decimal("5.0")
    assert row.promised_days.median == Decimal("7")


def test_a_studio_is_named_only_with_five_deals_of_measured_feedback_and_no_money():
    slow, quick = studios(2)
    for _ in range(5):
        deal(slow, feedback_days=7, kept_days=[21])
    for _ in range(4):
        deal(quick, feedback_days=7, kept_days=[3])
    named = terms_register().studios
    assert [row.studio_slug for row in named] == [slow.slug]
    assert (named[0].promised_days, named[0].kept_days) == (Decimal(7), Decimal("21.0"))


def test_the_public_page_shows_figures_and_hides_the_rest(client):
    a, b, c = studios(3)
    for studio, guarantee in ((a, "11111"), (b, "22222"), (c, "33333"), (a, "44444"), (b, "55555")):
        deal(studio, guarantee=guarantee)
    for studio in (a, b):
        deal(studio, kind=OfferKind.PURCHASE, guarantee="987654")

    response = client.get("/scouting/terms/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "33,333" in html and "11,111" in html and "55,555" in html
    assert "987,654" not in html and "987654" not in html  # two purchase deals only

    answer = client.get("/api/v1/scouting/terms/").json()
    option = next(s for s in answer["sections"] if s["kind"] == "option")
    assert option["rows"][0]["guarantee"]["median"] == "33333.00"
    purchase = next(s for s in answer["sections"] if s["kind"] == "purchase")
    assert all(row["guarantee"] is None for row in purchase["rows"])
    assert "987654" not in str(answer)


def test_a_studio_sees_its_own_record_and_nobody_else_does(client, api_client):
    studio, other = studios(2)
    deal(studio, feedback_days=5, kept_days=[3, 9])
    deal(studio, feedback_days=5)
    admin = admin_of(studio)
    member = member_of(studio)
    record = studio_record(studio)
    assert (record.deliveries, record.answered, record.answered_in_time) == (2, 2, 1)
    assert [line.kept_days for line in record.lines] == [None, Decimal("6.0")]

    url = f"/scouting/studios/{studio.slug}/record/"
    api = f"/api/v1/scouting/studios/{studio.slug}/record/"
    for person in (admin, member):
        client.force_login(person)
        assert client.get(url).status_code == 200
        api_client.force_authenticate(person)
        assert api_client.get(api).json()["answered_in_time"] == 1
    for outsider in (
        studio_scout(other),
        admin_of(other),
        UserFactory(),
        UserFactory(is_staff=True),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        api_client.force_authenticate(outsider)
        assert api_client.get(api).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    api_client.force_authenticate(None)
    assert api_client.get(api).status_code in (401, 403)
