"""Pieces of a page kept as rendered HTML under everything they are drawn from.

A page that repeats one partial many times (a shortlist's 25 cards, each with its notes
and three forms) spends most of its time in Django's template engine, drawing the same
HTML as last time. `cached_fragments` keys each piece by a digest of what it shows (the
values the caller names, the partial's own source, the language and the time zone), so a
piece is never stale: any change to what it shows is a new key, and the old one expires.

The pieces hold nothing of the reader's session. Forms in them write `{{ csrf_slot }}`
where a page writes `{% csrf_token %}`; the slot becomes this request's token after the
cache, so a kept piece can be shown to its reader again and never carries a token.
"""

import hashlib
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

Item = TypeVar("Item")

FRAGMENT_CACHE_SECONDS = 10 * 60
# A tag no user text can produce: text is escaped, and markdown goes through the
# sanitiser, which drops unknown tags.
CSRF_SLOT = mark_safe("<csrf-slot>")


def _template_digest(name: str) -> str:
    """The partial's source, so a changed template is never answered with old HTML (the
    loader caches the template: hashing a few KB once a page is cheap)."""
    source = get_template(name).template.source  # type: ignore[attr-defined]
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _key(base: tuple[Hashable, ...], parts: object) -> str:
    return "fragment:" + hashlib.sha256(repr((base, parts)).encode()).hexdigest()[:40]


def cached_fragments(
    request: Any,
    template_name: str,
    items: Sequence[Item],
    *,
    parts_of: Callable[[Item], object | None],
    context_of: Callable[[Item], dict[str, Any]],
) -> list[SafeString]:
    """`template_name` drawn once for each item, as HTML, in the items' order.

    `parts_of(item)` returns everything the piece shows of the item and the reader (values
    with a stable `repr`: strings, numbers, dates, tuples), or None for a piece that must
    be drawn afresh (a form with errors and what was typed). `context_of(item)` is the
    partial's context; it is called only for pieces not in the cache. The partial is drawn
    without the request's context processors: it gets what `context_of` gives and
    `csrf_slot`."""
    base = (
        template_name,
        _template_digest(template_name),
        get_language(),
        get_current_timezone_name(),
    )
    keys = []
    for item in items:
        parts = parts_of(item)
        keys.append(None if parts is None else _key(base, parts))
    kept = cache.get_many([key for key in keys if key is not None])
    drawn: dict[str, str] = {}
    pieces = []
    for item, key in zip(items, keys, strict=True):
        html = kept.get(key) if key is not None else None
        if html is None:
            html = render_to_string(template_name, {**context_of(item), "csrf_slot": CSRF_SLOT})
            if key is not None:
                drawn[key] = html
        pieces.append(html)
    if drawn:
        cache.set_many(drawn, FRAGMENT_CACHE_SECONDS)
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    # Drawn by a template from escaped and sanitised values; the token is escaped above.
    return [mark_safe(piece.replace(CSRF_SLOT, token)) for piece in pieces]  # noqa: S308
