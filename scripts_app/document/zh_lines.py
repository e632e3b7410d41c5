"""Line grammar of the Chinese micro-short-drama convention (第1集, 1-1 日 内 地点, 角色：台词).

The vocabulary of the convention and what a single line is: episode and scene headings,
【…】 markers, 人物 lines, speaker lines and the guard against false dialogue, and the
pre-matter patterns. Shared by the parser (:mod:`.zh`), the renderer, the Fountain parser
and format detection. The grammar and its judgement calls are in docs/script-formats.md.
"""

from __future__ import annotations

import re
from collections.abc import Container

from .model import Element, chinese_to_int, normalise_time
from .model import ElementType as T

# --- vocabulary -------------------------------------------------------------------------

_NUMERAL = r"[0-9０-９]+|[零〇一二两三四五六七八九十百千]+"
# The title follows whitespace or a colon, or directly a bracket: 第3集（付费）.
_EPISODE_RE = re.compile(
    rf"(?:#{{1,6}}\s*)?第\s*({_NUMERAL})\s*集(?:[\s：:]+(.*)|(?=[（(【《])(.*))?", re.DOTALL
)
_SCENE_RE = re.compile(
    r"(?:#{1,6}\s*)?([0-9０-９]{1,4})\s*[-－–—]\s*([0-9０-９]{1,4})"
    r"(?:[\s、.．：:]+(.*))?",
    re.DOTALL,
)
TITLE_RE = re.compile(r"《([^》]+)》\s*(?:[（(][^）)]*[）)])?")
_CAST_RE = re.compile(r"(?:出场人物|登场人物|人物|角色)\s*[：:]\s*(.*)", re.DOTALL)
CAST_PREFIXES = ("出场人物", "登场人物", "人物", "角色")
_CAST_SPLIT_RE = re.compile(r"[、，,/／\s]+")
_ROLE_NOTE_RE = re.compile(r"[（(][^（(）)]*[）)]")
_SPEAKER_RE = re.compile(r"([^：:]{0,40})([：:])(.*)", re.DOTALL)
_JOINT_SPLIT_RE = re.compile(r"\s*[、&＆/／]\s*")
_BRACKET_RE = re.compile(r"【([^】：:]*)(?:[：:]([^】]*))?】(.*)", re.DOTALL)
_VOICE_SPLIT_RE = re.compile(r"[，,、/／;；\s]+")

