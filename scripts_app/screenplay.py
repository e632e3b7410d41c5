"""A script in screenplay layout, as HTML: rendered once in Python and cached.

(gettext calls stay outside f-strings: xgettext cannot see into them.)

The read page, the score report, a reviewer's page and the editor's preview all show a
parsed document in screenplay layout. A 100-episode series has about 3,750 elements;
rendering each through a template include cost about 250 ms a page. Here the HTML is built
in one pass with `escape`, and kept in the cache under the hash of the text it shows (and
the format, the interface language and this module's version): a saved revision never
changes, so the entry never goes stale, and a blanked copy for a blind reviewer has text
of its own and so an entry of its own. Only what differs per viewer (comments, line notes)
is rendered per request, beside it.

Every piece of user text passes through `escape` (or `linebreaksbr`, which escapes first):
nothing from a script reaches the page as markup.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import get_language, gettext

from scripts_app.document import Document, Element, parse
from scripts_app.document.model import ElementType as T
from scripts_app.models import Revision

# Bump when the markup changes, so cached pages from the old renderer are not served.
RENDER_VERSION = 2
# Cached screenplays are rebuilt after this long unused; a week keeps the read pages of
# active series warm without holding every revision ever viewed.
CACHE_SECONDS = 7 * 24 * 3600

_INSERT_TYPES = frozenset(
    {"subtitle", "insert", "flashback_start", "flashback_end", "black_screen", "cut"}
)


def screenplay_html_for_text(
    text: str,
    fmt: str,
    *,
    variant: str = "",
    build: Callable[[], Document] | None = None,
) -> SafeString:
    """The screenplay HTML of `text` in format `fmt`, parsed and rendered on a cache miss only.

    `build`, when given, makes the document from `text` in some other way (only some
    episodes, names redacted); `variant` must then name that way, since it is part of
    the cache key beside the text's hash.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _cached(digest, fmt, variant, build or (lambda: parse(text, fmt)))


def screenplay_html_for_revision(
    revision: Revision,
    fmt: str,
    *,
    text: Callable[[], str],
    variant: str = "",
    build: Callable[[str], Document] | None = None,
) -> SafeString:
    """`screenplay_html_for_text` of a saved revision's text, under the same cache entry,
    without reading or hashing the text when the entry is there.

    A revision is named by the SHA-256 of its text (`Revision.sha256`, what
    `revision_content` stores), which is the hash the entry is kept under: so a page that
    shows a revision needs neither its chunks from the database nor 2 ms of hashing half a
    megabyte, except on a miss. `text()` gives the revision's text then; `build(text)`,
    when given, makes the document from it in some other way, named by `variant`.
    """

    def make() -> Document:
        loaded = text()
        return build(loaded) if build is not None else parse(loaded, fmt)

    return _cached(revision.sha256, fmt, variant, make)


# The screenplays this process showed last, in front of the shared cache: reading one
# back from the cache unpickles half a megabyte of text (0.4 ms from memory, more from
# Redis) on every request for the same page. Keys name the content, so nothing here goes
# stale; a few entries of about a megabyte each.
_RECENT: OrderedDict[str, str] = OrderedDict()
_RECENT_SIZE = 8
_RECENT_LOCK = threading.Lock()


def forget_recent() -> None:
    """Empty this process's memory of recent screenplays (tests start each clean)."""
    with _RECENT_LOCK:
        _RECENT.clear()


def _cached(digest: str, fmt: str, variant: str, make: Callable[[], Document]) -> SafeString:
    key = f"screenplay:v{RENDER_VERSION}:{fmt}:{get_language() or ''}:{variant}:{digest}"
    with _RECENT_LOCK:
        html = _RECENT.get(key)
        if html is not None:
            _RECENT.move_to_end(key)
    if html is None:
        html = cache.get(key)
        if html is None:
            html = str(screenplay_html(make(), fmt))
            cache.set(key, html, CACHE_SECONDS)
        with _RECENT_LOCK:
            _RECENT[key] = html
            while len(_RECENT) > _RECENT_SIZE:
                _RECENT.popitem(last=False)
    return mark_safe(html)  # noqa: S308 - built by screenplay_html, which escapes every text


