"""Blind review, enforced in one place.

Everything that shows a person in review (pages, API, notifications, e-mail,
exports of a reviewed script) asks these functions how to name them. They answer
from the request's blindness and the viewer's side, never from the caller's goodwill.

The script a double-blind reviewer reads is blanked here too (`Blanker`): by key (a
title-page or pre-matter entry such as 编剧, 署名, Author, Contact, however it is spaced)
and by content (the names, e-mail address and account name of the owner and every
co-writer, wherever they stand in the text). Pages, line-note quotes, the PDF copy and
anything else made from the text go through the same `Blanker`.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from accounts.models import User
from reviews.models import Blindness, RequestStatus, ReviewAssignment, ReviewRequest
from reviews.permissions import is_staff, is_writer_side
from scripts_app.document import Document, parse
from scripts_app.models import Collaborator, Visibility
from scripts_app.selectors import writer_ids

# What a hidden name is replaced with (in the PDF font, and in no script syntax).
MASK = "■■■"

# Title-page and pre-matter entries that name or reach the writer, compared after
# `_normalise_key` (case, width and spaces ignored): "编 剧", "Author(s)", "联系电话"...
_WRITER_KEY_PREFIXES = (
    "编剧", "作者", "原著", "原作", "署名", "执笔", "撰稿", "笔名", "联系", "电话", "手机",
    "邮箱", "电子邮", "微信", "qq", "出品", "版权", "author", "writtenby", "writer", "credit",
    "contact", "copyright", "email", "e-mail", "phone", "tel", "wechat", "notes", "draftdate",
)  # fmt: skip
_KEY_LINE_RE = re.compile(r"\s*(?:[-*•·#]+\s*)?([^:：]{1,20}?)\s*[:：](.*)", re.DOTALL)
_SPACES_RE = re.compile(r"[\s\u3000*_]+")
_ASCII_WORD = "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# Between the characters of a Chinese name and the words of a Latin one.
_CJK_GAP = r"[\s\u3000·・.\-_]*"
_LATIN_GAP = r"[\s\u3000·・.,\-_]*"


def viewer_side(viewer: Any, request: ReviewRequest) -> str:
    """ "writer", "reviewer" or "staff".

    The writer side (owner, co-writers) comes first: a staff member who wrote the series
    is a writer here and sees no reviewer's name. A staff member who reviews the request
    is a reviewer. Only staff with no part in the request get the staff view.
    """
    if is_writer_side(viewer, request):
        return "writer"
    if is_staff(viewer) and not reviews_request(viewer, request):
        return "staff"
    return "reviewer"


def reviews_request(viewer: Any, request: ReviewRequest) -> bool:
    return ReviewAssignment.objects.filter(request=request, reviewer_id=viewer.pk).exists()


def reviewer_label(
    viewer: Any, request: ReviewRequest, assignment: ReviewAssignment, *, side: str | None = None
) -> str:
    side = side or viewer_side(viewer, request)
    if assignment.reviewer_id == getattr(viewer, "pk", None):
        return _("You")
    if side == "staff" or not request.hides_reviewers:
        return assignment.reviewer.display_name
    return _("Reviewer %(letter)s") % {"letter": assignment.letter}


def writer_label(viewer: Any, request: ReviewRequest, *, side: str | None = None) -> str:
    # The viewer's side matters only when the request hides its writer (it may cost a query).
    if not request.hides_writer or (side or viewer_side(viewer, request)) in ("staff", "writer"):
        return request.series.owner.display_name
    return _("Anonymous writer")


def person_label(
    viewer: Any,
    request: ReviewRequest,
    person: Any,
    assignments: dict[int, ReviewAssignment],
    *,
    side: str | None = None,
) -> str:
    """Name anyone who wrote in a review thread: a reviewer, or someone on the writer side."""
    assignment = assignments.get(person.pk)
    if assignment is not None:
        return reviewer_label(viewer, request, assignment, side=side)
    if person.pk == getattr(viewer, "pk", None):
        return _("You")
    side = side or viewer_side(viewer, request)
    if side in ("staff", "writer") or not request.hides_writer:
        return person.display_name
    return _("Anonymous writer")


# --- who may not review blind ----------------------------------------------------------


def writer_side_ids(series: Any) -> set[int]:
    """The owner and the co-writers: the people a double-blind request hides."""
    return writer_ids(series)


def authorship_known_to(series: Any) -> set[int]:
    """Ids of people who know who wrote the series by other means than the review.

    Everyone with any role on the series (owner, co-writers, readers: the series page
    names its owner), and everyone who was assigned to a review of it that showed the
    writer (open or single-blind). They are never eligible for a double-blind review of
    it. (A series open to the whole platform shows its owner to every member, so a
    double-blind request on it is refused outright: `blind_request_problem`.)
    Organisation membership is the other rule, applied by the matching itself.
    """

    known = {series.owner_id}
    known |= set(Collaborator.objects.filter(series=series).values_list("user_id", flat=True))
    shown = ReviewAssignment.objects.filter(request__series=series).exclude(
        request__blindness=Blindness.DOUBLE
    )
    known |= set(shown.values_list("reviewer_id", flat=True))
    return known


def blind_request_problem(series: Any, blindness: str) -> str | None:
    """Why a request with this blindness cannot be blind on this series, or None."""

    if blindness == Blindness.DOUBLE and series.visibility == Visibility.PLATFORM:
        return _(
            "This series is open to every member, and its page names you as the writer, so "
            "no reviewer could review it double-blind. Make the series private first, or "
            "choose single-blind or open review."
        )
    return None


def visibility_guard(series: Any, visibility: str) -> str | None:
    """Registered with the series settings (scripts_app.services.series): a series under
    an open double-blind review cannot be opened to the platform, which would show its
    reviewers whose it is."""

    if visibility != Visibility.PLATFORM:
        return None
    under_review = ReviewRequest.objects.filter(
        series=series, blindness=Blindness.DOUBLE, status=RequestStatus.OPEN
    ).exists()
    if not under_review:
        return None
    return _(
        "A double-blind review of this series is under way: opening the series to every "
        "member would show its reviewers who wrote it. Wait until the review is complete, "
        "or close the request first."
    )


# --- the script a blind reviewer reads -------------------------------------------------


def _normalise_key(key: str) -> str:
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", key)).casefold()


def is_writer_key(key: str) -> bool:
    return _normalise_key(key).startswith(_WRITER_KEY_PREFIXES)


def _is_cjk(char: str) -> bool:
    return unicodedata.category(char) == "Lo"


def _term_patterns(term: str) -> list[str]:
    """Regular expressions for one name, address or account name, spacing forgiven."""
    term = unicodedata.normalize("NFKC", term).strip()
    if any(_is_cjk(c) for c in term):
        chars = [c for c in term if not c.isspace()]
        if len(chars) < 2:
            return []
        return [_CJK_GAP.join(re.escape(c) for c in chars)]
    if "@" in term:
        return [re.escape(term)] if len(term) >= 3 else []
    words = [w for w in re.split(r"[\s.·_\-]+", term) if w]
    if sum(len(w) for w in words) < 3:
        return []

    def join(parts: list[str]) -> str:
        body = _LATIN_GAP.join(_fullwidth_tolerant(w) for w in parts)
        return rf"(?<![{_ASCII_WORD}]){body}(?![{_ASCII_WORD}])"

    patterns = [join(words)]
    if len(words) == 2:  # "Chen Siyuan" is also written "Siyuan Chen"
        patterns.append(join(words[::-1]))
    return patterns


def _fullwidth_tolerant(word: str) -> str:
    parts = []
    for char in word:
        if char.isascii() and char.isalnum():
            parts.append(f"[{re.escape(char)}{chr(ord(char) + 0xFEE0)}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def identity_terms(users: list[Any]) -> list[str]:
    """Everything that names these people: both display names, e-mail, account name."""
    terms: list[str] = []
    for user in users:
        email = (user.email or "").strip()
        local = email.split("@", 1)[0]
        terms += [user.display_name_zh, user.display_name_en, email, local]
    return [t for t in dict.fromkeys(t.strip() for t in terms if t) if t]


# Bump when the way a text is blanked changes: cached blanked texts carry it in their key.
BLANK_VERSION = 1
# A blanked copy is kept as long as a rendered screenplay (scripts_app.screenplay).
BLANK_CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Blanker:
    """Blanks a script's text line by line, keeping its lines where they were."""

    pattern: re.Pattern[str] | None

    @property
    def fingerprint(self) -> str:
        """Names what this blanker does to a text: the same fingerprint blanks any text
        the same way (its pattern, made from the hidden people's names, and the version of
        the blanking rules), so a blanked copy can be cached under it and the text's hash."""
        source = self.pattern.pattern if self.pattern is not None else ""
        return hashlib.sha256(f"{BLANK_VERSION}:{source}".encode()).hexdigest()[:32]

    @classmethod
    def for_terms(cls, terms: list[str]) -> "Blanker":
        # Longest first: an address is masked whole, not just the account name in it.
        ordered = sorted(terms, key=len, reverse=True)
        patterns = [p for term in ordered for p in _term_patterns(term)]
        if not patterns:
            return cls(None)
        return cls(re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE))

    def line(self, line: str) -> str:
        """One line with every hidden name masked."""
        if self.pattern is None or not line:
            return line
        return self.pattern.sub(MASK, line)

    def text(self, text: str, fmt: str) -> str:
        """The whole script: names masked everywhere, and the values of writer entries
        (编剧：…, Author: …, with a Fountain title page's indented continuation lines)
        masked before the first episode or scene. Same number of lines as `text`."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        body_start = _body_start(text, fmt)
        masking_entry = False
        out = []
        for number, raw in enumerate(lines, start=1):
            line = self.line(raw)
            if number < body_start:
                entry = _KEY_LINE_RE.fullmatch(line)
                if entry and is_writer_key(entry.group(1)):
                    value = entry.group(2)
                    if value.strip():
                        line = line[: entry.start(2)] + value[: len(value) - len(value.lstrip())]
                        line += MASK
                    masking_entry = True
                elif masking_entry and line[:1] in (" ", "\t") and line.strip():
                    line = line[: len(line) - len(line.lstrip())] + MASK
                else:
                    masking_entry = False
            out.append(line)
        return "\n".join(out)


def _body_start(text: str, fmt: str) -> int:
    """The first line of the first episode heading or scene; past the end if none."""
    doc = parse(text, fmt)
    starts = [e.line for e in doc.episodes if not e.implicit]
    starts += [s.line for e in doc.episodes for s in e.scenes]
    return min(starts) if starts else 1 << 30


def blanker_for(request: ReviewRequest) -> Blanker:
    """The request's blanker (kept on the instance: one query for the writer side)."""
    cached = getattr(request, "_blind_blanker", None)
    if cached is None:
        people = list(User.objects.filter(pk__in=writer_side_ids(request.series)))
        cached = Blanker.for_terms(identity_terms(people))
        request._blind_blanker = cached
    return cached


