"""The customary layout of Chinese short-drama scripts.

A4; 《剧名》 and 编剧 on the title page, the outline and 人物小传 after it; each episode
on a new page under a bold 第N集 heading; bold numbered scene headings; △ action and
角色：台词 with hanging indents; 【…】 markers; shaded hooks (卡点); page numbers at the foot.
"""

from __future__ import annotations

from scripts_app.document import Element, Episode, Scene
from scripts_app.document.render import bracket_line

from .base import BOLD, CM, MARKERS, PLAIN, PageLayout, T, without_notes
from .typesetter import Line, PageGeometry, StyledText, wrap_lines


class ChineseLayout(PageLayout):
    page_format = "A4"
    language = "zh-CN"
    # Liberation Mono only draws the odd character the CJK font lacks.
    faces = {"body": ("cjk", "mono"), "watermark": ("cjk", "mono")}
    geometry = PageGeometry(width=21 * CM, height=29.7 * CM, top=2.54 * CM, bottom=27.16 * CM)
    left = 3.18 * CM
    width = (21 - 2 * 3.18) * CM
    size = 12.0
    leading = 20.0

    def _line(self, size: float | None = None, **fields) -> Line:
        size = size or self.size
        fields.setdefault("height", self.leading if size <= self.size else size * 1.8)
        return Line([], self.left, self.width, "body", size, **fields)

    def page_number(self, page: int) -> None:
        text = f"第 {page} 页"
        width = self.fonts.width(text, "body", 10.5)
        x = (self.geometry.width - width) / 2
        self.typesetter.draw_text(text, x, self.geometry.height - 1.4 * CM, "body", 10.5)

    def title_page(self) -> None:
        self.typesetter.start_page()
        title = self.options.title.strip("《》")
        heading = self._line(26, align="C")
        y = self._draw_styled([(f"《{title}》", BOLD)], 9 * CM, heading)
        author = self.options.author or dict(self.doc.title_page).get("编剧", "")
        if author:
            byline = [(f"编剧：{author}", PLAIN)]
            y = self._draw_styled(byline, y + 30, self._line(15, align="C"))
        y += 24
        for key, value in self.doc.title_page:
            if key == "编剧":
                continue
            y = self._draw_styled([(f"{key}：{value}", PLAIN)], y + 6, self._line(align="C"))

    def front_matter(self) -> None:
        if not self.doc.prematter:
            return
        writer = _ChineseElements(self)
        for element in self.doc.prematter:
            writer.prematter(element)
        if writer.lines:
            writer.lines[0].new_page = True
            self.typesetter.flow(writer.lines)

    def episode_lines(self, episode: Episode) -> list[Line]:
        writer = _ChineseElements(self)
        if not episode.implicit:
            heading = f"第{episode.number}集" + (f"：{episode.title}" if episode.title else "")
            template = self._line(16, align="C", keep_with_next=True)
            writer.add(StyledText.plain(heading, BOLD), template)
        if episode.synopsis is not None:
            writer.labelled("梗概：", episode.synopsis, grey=True)
        writer.elements(episode.elements_before_first_scene)
        for scene in episode.scenes:
            writer.scene(scene)
            writer.elements(scene.elements)
        writer.flush_parenthetical()
        if (episode.hook or episode.is_paywall) and not writer.hook_printed:
            kind = T.PAYWALL if episode.is_paywall else T.HOOK
            writer.hook(bracket_line(Element(kind, episode.hook or "", 0)))
        if writer.lines:
            writer.lines[0].new_page = True
        return writer.lines


