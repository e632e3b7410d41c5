"""The score report's lists rendered in one Python pass: its line notes, score bars,
score table and review cards.

A report of a 100-episode series carries dozens of notes, each with its replies and two
small forms; through the template engine that was about 0.2 ms a note, half of the page's
rendering, and the bars, the table and the cards (a loop over the criteria inside a loop
over the reviewers) about 2 ms more. The markup is what reviews/request_detail.html made, every user-written value
is escaped with `conditional_escape` (the template's autoescaping), the notes and replies
go through the one markdown filter, and labels and URL patterns are computed once a page.
"""

from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from core.markdown import render_markdown
from reviews.templatetags.review_tags import percent_of

# Far from any real id, so it occurs once in a reversed URL and marks where an id goes.
_ID_MARK = 7_770_000_000_000_000_001


def _e(value: Any) -> str:
    return str(conditional_escape(value))


def _url_pattern(name: str, *args: Any) -> tuple[str, str]:
    before, after = reverse(name, args=[*args, _ID_MARK]).split(str(_ID_MARK))
    return before, after


def _minute(value: Any) -> str:
    """`{{ value|date:"Y-m-d H:i" }}` of a saved time, in the current time zone."""
    v = template_localtime(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}"


def report_notes_html(notes: Iterable[Any], *, request_pk: int, csrf_token: str) -> SafeString:
    """The `<li>`s of the report's notes (`selectors.report_for(...).notes`), with reply
    and resolve forms where the viewer may use them; `csrf_token` is the page's token."""
    labels = {
        "outdated": _e(gettext("outdated")),
        "resolved": _e(gettext("Resolved")),
        "reply": _e(gettext("Reply")),
        "reply_placeholder": _e(gettext("Reply…")),
        "reopen": _e(gettext("Reopen")),
        "mark_resolved": _e(gettext("Mark resolved")),
    }
    line_label = gettext("Line %(line)s")
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'
        if csrf_token
        else ""
    )
    reply_url = _url_pattern("reviews:note_reply", request_pk)
    resolve_url = _url_pattern("reviews:note_resolve", request_pk)
    items = []
    for placed in notes:
        note = placed.note
        pk = f"{note.pk:d}"
        classes = "comment" + (" outdated" if placed.outdated else "")
        classes += " resolved" if note.resolved else ""
        if placed.outdated:
            where = f'<span class="tag">{labels["outdated"]}</span>'
        else:
            line = _e(placed.current_line)
            where = f'<a href="#L{line}">{line_label % {"line": line}}</a>'
        resolved_tag = (
            f' <span class="tag tag-resolved">{labels["resolved"]}</span>' if note.resolved else ""
        )
        replies = "".join(
            f'<div class="reply"><p class="muted small">{_e(label)} · '
            f"{_minute(reply.created_at)}</p>{render_markdown(reply.body)}</div>"
            for label, reply in placed.replies
        )
        reply_form = (
            f'<form method="post" action="{reply_url[0]}{pk}{reply_url[1]}" class="stack-form">'
            f"{csrf}"
            f'<label for="reply-{pk}" class="visually-hidden">{labels["reply"]}</label>'
            f'<textarea id="reply-{pk}" name="body" rows="2" maxlength="4000" required '
            f'placeholder="{labels["reply_placeholder"]}"></textarea>'
            f'<button type="submit" class="button-small secondary">{labels["reply"]}</button>'
            f"</form>"
            if placed.can_reply
            else ""
        )
        resolve_form = (
            f'<form method="post" action="{resolve_url[0]}{pk}{resolve_url[1]}">'
            f'{csrf}<input type="hidden" name="resolved" value="{"0" if note.resolved else "1"}">'
            f'<button type="submit" class="button-small secondary">'
            f"{labels['reopen'] if note.resolved else labels['mark_resolved']}</button>"
            f"</form>"
            if placed.can_resolve
            else ""
        )
        items.append(
            f'<li class="{classes}" id="note-{pk}">'
            f'<p class="muted small">{where} · {_e(placed.author_label)}{resolved_tag}</p>'
            f'<blockquote class="quote">{_e(note.anchor_text)}</blockquote>'
            f"<div>{render_markdown(note.body)}</div>"
            f"{replies}{reply_form}{resolve_form}"
            f"</li>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


def _floatformat(value: Any, arg: Any) -> str:
    """`{{ value|floatformat:arg }}`, the template filter itself."""
    return str(floatformat(value, arg))


def _day(value: Any) -> str:
    """`{{ value|date:"Y-m-d" }}` of a saved time, in the current time zone ("" for none)."""
    if value is None:
        return ""
    v = template_localtime(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"


def report_bars_html(report: Any, *, scale_max: Any) -> SafeString:
    """The `<li>`s of the report's score bars (criteria with an aggregate score): the
    aggregate as the bar, the lowest to the highest score given as its range."""
    items = []
    for row in report.rows:
        summary = row.summary
        if summary.aggregate is None:
            continue
        spread = (
            f' <span class="muted small">({_floatformat(summary.min, 0)}–'
            f"{_floatformat(summary.max, 0)})</span>"
            if summary.spread
            else ""
        )
        items.append(
            f'<li class="score-bar{" diverges" if summary.diverges else ""}">'
            f'<span class="score-bar-label">{_e(row.criterion.name)}</span>'
            f'<span class="score-bar-track" aria-hidden="true">'
            f'<svg focusable="false"><rect class="score-bar-fill" '
            f'width="{percent_of(summary.aggregate, scale_max)}%" height="100%" rx="7"/>'
            f'<rect class="score-bar-range" x="{percent_of(summary.min, scale_max)}%" y="50%" '
            f'width="{percent_of(summary.spread, scale_max)}%" height="2" '
            f'transform="translate(0 -1)"/></svg></span>'
            f'<span class="score-bar-value">{_floatformat(summary.aggregate, 1)}{spread}</span>'
            f"</li>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


def report_table_rows_html(report: Any) -> SafeString:
    """The `<tr>`s of the score table: a criterion a row, with its weight, aggregate,
    mean and spread, then each reviewer's score."""
    diverges_label = _e(gettext("diverges"))
    diverges = f' <span class="tag">{diverges_label}</span>'
    items = []
    for row in report.rows:
        summary = row.summary
        scores = "".join(
            f"<td>{_e('—' if score is None else score)}</td>" for _label, score in row.scores
        )
        row_class = ' class="diverges"' if summary.diverges else ""
        items.append(
            f"<tr{row_class}>"
            f'<th scope="row">{_e(row.criterion.name)}</th>'
            f"<td>{_floatformat(row.criterion.weight, '-2')}</td>"
            f"<td><strong>{_floatformat(summary.aggregate, 1)}</strong></td>"
            f"<td>{_floatformat(summary.mean, 1)}</td>"
            f"<td>{_floatformat(summary.spread, 0)}{diverges if summary.diverges else ''}</td>"
            f"{scores}</tr>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


def report_cards_html(report: Any, *, request_pk: int, csrf_token: str) -> SafeString:
    """The `<article>`s of the reviews: each reviewer's overall comment, their scores and
    comments by criterion, and the writer side's rating (or the form to rate)."""
    labels = {
        "summary": _e(gettext("Scores and comments by criterion")),
        "legend": _e(gettext("How helpful was this review?")),
        "why": _e(gettext("Why (optional)")),
        "rate": _e(gettext("Rate")),
    }
    rated = gettext("You rated this review %(n)s / 5.")
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'
        if csrf_token
        else ""
    )
    rate_url = _url_pattern("reviews:review_rate", request_pk)
    stars = " ".join(
        f'<label><input type="radio" name="helpfulness" value="{value}" required> {value}</label>'
        for value in "12345"
    )
    roles: dict[Any, str] = {}
    items = []
    for card in report.cards:
        assignment = card.assignment
        review = assignment.review
        pk = f"{assignment.pk:d}"
        if assignment.role not in roles:
            roles[assignment.role] = _e(assignment.get_role_display())
        comments = "".join(
            f"<dt>{_e(row.criterion.name)}: <strong>{_e(score.score)}</strong></dt>"
            f"<dd>{render_markdown(score.comment)}</dd>"
            for row in report.rows
            if (score := card.scores.get(row.criterion.pk))
        )
        if card.helpfulness:
            rating = f'<p class="muted">{rated % {"n": _e(card.helpfulness)}}</p>'
        elif card.can_rate:
            rating = (
                f'<form method="post" action="{rate_url[0]}{review.pk:d}{rate_url[1]}" '
                f'class="rating-form">{csrf}'
                f"<fieldset><legend>{labels['legend']}</legend>{stars} </fieldset>"
                f'<label for="rate-comment-{pk}">{labels["why"]}</label>'
                f'<input id="rate-comment-{pk}" name="comment" maxlength="500">'
                f'<button type="submit" class="button-small">{labels["rate"]}</button>'
                f"</form>"
            )
        else:
            rating = ""
        items.append(
            f'<article class="card review-card" aria-labelledby="review-{pk}">'
            f'<h3 id="review-{pk}">{_e(card.label)} <span class="muted small">· '
            f"{roles[assignment.role]} · {_day(review.submitted_at)}</span></h3>"
            f'<div class="prose">{render_markdown(review.overall_comment)}</div>'
            f"<details><summary>{labels['summary']}</summary>"
            f'<dl class="criterion-comments">{comments}</dl></details>'
            f"{rating}</article>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped
