"""The one path by which user-written text becomes HTML.

Markdown is rendered first, then bleach keeps only an allowlist of tags and
attributes, and finally every link gets rel="nofollow noopener". Raw HTML typed by
a user is escaped by bleach, never passed through.
"""

import html as html_lib
from functools import lru_cache, partial

import bleach
import markdown as markdown_lib
from bleach.linkifier import LinkifyFilter
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MAX_INPUT_CHARS = 100_000


def _safe_link(attrs: dict, new: bool = False) -> dict | None:
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_safe_link], skip_tags={"pre", "code"})],
)


def _demote_headings(html: str) -> str:
    # A user's "# Title" must not compete with the page's own h1/h2 landmarks.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return html


def render_markdown(text: str | None) -> SafeString:
    """Render user markdown to sanitised HTML that is safe to put in a page."""
    if not text:
        return mark_safe("")
    return mark_safe(_rendered(str(text)[:MAX_INPUT_CHARS]))  # noqa: S308 - bleach-cleaned


def markdown_plain_text(text: str | None) -> str:
    """What a reader reads of user markdown, as one line of plain text (no markup, no
    "**", whitespace runs as one space): for an excerpt escaped and highlighted on its own."""
    if not text:
        return ""
    return " ".join(html_lib.unescape(strip_tags(render_markdown(text))).split())


# The output depends on the text alone, and a page shows the same notes, replies and
# comments to every reader again and again (a score report has dozens, at about a
# millisecond each): each worker keeps the latest few thousand.
@lru_cache(maxsize=4096)
def _rendered(source: str) -> str:
    html = markdown_lib.markdown(source, extensions=["sane_lists", "nl2br"], output_format="html")
    return str(_cleaner.clean(_demote_headings(html)))