def screenplay_html(doc: Document, fmt: str | None = None) -> SafeString:
    """A parsed document in screenplay layout (the markup static/css/site.css styles)."""
    fmt = fmt or doc.format
    zh = doc.format == "zh"
    out: list[str] = [
        f'<div class="screenplay screenplay-{escape(fmt)}" lang="{"zh-Hans" if zh else "en"}">'
    ]
    if doc.title:
        title = f"《{escape(doc.title)}》" if zh else escape(doc.title)
        out.append(f'<p class="sp-title">{title}</p>')
    _elements(out, doc.prematter, zh)
    for episode in doc.episodes:
        label = gettext("Episode %(number)s") % {"number": episode.number}
        out.append(
            f'<section class="sp-episode" id="episode-{episode.number}" '
            f'aria-label="{escape(label)}">'
        )
        if not episode.implicit:
            heading = f"第{episode.number}集" if zh else escape(label)
            if episode.title:
                heading += f" {escape(episode.title)}"
            if episode.is_paywall:
                paywall = escape(gettext("Paywall"))
                heading += f' <span class="tag tag-encouraged">{paywall}</span>'
            out.append(
                f'<h2 class="sp-episode-heading" id="L{episode.line}" '
                f'data-line="{episode.line}">{heading}</h2>'
            )
        if episode.synopsis:
            out.append(f'<p class="sp-synopsis">{escape(episode.synopsis)}</p>')
        _elements(out, episode.elements_before_first_scene, zh)
        for scene in episode.scenes:
            number = (
                f'<span class="sp-scene-number">{escape(scene.number)}</span>'
                if scene.number
                else ""
            )
            right = (
                f'<span class="sp-scene-number sp-scene-number-right" aria-hidden="true">'
                f"{escape(scene.number)}</span>"
                if scene.number and not zh
                else ""
            )
            out.append(
                f'<h3 class="sp-scene" id="L{scene.line}" data-line="{scene.line}">'
                f"{number}<span>{escape(scene.heading)}</span>{right}</h3>"
            )
            _elements(out, scene.elements, zh)
        out.append("</section>")
    out.append("</div>")
    return mark_safe("\n".join(out))  # noqa: S308 - every text above went through escape


def _elements(out: list[str], elements: Iterable[Element], zh: bool) -> None:
    items = list(elements)
    i = 0
    while i < len(items):
        if zh and items[i].type == T.PARENTHETICAL:
            # 角色：（低声）台词 is parsed as a parenthetical and the dialogue after it; a
            # Chinese script reads them as one line, 角色（低声）：台词, not the cue above.
            j = i
            while j < len(items) and items[j].type == T.PARENTHETICAL:
                j += 1
            if (
                j < len(items)
                and items[j].type == T.DIALOGUE
                and all(_same_voice(part, items[j]) for part in items[i:j])
            ):
                out.append(_zh_speech(items[i:j], items[j]))
                i = j + 1
                continue
        out.append(_element(items[i], zh))
        i += 1


def _same_voice(a: Element, b: Element) -> bool:
    return (
        a.speaker == b.speaker and a.cue == b.cue and a.extra.get("joint") == b.extra.get("joint")
    )


def _zh_speech(parentheticals: list[Element], dialogue: Element) -> str:
    """One line 角色（提示）（低声）：台词; a part written on a later line keeps its own anchor."""
    first = parentheticals[0].line
    anchored = {first}

    def anchor(line: int, html: str) -> str:
        if line in anchored:
            return html
        anchored.add(line)
        return f'<span id="L{line}" data-line="{line}">{html}</span>'

    speakers = escape("、".join(dialogue.speakers))
    cues = f'<span class="sp-cue">（{escape(dialogue.cue)}）</span>' if dialogue.cue else ""
    for part in parentheticals:
        cues += anchor(part.line, f'<span class="sp-cue">（{escape(part.text)}）</span>')
    text = anchor(dialogue.line, str(escape(dialogue.text)))
    return (
        f'<p class="el el-dialogue-zh" id="L{first}" data-line="{first}">'
        f'<span class="sp-speaker">{speakers}</span>{cues}：{text}</p>'
    )


def _element(element: Element, zh: bool) -> str:
    kind = str(element.type)
    line = element.line
    where = f'id="L{line}" data-line="{line}"'
    text = escape(element.text)
    cue = escape(element.cue) if element.cue else ""
    if kind == "dialogue" and zh:
        speakers = escape("、".join(element.speakers))
        cue_html = f'<span class="sp-cue">（{cue}）</span>' if cue else ""
        return (
            f'<p class="el el-dialogue-zh" {where}><span class="sp-speaker">{speakers}</span>'
            f"{cue_html}：{text}</p>"
        )
    if kind == "character":
        return f'<p class="el el-character" {where}>{text}{f" ({cue})" if cue else ""}</p>'
    if kind == "parenthetical":
        return f'<p class="el el-parenthetical" {where}>{f"（{text}）" if zh else f"({text})"}</p>'
    if kind == "action" and zh:
        return f'<p class="el el-action" {where}>△{text}</p>'
    if kind == "bio":
        speaker = escape(element.speaker or "")
        return (
            f'<p class="el el-bio" {where}><span class="sp-speaker">{speaker}</span>'
            f"{f'（{cue}）' if cue else ''}：{text}</p>"
        )
    if kind == "cast":
        names = escape("、".join(element.extra.get("names", [])))
        cast = escape(gettext("Cast:"))
        return f'<p class="el el-cast" {where}>{cast} {names}</p>'
    if kind in ("hook", "paywall"):
        tag = gettext("Paywall hook") if kind == "paywall" else gettext("Hook")
        return (
            f'<p class="el el-{kind}" {where}><span class="tag tag-encouraged">{escape(tag)}</span>'
            f" {text}</p>"
        )
    if kind == "page_break":
        return f'<hr class="el el-page-break" id="L{line}">'
    if kind in _INSERT_TYPES:
        tag = escape(element.extra.get("tag", ""))
        return (
            f'<p class="el el-insert el-{kind}" {where}>【{tag}{f"：{text}" if text else ""}】</p>'
        )
    lines = normalize_newlines(str(text)).replace("\n", "<br>")
    return f'<p class="el el-{kind}" {where}>{lines}</p>'
