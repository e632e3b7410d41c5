"""GET /api/v1/scouting/search/ (every answer validated against the OpenAPI schema)."""

import pytest

from tests.scouting.support import english_series, heritage_series, listed, studio_scout
from tests.support.factories import UserFactory
from tests.support.openapi import _schema

pytestmark = pytest.mark.django_db

URL = "/api/v1/scouting/search/"


def test_anonymous_gets_401_and_a_non_scout_403(api_client):
    listed(heritage_series())

    assert api_client.get(URL).status_code == 401
    api_client.force_authenticate(UserFactory())
    refused = api_client.get(URL)
    assert refused.status_code == 403
    assert "detail" in refused.json()["errors"]


def test_a_scout_searches_in_chinese_with_highlights_and_facets(api_client):
    listed(heritage_series(), sample_episodes=1)
    listed(english_series())
    api_client.force_authenticate(studio_scout())

    body = api_client.get(URL, {"q": "外卖"}).json()

    assert body["count"] == 1
    result = body["results"][0]
    assert result["title"] == "竹编少年"
    assert "<mark>外卖</mark>" in result["logline_html"]
    assert "<mark>外卖</mark>" in result["sample_excerpt_html"]
    assert {t["slug"] for t in result["terms"]} == {"intangible-heritage", "urban"}
    assert body["facets"]["theme"] == [{"slug": "intangible-heritage", "name": "非遗", "count": 1}]
    assert body["facets_approximate"] is False


def test_english_search_filters_and_order(api_client):
    listed(heritage_series())
    listed(english_series())
    api_client.force_authenticate(studio_scout())

    body = api_client.get(
        URL, {"q": "heritage", "language": "en", "genre": ["suspense"], "sort": "newest"}
    ).json()

    assert [r["title"] for r in body["results"]] == ["The Lighthouse Keeper"]
    assert body["results"][0]["title_html"] == "The Lighthouse Keeper"


def test_a_logline_with_a_script_comes_back_escaped(api_client):
    listed(heritage_series(logline="<script>alert(1)</script> 外卖"))
    api_client.force_authenticate(studio_scout())

    result = api_client.get(URL, {"q": "外卖"}).json()["results"][0]

    assert result["logline"] == "<script>alert(1)</script> 外卖"  # data, as typed
    assert result["logline_html"] == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>外卖</mark>"


def test_hidden_fields_come_back_empty_or_null(api_client):
    listed(heritage_series(), show_logline=False, show_episodes=False, show_terms=False)
    api_client.force_authenticate(studio_scout())

    result = api_client.get(URL).json()["results"][0]

    assert result["logline"] == "" and result["terms"] == []
    assert result["episodes_written"] is None and result["score"] is None


@pytest.mark.parametrize(
    "params, field",
    [
        ({"episodes_min": "-1"}, "episodes_min"),
        ({"episode_seconds_max": "99999999999999999999"}, "episode_seconds_max"),
        ({"min_score": "11"}, "min_score"),
        ({"sort": "random"}, "sort"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"theme": "not a slug"}, "theme"),
    ],
)
def test_bad_parameters_are_400_with_the_field(api_client, params, field):
    api_client.force_authenticate(studio_scout())

    response = api_client.get(URL, params)

    assert response.status_code == 400
    assert any(key.startswith(field) for key in response.json()["errors"])


def test_the_schema_documents_the_search_with_its_parameters():
    components, routes = _schema()
    operations = next(ops for pattern, ops in routes if pattern.match(URL))

    get = operations["get"]
    assert get["operationId"] == "scouting_search"
    assert {p["name"] for p in get["parameters"]} >= {
        "q", "theme", "genre", "audience", "language", "episodes_min", "episodes_max",
        "episode_seconds_max", "min_score", "registered", "awarded", "certified",
        "updated_since", "sort", "page",
    }  # fmt: skip
    assert {"200", "400", "401", "403"} <= set(get["responses"])


def test_a_date_near_year_one_filters_nothing(api_client):
    listed(heritage_series())
    api_client.force_authenticate(studio_scout())

    assert api_client.get(URL, {"updated_since": "0001-01-01"}).json()["count"] == 1
