"""An assignment's script requirement, checked from the document model.

Each check says whether it passed and, if not, what is wrong in words a student can act
on ("episode 3 runs 41 s; the shortest allowed is 60 s"). Checks are stored with the
submission as they stood then, in both languages, so graders see what the student saw.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from scripts_app.document import analyse, parse
from scripts_app.document.model import ElementType
from scripts_app.models import ScriptFormat

# How many episode numbers a message lists before it says "and N more".
LISTED = 8


@dataclass(frozen=True)
class Check:
    code: str
    passed: bool
    label: dict[str, str]  # {"zh": ..., "en": ...}
    detail: dict[str, str]

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "passed": self.passed,
            "label": self.label,
            "detail": self.detail,
        }


class _pair:
    """A message and its parameters, put together in each language when stored."""

    def __init__(self, message: object, params: dict[str, object]) -> None:
        self.message, self.params = message, params

    def render(self) -> str:
        return str(self.message) % self.params


def _both(text: object) -> dict[str, str]:
    if not text:
        return {"zh": "", "en": ""}
    pairs = {}
    for code, language in (("zh", "zh-hans"), ("en", "en")):
        with translation.override(language):
            pairs[code] = text.render() if isinstance(text, _pair) else str(text)
    return pairs


def _numbers(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:LISTED])
    return shown + (f" (+{len(numbers) - LISTED})" if len(numbers) > LISTED else "")


def check_script(assignment, text: str, fmt: str) -> list[Check]:  # type: ignore[no-untyped-def]
    """Every requirement the assignment sets, checked against this script text."""
    doc = parse(text, fmt)
    analysis = analyse(doc)
    checks: list[Check] = []

    def add(code: str, passed: bool, label: object, detail: object = "") -> None:
        checks.append(Check(code, passed, _both(label), _both(detail)))

    last = assignment.episodes_to
    wanted = list(range(assignment.episodes_from, (last or 0) + 1)) if last else []
    present = {episode.number for episode in doc.episodes}
    in_range = [
        episode
        for episode in analysis.episodes
        if episode.number >= assignment.episodes_from and (last is None or episode.number <= last)
    ]
    if last:
        missing = [n for n in wanted if n not in present]
        add(
            "episodes",
            not missing,
            _pair(
                _("Episodes %(a)s–%(b)s are written"), {"a": assignment.episodes_from, "b": last}
            ),
            _pair(_("Missing: episode %(numbers)s."), {"numbers": _numbers(missing)})
            if missing
            else "",
        )
    else:
        add(
            "episodes",
            bool(in_range),
            _pair(_("Episodes from %(a)s on are written"), {"a": assignment.episodes_from}),
            ""
            if in_range
            else _pair(_("No episode from %(a)s on."), {"a": assignment.episodes_from}),
        )
    if assignment.required_format:
        label = ScriptFormat(assignment.required_format).label
        add(
            "format",
            doc.format == assignment.required_format,
            _pair(_("Written in the %(format)s format"), {"format": label}),
            ""
            if doc.format == assignment.required_format
            else _("This script is in the other format."),
        )
    if assignment.min_episode_seconds:
        short = [e.number for e in in_range if e.runtime.seconds < assignment.min_episode_seconds]
        add(
            "min_runtime",
            not short,
            _pair(_("Every episode runs at least %(s)s s"), {"s": assignment.min_episode_seconds}),
            _pair(_("Too short: episode %(numbers)s."), {"numbers": _numbers(short)})
            if short
            else "",
        )
    if assignment.max_episode_seconds:
        long_ = [e.number for e in in_range if e.runtime.seconds > assignment.max_episode_seconds]
        add(
            "max_runtime",
            not long_,
            _pair(_("No episode runs over %(s)s s"), {"s": assignment.max_episode_seconds}),
            _pair(_("Too long: episode %(numbers)s."), {"numbers": _numbers(long_)})
            if long_
            else "",
        )
    if assignment.hooks_required:
        weak = [e.number for e in in_range if not e.ends_on_hook]
        add(
            "hooks",
            bool(in_range) and not weak,
            _("Every episode ends on a hook"),
            _pair(_("No closing hook: episode %(numbers)s."), {"numbers": _numbers(weak)})
            if weak
            else "",
        )
    if assignment.paywall_required:
        marked = any(e.is_paywall for e in analysis.episodes)
        add(
            "paywall",
            marked,
            _("A paywall episode is marked"),
            "" if marked else _("Mark the paywall episode (付费卡点 / [[PAYWALL]])."),
        )
    if assignment.character_list_required:
        listed = bool(doc.character_bios) or _has_section(doc, ("人物", "character"))
        add(
            "characters",
            listed,
            _("A character list (人物小传)"),
            "" if listed else _("Add a 人物小传 / character list before the first episode."),
        )
    if assignment.synopsis_required:
        has = any(e.type == ElementType.SYNOPSIS for e in doc.prematter) or _has_section(
            doc, ("大纲", "梗概", "synopsis", "outline")
        )
        add(
            "synopsis",
            has,
            _("A synopsis (大纲 / 梗概)"),
            "" if has else _("Add a 大纲 / synopsis before the first episode."),
        )
    return checks


def _has_section(doc, names: tuple[str, ...]) -> bool:  # type: ignore[no-untyped-def]
    """A pre-matter section with one of these names and something under it."""
    elements = doc.prematter
    for index, element in enumerate(elements):
        named = element.type == ElementType.SECTION and any(
            name in (element.text or "").lower() for name in names
        )
        followed = index + 1 < len(elements) and elements[index + 1].type != ElementType.SECTION
        if named and followed:
            return True
    return False