class _ChineseElements:
    """Lines for Chinese-convention elements, as the convention prints them."""

    def __init__(self, layout: ChineseLayout) -> None:
        self.layout = layout
        self.fonts = layout.fonts
        self.lines: list[Line] = []
        self.pending: tuple[tuple, str] | None = None  # (voice, "（提示）") awaiting its line
        self.new_page = False
        self.hook_printed = False

    def add(self, styled: StyledText, template: Line, hanging: float = 0.0) -> None:
        if self.new_page:
            template.new_page = True
            self.new_page = False
        self.lines += wrap_lines(self.fonts, styled, template, hanging=hanging)

    def labelled(self, label: str, text: str, *, grey: bool = False) -> None:
        hanging = self.fonts.width(label, "body", self.layout.size)
        styled = StyledText.of([(label, BOLD), (text, PLAIN)])
        self.add(styled, self.layout._line(grey=grey, space_before=4), hanging)

    def scene(self, scene: Scene) -> None:
        self.flush_parenthetical()
        show_number = self.layout.options.scene_numbers and scene.number
        text = f"{scene.number} {scene.heading}" if show_number else scene.heading
        template = self.layout._line(space_before=12, keep_with_next=True)
        self.add(StyledText.plain(text, BOLD), template)

    def prematter(self, element: Element) -> None:
        line = self.layout._line
        if element.type == T.SECTION:
            template = line(14, space_before=14, keep_with_next=True)
            self.add(StyledText.plain(element.text, BOLD), template)
        elif element.type == T.BIO:
            name = (element.speaker or "") + (f"（{element.cue}）" if element.cue else "")
            self.add(StyledText.of([(name, BOLD), ("：" + element.text, PLAIN)]), line())
        else:  # outline prose: first line indented two characters, as Chinese prose is
            indent = 2 * self.layout.size
            self.add(StyledText.plain(element.text), line(indent=indent), hanging=-indent)

    def elements(self, elements: list[Element]) -> None:
        for element in elements:
            self.element(element)

    def element(self, element: Element) -> None:
        kind = element.type
        voice = (element.speaker, element.cue, element.extra.get("joint"))
        in_speech = kind in (T.PARENTHETICAL, T.DIALOGUE, T.LYRIC) and element.speaker
        if self.pending and (not in_speech or self.pending[0] != voice):
            self.flush_parenthetical()
        if kind == T.PARENTHETICAL and element.speaker:
            note = f"（{element.text}）"
            self.pending = (voice, self.pending[1] + note if self.pending else note)
        elif kind in (T.DIALOGUE, T.LYRIC) and element.speaker:
            self.speech(element, ("♪" if kind == T.LYRIC else "") + element.text)
        elif kind == T.CHARACTER:
            return  # a Fountain cue: its dialogue elements carry the speaker
        elif kind == T.ACTION:
            triangle = self.fonts.width("△", "body", self.layout.size)
            self.add(StyledText.plain("△" + element.text), self.layout._line(), triangle)
        elif kind == T.CAST:
            self.labelled("人物：", element.text)
        elif kind in (T.HOOK, T.PAYWALL):
            self.hook(bracket_line(element))
        elif kind in MARKERS:
            self.add(StyledText.plain(bracket_line(element)), self.layout._line())
        elif kind == T.TRANSITION:
            self.add(StyledText.plain(f"【转场：{element.text}】"), self.layout._line())
        elif kind == T.CENTERED:
            self.add(StyledText.plain(element.text), self.layout._line(align="C"))
        elif kind == T.PAGE_BREAK:
            self.new_page = True
        elif kind == T.LYRIC:
            self.add(StyledText.plain("△♪" + element.text), self.layout._line())
        elif kind in (T.NOTE, T.SECTION, T.SYNOPSIS):
            self.labelled("备注：", without_notes(element.text) or element.text, grey=True)
        else:
            self.add(StyledText.plain(element.text), self.layout._line())

    def speech(self, element: Element, text: str) -> None:
        joint = element.extra.get("joint")
        name = "、".join(joint) if joint else element.speaker or ""
        prefix = name + (f"（{element.cue}）" if element.cue else "") + "："
        note = ""
        if self.pending:
            note = self.pending[1]
            self.pending = None
        size = self.layout.size
        hanging = min(self.fonts.width(prefix, "body", size), 6 * size)
        styled = StyledText.of([(prefix, BOLD), (note + text, PLAIN)])
        self.add(styled, self.layout._line(), hanging)

    def flush_parenthetical(self) -> None:
        """A （提示） with no line after it is printed on its own, as the source has it."""
        if self.pending:
            (speaker, cue, joint), note = self.pending
            self.pending = None
            stand_in = Element(T.DIALOGUE, "", 0, speaker=speaker, cue=cue)
            if joint:
                stand_in.extra["joint"] = joint
            self.speech(stand_in, note)

    def hook(self, text: str) -> None:
        template = self.layout._line(space_before=6, shade=True)
        self.add(StyledText.plain(text, BOLD), template)
        self.hook_printed = True
