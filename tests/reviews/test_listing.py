"""The inbox's lists rendered in one Python pass (reviews.listing) make the markup that
reviews/inbox.html made with its loops over model instances, row for row, in both
languages, with every user-written value escaped."""

import re
from datetime import timedelta

import pytest
from django.template import engines
from django.utils import timezone, translation

from core.pagination import NarrowFirst
from reviews import listing, selectors
from reviews.models import AssignmentStatus, Fallback, ReviewAssignment, ReviewRequest
from reviews.services.requests import reviewers_assign
from reviews.services.reviewing import review_save
from tests.support.factories import (
    UserFactory,
    full_scores,
    make_series,
    peers,
    review_request,
)

pytestmark = pytest.mark.django_db

# The template's loops as they were, the reference.
TO_REVIEW = """{% load i18n %}{% for assignment in to_review %}
        <li><a href="{{ assignment.get_absolute_url }}">{{ assignment.request.series.title }}</a>
          <span class="muted">· {{ assignment.get_role_display }} · {{ assignment.request.get_blindness_display }} ·
            {% blocktranslate with due=assignment.due_at|date:"Y-m-d H:i" %}due {{ due }}{% endblocktranslate %}
            {% if assignment.review and assignment.review.status == "draft" %} · {% translate "draft saved" %}{% endif %}</span></li>
      {% endfor %}"""
REQUESTS = """{% load i18n %}{% for item in requests %}
          <tr>
            <td><a href="{{ item.get_absolute_url }}">{{ item.series.title }}</a> <span class="muted">#{{ item.revision.number }}</span></td>
            <td>{{ item.get_kind_display }}{% if item.fallback %}<br><span class="muted small">{{ item.get_fallback_display }}</span>{% endif %}</td>
            <td>{{ item.submitted }} / {{ item.reviews_needed }}</td>
            <td>{{ item.get_status_display }}{% if item.divergent_criteria %} <span class="tag">{% translate "reviewers disagree" %}</span>{% endif %}</td>
            <td>{{ item.due_at|date:"Y-m-d" }}</td>
          </tr>
        {% endfor %}"""
REVIEWED = """{% for assignment in reviewed %}
          <li><a href="{{ assignment.request.get_absolute_url }}">{{ assignment.request.series.title }}</a> <span class="muted">· {{ assignment.finished_at|date:"Y-m-d" }}</span></li>
        {% endfor %}"""

TITLE = "<b>法槌</b> & “之下”"


def _same(html: str) -> str:
    """Markup with its layout whitespace folded (runs of spaces to one, none between tags)."""
    html = re.sub(r"\s+", " ", str(html)).strip()
    return re.sub(r"\s*(<)|(>)\s*", lambda m: m.group(1) or m.group(2), html)


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.fixture
def busy_writer(run_on_commit):
    """A writer who reviews (one draft, one submitted) and asked for reviews of their own
    (one fell back to a mentor, one has reviewers who disagree)."""
    writer, reviewer_too = peers(2)
    with run_on_commit():
        theirs = [
            review_request(make_series(title=TITLE), reviews_needed=1, auto_assign=False)
            for _ in range(3)
        ]
        for request in theirs:  # by hand, so that the writer has all three
            reviewers_assign(actor=None, request=request, reviewers=[writer], role="peer")
    mine = ReviewAssignment.objects.filter(reviewer=writer, request__in=theirs)
    assert mine.count() == 3
    first, second, _third = mine.order_by("pk")
    review_save(actor=writer, assignment=first, scores=full_scores(), overall_comment="草稿")
    review_save(
        actor=writer, assignment=second, scores=full_scores(), overall_comment="好", submit=True
    )
    own = [review_request(make_series(owner=writer, title=TITLE)) for _ in range(2)]
    ReviewRequest.objects.filter(pk=own[0].pk).update(
        fallback=Fallback.MENTOR, divergent_criteria=["premise"],
        due_at=timezone.now() + timedelta(days=3),
    )  # fmt: skip
    assert reviewer_too  # the other peer keeps the requests assignable
    return writer


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_inbox_lists_are_the_templates_markup(busy_writer, language):
    writer = busy_writer
    mine = selectors.assignments_for_reviewer(writer)
    with translation.override(language):
        to_review = list(mine.filter(status=AssignmentStatus.ASSIGNED).order_by("due_at", "pk"))
        rows = selectors.reviews_to_give(writer, limit=50)
        assert [row.pk for row in rows] == [a.pk for a in to_review] and len(rows) == 2
        assert _same(listing.to_review_html(rows)) == _same(_render(TO_REVIEW, to_review=to_review))

        reviewed = list(mine.filter(status=AssignmentStatus.SUBMITTED).order_by("-finished_at"))
        rows = selectors.reviews_given(writer, limit=20)
        assert [row.pk for row in rows] == [a.pk for a in reviewed] and len(rows) == 1
        assert _same(listing.reviewed_html(rows)) == _same(_render(REVIEWED, reviewed=reviewed))

        requests = list(selectors.requests_for_writer(writer))
        rows = NarrowFirst(
            selectors.requests_for_writer(writer),
            rows=selectors.requests_for_writer_narrow(writer),
        )[:50]
        assert [row.pk for row in rows] == [r.pk for r in requests] and len(rows) == 2
        html = listing.requests_html(rows)
        assert _same(html) == _same(_render(REQUESTS, requests=requests))
    assert "&lt;b&gt;法槌&lt;/b&gt; &amp; “之下”" in html and "<b>" not in html


