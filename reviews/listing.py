"""The review inbox's three lists rendered in one Python pass, from narrow rows, and the
reviewer's form a criterion at a time.

Each row of the inbox spent about 0.1 ms in the template engine (a URL reversed, two
choice labels, a date filter and a translation a row) on top of the model instances its
joins were loaded into: here the rows are tuples of the columns shown
(`selectors.reviews_to_give`, `reviews_given`, `requests_for_writer_narrow`) and each
is one f-string. The markup is what reviews/inbox.html made; every value a user wrote is
escaped with `conditional_escape`, as the template's autoescaping does, and labels, URL
patterns and translations are computed once a page.
"""

from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from reviews.models import AssignmentRole, Blindness, Fallback, RequestKind, RequestStatus

# Far from any real id, so it occurs once in a reversed URL and marks where an id goes.
_ID_MARK = 7_770_000_000_000_000_001


def _e(value: Any) -> str:
    return str(conditional_escape(value))


def _url_pattern(name: str) -> tuple[str, str]:
    before, after = reverse(name, args=[_ID_MARK]).split(str(_ID_MARK))
    return before, after


def _labels(choices: Any) -> dict[str, str]:
    """`get_<field>_display()` for every value of a field's choices, escaped (a value
    outside them shows as itself, as Django shows it)."""
    return {value: _e(label) for value, label in choices.choices}


def _day(value: Any) -> str:
    """`{{ value|date:"Y-m-d" }}` of a saved time, in the current time zone ("" for none)."""
    if value is None:
        return ""
    v = template_localtime(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"


def _minute(value: Any) -> str:
    """`{{ value|date:"Y-m-d H:i" }}` of a saved time, in the current time zone."""
    if value is None:
        return ""
    v = template_localtime(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}"


def to_review_html(rows: Iterable[Any]) -> SafeString:
    """The `<li>`s of the reviews to give (`selectors.reviews_to_give`)."""
    before, after = _url_pattern("reviews:assignment_detail")
    roles, blindness = _labels(AssignmentRole), _labels(Blindness)
    due = gettext("due %(due)s")
    draft = " · " + _e(gettext("draft saved"))
    items = []
    for row in rows:
        role = roles.get(row.role) or _e(row.role)
        blind = blindness.get(row.blindness) or _e(row.blindness)
        items.append(
            f'<li><a href="{before}{row.pk:d}{after}">{_e(row.series_title)}</a>\n'
            f'<span class="muted">· {role} · {blind} ·\n'
            f"{_e(due % {'due': _minute(row.due_at)})}"
            f"{draft if row.review_status == 'draft' else ''}</span></li>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


def reviewed_html(rows: Iterable[Any]) -> SafeString:
    """The `<li>`s of the reviews given (`selectors.reviews_given`): each links to its
    request's report."""
    before, after = _url_pattern("reviews:request_detail")
    items = [
        f'<li><a href="{before}{row.request_pk:d}{after}">{_e(row.series_title)}</a> '
        f'<span class="muted">· {_day(row.finished_at)}</span></li>'
        for row in rows
    ]
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


def requests_html(rows: Iterable[Any]) -> SafeString:
    """The `<tr>`s of the requests on the user's series (`selectors.requests_for_writer_narrow`)."""
    before, after = _url_pattern("reviews:request_detail")
    kinds, fallbacks = _labels(RequestKind), _labels(Fallback)
    statuses = _labels(RequestStatus)
    disagree_label = _e(gettext("reviewers disagree"))
    disagree = f' <span class="tag">{disagree_label}</span>'
    items = []
    for row in rows:
        fallback = (
            f'<br><span class="muted small">{fallbacks.get(row.fallback) or _e(row.fallback)}'
            f"</span>"
            if row.fallback
            else ""
        )
        items.append(
            f"<tr>\n"
            f'<td><a href="{before}{row.pk:d}{after}">{_e(row.series_title)}</a> '
            f'<span class="muted">#{_e(row.revision_number)}</span></td>\n'
            f"<td>{kinds.get(row.kind) or _e(row.kind)}{fallback}</td>\n"
            f"<td>{_e(row.submitted)} / {_e(row.reviews_needed)}</td>\n"
            f"<td>{statuses.get(row.status) or _e(row.status)}"
            f"{disagree if row.divergent_criteria else ''}</td>\n"
            f"<td>{_day(row.due_at)}</td>\n"
            f"</tr>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


def review_form_rows_html(form: Any, *, version: Any, editable: bool) -> SafeString:
    """The `<fieldset>`s of the reviewer's form (`forms.ReviewForm.rows()`): each criterion
    with its weight, description and score anchors, then its score and comment widgets
    (rendered by the form, errors included)."""
    labels = {
        "anchors": _e(gettext("What the scores mean")),
        "middle": _e(gettext("middle")),
        "score": _e(gettext("Score")),
    }
    fieldset = (
        '<fieldset class="criterion" >' if editable else '<fieldset class="criterion" disabled>'
    )
    low, high = _e(version.scale_min), _e(version.scale_max)
    items = []
    for criterion, score, comment in form.rows():
        errors = str(score.errors) if score.errors else ""
        items.append(
            f"{fieldset}"
            f'<legend>{_e(criterion.name)} <span class="muted small">× '
            f"{floatformat(criterion.weight, '-2')}</span></legend>"
            f'<p class="muted small">{_e(criterion.description)}</p>'
            f'<details class="anchors"><summary>{labels["anchors"]}</summary><dl>'
            f"<dt>{low}</dt><dd>{_e(criterion.anchor_low)}</dd>"
            f"<dt>{labels['middle']}</dt><dd>{_e(criterion.anchor_mid)}</dd>"
            f"<dt>{high}</dt><dd>{_e(criterion.anchor_high)}</dd>"
            f"</dl></details>"
            f"{errors}"
            f'<label for="{_e(score.id_for_label)}">{labels["score"]}</label> {score}'
            f'<label for="{_e(comment.id_for_label)}" class="visually-hidden">'
            f"{_e(comment.label)}</label>{comment}"
            f"</fieldset>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped
