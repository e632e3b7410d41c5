"""The workspace API (responses validated against the OpenAPI schema by api_client)."""

import pytest
from django.utils import translation

from scripts_app.models import Collaborator, Revision, Series
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


def test_create_a_series_with_terms_and_first_text(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.post(
        "/api/v1/series/",
        {"title": "法槌之下", "format": "zh", "themes": ["rule-of-law"], "genres": ["suspense"],
         "audiences": ["youth"], "planned_episodes": 60, "paywall_episode": 10, "text": ZH_TWO_EPISODES},
        format="json",
    )  # fmt: skip

    assert response.status_code == 201
    body = response.json()
    assert body["themes"] == ["rule-of-law"] and body["head"]["number"] == 1
    assert body["progress"]["episodes_written"] == 2 and body["visibility"] == "private"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"title": "t", "format": "docx"}, "format"),
        ({"title": "t", "themes": ["revenge"]}, "themes"),  # a genre is not a theme
        ({"title": "t", "themes": "rule-of-law"}, "themes"),
        ({"title": "t", "planned_episodes": 0}, "planned_episodes"),
        ({"title": "t", "planned_episodes": "many"}, "planned_episodes"),
        ({"title": "t", "planned_episodes": 10, "paywall_episode": 12}, "paywall_episode"),
        ({"title": "t", "target_episode_seconds": 5}, "target_episode_seconds"),
        ({"title": "t", "ai_assistance": "all"}, "ai_assistance"),
        ({"title": "t", "visibility": "public"}, "visibility"),
    ],
)
def test_series_input_errors_name_their_field(api_client, user, payload, field):
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/series/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Series.objects.exists()


def test_save_merge_and_conflict_through_the_api(api_client):
    series = make_series()
    cowriter = add_collaborator(series)
    url = f"/api/v1/series/{series.pk}/revisions/"

    api_client.force_authenticate(cowriter)
    theirs = api_client.post(
        url, {"text": ZH_TWO_EPISODES.replace("能。但我", "能。不过我"), "base": 1}, format="json"
    )
    assert theirs.status_code == 201 and theirs.json()["status"] == "saved"

    api_client.force_authenticate(series.owner)
    mine = api_client.post(
        url,
        {"text": ZH_TWO_EPISODES.replace("敲门声", "急促的敲门声"), "base": 1, "autosave": True},
        format="json",
    ).json()
    assert mine["status"] == "merged"
    assert "不过我" in mine["text"] and "急促的敲门声" in mine["text"]
    assert mine["own"]["number"] == 3 and mine["head"]["number"] == 4

    clash = api_client.post(
        url, {"text": ZH_TWO_EPISODES.replace("林晚：能。", "林晚：难。"), "base": 1}, format="json"
    ).json()
    assert clash["status"] == "conflict" and clash["conflict_url"].startswith(
        f"/scripts/{series.pk}/conflicts/"
    )
    assert Revision.objects.get(series=series, number=clash["own"]["number"]).kind == "save"