# A speaker is short and has no sentence punctuation; "林晚看着手机，上面写着：…" is action.
MAX_SPEAKER_LENGTH = 12
# Latin-script names are longer in characters but not in words: "DETECTIVE RUIZ".
MAX_LATIN_SPEAKER_LENGTH = 30
MAX_LATIN_SPEAKER_WORDS = 4
MAX_EPISODE_TITLE_LENGTH = 20
# Sentence punctuation, brackets, markers and the aspect particles 着/了 never sit in a name.
_NOT_IN_NAMES_RE = re.compile(r"[。！？!?，,；;…“”\"「」『』《》【】—～~（）()△▲着了]")
_BRACKETS_RE = re.compile(r"[（）()]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_JOINT_CHARS_RE = re.compile(r"[、&＆/／]")
# Words that end a narrative clause, not a name: "他说：", "屏幕上显示：".
_CLAUSE_ENDINGS = ("说", "道", "问", "喊", "答", "吼", "骂", "写着", "显示", "写道")

_TIME_TOKENS = frozenset((
    "日", "夜", "晨", "暮", "黄昏", "黎明", "清晨", "傍晚", "白天", "夜晚", "晚上", "深夜",
    "凌晨", "早晨", "早上", "上午", "中午", "下午", "午后", "雨夜", "拂晓", "午夜",
))  # fmt: skip
_INTERIOR_TOKENS = {"内": "int", "外": "ext", "内/外": "int/ext", "外/内": "int/ext",
                    "内外": "int/ext", "内／外": "int/ext", "外／内": "int/ext"}  # fmt: skip
_FUSED_RE = re.compile(
    r"(?P<t1>{t})?[/／]?(?P<io>内[/／]?外|外[/／]?内|内|外)(?:[/／]?(?P<t2>{t}))?".format(
        t="|".join(sorted(_TIME_TOKENS, key=len, reverse=True))
    )
)
_FLASHBACK_SUFFIX_RE = re.compile(r"[（(](闪回|回忆)[）)]$")

_PREMATTER_HEADERS = (
    "大纲", "故事大纲", "剧情大纲", "分集大纲", "梗概", "故事梗概", "剧情梗概", "分集梗概",
    "剧情简介", "故事简介", "简介", "人物小传",
    "人物介绍", "人物设定", "人物简介", "人设", "主要人物", "角色介绍", "角色设定", "人物表",
    "人物关系", "创作说明", "创作背景", "创作理念",
    "主题", "看点", "卖点",
)  # fmt: skip
HEADER_RE = re.compile(
    r"(?:#{{1,6}}\s*)?(?:[一二三四五六七八九十0-9]+[、.．]\s*)?[【\[]?({})[】\]]?"
    r"\s*(?:[：:]\s*(.*))?".format("|".join(sorted(_PREMATTER_HEADERS, key=len, reverse=True))),
    re.DOTALL,
)
_META_KEYS = (
    "剧名", "编剧", "作者", "原著", "导演", "出品", "类型", "题材", "集数", "单集时长", "时长",
    "受众",
    "标签", "版本", "日期", "联系方式",
)  # fmt: skip
META_RE = re.compile(r"({})\s*[：:]\s*(.*)".format("|".join(_META_KEYS)), re.DOTALL)
BIO_RE = re.compile(
    r"(?:[-*•·]\s*|[0-9]+[、.．]\s*)?([^（(：:，,。\s*][^（(：:，,。]{0,11}?)\s*"
    r"(?:[（(]([^）)]*)[）)])?\s*[：:]\s*(.*)",
    re.DOTALL,
)


_BRACKET_TYPES: dict[str, T] = {
    "字幕": T.SUBTITLE,
    **dict.fromkeys(
        ("闪回", "闪回开始", "回忆", "回忆开始", "插叙", "插叙开始"), T.FLASHBACK_START
    ),
    **dict.fromkeys(("闪回结束", "回忆结束", "插叙结束"), T.FLASHBACK_END),
    "黑屏": T.BLACK_SCREEN,
    **dict.fromkeys(("切", "切镜"), T.CUT),
    **dict.fromkeys(("卡点", "本集钩子", "钩子"), T.HOOK),
    **dict.fromkeys(("付费卡点", "付费点"), T.PAYWALL),
}
# Marker types whose text usually follows the bracket (【卡点】…) rather than sits inside it.
TEXT_AFTER_BRACKET = frozenset(
    {T.HOOK, T.PAYWALL, T.FLASHBACK_START, T.FLASHBACK_END, T.BLACK_SCREEN, T.CUT}
)
DEFAULT_TAGS: dict[T, str] = {
    T.SUBTITLE: "字幕",
    T.FLASHBACK_START: "闪回",
    T.FLASHBACK_END: "闪回结束",
    T.BLACK_SCREEN: "黑屏",
    T.CUT: "切",
    T.HOOK: "卡点",
    T.PAYWALL: "付费卡点",
    T.INSERT: "插入",
}

_VOICES = {
    **dict.fromkeys(("OS", "内心", "心声", "内心独白", "独白", "心理"), "inner"),
    **dict.fromkeys(("VO", "画外音", "画外"), "offscreen"),
}


# --- recognisers ------------------------------------------------------------------------


def bracket_elements(text: str, line: int) -> list[Element] | None:
    """Parse a 【…】 marker line: 【字幕：三年前】, 【闪回】, 【卡点】她笑了, 【手机屏幕：…】.

    The element text is the part inside the bracket after the colon or, when there is
    none, the text after the bracket. When both exist the trailing text becomes an
    action element of its own. Unknown tags are inserts. ``None`` if not a marker.
    """
    match = _BRACKET_RE.fullmatch(text)
    if not match:
        return None
    tag = "".join(match.group(1).split())
    inside = (match.group(2) or "").strip()
    after = match.group(3).strip()
    kind = _BRACKET_TYPES.get(tag, T.INSERT)
    elements = [Element(kind, inside or after, line, extra={"tag": tag})]
    if inside and after:
        elements.append(Element(T.ACTION, after, line))
    return elements


def voice_of_hint(hint: str | None) -> str | None:
    """``inner`` for OS/内心, ``offscreen`` for VO/画外音, else ``None``.

    Any case; dots and spaces are ignored, so ``o.s.`` is OS.
    """
    if not hint:
        return None
    for token in _VOICE_SPLIT_RE.split(hint):
        voice = _VOICES.get(token.replace(".", "").upper())
        if voice:
            return voice
    return None


def split_speaker(
    part: str, known: Container[str] = frozenset()
) -> tuple[list[str], str | None] | None:
    """Split ``甲、乙（异口同声）`` into names and hint; ``None`` if it cannot be a speaker.

    Each name must be one of ``known`` (the names the script declares on 人物 lines and
    in the 人物小传) or pass the guard against false dialogue (:func:`_plausible_name`),
    which is a guess about names the script has not declared.
    """
    part = part.strip()
    hint = None
    if part.endswith(("）", ")")):
        start = max(part.rfind("（"), part.rfind("("))
        if start < 0:
            return None
        hint = part[start + 1 : -1].strip()
        part = part[:start].strip()
        if _BRACKETS_RE.search(hint):
            return None
    if not part:
        return [], hint or None
    names = _JOINT_SPLIT_RE.split(part) if _JOINT_CHARS_RE.search(part) else [part]
    if not all(name in known or _plausible_name(name) for name in names):
        return None
    return names, hint or None


def _plausible_name(name: str) -> bool:
    """Could this undeclared text be a name? Short, no sentence punctuation or particles,
    a letter, and not ending like a narrative clause (``他说``, ``屏幕显示``)."""
    return (
        bool(name)
        and (len(name) <= MAX_SPEAKER_LENGTH or _plausible_latin_name(name))
        and not _NOT_IN_NAMES_RE.search(name)
        and _LETTER_RE.search(name) is not None
        and not name.endswith(_CLAUSE_ENDINGS)
    )


def _interior_of(io: str) -> str:
    """内 → int, 外 → ext, both in any order or with a slash (内/外, 外内) → int/ext."""
    return "int/ext" if "内" in io and "外" in io else _INTERIOR_TOKENS[io]


def _plausible_latin_name(name: str) -> bool:
    """Longer names are fine when written in Latin letters: ``JUDGE HALVORSEN``."""
    return (
        len(name) <= MAX_LATIN_SPEAKER_LENGTH
        and len(name.split()) <= MAX_LATIN_SPEAKER_WORDS
        and len(_CJK_RE.findall(name)) <= MAX_SPEAKER_LENGTH
    )


def parse_scene_fields(text: str) -> tuple[str | None, str | None, str | None, str | None, bool]:
    """Split heading fields in any order: ``(time, time_raw, interior, location, flashback)``."""
    time_raw = interior = None
    location: list[str] = []
    for token in text.split():
        if time_raw is None and token in _TIME_TOKENS:
            time_raw = token
        elif interior is None and token in _INTERIOR_TOKENS:
            interior = _INTERIOR_TOKENS[token]
        elif time_raw is None and interior is None and (fused := _FUSED_RE.fullmatch(token)):
            if (fused.group("t1") is None) == (fused.group("t2") is None):
                location.append(token)  # 内外 alone is handled above; 日内夜 is nonsense
                continue
            time_raw = fused.group("t1") or fused.group("t2")
            interior = _interior_of(fused.group("io"))
        else:
            location.append(token)
    place = " ".join(location)
    flashback = False
    if suffix := _FLASHBACK_SUFFIX_RE.search(place):
        flashback = True
        place = place[: suffix.start()].rstrip()
    time = normalise_time(time_raw) if time_raw else None
    return time, time_raw, interior, place or None, flashback


def episode_heading(text: str) -> tuple[int, str | None] | None:
    """``(number, title)`` for 第1集 / 第十集：标题 / **第一百集** 标题, else ``None``."""
    match = _EPISODE_RE.fullmatch(text)
    if not match:
        return None
    number = chinese_to_int(match.group(1))
    if number is None:
        return None
    title = (match.group(2) or match.group(3) or "").strip()
    # 分集大纲 lines ("第1集：林晚被陷害入狱。") are prose, not headings.
    if len(title) > MAX_EPISODE_TITLE_LENGTH or any(c in "。；;" for c in title):
        return None
    return number, title or None


def scene_heading(text: str) -> tuple[str, str] | None:
    """``("1-1", "日 内 总裁办公室")`` for a scene heading line, else ``None``."""
    match = _SCENE_RE.fullmatch(text)
    if not match:
        return None
    return f"{int(match.group(1))}-{int(match.group(2))}", (match.group(3) or "").strip()


def reads_as_bio(line: str) -> bool:
    """Would this line, inside a 人物小传 section, be read as a bio entry?"""
    return not (
        episode_heading(line)
        or scene_heading(line)
        or TITLE_RE.fullmatch(line)
        or HEADER_RE.fullmatch(line)
        or META_RE.fullmatch(line)
    ) and bool(BIO_RE.fullmatch(line))


def reads_as_prose(line: str, *, bio_section: bool, has_title: bool) -> bool:
    """Would this line, on its own after a pre-matter header, be read as prose?

    ``bio_section``: the header is a 人物小传-type block (its entries are bios);
    ``has_title``: the script's 《剧名》 was already seen (a later one is prose).
    """
    return bool(line) and not (
        (line[:1] in "第#" and episode_heading(line))
        or (line[:1] in "0123456789０１２３４５６７８９#" and scene_heading(line))
        or (not has_title and line[:1] == "《" and TITLE_RE.fullmatch(line))
        or HEADER_RE.fullmatch(line)
        or META_RE.fullmatch(line)
        or (bio_section and BIO_RE.fullmatch(line))
    )


def written_header(element: Element) -> str | None:
    """A pre-matter header's written form, if it still reads as that header alone."""
    written = element.written
    if not written or not (match := HEADER_RE.fullmatch(written)):
        return None
    return written if match.group(1) == element.text and not match.group(2) else None


def prepare_line(raw: str) -> str:
    """Strip whitespace (full-width spaces too) and markdown bold opening the line.

    ``**第1集** 标题``, ``**林晚**：台词`` and ``**大纲：**`` lose the first ``**`` pair.
    """
    s = raw.strip()
    if s.startswith("**"):
        s = s[2:].replace("**", "", 1).strip()
    return s


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` for CRLF, CR and LF endings alike, without byte-order marks.

    U+FEFF is dropped wherever it is: files glued together carry a BOM mid-text.
    """
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def speaker_line(
    s: str, known: Container[str] = frozenset()
) -> tuple[list[str], str | None, str] | None:
    """``(names, hint, speech)`` if ``s`` is ``speaker（hint）：speech``, else ``None``.

    ``known`` are the names the script has declared (see :func:`split_speaker`).
    """
    match = _SPEAKER_RE.match(s)
    if not match:
        return None
    if match.group(2) == ":" and match.group(3).startswith("//"):  # a URL, not a speaker
        return None
    speech = match.group(3).strip()
    parts = split_speaker(match.group(1), known)
    if parts is None:
        return None
    return parts[0], parts[1], speech


def cast_line(s: str) -> tuple[str, list[str]] | None:
    """``(text, names)`` of a 人物 line (``人物：林晚（女主）、顾沉舟``), else ``None``."""
    if not s.startswith(CAST_PREFIXES) or not (cast := _CAST_RE.fullmatch(s)):
        return None
    text = cast.group(1).strip()
    names = [
        name
        for name in (_ROLE_NOTE_RE.sub("", n).strip() for n in _CAST_SPLIT_RE.split(text))
        if name
    ]
    return text, names
