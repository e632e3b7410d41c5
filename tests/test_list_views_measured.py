"""Every list page and list endpoint has a query-count measurement (STYLE.md #12).

The test walks every URL pattern (django.urls.get_resolver(), includes followed) and
decides what is a list:

- An API view (Django REST framework) is a list when the generated OpenAPI schema says
  its GET answers 200 with an array or a paginated page. Most of ours are GenericAPIViews
  with their own get(), not ListAPIViews, so the class says little; the schema is the
  API's contract, every API test validates answers against it, and a new endpoint that
  answers a list is found the day it is added, with no list of names to keep.
- A page: nothing in a function view says whether it shows a list, so every page of ours
  that answers GET must be accounted for: a query-count test measures it, or NOT_LISTS
  below names it with the reason it shows no list. A new page that is neither fails here.
  That fails closed: a registry of list pages, or a decorator on list views, is simply
  missing from a new list page, and nothing notices. Views that refuse GET
  (require_POST) are actions and are skipped; a Django ListView is always a list.
- URLs that are not ours (the admin, allauth, the schema views) are skipped.

What counts as measured: the URL names that tests in tests/**/test_query_counts.py declare
with `@pytest.mark.measures(...)`. The declarations are true because
assert_constant_queries records the URL name of every answer it measures and the test fails
if that differs from what it declares (tests/support/queries.py).
"""

import types

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from rest_framework.generics import ListAPIView, RetrieveAPIView

import config.urls
from taxonomy.api.serializers import TermSerializer
from taxonomy.models import Term
from tests.support.factories import UserFactory
from tests.support.list_views import coverage_problems
from tests.support.queries import declaration_problems, declared_measurements

# Pages of ours that answer GET and show no list that grows with the data.
NOT_LISTS = {
    "healthz": "the health check",
    "admin-login": "the sign-in form",
    "accounts:profile_edit": "a form",
    "accounts:organisation_create": "a form",
    "accounts:organisation_edit": "a form",
    "accounts:invitation_detail": "one invitation",
    "scripts:series_create": "a form",
    "scripts:series_import": "an upload form",
    "scripts:series_edit": "a form",
    "scripts:series_write": "the editor: one revision's text",
    "scripts:series_analysis": "a report computed from one revision's text",
    "scripts:revision_detail": "one revision",
    "scripts:revision_restore": "asks to confirm restoring one revision",
    "scripts:compare": "the difference between two revisions",
    "scripts:conflict_detail": "one merge conflict",
    "scripts:revision_import": "an upload form",
    "scripts:export_detail": "one export",
    "scripts:export_download": "a file",
    "registry:entry": "one registry entry",
    "registry:check": "a form, and the entries one text matches (exact hash)",
    "registry:certificate": "a file",
    "registry:record_export": "one record export",
    "registry:record_export_download": "a file",
    "registry:originality_report": "one report (at most MAX_MATCHES matched works)",
    "courses:course_create": "a form",
    "courses:course_edit": "a form",
    "courses:cohort_create": "a form",
    "courses:cohort_edit": "a form",
    "courses:assignment_create": "a form",
    "courses:assignment_edit": "a form",
    "courses:certificate_lookup": "a form",
    "courses:certificate_verify": "one certificate",
    "courses:certificate_detail": "one certificate",
    "courses:certificate_download": "a file",
    # Lessons.
    "courses:lesson_create": "a form",
    "courses:lesson_edit": "a form",
    "courses:lessons_copy": "a form (its choice lists a course's cohorts: a handful)",
    "courses:module_create": "a form",
    "courses:module_edit": "a form",
    "courses:attachment_create": "an upload form",
    "courses:attachment_download": "a file",
    "courses:exemplar_create": "a form",
    "courses:announcement_create": "a form",
    # The fund.
    "fund:agreement": "a file: one project's agreement text",
    "fund:agreement_docx": "a file: one project's agreement",
    "fund:agreement_pdf": "a file: one project's agreement",
    "fund:project_create": "a form",
    "fund:call_detail": "one call: its rules (at most 20), questions (at most 40), priorities",
    "fund:application_start": "a form (the writer's series, at most 100, with their entries)",
    "fund:application_detail": "one application: its budget lines (at most 100), co-applicants "
    "(at most 20) and the call's questions (at most 40)",
    "fund:application_preview": "one application, as the panel sees it (bounded as above)",
    "fund:answer_file": "a file",
    "fund:application_filing": "one application's filing tier, flags and number, and the tier "
    "rule sets (at most 10)",
    "fund:filing_dossier_docx": "a file generated for one application (its queries are pinned in "
    "tests/incubator/test_filing_pages.py)",
    "fund:filing_dossier_pdf": "a file generated for one application (as above)",
    "fund:invitation_detail": "one invitation",
    "fund:fund_create": "a form",
    "fund:call_create": "a form",
    "fund:call_manage": "one call's settings (rules, questions and priorities are bounded)",
    "fund:call_questions": "a form of at most 40 questions",
    "fund:panel_review": "one sealed review: the rubric's criteria and the others' reviews "
    "(at most the call's panel size, 9)",
    "fund:fact_check_detail": "one fact-check: its line notes (at most 500) and the script",
    "fund:my_expertise": "a form and the person's expertise (one per area: at most 3)",
    "reviews:rubric_create": "a form",
    "reviews:rubric_edit": "a form with the criteria of one version",
    "reviews:calibration": "one excerpt to score",
    "reviews:request_create": "a form",
    "reviews:assignment_pdf": "a file",
    "scouting:portfolio": "a form: the writer's portfolio settings",
    "scouting:read_request": "a form (the studio's members to name as readers: one query)",
    "scouting:read_detail": "one read: its named readers (one query) and the answer forms",
    "scouting:read_script": "one read: the episodes in range of one revision",
    "scouting:read_pdf": "a file",
    "scouting:code_lookup": "one download found by its code",
    "scouting:brief": "one brief and its terms (a handful)",
    "scouting:brief_create": "a form (its choice lists the terms: a bounded taxonomy)",
    "scouting:brief_edit": "a form (as above)",
    "scouting:pitch_create": "a form (its choice lists the writer's series, as the fund's does)",
    "scouting:my_pitch": "one pitch and its form",
    "scouting:studio_pitch": "one pitch: its logline, synopsis and sample",
    "scouting:pitch_read_request": "a form (the studio's members to name as readers)",
    "scouting:offer_make": "a form (the scout's studios: one query)",
    "scouting:deal_exercise": "a form (the purchase terms under the studio's option)",
    "scouting:offer_make_pitch": "a form (the pitch's studio: one query)",
    "scouting:deal_agreement": "a file",
}

