"""Fonts for PDF export: where the files come from and which font draws each character.

* Chinese: Noto Sans SC (SIL OFL 1.1), the variable TrueType font that the PyPI package
  ``justmytype-intl-cjk`` ships, so a fresh machine with only pip has it. For each
  export it is cut down to the characters of the document and instantiated at weights
  400 and 700 with fontTools: a few hundred glyphs, a real bold, and TrueType outlines,
  which every PDF reader and text extractor handles (fpdf2 writes CFF fonts with a
  custom encoding CMap that pypdf cannot read back). WenQuanYi Micro Hei from Debian's
  ``fonts-wqy-microhei`` serves if the package is missing (bold is then drawn with a
  stroke). With neither, export fails with :class:`FontUnavailable` rather than print
  empty boxes.
* Latin screenplay text: Liberation Mono (SIL OFL 1.1; the metrics of Courier New,
  ten characters an inch at 12 pt), bundled unmodified in ``assets/``.

A *face* is an ordered list of font families; each character is drawn with the first
family that has a glyph for it, so "Emma" inside a Chinese line and 林晚 inside an
English one both render.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from collections.abc import Callable, Iterable
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from fpdf import FPDF

from ..errors import FontUnavailable

ASSETS = Path(__file__).resolve().parent.parent / "assets"
MONO_FILES = {
    "": ASSETS / "LiberationMono-Regular.ttf",
    "B": ASSETS / "LiberationMono-Bold.ttf",
    "I": ASSETS / "LiberationMono-Italic.ttf",
}
CJK_PACKAGE = "justmytype_intl_cjk"
CJK_PACKAGE_FILE = "fonts/ofl/notosanssc/NotoSansSC[wght].ttf"
SYSTEM_CJK_FONTS = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),)
CJK_WEIGHTS = {"": 400, "B": 700}

# Stroke width of synthetic bold, as a share of the font size (fonts without a bold face).
SYNTHETIC_BOLD = 0.03


def find_cjk_font() -> Path:
    """The CJK font to subset: the PyPI package's first, a system font second."""
    if importlib.util.find_spec(CJK_PACKAGE) is not None:
        path = Path(str(importlib.resources.files(CJK_PACKAGE).joinpath(CJK_PACKAGE_FILE)))
        if path.is_file():
            return path
    for path in SYSTEM_CJK_FONTS:
        if path.is_file():
            return path
    raise FontUnavailable(f"neither {CJK_PACKAGE} nor a system CJK font is installed")


def cjk_subset(chars: Iterable[str], directory: Path) -> dict[str, Path]:
    """TrueType files holding only ``chars``, by fpdf2 style (``""`` and, if possible, ``"B"``).

    A variable font is instantiated at :data:`CJK_WEIGHTS`; a static one gives regular
    only. Subsetting first keeps instancing fast (hundreds of glyphs, not 30,000).
    """
    source = find_cjk_font()
    font = TTFont(source, lazy=True, fontNumber=0)
    options = Options()
    options.layout_features = []  # no shaping: Chinese and Latin need none
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "STAT", "vhea", "vmtx"]
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(char) for char in chars}))
    subsetter.subset(font)
    if "fvar" not in font:
        path = directory / "cjk-regular.ttf"
        font.save(path)
        return {"": path}
    axis = next(a for a in font["fvar"].axes if a.axisTag == "wght")
    family = _family_name(font)
    files = {}
    for style, weight in CJK_WEIGHTS.items():
        weight = min(max(weight, axis.minValue), axis.maxValue)
        instance = instancer.instantiateVariableFont(font, {"wght": weight})
        _name_instance(instance, family, "Bold" if style else "Regular")
        files[style] = directory / f"cjk-{weight}.ttf"
        instance.save(files[style])
    return files


def _family_name(font: TTFont) -> str:
    """The variable font's family name without its default instance's style ("Thin")."""
    names = font["name"]
    family = names.getDebugName(16) or names.getDebugName(1) or "CJK"
    default = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    for instance in font["fvar"].instances:
        if instance.coordinates == default:
            family = family.removesuffix(" " + (names.getDebugName(instance.subfamilyNameID) or ""))
    return family


def _name_instance(font: TTFont, family: str, weight: str) -> None:
    """Name an instance after its weight; fpdf2 takes the PDF font name from the full name."""
    names = font["name"]
    for name_id, value in (
        (1, family), (2, weight), (4, f"{family} {weight}"),
        (6, f"{family.replace(' ', '')}-{weight}"),
    ):  # fmt: skip
        names.removeNames(nameID=name_id)
        names.setName(value, name_id, 3, 1, 0x409)


class FontBook:
    """Registers fonts with an FPDF document and measures and splits text by face.

    ``chars`` are all the characters the document may print; the CJK font is subset to
    them. A family is loaded the first time a character needs it, so an English
    screenplay without Chinese never builds (nor embeds) the CJK font.
    """

    def __init__(
        self,
        pdf: FPDF,
        faces: dict[str, tuple[str, ...]],
        chars: set[str],
        workdir: Path,
    ) -> None:
        self.pdf = pdf
        self.faces = faces
        self.chars = chars
        self.workdir = workdir
        self._styles: dict[str, set[str]] = {}  # family -> loaded styles
        self._char_family: dict[str, dict[str, str]] = {face: {} for face in faces}
        self._units: dict[str, dict[str, float]] = {face: {} for face in faces}  # char widths

    def pieces(self, text: str, face: str) -> list[tuple[str, str]]:
        """``(family, text)`` pieces of ``text``, each drawable by one font family."""
        out: list[tuple[str, str]] = []
        for char in text:
            family = self._family(char, face)
            if out and out[-1][0] == family:
                out[-1] = (family, out[-1][1] + char)
            else:
                out.append((family, char))
        return out

    def width(self, text: str, face: str, size: float) -> float:
        """Width of ``text`` in points (bold faces are measured with regular widths)."""
        units = self._units[face]
        total = 0.0
        for char in text:
            width = units.get(char)
            if width is None:
                width = units[char] = self.pdf.fonts[self._family(char, face)].cw[ord(char)]
            total += width
        return total * size / 1000

    def measure(self, face: str, size: float) -> Callable[[str], float]:
        """A width-of-one-character function, for line breaking."""
        return lambda char: self.width(char, face, size)

    def style_for(self, family: str, bold: bool, italic: bool) -> tuple[str, bool]:
        """The fpdf2 style to select and whether bold must be drawn synthetically."""
        self._load(family)
        available = self._styles[family]
        if bold and "B" in available:
            return "B", False
        if italic and not bold and "I" in available:
            return "I", False
        return "", bold

    def _family(self, char: str, face: str) -> str:
        families = self._char_family[face]
        family = families.get(char)
        if family is None:
            family = families[char] = self._first_with_glyph(ord(char), self.faces[face])
        return family

    def _first_with_glyph(self, code: int, chain: tuple[str, ...]) -> str:
        for family in chain:
            self._load(family)
            if code in self.pdf.fonts[family].cmap:
                return family
        return chain[0]  # no font has it: fpdf2 logs the missing glyph

    def _load(self, family: str) -> None:
        if family in self._styles:
            return
        files = MONO_FILES if family == "mono" else cjk_subset(self.chars, self.workdir)
        for style, path in files.items():
            self.pdf.add_font(family, style, str(path))
        self._styles[family] = set(files)
