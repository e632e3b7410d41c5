import pytest
from django.utils import translation

from taxonomy.data import terms_ensure
from taxonomy.models import Term

pytestmark = pytest.mark.django_db

REGULATOR_FAVOURED = {
    "rule-of-law": "法治",
    "intangible-heritage": "非遗",
    "cultural-tourism": "文旅",
    "popular-science": "科普",
    "health-wellness": "康养",
    "medical-science": "医疗科普",
    "family-ethics": "家庭伦理",
    "history-culture": "历史文化",
    "realistic": "现实题材",
    "rural-revitalisation": "乡村振兴",
    "mainstream-values": "主旋律",
}


def test_every_installation_has_the_favoured_themes_genres_and_audiences():
    themes = dict(Term.objects.themes().values_list("slug", "name_zh"))

    assert themes == REGULATOR_FAVOURED
    assert Term.objects.themes().filter(is_encouraged=True).count() == len(REGULATOR_FAVOURED)
    assert {"甜宠", "复仇", "都市", "悬疑", "家庭", "女性", "玄幻", "古装"} == set(
        Term.objects.genres().values_list("name_zh", flat=True)
    )
    assert "银发观众" in set(Term.objects.audiences().values_list("name_zh", flat=True))


def test_names_follow_the_active_language():
    term = Term.objects.get(kind="theme", slug="rule-of-law")

    with translation.override("en"):
        assert term.name == "Rule of law"
    with translation.override("zh-hans"):
        assert term.name == "法治"


def test_reloading_the_standard_terms_keeps_staff_edits():
    Term.objects.filter(slug="rule-of-law").update(name_en="Law and justice")

    assert terms_ensure(Term) == 0
    assert Term.objects.get(slug="rule-of-law").name_en == "Law and justice"


def test_taxonomy_pages(client):
    html = client.get("/themes/").content.decode()
    assert "法治" in html and "甜宠" in html and "银发观众" in html

    detail = client.get("/themes/theme/intangible-heritage/")
    assert detail.status_code == 200
    assert client.get("/themes/theme/no-such/").status_code == 404
    assert client.get("/themes/planet/rule-of-law/").status_code == 404


def test_inactive_terms_are_hidden(client, api_client):
    Term.objects.filter(slug="fantasy").update(is_active=False)

    assert client.get("/themes/genre/fantasy/").status_code == 404
    slugs = [t["slug"] for t in api_client.get("/api/v1/terms/?kind=genre").json()["results"]]
    assert "fantasy" not in slugs and "revenge" in slugs


def test_terms_api_filters_by_kind(api_client):
    body = api_client.get("/api/v1/terms/?kind=audience").json()

    assert {t["kind"] for t in body["results"]} == {"audience"}
    assert body["count"] == 5


def test_staff_manage_the_taxonomy_in_the_admin(client):
    from tests.support.factories import UserFactory

    admin = UserFactory(staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.post(
        "/admin/taxonomy/term/add/",
        {
            "kind": "theme",
            "slug": "sports",
            "name_zh": "体育",
            "name_en": "Sports",
            "position": 20,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert Term.objects.filter(slug="sports").exists()
