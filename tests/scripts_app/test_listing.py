"""The read page's line comments rendered in one Python pass (scripts_app.listing) make
the markup scripts_app/read.html made with its loop, in both languages, with every
user-written value escaped or through the markdown filter."""

import re

import pytest
from django.template import engines
from django.utils import translation

from scripts_app.comments import comments_for_display
from scripts_app.listing import comments_html
from scripts_app.selectors import revision_text
from scripts_app.services.comments import comment_create, comment_set_resolved
from scripts_app.services.revisions import revision_save
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db

# The template's loop as it was, the reference.
COMMENTS = """{% load i18n core_tags %}{% for item in comments %}
            <li class="comment{% if item.outdated %} outdated{% endif %}{% if item.comment.resolved %} resolved{% endif %}">
              <p class="muted small">
                {% if item.outdated %}<span class="tag">{% translate "outdated" %}</span>{% else %}<a href="#L{{ item.current_line }}">{% blocktranslate with line=item.current_line %}Line {{ line }}{% endblocktranslate %}</a>{% endif %}
                · {{ item.comment.author.display_name }} · {{ item.comment.created_at|date:"Y-m-d H:i" }}
                {% if item.comment.resolved %}<span class="tag tag-resolved">{% translate "Resolved" %}</span>{% endif %}
              </p>
              <blockquote class="quote">{{ item.comment.anchor_text }}</blockquote>
              <div>{{ item.comment.body|markdown }}</div>
              {% if item.can_resolve %}
                <form method="post" action="{% url 'scripts:comment_resolve' series.pk item.comment.pk %}">
                  {% csrf_token %}
                  <input type="hidden" name="resolved" value="{% if item.comment.resolved %}0{% else %}1{% endif %}">
                  <button type="submit" class="button-small secondary">{% if item.comment.resolved %}{% translate "Reopen" %}{% else %}{% translate "Mark resolved" %}{% endif %}</button>
                </form>
              {% endif %}
            </li>
          {% endfor %}"""

TOKEN = "t0ken<&>"
LINE = ZH_TWO_EPISODES.split("\n").index("林晚：能。但我需要您把工地的考勤表找出来。") + 1


def _same(html: str) -> str:
    """Markup with its layout whitespace folded (runs of spaces to one, none between tags)."""
    html = re.sub(r"\s+", " ", str(html)).strip()
    return re.sub(r"\s*(<)|(>)\s*", lambda m: m.group(1) or m.group(2), html)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_read_pages_comments_are_the_templates_markup(language):
    series = make_series()
    reader = add_collaborator(
        series, role="reader", display_name_zh="<b>读者</b>", display_name_en="<b>读者</b>"
    )
    moved_line = comment_create(actor=series.owner, revision=series.head, line=LINE, body="**?**")
    resolved = comment_create(actor=reader, revision=series.head, line=1, body="<i>好</i> & “嗯”")
    comment_set_resolved(actor=series.owner, comment=resolved, resolved=True)
    current = revision_save(
        actor=series.owner, series=series, text="\n" + ZH_TWO_EPISODES, base=series.head
    ).head
    comment_create(actor=series.owner, revision=current, line=LINE + 1, body="新")

    for viewer in (series.owner, reader, UserFactory()):
        with translation.override(language):
            placed = comments_for_display(series, current, revision_text(current), viewer=viewer)
            expected = (
                engines["django"]
                .from_string(COMMENTS)
                .render({"comments": placed, "series": series, "csrf_token": TOKEN})
            )
            html = comments_html(series, placed, csrf_token=TOKEN)
        assert _same(html) == _same(expected)
    assert {p.comment.pk: p.current_line for p in placed}[moved_line.pk] == LINE + 1
    assert "&lt;b&gt;读者&lt;/b&gt;" in html and "<b>" not in html and "<i>" not in html