def blinds_writer_for(viewer: Any, request: ReviewRequest, *, side: str | None = None) -> bool:
    """True when `viewer` must read the script of `request` without its writers."""
    if not request.hides_writer:
        return False
    return (side or viewer_side(viewer, request)) == "reviewer"


def blind_text(request: ReviewRequest, text: str, fmt: str) -> str:
    """A text of the reviewed series as a double-blind reviewer may read it.

    Cached under the text's hash and the blanker's fingerprint: blanking parses the whole
    text (to find where its pre-matter ends), about 27 ms for a 100-episode script, and the
    writer's report and the reviewer's notes blank the same revision again and again.
    """
    blanker = blanker_for(request)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    key = f"blind-text:{fmt}:{blanker.fingerprint}:{digest}"
    blanked = cache.get(key)
    if blanked is None:
        blanked = blanker.text(text, fmt)
        cache.set(key, blanked, BLANK_CACHE_SECONDS)
    return blanked


def redact_document(doc: Document) -> Document:
    """Drop what is left of writer entries from a blanked document: title-page entries and
    pre-matter lines whose key names or reaches the writer (编剧, 署名, Author, Contact...)."""
    doc.title_page = [(key, value) for key, value in doc.title_page if not is_writer_key(key)]
    kept = []
    for element in doc.prematter:
        entry = _KEY_LINE_RE.fullmatch(element.text)
        if entry and is_writer_key(entry.group(1)):
            continue
        if MASK in element.text and _normalise_key(element.text.replace(MASK, "")) == "":
            continue
        kept.append(element)
    doc.prematter = kept
    return doc
