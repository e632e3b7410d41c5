"""Reviewers see only what they were assigned; the API follows the same rules."""

import pytest

from reviews.models import Rubric, RubricVersion
from reviews.services.reviewing import review_save
from reviews.services.rubrics import rubric_save_criteria, version_for_use
from tests.support.factories import (
    UserFactory,
    add_collaborator,
    full_scores,
    make_series,
    peers,
    review_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    series = make_series()
    peers(2)
    request = review_request(series, reviews_needed=1)
    [assignment] = request.assignments.select_related("reviewer")
    return series, request, assignment


def test_a_reviewer_sees_only_their_own_assignment(client, setup):
    series, request, assignment = setup
    stranger = UserFactory(roles=["writer"])

    client.force_login(stranger)
    assert client.get(assignment.get_absolute_url()).status_code == 404
    assert client.get(request.get_absolute_url()).status_code == 404
    client.force_login(series.owner)
    assert (
        client.get(assignment.get_absolute_url()).status_code == 404
    )  # the writer cannot review their own work
    client.force_login(assignment.reviewer)
    assert client.get(assignment.get_absolute_url()).status_code == 200


def test_a_reviewer_sees_the_report_only_after_submitting(client, setup):
    _series, request, assignment = setup
    client.force_login(assignment.reviewer)

    assert client.get(request.get_absolute_url()).status_code == 404
    review_save(
        actor=assignment.reviewer,
        assignment=assignment,
        scores=full_scores(),
        overall_comment="好",
        submit=True,
    )
    assert client.get(request.get_absolute_url()).status_code == 200


def test_co_writers_see_the_report_readers_do_not(client, setup):
    series, request, _assignment = setup
    client.force_login(add_collaborator(series, role="cowriter"))
    assert client.get(request.get_absolute_url()).status_code == 200
    client.force_login(add_collaborator(series, role="reader"))
    assert client.get(request.get_absolute_url()).status_code == 404


def test_pages_render(client, setup):
    series, request, assignment = setup
    client.force_login(series.owner)
    for path in [
        "/reviews/",
        "/reviews/rubrics/",
        "/reviews/rubrics/boutique-standard/",
        f"/reviews/series/{series.pk}/request/",
        "/reviews/conflicts/",
    ]:
        assert client.get(path).status_code == 200, path
    client.force_login(UserFactory(staff=True))
    assert client.get("/reviews/staff/").status_code == 200
    client.force_login(series.owner)
    assert client.get("/reviews/staff/").status_code == 403


def test_request_form_keeps_input_and_shows_field_errors(client):
    series = make_series()
    client.force_login(series.owner)

    response = client.post(
        f"/reviews/series/{series.pk}/request/",
        {
            "kind": "peer",
            "blindness": "double",
            "reviews_needed": 9,
            "rubric": Rubric.objects.get().pk,
            "due_at": "2020-01-01T10:00",
            "note": "请看结构",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html and "请看结构" in html


def test_request_through_the_api_and_its_errors(api_client):
    series = make_series()
    peers(3)
    api_client.force_authenticate(series.owner)
    url = f"/api/v1/series/{series.pk}/review-requests/"

    assert "kind" in api_client.post(url, {}, format="json").json()["errors"]
    assert (
        "blindness"
        in api_client.post(url, {"kind": "peer", "blindness": "triple"}, format="json").json()[
            "errors"
        ]
    )
    assert (
        "revision"
        in api_client.post(url, {"kind": "peer", "revision": 99}, format="json").json()["errors"]
    )
    assert (
        "mentor"
        in api_client.post(url, {"kind": "mentor", "mentor": 999999}, format="json").json()[
            "errors"
        ]
    )
    created = api_client.post(
        url, {"kind": "peer", "blindness": "double", "reviews_needed": 2}, format="json"
    )
    assert created.status_code == 201 and created.json()["reviews_needed"] == 2
    listed = api_client.get("/api/v1/reviews/requests/").json()
    assert listed["count"] == 1
    assert api_client.get("/api/v1/reviews/ledger/").json()["awaiting"] == 2


def test_review_through_the_api(api_client, setup):
    _series, request, assignment = setup
    api_client.force_authenticate(assignment.reviewer)
    url = f"/api/v1/reviews/assignments/{assignment.pk}/review/"

    draft = api_client.put(
        url, {"scores": {"premise": {"score": 8, "comment": "新"}}}, format="json"
    )
    assert draft.status_code == 200 and draft.json()["scores"]["premise"]["score"] == 8
    bad = api_client.put(url, {"scores": {"premise": {"score": 99}}}, format="json")
    assert bad.status_code == 400 and "scores.premise" in bad.json()["errors"]
    unknown = api_client.put(url, {"scores": {"vibes": {"score": 5}}}, format="json")
    assert "scores.vibes" in unknown.json()["errors"]
    note = api_client.post(
        f"/api/v1/reviews/assignments/{assignment.pk}/notes/",
        {"line": 7, "body": "好"},
        format="json",
    )
    assert note.status_code == 201
    submitted = api_client.put(
        url, {"scores": full_scores(), "overall_comment": "不错", "submit": True}, format="json"
    )
    assert submitted.json()["status"] == "submitted"
    assert api_client.get(f"/api/v1/reviews/requests/{request.pk}/").status_code == 200


def test_others_cannot_use_an_assignment_through_the_api(api_client, setup):
    _series, _request, assignment = setup
    api_client.force_authenticate(UserFactory())

    assert api_client.get(f"/api/v1/reviews/assignments/{assignment.pk}/review/").status_code == 404
    assert (
        api_client.put(
            f"/api/v1/reviews/assignments/{assignment.pk}/review/", {}, format="json"
        ).status_code
        == 404
    )
    assert (
        api_client.post(
            f"/api/v1/reviews/assignments/{assignment.pk}/decline/", {}, format="json"
        ).status_code
        == 404
    )


def test_a_used_rubric_version_never_changes_a_new_one_is_made(setup):
    _series, request, _assignment = setup
    rubric = Rubric.objects.get(is_default=True)
    used = request.rubric_version
    staff = UserFactory(staff=True)
    criteria = [
        {"key": "premise", "weight": "2.00", "name_zh": "题材"},
        {"key": "hook", "weight": "1.00", "name_zh": "钩子"},
    ]

    new = rubric_save_criteria(actor=staff, rubric=rubric, criteria=criteria)

    assert new.number == used.number + 1 and new.content_hash != used.content_hash
    assert RubricVersion.objects.get(pk=used.pk).criteria.count() == 9
    assert version_for_use(rubric) == new
    again = rubric_save_criteria(actor=staff, rubric=rubric, criteria=criteria)
    assert again == new  # same content, same version


def test_only_staff_or_the_owning_organisations_admins_change_rubrics(api_client):
    api_client.force_authenticate(UserFactory())

    response = api_client.put(
        "/api/v1/reviews/rubrics/boutique-standard/criteria/",
        {"criteria": [{"key": "x", "weight": "1", "name_zh": "x"}]},
        format="json",
    )

    assert response.status_code == 403


def test_rubrics_are_public(client):
    assert client.get("/reviews/rubrics/boutique-standard/").status_code == 200
    assert "前三集钩子" in client.get("/reviews/rubrics/boutique-standard/").content.decode()


def test_reviewers_see_only_the_requested_episodes(client):
    series = make_series()
    peers(1)
    request = review_request(series, reviews_needed=1, episode_from=2, episode_to=2)
    [assignment] = request.assignments.select_related("reviewer")
    client.force_login(assignment.reviewer)

    html = client.get(assignment.get_absolute_url()).content.decode()

    assert "比对签名" in html  # episode 2
    assert "考勤表找出来" not in html  # episode 1


def _criterion_post(prefix_rows: list[dict]) -> dict:
    data = {
        "criteria-TOTAL_FORMS": str(len(prefix_rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "30",
    }
    for i, row in enumerate(prefix_rows):
        data.update({f"criteria-{i}-{k}": v for k, v in row.items()})
    return data


def test_an_organisation_admin_creates_a_rubric_for_their_organisation(client):
    from tests.support.factories import OrganisationFactory, admin_of

    organisation = OrganisationFactory()
    educator = admin_of(organisation)
    client.force_login(educator)
    data = {
        "slug": "course-rubric",
        "name_zh": "课程评分",
        "organisation": organisation.pk,
        "aggregate_method": "mean",
        "scale_min": 1,
        "scale_max": 5,
        "divergence_threshold": 2,
    }
    data.update(
        _criterion_post(
            [
                {"key": "hook", "weight": "1", "name_zh": "钩子"},
                {"key": "dialogue", "weight": "2", "name_zh": "对白"},
            ]
        )
    )

    response = client.post("/reviews/rubrics/new/", data)

    assert response.status_code == 302
    rubric = Rubric.objects.get(slug="course-rubric")
    version = version_for_use(rubric)
    assert rubric.organisation == organisation and (version.scale_min, version.scale_max) == (1, 5)
    assert list(version.criteria.values_list("key", flat=True)) == ["hook", "dialogue"]
    assert client.get("/reviews/rubrics/boutique-standard/edit/").status_code == 403


def test_people_without_an_organisation_cannot_create_rubrics(client):
    client.force_login(UserFactory())

    assert client.get("/reviews/rubrics/new/").status_code == 403


def test_the_rubric_form_reports_errors_and_keeps_input(client):
    client.force_login(UserFactory(staff=True))
    data = {
        "slug": "x",
        "name_zh": "保留我",
        "aggregate_method": "median",
        "scale_min": 1,
        "scale_max": 10,
        "divergence_threshold": 4,
    }
    data.update(
        _criterion_post(
            [
                {"key": "a", "weight": "1", "name_zh": "甲"},
                {"key": "a", "weight": "1", "name_zh": "乙"},
            ]
        )
    )

    response = client.post("/reviews/rubrics/new/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html and "保留我" in html
    assert not Rubric.objects.filter(slug="x").exists()