def test_episode_mode_saves_and_answers_with_the_episode_only(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)

    response = api_client.post(
        f"/api/v1/series/{series.pk}/revisions/",
        {
            "text": "第2集 笔迹\n2-1 夜 内 林晚家\n△灯灭了。\n【卡点】黑暗中有人说话。\n",
            "base": 1,
            "episode": 2,
        },
        format="json",
    )

    assert response.status_code == 201
    text = api_client.get(f"/api/v1/series/{series.pk}/revisions/2/").json()["text"]
    assert "第1集 证人" in text and "灯灭了" in text and "比对签名" not in text


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"text": ["a", "list"]}, "text"),
        ({"text": "x", "base": 999}, "base"),
        ({"text": "x", "base": "one"}, "base"),
        ({"text": "x", "episode": 0}, "episode"),
        ({"text": "字" * 1_500_001}, "text"),
    ],
)
def test_save_input_errors_name_their_field(api_client, payload, field):
    series = make_series()
    api_client.force_authenticate(series.owner)

    response = api_client.post(f"/api/v1/series/{series.pk}/revisions/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_base_from_another_series_is_a_field_error(api_client):
    series, other = make_series(), make_series()
    api_client.force_authenticate(series.owner)
    make_series(
        owner=series.owner
    )  # the owner's other series has revision 1 too, but it is not this one

    response = api_client.post(
        f"/api/v1/series/{series.pk}/revisions/", {"text": "x", "base": 2}, format="json"
    )

    assert response.status_code == 400 and "base" in response.json()["errors"]
    assert other.pk != series.pk


def test_milestone_restore_diff_and_analysis(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)
    api_client.post(
        f"/api/v1/series/{series.pk}/revisions/",
        {"text": ZH_TWO_EPISODES + "\n第3集 新\n", "base": 1},
        format="json",
    )

    named = api_client.patch(
        f"/api/v1/series/{series.pk}/revisions/1/",
        {"name": "初稿", "color": "white"},
        format="json",
    )
    assert named.json()["name"] == "初稿"
    diff = api_client.get(f"/api/v1/series/{series.pk}/diff/?a=1&b=2").json()
    assert diff["summary"]["episodes_added"] == 1
    assert api_client.get(f"/api/v1/series/{series.pk}/diff/?a=1").status_code == 400
    restored = api_client.post(f"/api/v1/series/{series.pk}/revisions/1/restore/")
    assert restored.status_code == 201 and restored.json()["head"]["number"] == 3
    analysis = api_client.get(f"/api/v1/series/{series.pk}/analysis/?revision=2").json()
    assert analysis["episode_count"] == 3 and "compliance" in analysis


def test_preview_gives_html_outline_and_characters(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)

    body = api_client.post(
        f"/api/v1/series/{series.pk}/preview/",
        {"text": ZH_TWO_EPISODES + "<script>x</script>"},
        format="json",
    ).json()

    assert "<script>x" not in body["html"] and "&lt;script&gt;" in body["html"]
    assert [e["number"] for e in body["outline"]] == [1, 2]
    assert body["outline"][0]["scenes"][0]["number"] == "1-1"
    assert {c["name"] for c in body["characters"]} >= {"林晚", "王桂兰"}


def test_parse_endpoint_returns_the_document(api_client, user):
    api_client.force_authenticate(user)

    body = api_client.post("/api/v1/parse/", {"text": ZH_TWO_EPISODES}, format="json").json()

    assert body["format"] == "zh" and len(body["episodes"]) == 2
    assert (
        api_client.post("/api/v1/parse/", {"text": "x", "format": "pdf"}, format="json").status_code
        == 400
    )


def test_comments_through_the_api(api_client):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    api_client.force_authenticate(reader)
    url = f"/api/v1/series/{series.pk}/comments/"

    created = api_client.post(url, {"line": 7, "body": "**好**"}, format="json")
    assert (
        created.status_code == 201 and created.json()["body_html"] == "<p><strong>好</strong></p>"
    )
    assert api_client.post(url, {"line": 9999, "body": "x"}, format="json").json()["errors"]["line"]
    listed = api_client.get(url).json()["results"]
    assert listed[0]["current_line"] == 7 and listed[0]["outdated"] is False


def test_collaborators_through_the_api(api_client):
    series = make_series()
    person = UserFactory()
    api_client.force_authenticate(series.owner)
    url = f"/api/v1/series/{series.pk}/collaborators/"

    assert api_client.post(url, {"email": "nobody@example.com", "role": "reader"}).json()["errors"][
        "email"
    ]
    assert api_client.post(url, {"email": series.owner.email, "role": "reader"}).status_code == 400
    created = api_client.post(url, {"email": person.email, "role": "reader"})
    assert created.status_code == 201
    collaborator_id = created.json()["id"]
    assert (
        api_client.patch(f"{url}{collaborator_id}/", {"role": "cowriter"}).json()["role"]
        == "cowriter"
    )
    assert api_client.delete(f"{url}{collaborator_id}/").status_code == 204
    assert not Collaborator.objects.exists()


def test_parser_warnings_are_worded_in_the_readers_language_everywhere(api_client, client):
    from scripts_app.reports import analysis_report
    from scripts_app.selectors import revision_text

    text = "第1集 一\n1-1 日 内 家\n△甲。\n第1集 又一\n1-1 日 内 家\n△乙。\n"
    series = make_series(text=text)
    api_client.force_authenticate(series.owner)

    chinese = api_client.post(
        f"/api/v1/series/{series.pk}/preview/", {"text": text}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).json()["warnings"]
    english = api_client.post(
        f"/api/v1/series/{series.pk}/preview/", {"text": text}, HTTP_ACCEPT_LANGUAGE="en"
    ).json()["warnings"]

    [zh] = [w for w in chinese if w["code"] == "duplicate_episode_number"]
    [en] = [w for w in english if w["code"] == "duplicate_episode_number"]
    assert zh["params"] == {"number": 1} and "1" in zh["message"]
    assert "appears" not in zh["message"] and "appears more than once" in en["message"]
    with translation.override("zh-hans"):
        report = analysis_report(series, series.head, revision_text(series.head))
    assert any("1" in w["message"] and "appears" not in w["message"] for w in report["warnings"])


def test_the_series_list_answers_what_the_series_serializer_answers(client):
    """The list endpoint renders plain dicts (serializers.series_list_data) for speed; they
    must be exactly the serializer's output, which is also the schema."""
    import json

    from core.pagination import NarrowFirst
    from scripts_app import selectors
    from scripts_app.api.serializers import SeriesSerializer, series_list_data
    from taxonomy.models import Term

    writer = UserFactory()
    terms = list(Term.objects.all()[:3])
    first = make_series(owner=writer, logline="一句话", synopsis="**粗体** <b>x</b>")
    first.themes.set([t for t in terms if t.kind == "theme"])
    first.genres.set([t for t in terms if t.kind == "genre"])
    make_series(owner=writer, title="Empty", text="")
    shared = make_series(title="Shared")
    Collaborator.objects.create(series=shared, user=writer, role="reader", added_by=shared.owner)
    add_collaborator(first)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            page = NarrowFirst(
                selectors.series_list_for(writer, scope="all"),
                rows=selectors.series_rows_for(writer, scope="all", collaborators=False),
            )[0:20]
            expected = json.dumps(SeriesSerializer(page, many=True).data, ensure_ascii=False)
            assert json.dumps(series_list_data(page), ensure_ascii=False) == expected
    client.force_login(writer)
    answer = client.get("/api/v1/series/")
    assert answer.status_code == 200 and answer.json()["count"] == 3