def test_the_inbox_shows_no_row_of_another_writers_requests(busy_writer):
    stranger = UserFactory()
    ids = list(selectors.requests_for_writer(busy_writer).values_list("pk", flat=True))

    assert selectors.requests_for_writer_narrow(stranger)(ids) == []
    assert selectors.reviews_to_give(stranger, limit=50) == []


FORM_ROWS = """{% load i18n %}{% for criterion, score, comment in form.rows %}
          <fieldset class="criterion" {% if not editable %}disabled{% endif %}>
            <legend>{{ criterion.name }} <span class="muted small">× {{ criterion.weight|floatformat:"-2" }}</span></legend>
            <p class="muted small">{{ criterion.description }}</p>
            <details class="anchors"><summary>{% translate "What the scores mean" %}</summary>
              <dl>
                <dt>{{ review_request.rubric_version.scale_min }}</dt><dd>{{ criterion.anchor_low }}</dd>
                <dt>{% translate "middle" %}</dt><dd>{{ criterion.anchor_mid }}</dd>
                <dt>{{ review_request.rubric_version.scale_max }}</dt><dd>{{ criterion.anchor_high }}</dd>
              </dl>
            </details>
            {{ score.errors }}
            <label for="{{ score.id_for_label }}">{% translate "Score" %}</label> {{ score }}
            <label for="{{ comment.id_for_label }}" class="visually-hidden">{{ comment.label }}</label>
            {{ comment }}
          </fieldset>
        {% endfor %}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("editable", [True, False])
def test_the_review_forms_criteria_are_the_templates_markup(language, editable):
    from reviews.forms import ReviewForm
    from reviews.models import Criterion

    request = review_request(make_series(), reviews_needed=1, auto_assign=False)
    Criterion.objects.filter(version=request.rubric_version, position=0).update(
        description_zh="<b>题材</b> & “新意”", description_en="<b>题材</b> & “新意”"
    )
    criteria = selectors.criteria_of(request)
    first, second = criteria[0].key, criteria[1].key
    with translation.override(language):
        for data in (None, {f"score_{first}": "99", f"comment_{second}": "<i>好</i>"}):
            form = ReviewForm(data, criteria=criteria, version=request.rubric_version)
            if data:
                assert not form.is_valid() and form[f"score_{first}"].errors
            expected = _render(FORM_ROWS, form=form, editable=editable, review_request=request)
            html = listing.review_form_rows_html(
                form, version=request.rubric_version, editable=editable
            )
            assert _same(html) == _same(expected)
    assert "&lt;b&gt;题材&lt;/b&gt; &amp; “新意”" in html and "&lt;i&gt;好&lt;/i&gt;" in html
