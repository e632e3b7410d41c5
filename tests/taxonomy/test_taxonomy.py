import re

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


def _tagged(owner=None, *, visibility="platform", title="法槌之下", slug="rule-of-law"):
    from tests.support.factories import make_series

    return make_series(
        owner,
        title=title,
        visibility=visibility,
        themes=[Term.objects.get(kind="theme", slug=slug)],
    )


def test_a_theme_page_lists_the_series_on_it_that_the_viewer_may_read(client):
    from tests.support.factories import UserFactory

    viewer = UserFactory()
    open_one = _tagged(title="窗口之外")
    mine = _tagged(viewer, visibility="private", title="我的草稿")
    _tagged(visibility="private", title="别人的私稿")
    _tagged(title="非遗针脚", slug="intangible-heritage")
    client.force_login(viewer)

    html = client.get("/themes/theme/rule-of-law/").content.decode()

    assert f'href="{open_one.get_absolute_url()}"' in html and "窗口之外" in html
    assert f'href="{mine.get_absolute_url()}"' in html
    assert "别人的私稿" not in html and "非遗针脚" not in html
    assert 'id="series"' in html


def test_a_visitor_is_told_to_log_in_to_see_the_series(client):
    _tagged(title="窗口之外")

    html = client.get("/themes/theme/rule-of-law/").content.decode()

    assert "窗口之外" not in html
    assert "/accounts/login/?next=%2Fthemes%2Ftheme%2Frule-of-law%2F" in html


def test_genre_and_audience_pages_list_their_series_too(client):
    from tests.support.factories import UserFactory, make_series

    genre = Term.objects.genres().first()
    audience = Term.objects.audiences().first()
    make_series(title="类型剧", visibility="platform", genres=[genre], audiences=[audience])
    client.force_login(UserFactory())

    assert "类型剧" in client.get(f"/themes/genre/{genre.slug}/").content.decode()
    assert "类型剧" in client.get(f"/themes/audience/{audience.slug}/").content.decode()


def test_the_series_on_a_theme_come_a_page_at_a_time(client):
    from scripts_app.theme_sections import SERIES_PER_PAGE
    from tests.support.factories import UserFactory

    for i in range(SERIES_PER_PAGE + 1):
        _tagged(title=f"剧{i:02d}")
    client.force_login(UserFactory())

    first = client.get("/themes/theme/rule-of-law/").content.decode()
    second = client.get("/themes/theme/rule-of-law/?series_page=2").content.decode()

    links = re.compile(r'<a href="/scripts/\d+/">')
    assert len(links.findall(first)) == SERIES_PER_PAGE
    assert len(links.findall(second)) == 1
    assert 'href="?series_page=2#series"' in first
    assert f"({SERIES_PER_PAGE + 1})" in first
