"""The compliance pre-check in the platform: the starter data, rule validation, the
rule-set token and the caches it invalidates, the audited admin, the analysis page and
API (grouped, escaped, in the reader's language), and what the demo series get."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from core.models import AuditEntry
from scripts_app.compliance import ruleset
from scripts_app.compliance.report import compliance_report
from scripts_app.compliance.roles import line_layout
from scripts_app.compliance.ruleset import active_rules, current_token
from scripts_app.document import parse
from scripts_app.models import ComplianceCategory, ComplianceRule
from scripts_app.selectors import revision_text
from scripts_app.services.compliance import compliance_rule_save, compliance_rules_delete
from scripts_app.services.revisions import revision_save
from seeds.world.series import SERIES
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, make_series, review_request

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]")
FLAGGED_TEXT = ZH_TWO_EPISODES.replace(
    "△林晚对着台灯比对签名。", "△林晚对着台灯比对签名。\n△隔壁传来赌博的吵闹声。"
)


@pytest.fixture
def admin_user():
    return UserFactory(staff=True, is_superuser=True)


def _rule(pattern: str, applies_to: str = "body") -> ComplianceRule:
    return ComplianceRule.objects.get(pattern=pattern, applies_to=applies_to)


# --- The starter rule set -------------------------------------------------------------------


def test_the_starter_set_has_enough_patterns_in_both_languages_and_every_category():
    rules = ComplianceRule.objects.filter(is_exception=False)
    by_language = Counter(rules.values_list("language", flat=True))
    by_category = Counter(rules.values_list("category", "language"))

    assert by_language["zh"] >= 150 and by_language["en"] >= 50
    for category in set(ComplianceCategory.values) - {"other"}:
        assert by_category[category, "zh"] >= 1 and by_category[category, "en"] >= 1, category


def test_every_starter_rule_is_valid_explained_in_both_languages_and_finds_its_example():
    for rule in ComplianceRule.objects.all():
        rule.full_clean()  # compiles, finds its example, has a fix unless it is an exception
        assert rule.explanation_zh and rule.explanation_en, rule.pattern
        assert "《" in rule.explanation_zh or "总局" in rule.explanation_zh, rule.pattern
        assert CJK.search(rule.explanation_zh) and not CJK.search(rule.suggestion_en), rule.pattern


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pattern": "赌(", "kind": "regex"}, "pattern"),
        ({"pattern": "(?P<x>赌)", "kind": "regex"}, "pattern"),
        ({"example": "甲：今天天气很好。"}, "example"),
        ({"suggestion_en": ""}, "suggestion_en"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_with_the_field_named(changes, field):
    rule = _rule("赌博")
    for name, value in changes.items():
        setattr(rule, name, value)

    with pytest.raises(ValidationError) as refused:
        rule.full_clean()

    assert field in refused.value.message_dict


# --- Versions, caches and invalidation -----------------------------------------------------


def test_rules_are_compiled_once_per_version(django_assert_num_queries):
    first = active_rules()

    with django_assert_num_queries(1):  # the token only
        assert active_rules() is first


def test_a_staff_change_gives_a_new_token_and_the_next_check_uses_it(admin_user):
    before = current_token()
    assert [h.text for h in active_rules().compiled.scan("甲：去赌博。")] == ["赌博"]

    rule = _rule("赌博")
    rule.is_active = False
    compliance_rule_save(actor=admin_user, rule=rule, previous={"is_active": True})

    assert current_token() != before
    assert active_rules().compiled.scan("甲：去赌博。") == []


def test_a_deleted_rule_is_gone_from_the_next_check(admin_user):
    compliance_rules_delete(actor=admin_user, rules=[_rule("吸毒")])

    assert active_rules().compiled.scan("△他吸毒。") == []
    assert AuditEntry.objects.filter(action="compliance.rule_deleted").count() == 1


def test_another_process_sees_a_change_made_elsewhere():
    stale = active_rules()
    # Another process changes a rule and the token in its own transaction; this one still
    # holds the old compilation.
    ComplianceRule.objects.filter(pattern="赌博").update(severity="serious")
    ruleset.rules_changed()

    fresh = active_rules()

    assert fresh is not stale
    assert fresh.texts[_rule("赌博").pk].severity == "serious"


def test_the_cached_report_of_a_revision_follows_a_rule_change(admin_user):
    series = make_series(text=FLAGGED_TEXT)
    text = revision_text(series.head)

    def hits():
        report = compliance_report(
            text=text, fmt="zh", sha256=series.head.sha256, series_title=series.title
        )
        return [hit["text"] for group in report["categories"] for hit in group["hits"]]

    assert hits() == ["赌博"]
    rule = _rule("赌博")
    rule.is_active = False
    compliance_rule_save(actor=admin_user, rule=rule)

    assert hits() == []


def test_only_staff_change_rules():
    rule = _rule("赌博")

    with pytest.raises(PermissionDenied):
        compliance_rule_save(actor=UserFactory(), rule=rule)
    with pytest.raises(PermissionDenied):
        compliance_rules_delete(actor=UserFactory(), rules=[rule])


# --- The admin ----------------------------------------------------------------------------


def _form_data(rule: ComplianceRule, **changes) -> dict:
    fields = [
        "pattern", "kind", "language", "category", "severity", "applies_to", "scope",
        "explanation_zh", "explanation_en", "suggestion_zh", "suggestion_en", "example",
    ]  # fmt: skip
    data = {name: getattr(rule, name) for name in fields}
    data.update(is_active="on" if rule.is_active else "", is_exception="")
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_staff_edit_a_rule_in_the_admin_audited_and_try_it_on_a_sample(client, admin_user):
    client.force_login(admin_user)
    rule = _rule("赌博")
    url = reverse("admin:scripts_app_compliancerule_change", args=[rule.pk])

    response = client.post(
        url, _form_data(rule, severity="serious", sample="甲：去賭 博吧。"), follow=True
    )

    assert response.status_code == 200
    rule.refresh_from_db()
    assert rule.severity == "serious"
    entry = AuditEntry.objects.get(action="compliance.rule_changed")
    assert entry.actor == admin_user and entry.data["changes"] == {
        "severity": ["caution", "serious"]
    }
    assert "賭 博" in response.content.decode()  # the sample's hit, reported back


def test_the_admin_refuses_a_pattern_that_misses_its_example(client, admin_user):
    client.force_login(admin_user)
    rule = _rule("赌博")
    url = reverse("admin:scripts_app_compliancerule_change", args=[rule.pk])

    response = client.post(url, _form_data(rule, pattern="网络赌博"))

    assert response.status_code == 200  # the form again, with the error
    assert "这条匹配规则在它的示例中什么也没找到" in response.content.decode()
    assert not AuditEntry.objects.filter(action__startswith="compliance.").exists()


def test_the_admin_list_filters_and_shows_the_example_found_escaped(client, admin_user):
    client.force_login(admin_user)
    rule = _rule("赌博")
    rule.example = "<b>甲</b>：去赌博。"
    compliance_rule_save(actor=admin_user, rule=rule)

    listing = client.get(
        reverse("admin:scripts_app_compliancerule_changelist")
        + "?category__exact=gambling&language__exact=zh&severity__exact=caution&is_active__exact=1"
    )
    page = client.get(reverse("admin:scripts_app_compliancerule_change", args=[rule.pk]))

    assert listing.status_code == 200 and "du博" in listing.content.decode()
    assert "&lt;b&gt;甲&lt;/b&gt;：去<mark>赌博</mark>。" in page.content.decode()


# --- The analysis page and API ----------------------------------------------------------------

HOSTILE = (
    "第1集 <i>霸总</i>赌博\n1-1 日 内 客厅\n人物：甲\n"
    "甲：<img onerror=alert(2)>赌博<script>alert(1)</script>\n"
)


def test_the_page_groups_hits_escapes_hostile_text_and_links_to_the_line(client):
    series = make_series(text=HOSTILE, title="震惊！！<i>霸总</i>")
    client.force_login(series.owner)

    html = client.get(reverse("scripts:series_analysis", args=[series.pk])).content.decode()
    section = html[html.index('id="compliance-heading"') :]

    assert "<script>alert(1)" not in html and "<img onerror" not in html and "<i>" not in section
    assert "甲：&lt;img onerror=alert(2)&gt;<mark>赌博</mark>&lt;script&gt;" in section
    assert f"/scripts/{series.pk}/read/?revision=1#L4" in section
    assert html.index('href="#compliance-heading"') < html.index('id="compliance-heading"')
    assert "<mark>震惊</mark>！！&lt;i&gt;霸总&lt;/i&gt;" in section
    assert "&lt;i&gt;<mark>霸总</mark>&lt;/i&gt;赌博" in section  # the episode title's note
    assert "&lt;i&gt;霸总&lt;/i&gt;<mark>赌博</mark>" in section  # and its line, as script text
    assert f"/scripts/{series.pk}/read/?revision=1#L1" in section
    assert "第1集标题" in section
    # Title notes come first, then the script's hits under their category.
    assert section.index("第1集标题") < section.index("第 4 行")


def test_explanations_are_in_the_readers_language(client):
    series = make_series(text=FLAGGED_TEXT)
    client.force_login(series.owner)
    rule = _rule("赌博")

    chinese = client.get(reverse("scripts:series_analysis", args=[series.pk])).content.decode()
    series.owner.language = "en"
    series.owner.save(update_fields=["language"])
    english = client.get(reverse("scripts:series_analysis", args=[series.pk])).content.decode()

    assert rule.explanation_zh[:20] in chinese and rule.suggestion_zh[:20] in chinese
    assert rule.explanation_en[:40] in english and rule.suggestion_en[:40] in english
    assert rule.explanation_zh[:20] not in english


def test_the_api_lists_hits_by_category_with_titles_on_top(api_client):
    series = make_series(text=FLAGGED_TEXT, title="霸总归来")
    api_client.force_authenticate(series.owner)

    with translation.override("en"):
        body = api_client.get(
            f"/api/v1/series/{series.pk}/analysis/", HTTP_ACCEPT_LANGUAGE="en"
        ).json()["compliance"]

    assert body["advice_only"] is True
    assert body["counts"]["total"] == 2
    [title] = body["titles"]
    assert (title["text"], title["category"], title["line"]) == ("霸总", "archetype", None)
    [group] = body["categories"]
    [hit] = group["hits"]
    assert group["category"] == "gambling"
    assert (hit["line"], hit["column"], hit["text"], hit["role"]) == (15, 6, "赌博", "action")
    assert hit["before"] == "△隔壁传来" and hit["after"] == "的吵闹声。"
    assert hit["severity"] == "caution" and hit["explanation"] and hit["suggestion"]


def test_flagged_text_never_blocks_saving_or_asking_for_review():
    series = make_series()

    saved = revision_save(
        actor=series.owner, series=series, text=FLAGGED_TEXT + "\n旁白：充值解锁下一集！\n",
        base=series.head,
    )  # fmt: skip
    series.refresh_from_db()
    request = review_request(series)

    assert saved.head.number == 2 and request.pk


# --- The demo series ------------------------------------------------------------------------


def test_the_demo_series_get_sensible_results():
    """Documented in docs/compliance.md: the demo series are clean but for one caution
    on 老两口不上当, whose synopsis says the old man stopped his blood-pressure pills (the
    drama's point is to show why that is dangerous, which is what the fix asks)."""
    rules = active_rules()
    found = {}
    for series in SERIES:
        final = series["revisions"][-1]["file"]
        text = (Path("seeds/world/series") / series["slug"] / final).read_text(encoding="utf-8")
        layout = line_layout(parse(text, series["format"]))
        hits = rules.compiled.scan(text, roles=layout.roles, skip_lines=layout.title_lines)
        titles = [rules.compiled.scan_title(series["title"])] + [
            rules.compiled.scan_title(title) for _, _, title in layout.episode_titles
        ]
        found[series["slug"]] = (
            [(hit.text, rules.texts[hit.rule_id].category) for hit in hits],
            sum(len(notes) for notes in titles),
        )

    assert found == {
        "window-three": ([], 0),
        "jinguan-embroidery": ([], 0),
        "not-fooled": ([("停了降压药", "misinformation")], 0),
        "three-bowls": ([], 0),
        "window-secrets": ([], 0),
    }


# --- The data migration ---------------------------------------------------------------------


def test_the_data_migration_upgrades_the_first_list_and_keeps_staff_edits():
    """Migration 0007's function, run on rows as 0002 and 0006 left them."""
    from importlib import import_module

    from django.apps import apps

    from scripts_app.compliance.starter import LEGACY_RULES, RULES

    forward = import_module("scripts_app.migrations.0007_compliance_rule_set").forward
    ComplianceRule.objects.all().delete()
    ComplianceRule.objects.bulk_create(
        ComplianceRule(pattern=phrase, category=category, explanation_zh=zh, explanation_en=en)
        for phrase, category, zh, en in LEGACY_RULES
    )
    ComplianceRule.objects.filter(pattern="算命").update(explanation_zh="员工改过的说明")
    ComplianceRule.objects.filter(pattern="擦边").update(is_active=False)
    ComplianceRule.objects.create(
        pattern="staff term", category="vulgar", explanation_zh="员工加的", explanation_en=""
    )
    token = current_token()

    forward(apps, None)

    untouched, edited, off = _rule("床戏"), _rule("算命"), _rule("擦边")
    assert untouched.category == "sexual" and untouched.suggestion_en and untouched.example
    assert untouched.explanation_zh != LEGACY_RULES[9][2]  # the new explanation
    assert edited.explanation_zh == "员工改过的说明" and edited.suggestion_zh and edited.example
    assert not off.is_active and off.category == "sexual"
    added = _rule("staff term")
    assert (added.category, added.language, added.example) == ("sexual", "en", "staff term")
    assert ComplianceRule.objects.count() == len(RULES) + 1
    assert current_token() != token
