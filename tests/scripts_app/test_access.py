"""Private work stays private: every page and endpoint checks who is asking."""

import pytest

from scripts_app.models import Collaborator
from tests.support.factories import UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db

READ_PAGES = [
    "/scripts/{pk}/", "/scripts/{pk}/read/", "/scripts/{pk}/write/", "/scripts/{pk}/analysis/",
    "/scripts/{pk}/revisions/", "/scripts/{pk}/revisions/1/", "/scripts/{pk}/compare/", "/scripts/{pk}/export/",
]  # fmt: skip
READ_ENDPOINTS = [
    "/api/v1/series/{pk}/", "/api/v1/series/{pk}/revisions/", "/api/v1/series/{pk}/revisions/1/",
    "/api/v1/series/{pk}/analysis/", "/api/v1/series/{pk}/comments/", "/api/v1/series/{pk}/collaborators/",
    "/api/v1/series/{pk}/diff/?a=1&b=1", "/api/v1/series/{pk}/exports/",
]  # fmt: skip
EDIT_PAGES = ["/scripts/{pk}/settings/", "/scripts/{pk}/import/"]
OWNER_PAGES = ["/scripts/{pk}/people/"]


@pytest.mark.parametrize("path", READ_PAGES + EDIT_PAGES + OWNER_PAGES)
def test_a_stranger_gets_404_for_a_private_series(client, path):
    series = make_series()
    client.force_login(UserFactory())

    assert client.get(path.format(pk=series.pk)).status_code == 404


@pytest.mark.parametrize("path", READ_ENDPOINTS)
def test_the_api_hides_private_series_from_strangers(api_client, path):
    series = make_series()
    api_client.force_authenticate(UserFactory())

    assert api_client.get(path.format(pk=series.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    series = make_series()

    response = client.get(f"/scripts/{series.pk}/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", READ_PAGES)
def test_readers_read(client, path):
    series = make_series()
    client.force_login(add_collaborator(series, role="reader"))

    assert client.get(path.format(pk=series.pk)).status_code == 200


@pytest.mark.parametrize("path", EDIT_PAGES + OWNER_PAGES)
def test_readers_cannot_edit_or_manage(client, path):
    series = make_series()
    client.force_login(add_collaborator(series, role="reader"))

    assert client.get(path.format(pk=series.pk)).status_code == 403


def test_co_writers_edit_but_do_not_manage_people(client):
    series = make_series()
    client.force_login(add_collaborator(series, role="cowriter"))

    assert client.get(f"/scripts/{series.pk}/settings/").status_code == 200
    assert client.get(f"/scripts/{series.pk}/people/").status_code == 403


def test_co_writers_cannot_open_the_series_to_the_platform(api_client):
    series = make_series()
    api_client.force_authenticate(add_collaborator(series, role="cowriter"))

    response = api_client.patch(
        f"/api/v1/series/{series.pk}/", {"visibility": "platform"}, format="json"
    )

    assert response.status_code == 403
    series.refresh_from_db()
    assert series.visibility == "private"


def test_platform_visibility_lets_members_read_but_not_edit(client, api_client):
    series = make_series(visibility="platform")
    member = UserFactory()
    client.force_login(member)
    api_client.force_authenticate(member)

    assert client.get(f"/scripts/{series.pk}/read/").status_code == 200
    assert (
        api_client.post(
            f"/api/v1/series/{series.pk}/revisions/", {"text": "x", "base": 1}, format="json"
        ).status_code
        == 403
    )


def test_only_the_owner_deletes(client):
    series = make_series()
    cowriter = add_collaborator(series)
    client.force_login(cowriter)

    assert (
        client.post(f"/scripts/{series.pk}/delete/", {"confirm_title": series.title}).status_code
        == 403
    )
    client.force_login(series.owner)
    assert (
        client.post(f"/scripts/{series.pk}/delete/", {"confirm_title": "wrong"}).status_code == 302
    )
    assert type(series).objects.filter(pk=series.pk).exists()
    client.post(f"/scripts/{series.pk}/delete/", {"confirm_title": series.title})
    assert not type(series).objects.filter(pk=series.pk).exists()


def test_collaborator_ids_of_another_series_are_not_found(client):
    mine, theirs = make_series(), make_series()
    their_collaborator = Collaborator.objects.get(user=add_collaborator(theirs))
    client.force_login(mine.owner)

    response = client.post(f"/scripts/{mine.pk}/people/{their_collaborator.pk}/remove/")

    assert response.status_code == 404
    assert Collaborator.objects.filter(pk=their_collaborator.pk).exists()


def test_a_collaborator_may_leave(client):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    client.force_login(reader)
    collaborator = Collaborator.objects.get(user=reader)

    assert client.post(f"/scripts/{series.pk}/people/{collaborator.pk}/remove/").status_code == 302
    assert not Collaborator.objects.filter(pk=collaborator.pk).exists()


def test_series_list_shows_only_what_the_user_may_see(client):
    mine = make_series(title="我的剧")
    shared = make_series(title="合写的剧")
    make_series(title="别人的私密剧")
    open_series = make_series(title="公开的剧", visibility="platform")
    add_collaborator(shared)  # someone else
    Collaborator.objects.create(series=shared, user=mine.owner, role="cowriter")
    client.force_login(mine.owner)

    html = client.get("/scripts/").content.decode()
    assert "我的剧" in html and "合写的剧" in html
    assert "别人的私密剧" not in html and "公开的剧" not in html
    html = client.get("/scripts/?scope=all").content.decode()
    assert open_series.title in html and "别人的私密剧" not in html