HOW_TO_MEASURE = """
To measure a list: in tests/<app>/test_query_counts.py, write a test marked
@pytest.mark.measures("<URL name>") that calls assert_constant_queries(make_rows, request,
expected=N): make_rows(k) adds k rows the list shows; run it once with
QUERY_COUNTS_RECORD=/tmp/q.json to read N, and pin it (docs/testing.md). A page that shows
no list goes in NOT_LISTS in tests/test_list_views_measured.py, with the reason."""


def _declared() -> set[str]:
    return set(declared_measurements())


def test_every_list_page_and_list_endpoint_has_a_query_count_measurement():
    problems = coverage_problems(measured=_declared(), not_lists=NOT_LISTS)

    assert not problems, "\n".join(problems) + HOW_TO_MEASURE


def test_the_measured_lists_are_read_from_the_tests_that_measure_them():
    declared = declared_measurements()

    assert declared["api-rubrics"] == [
        "tests.reviews.test_query_counts::test_rubric_page_and_endpoint_do_not_grow_with_rubrics"
    ]
    # A parametrized test declares its lists on each pytest.param.
    assert declared["term-list"] == ["tests.test_query_counts::test_public_lists"]
    assert len(declared["home"]) == 3


# --- The check itself: a list nobody measures is reported -------------------------------


class _PlantedList(ListAPIView):
    serializer_class = TermSerializer
    queryset = Term.objects.order_by("pk")


class _PlantedDetail(RetrieveAPIView):
    serializer_class = TermSerializer
    queryset = Term.objects.order_by("pk")


class _PlantedListPage(ListView):
    model = Term
    template_name = "taxonomy/term_list.html"


def _planted_page(request):
    return HttpResponse(", ".join(t.slug for t in Term.objects.all()))


@require_POST
def _planted_action(request):
    return HttpResponse(status=204)


