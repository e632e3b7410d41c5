"""The score report's bars, score table and review cards rendered in one Python pass
(reviews.report_html) make the markup reviews/request_detail.html made with its loops,
in both languages, with every user-written value escaped or through the markdown filter."""

import re

import pytest
from django.template import engines
from django.utils import translation

from reviews.models import ReviewScore
from reviews.report_html import report_bars_html, report_cards_html, report_table_rows_html
from reviews.selectors import report_for
from reviews.services.reviewing import review_rate, review_save
from tests.support.factories import full_scores, make_series, peers, review_request

pytestmark = pytest.mark.django_db

# The template's loops as they were, the reference.
BARS = """{% load review_tags %}{% for row in report.rows %}{% if row.summary.aggregate is not None %}
          <li class="score-bar{% if row.summary.diverges %} diverges{% endif %}">
            <span class="score-bar-label">{{ row.criterion.name }}</span>
            <span class="score-bar-track" aria-hidden="true">
              <svg focusable="false"><rect class="score-bar-fill" width="{{ row.summary.aggregate|percent_of:scale_max }}%" height="100%" rx="7"/><rect class="score-bar-range" x="{{ row.summary.min|percent_of:scale_max }}%" y="50%" width="{{ row.summary.spread|percent_of:scale_max }}%" height="2" transform="translate(0 -1)"/></svg>
            </span>
            <span class="score-bar-value">{{ row.summary.aggregate|floatformat:1 }}{% if row.summary.spread %} <span class="muted small">({{ row.summary.min|floatformat:0 }}–{{ row.summary.max|floatformat:0 }})</span>{% endif %}</span>
          </li>
        {% endif %}{% endfor %}"""
TABLE_ROWS = """{% load i18n %}{% for row in report.rows %}
            <tr{% if row.summary.diverges %} class="diverges"{% endif %}>
              <th scope="row">{{ row.criterion.name }}</th>
              <td>{{ row.criterion.weight|floatformat:"-2" }}</td>
              <td><strong>{{ row.summary.aggregate|floatformat:1 }}</strong></td>
              <td>{{ row.summary.mean|floatformat:1 }}</td>
              <td>{{ row.summary.spread|floatformat:0 }}{% if row.summary.diverges %} <span class="tag">{% translate "diverges" %}</span>{% endif %}</td>
              {% for label, score in row.scores %}<td>{{ score|default_if_none:"—" }}</td>{% endfor %}
            </tr>
          {% endfor %}"""
CARDS = """{% load i18n core_tags review_tags %}{% for card in report.cards %}
        <article class="card review-card" aria-labelledby="review-{{ card.assignment.pk }}">
          <h3 id="review-{{ card.assignment.pk }}">{{ card.label }} <span class="muted small">· {{ card.assignment.get_role_display }} · {{ card.assignment.review.submitted_at|date:"Y-m-d" }}</span></h3>
          <div class="prose">{{ card.assignment.review.overall_comment|markdown }}</div>
          <details>
            <summary>{% translate "Scores and comments by criterion" %}</summary>
            <dl class="criterion-comments">
              {% for row in report.rows %}{% with score=card.scores|get_item:row.criterion.pk %}{% if score %}
                <dt>{{ row.criterion.name }}: <strong>{{ score.score }}</strong></dt><dd>{{ score.comment|markdown }}</dd>
              {% endif %}{% endwith %}{% endfor %}
            </dl>
          </details>
          {% if card.helpfulness %}
            <p class="muted">{% blocktranslate with n=card.helpfulness %}You rated this review {{ n }} / 5.{% endblocktranslate %}</p>
          {% elif card.can_rate %}
            <form method="post" action="{% url 'reviews:review_rate' rq.pk card.assignment.review.pk %}" class="rating-form">
              {% csrf_token %}
              <fieldset><legend>{% translate "How helpful was this review?" %}</legend>
                {% for value in "12345" %}<label><input type="radio" name="helpfulness" value="{{ value }}" required> {{ value }}</label> {% endfor %}
              </fieldset>
              <label for="rate-comment-{{ card.assignment.pk }}">{% translate "Why (optional)" %}</label>
              <input id="rate-comment-{{ card.assignment.pk }}" name="comment" maxlength="500">
              <button type="submit" class="button-small">{% translate "Rate" %}</button>
            </form>
          {% endif %}
        </article>
      {% endfor %}"""

TOKEN = "t0ken<&>"


def _same(html: str) -> str:
    """Markup with its layout whitespace folded (runs of spaces to one, none between tags)."""
    html = re.sub(r"\s+", " ", str(html)).strip()
    return re.sub(r"\s*(<)|(>)\s*", lambda m: m.group(1) or m.group(2), html)


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.fixture
def report_request(run_on_commit):
    """Three reviews that disagree on a criterion, one left unscored, one rated."""
    series = make_series()
    peers(3)
    with run_on_commit():
        request = review_request(series, reviews_needed=3)
    assignments = list(request.assignments.select_related("reviewer").order_by("position"))
    for number, (assignment, value) in enumerate(zip(assignments, (2, 6, 10), strict=True)):
        review_save(
            actor=assignment.reviewer, assignment=assignment,
            scores=full_scores(7, premise=value),
            overall_comment=f"**第{number}位** <script>x</script> & “好”", submit=True,
        )  # fmt: skip
    ReviewScore.objects.filter(review__assignment=assignments[2], criterion__key="dialogue").update(
        score=None, comment="<script>没打分</script>"
    )
    review_rate(actor=series.owner, review=assignments[0].review, helpfulness=4, comment="")
    request.refresh_from_db()
    return request


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_reports_bars_table_and_cards_are_the_templates_markup(report_request, language):
    request = report_request
    with translation.override(language):
        report = report_for(request.series.owner, request)
        scale_max = request.rubric_version.scale_max
        assert any(row.summary.diverges for row in report.rows)
        assert [card.helpfulness for card in report.cards].count(4) == 1
        assert sum(card.can_rate for card in report.cards) == 2

        bars = report_bars_html(report, scale_max=scale_max)
        assert _same(bars) == _same(_render(BARS, report=report, scale_max=scale_max))
        rows = report_table_rows_html(report)
        assert _same(rows) == _same(_render(TABLE_ROWS, report=report))
        cards = report_cards_html(report, request_pk=request.pk, csrf_token=TOKEN)
        expected = _render(CARDS, report=report, rq=request, csrf_token=TOKEN)
        assert _same(cards) == _same(expected)
    assert "<script" not in cards and "<dd>没打分</dd>" in cards and "&amp; “好”" in cards
    assert "<td>—</td>" in rows and "<strong>None</strong>" in cards
