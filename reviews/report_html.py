"""The score report's line notes rendered in one Python pass.

A report of a 100-episode series carries dozens of notes, each with its replies and two
small forms; through the template engine that was about 0.2 ms a note, half of the page's
rendering. The markup is what reviews/request_detail.html made, every user-written value
is escaped with `conditional_escape` (the template's autoescaping), the notes and replies
go through the one markdown filter, and labels and URL patterns are computed once a page.
"""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from core.markdown import render_markdown

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
