"""Who sees and moves what of an offer and its deal: the studio's scouts and the writers'
side; never another studio, a reader of the series, an unrelated person, platform staff
or an anonymous visitor (404, the same answer as for an offer that does not exist)."""

import pytest

from scouting.models import DealDelivery, Offer, OfferStatus
from tests.scouting.offers_support import a_deal, a_studio, an_active_deal, an_offer
from tests.scouting.support import studio_scout
from tests.support.factories import UserFactory, add_collaborator, admin_of

pytestmark = pytest.mark.django_db


def _get_urls(offer, deal):
    return {
        "offer": f"/scouting/offers/{offer.pk}/",
        "deal": f"/scouting/deals/{deal.pk}/",
        "pdf": f"/scouting/deals/{deal.pk}/agreement.pdf",
        "docx": f"/scouting/deals/{deal.pk}/agreement.docx",
        "api_offer": f"/api/v1/scouting/offers/{offer.pk}/",
        "api_deal": f"/api/v1/scouting/deals/{deal.pk}/",
        "api_deliveries": f"/api/v1/scouting/deals/{deal.pk}/deliveries/",
    }


def _post_urls(offer, deal, delivery):
    return {
        "counter": f"/scouting/offers/{offer.pk}/counter/",
        "accept": f"/scouting/offers/{offer.pk}/accept/",
        "decline": f"/scouting/offers/{offer.pk}/decline/",
        "withdraw": f"/scouting/offers/{offer.pk}/withdraw/",
        "deal_accept": f"/scouting/deals/{deal.pk}/accept/",
        "exercise": f"/scouting/deals/{deal.pk}/exercise/",
        "delivery": f"/scouting/deals/{deal.pk}/deliveries/",
        "feedback": f"/scouting/deals/{deal.pk}/deliveries/{delivery.pk}/feedback/",
        "api_counter": f"/api/v1/scouting/offers/{offer.pk}/counter/",
        "api_accept": f"/api/v1/scouting/offers/{offer.pk}/accept/",
        "api_decline": f"/api/v1/scouting/offers/{offer.pk}/decline/",
        "api_withdraw": f"/api/v1/scouting/offers/{offer.pk}/withdraw/",
        "api_deal_accept": f"/api/v1/scouting/deals/{deal.pk}/accept/",
        "api_exercise": f"/api/v1/scouting/deals/{deal.pk}/exercise/",
        "api_delivery": f"/api/v1/scouting/deals/{deal.pk}/deliveries/",
        "api_feedback": f"/api/v1/scouting/deals/{deal.pk}/deliveries/{delivery.pk}/feedback/",
    }


def _gets(client, api_client, urls, person):
    client.logout()
    api_client.force_authenticate(None)
    if person is not None:
        client.force_login(person)
        api_client.force_authenticate(person)
    answers = {}
    for name, url in urls.items():
        response = (api_client if name.startswith("api") else client).get(url)
        answers[name] = response.status_code
    return answers


@pytest.fixture
def world():
    deal = an_active_deal()
    offer = deal.offer
    delivery = DealDelivery.objects.create(deal=deal, label="初稿", delivered_by=deal.series.owner)
    open_offer = an_offer(scout=offer.made_by)  # another series, still open
    return {"deal": deal, "offer": offer, "delivery": delivery, "open_offer": open_offer}


def test_the_access_matrix_for_every_page_and_endpoint(client, api_client, world):
    deal, offer = world["deal"], world["offer"]
    urls = _get_urls(offer, deal)
    sees = dict.fromkeys(urls, 200)
    nothing = dict.fromkeys(urls, 404)
    cowriter = add_collaborator(deal.series)
    colleague = studio_scout(deal.studio)
    studio_admin = admin_of(deal.studio)
    other_scout = studio_scout(a_studio(name_zh="别家", name_en="Other", slug="other"))
    series_reader = add_collaborator(deal.series, role="reader")

    for person in (deal.series.owner, cowriter, offer.made_by, colleague, studio_admin):
        assert _gets(client, api_client, urls, person) == sees, person
    for person in (other_scout, series_reader, UserFactory(), UserFactory(is_staff=True)):
        assert _gets(client, api_client, urls, person) == nothing, person
    anonymous = _gets(client, api_client, urls, None)
    assert all(code in (302, 401, 403) for code in anonymous.values()), anonymous


def test_outsiders_move_nothing(client, api_client, world):
    deal, offer, delivery = world["deal"], world["open_offer"], world["delivery"]
    other_scout = studio_scout(a_studio(name_zh="别家", name_en="Other", slug="other"))
    for person in (other_scout, UserFactory(), UserFactory(is_staff=True)):
        client.force_login(person)
        api_client.force_authenticate(person)
        for name, url in _post_urls(offer, deal, delivery).items():
            response = (api_client if name.startswith("api") else client).post(url, {})
            assert response.status_code == 404, (name, person)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN and offer.versions.count() == 1
    delivery.refresh_from_db()
    assert delivery.feedback_at is None and deal.deliveries.count() == 1


def test_lists_show_only_ones_own_offers(client, api_client, world):
    offer = world["offer"]
    other_scout = studio_scout(a_studio(name_zh="别家", name_en="Other", slug="other"))
    theirs = an_offer(scout=other_scout)
    client.force_login(offer.series.owner)
    response = client.get("/scouting/offers/")
    assert [o.pk for o in response.context["offers"]] == [offer.pk]
    api_client.force_authenticate(other_scout)
    answer = api_client.get("/api/v1/scouting/offers/").json()
    assert [row["id"] for row in answer["results"]] == [theirs.pk]
    client.force_login(offer.made_by)
    ids = {o.pk for o in client.get("/scouting/offers/").context["offers"]}
    assert ids == {offer.pk, world["open_offer"].pk}


def test_the_make_offer_page_answers_404_for_a_hidden_or_unfindable_listing(client, world):
    from scouting.models import Listing

    hidden = Listing.objects.get(series=world["deal"].series)
    other_scout = studio_scout(a_studio(name_zh="别家", name_en="Other", slug="other"))
    client.force_login(other_scout)
    assert client.get(f"/scouting/listings/{hidden.pk}/offer/").status_code == 404
    client.force_login(UserFactory())
    open_listing = Listing.objects.get(series=world["open_offer"].series)
    assert client.get(f"/scouting/listings/{open_listing.pk}/offer/").status_code == 404
    client.force_login(other_scout)
    assert client.get(f"/scouting/listings/{open_listing.pk}/offer/").status_code == 200


def test_a_deal_waiting_for_acceptance_is_seen_by_the_parties_only(client):
    deal = a_deal()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(f"/scouting/deals/{deal.pk}/").status_code == 404
    client.force_login(deal.series.owner)
    assert client.get(f"/scouting/deals/{deal.pk}/").status_code == 200
    assert Offer.objects.count() == 1