def _with_planted_routes() -> types.ModuleType:
    urls = types.ModuleType("planted_urls")
    urls.urlpatterns = [
        *config.urls.urlpatterns,
        path("api/v1/planted/", _PlantedList.as_view(), name="api-planted-list"),
        path("api/v1/planted/<int:pk>/", _PlantedDetail.as_view(), name="api-planted-detail"),
        path("planted/", _planted_page, name="planted-page"),
        path("planted/all/", _PlantedListPage.as_view(), name="planted-list-page"),
        path("planted/do/", _planted_action, name="planted-action"),
    ]
    return urls


def test_a_list_endpoint_and_pages_added_without_a_measurement_are_reported():
    with override_settings(ROOT_URLCONF=_with_planted_routes()):
        problems = coverage_problems(measured=_declared(), not_lists=NOT_LISTS)

    assert problems == [
        "api-planted-list (GET /api/v1/planted/): a list endpoint (its OpenAPI 200 answer is "
        "a list) with no query-count measurement.",
        "planted-page (GET /planted/): a page that answers GET, with no query-count "
        "measurement and not in NOT_LISTS. If it shows a list, measure it; if not, add it to "
        "NOT_LISTS with the reason.",
        "planted-list-page (GET /planted/all/): a ListView page with no query-count "
        "measurement (NOT_LISTS cannot excuse a ListView).",
    ]
    # A detail endpoint and a POST-only action are not lists; nothing is said about them.


def test_a_listview_is_reported_even_when_not_lists_names_it():
    with override_settings(ROOT_URLCONF=_with_planted_routes()):
        problems = coverage_problems(
            measured=_declared() | {"api-planted-list"},
            not_lists={**NOT_LISTS, "planted-page": "a test", "planted-list-page": "excused?"},
        )

    assert problems == [
        "planted-list-page (GET /planted/all/): a ListView page with no query-count "
        "measurement (NOT_LISTS cannot excuse a ListView)."
    ]


def test_a_measured_list_whose_declaration_is_removed_is_reported():
    problems = coverage_problems(
        measured=_declared() - {"api-rubrics", "reviews:staff_queue"}, not_lists=NOT_LISTS
    )

    assert problems == [
        "api-rubrics (GET /api/v1/reviews/rubrics/): a list endpoint (its OpenAPI 200 answer "
        "is a list) with no query-count measurement.",
        "reviews:staff_queue (GET /reviews/staff/): a page that answers GET, with no "
        "query-count measurement and not in NOT_LISTS. If it shows a list, measure it; if "
        "not, add it to NOT_LISTS with the reason.",
    ]


def test_stale_declarations_and_exemptions_are_reported():
    problems = coverage_problems(
        measured=_declared() | {"reviews:no_such_page"},
        not_lists={**NOT_LISTS, "reviews:inbox": "wrong", "reviews:note_add": "POST only"},
    )

    assert problems == [
        "reviews:no_such_page: a query-count test declares it, but no URL has that name.",
        "reviews:inbox: measured, and in NOT_LISTS too; take it out of NOT_LISTS.",
        "reviews:note_add: in NOT_LISTS, but it is not a page of ours that answers GET.",
    ]


def test_a_measurement_must_declare_exactly_what_it_measures():
    assert (
        declaration_problems(
            declared={"reviews:inbox"}, measured={"reviews:inbox"}, module="test_query_counts.py"
        )
        == []
    )
    assert declaration_problems(
        declared={"reviews:inbox"}, measured={"api-rubrics"}, module="test_query_counts.py"
    ) == [
        "measured api-rubrics without declaring it: mark the test "
        "@pytest.mark.measures('api-rubrics')",
        "declares reviews:inbox but never measured it with assert_constant_queries",
    ]
    assert declaration_problems(
        declared={"api-rubrics"}, measured={"api-rubrics"}, module="test_api.py"
    ) == [
        "measures in test_api.py: measurements live in a test_query_counts.py module, where "
        "the list-view check finds them"
    ]


@pytest.mark.django_db
def test_the_planted_views_really_are_a_list_and_pages(client):
    # So the check above is judged on views that work, not on broken ones.
    with override_settings(ROOT_URLCONF=_with_planted_routes()):
        client.force_login(UserFactory())
        assert client.get("/api/v1/planted/").json()["count"] == Term.objects.count()
        assert client.get("/planted/").status_code == 200
        assert client.get("/planted/all/").status_code == 200
        assert client.get("/planted/do/").status_code == 405
