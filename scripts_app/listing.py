"""Long lists rendered in one Python pass: the series cards, the revision table, the
compare page's revision choices and the read page's line comments.

A page of 24 series cards or 50 revision rows spent most of its time in the template
engine resolving the same dozen variables, filters and translations for every row (about
0.3 ms a row, more than the page's queries). Here each row is one f-string over escaped
values. The output is what the templates made (the same markup, the same filters called
directly: `date`, `naturaltime`, `intcomma`, `duration`), and every value a user wrote is
escaped with `conditional_escape`, as the template's autoescaping does. Strings that are
the same for every row (labels, translations, URL prefixes) are computed once a page.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma, naturaltime
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, pgettext

from core.markdown import render_markdown
from scripts_app.templatetags.script_tags import duration


def _e(value: Any) -> str:
    return str(conditional_escape(value))


def _iso(value: Any) -> str:
    """`{{ value|date:"c" }}` of a saved time: in the current time zone (the template
    converts it so), ISO 8601 (the filter's "c" is `isoformat()`)."""
    return template_localtime(value).isoformat()


def _timestamp(value: Any) -> str:
    """`{{ value|date:"Y-m-d H:i:s" }}` of a saved time, in the current time zone."""
    v = template_localtime(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}:{v.second:02d}"


# Far from any real id, so it occurs once in a reversed URL and marks where an id goes.
_ID_MARK = 7_770_000_000_000_000_001


def _url_pattern(name: str, *args: Any) -> tuple[str, str]:
    """A URL whose last argument varies per row, reversed once a page: (before, after)."""
    before, after = reverse(name, args=[*args, _ID_MARK]).split(str(_ID_MARK))
    return before, after


class _Choices:
    """`get_<field>_display()` per distinct value, once a page (Django rebuilds the
    choices mapping on every call)."""

    def __init__(self) -> None:
        self.seen: dict[Any, str] = {}

    def __call__(self, obj: Any, field: str) -> str:
        value = getattr(obj, field)
        if value not in self.seen:
            self.seen[value] = _e(getattr(obj, f"get_{field}_display")())
        return self.seen[value]


def series_cards_html(page: Iterable[Any]) -> SafeString:
    """The `<li>` cards of a series list page (series from `selectors.series_list_for`,
    with their owners, and their terms and collaborators as lists)."""
    owner_label = _e(gettext("Owner"))
    by_label = gettext("By %(name)s")
    labels = {
        "episodes": _e(gettext("Episodes")),
        "chars": _e(pgettext("length of a text", "Characters")),
        "words": _e(gettext("Words")),
        "runtime": _e(gettext("Runtime")),
        "last_edit": _e(gettext("Last edit")),
        "written": _e(gettext("Episodes written")),
    }
    url_before, url_after = _url_pattern("scripts:series_detail")
    display = _Choices()
    cards = []
    for series in page:
        tags = "".join(
            [f'<span class="tag tag-encouraged">{_e(t.name)}</span>' for t in series.theme_list]
            + [f'<span class="tag">{_e(t.name)}</span>' for t in series.genre_list]
            + [f'<span class="tag">{_e(t.name)}</span>' for t in series.audience_list]
        )
        if series.viewer_is_owner:
            who = owner_label
        else:
            who = by_label % {"name": _e(series.owner.display_name)}
        collaborators = series.collaborator_list
        if collaborators:
            names = "、".join(_e(c.user.display_name) for c in collaborators)
            who_line = f"{who} · {display(series, 'format')} · {names}"
        else:
            who_line = f"{who} · {display(series, 'format')}"
        logline = f'<p class="muted">{_e(series.logline)}</p>' if series.logline else ""
        if series.format == "zh":
            length_label, length = labels["chars"], intcomma(series.char_count)
        else:
            length_label, length = labels["words"], intcomma(series.word_count)
        percent = _e(series.progress_percent)
        cards.append(
            f'<li class="card series-card">'
            f'<div class="series-card-main">'
            f'<h2><a href="{url_before}{series.pk:d}{url_after}">{_e(series.title)}</a></h2>'
            f"{logline}<p>{tags}</p>"
            f'<p class="muted small">{who_line}</p>'
            f"</div>"
            f'<dl class="series-stats">'
            f"<div><dt>{labels['episodes']}</dt><dd>{_e(series.episodes_written)} / "
            f"{_e(series.planned_episodes)}</dd></div>"
            f"<div><dt>{length_label}</dt><dd>{_e(length)}</dd></div>"
            f"<div><dt>{labels['runtime']}</dt><dd>{_e(duration(series.runtime_seconds))}</dd></div>"
            f"<div><dt>{labels['last_edit']}</dt><dd>"
            f'<time datetime="{_iso(series.updated_at)}">'
            f"{_e(naturaltime(series.updated_at))}</time></dd></div>"
            f"</dl>"
            f'<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
            f'aria-valuenow="{percent}" aria-label="{labels["written"]}">'
            f'<svg aria-hidden="true" focusable="false"><rect width="{percent}%" height="100%"/>'
            f"</svg></div>"
            f"</li>"
        )
    return mark_safe("\n".join(cards))  # noqa: S308 - every value above is escaped


def revision_rows_html(series: Any, page: Iterable[Any]) -> SafeString:
    """The `<tr>` rows of the revision table (revisions from `selectors.revisions_of`, each
    with its `links` from the extensions), the newest first: the first row is checked as
    "to", the second as "from"."""
    compare_from = gettext("Compare from #%(n)s")
    compare_to = gettext("Compare to #%(n)s")
    current_label = _e(gettext("current"))
    current = f' <span class="tag">{current_label}</span>'
    url_before, url_after = _url_pattern("scripts:revision_detail", series.pk)
    display = _Choices()
    rows = []
    for counter, revision in enumerate(page, start=1):
        number = _e(revision.number)
        url = f"{url_before}{revision.number:d}{url_after}"
        note = f'<br><span class="muted small">{_e(revision.note)}</span>' if revision.note else ""
        links = "".join(
            f' <a class="tag" href="{_e(link.url)}">{_e(link.label)}</a>' for link in revision.links
        )
        counters = revision.counters or {}
        author = revision.author.display_name if revision.author_id else ""
        rows.append(
            f"<tr>"
            f'<td class="nowrap">'
            f'<label class="visually-hidden" for="a-{number}">{compare_from % {"n": number}}</label>'
            f'<input type="radio" id="a-{number}" name="a" value="{number}"'
            f"{' checked' if counter == 2 else ''}>"
            f'<label class="visually-hidden" for="b-{number}">{compare_to % {"n": number}}</label>'
            f'<input type="radio" id="b-{number}" name="b" value="{number}"'
            f"{' checked' if counter == 1 else ''}>"
            f"</td>"
            f'<td><span class="rev-color rev-{_e(revision.color or "white")}" aria-hidden="true">'
            f'</span><a href="{_e(url)}">{_e(revision.label)}</a>'
            f"{current if revision.pk == series.head_id else ''}{note}{links}</td>"
            f"<td>{display(revision, 'kind')}</td>"
            f"<td>{_e(author or '—')}</td>"
            f'<td><time datetime="{_iso(revision.created_at)}" '
            f'title="{_timestamp(revision.created_at)}">'
            f"{_e(naturaltime(revision.created_at))}</time></td>"
            f"<td>{_e(counters.get('episodes') or 0)}</td>"
            f"<td>{_e(duration(counters.get('runtime_seconds') or 0))}</td>"
            f"</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped


def revision_options_html(choices: Iterable[tuple[int, str]], *, selected: Any) -> SafeString:
    """The `<option>`s of a revision choice, (number, name) pairs, the one whose number
    reads as `selected` chosen (compared as text, as the query string gives it)."""
    chosen = str(selected)
    return mark_safe(  # noqa: S308 - the names are escaped
        "".join(
            f'<option value="{number:d}" {"selected" if str(number) == chosen else ""}>'
            f"#{number:d}{f' · {_e(name)}' if name else ''}</option>"
            for number, name in choices
        )
    )


def analysis_episodes_html(series: Any, episodes: list[dict]) -> tuple[SafeString, SafeString]:
    """The analysis page's per-episode chart bars (`<rect>`s) and table rows (`<tr>`s), from
    `reports.analysis_report(...)["episodes"]`."""
    labels = {
        "too_long": _e(gettext("too long")),
        "too_short": _e(gettext("too short")),
        "not_at_end": _e(gettext("hook not at the end")),
        "none": _e(gettext("none")),
        "paywall": _e(gettext("paywall")),
    }
    write_url = reverse("scripts:series_write", args=[series.pk])
    bars, rows = [], []
    for index, episode in enumerate(episodes):
        number = _e(localize(episode["number"]))
        runtime = _e(duration(episode["runtime"]["seconds"]))
        flag = episode["length_flag"]
        bar_class = "bar " + (f"bar-{_e(flag)}" if flag else "")
        bar_class += " bar-paywall" if episode["is_paywall"] else ""
        bars.append(
            f'<rect class="{bar_class}" x="0" y="{index}0" '
            f'width="{_e(str(episode["bar_percent"]))}" height="7">'
            f"<title>{number}: {runtime}</title></rect>"
        )
        title = f" {_e(episode['title'])}" if episode.get("title") else ""
        if flag == "long":
            length_tag = f' <span class="tag">{labels["too_long"]}</span>'
        elif flag == "short":
            length_tag = f' <span class="tag">{labels["too_short"]}</span>'
        else:
            length_tag = ""
        if episode.get("ends_on_hook"):
            hook = f"✓ {_e(episode.get('hook', ''))}"
        elif episode.get("has_hook"):
            hook = labels["not_at_end"]
        else:
            hook = f"<strong>{labels['none']}</strong>"
        rows.append(
            f"<tr>"
            f'<th scope="row"><a href="{_e(write_url)}?episode={number}">{number}{title}</a></th>'
            f"<td>{runtime}{length_tag}</td>"
            f"<td>{_e(localize(episode['scenes']))}</td>"
            f"<td>{_e(localize(episode['scenes_per_minute']))}</td>"
            f"<td>{hook}</td>"
            f"<td>{labels['paywall'] if episode['is_paywall'] else ''}</td>"
            f"</tr>"
        )
    return (
        mark_safe("\n".join(bars)),  # noqa: S308 - every value above is escaped
        mark_safe("\n".join(rows)),  # noqa: S308 - every value above is escaped
    )


def _minute(value: Any) -> str:
    """`{{ value|date:"Y-m-d H:i" }}` of a saved time, in the current time zone."""
    v = template_localtime(value)
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}"


def comments_html(series: Any, comments: Iterable[Any], *, csrf_token: str) -> SafeString:
    """The `<li>`s of the read page's line comments (`comments.comments_for_display`), with
    the resolve form where the viewer may use it; `csrf_token` is the page's token."""
    labels = {
        "outdated": _e(gettext("outdated")),
        "resolved": _e(gettext("Resolved")),
        "reopen": _e(gettext("Reopen")),
        "mark_resolved": _e(gettext("Mark resolved")),
    }
    line_label = gettext("Line %(line)s")
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'
        if csrf_token
        else ""
    )
    resolve_before, resolve_after = _url_pattern("scripts:comment_resolve", series.pk)
    items = []
    for item in comments:
        comment = item.comment
        classes = "comment" + (" outdated" if item.outdated else "")
        classes += " resolved" if comment.resolved else ""
        if item.outdated:
            where = f'<span class="tag">{labels["outdated"]}</span>'
        else:
            line = _e(item.current_line)
            where = f'<a href="#L{line}">{line_label % {"line": line}}</a>'
        resolved_tag = (
            f'<span class="tag tag-resolved">{labels["resolved"]}</span>'
            if comment.resolved
            else ""
        )
        resolve_form = (
            f'<form method="post" action="{resolve_before}{comment.pk:d}{resolve_after}">'
            f'{csrf}<input type="hidden" name="resolved" value="{"0" if comment.resolved else "1"}">'
            f'<button type="submit" class="button-small secondary">'
            f"{labels['reopen'] if comment.resolved else labels['mark_resolved']}</button>"
            f"</form>"
            if item.can_resolve
            else ""
        )
        items.append(
            f'<li class="{classes}">'
            f'<p class="muted small">{where}\n· {_e(comment.author.display_name)} · '
            f"{_minute(comment.created_at)}\n{resolved_tag}</p>"
            f'<blockquote class="quote">{_e(comment.anchor_text)}</blockquote>'
            f"<div>{render_markdown(comment.body)}</div>"
            f"{resolve_form}</li>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped
