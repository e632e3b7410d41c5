"""The whole UI exists in Simplified Chinese and English.

- every string our code and templates mark for translation is in the zh_Hans
  catalogue, translated, not fuzzy, with the same named placeholders;
- no template shows text that is not marked for translation;
- the compiled catalogue (.mo) matches its source (.po);
- no gettext call is given an f-string or other computed text.
"""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
OUR_PACKAGES = [
    "config",
    "core",
    "accounts",
    "taxonomy",
    "seeds",
    "scripts_app",
    "reviews",
    "courses",
    "incubator",
    "scouting",
]
GETTEXT_NAMES = {
    "_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy",
    "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy",
}  # fmt: skip
# Hand-written bilingual text: the page rendered without the template context (500
# errors), and the funding agreement and the reads NDA, legal texts both parties read in
# both languages.
BILINGUAL_BY_DESIGN = {"500.html", "agreement.txt", "nda.txt"}
VISIBLE_ATTRIBUTES = re.compile(r'\b(aria-label|title|alt|placeholder)="([^"]*)"')
LETTERS = re.compile(r"[A-Za-z\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _python_files():
    for package in OUR_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _template_files():
    yield from (p for p in _all_template_files() if p.name not in BILINGUAL_BY_DESIGN)


def _all_template_files():
    for package in ["templates", *OUR_PACKAGES]:
        base = ROOT / package
        templates = [base] if package == "templates" else list(base.rglob("templates"))
        for folder in templates:
            for path in folder.rglob("*"):
                if path.suffix in (".html", ".txt") and path.is_file():
                    yield path


def _msgids_in_python(path: Path) -> tuple[set[tuple[str | None, str]], list[str]]:
    found, problems = set(), []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_NAMES or not node.args:
            continue
        index = 1 if name.startswith(("pgettext", "npgettext")) else 0
        if len(node.args) <= index:
            continue
        argument = node.args[index]
        context = node.args[0] if index else None
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.add((context.value if context is not None else None, argument.value))
        else:
            problems.append(
                f"{path.relative_to(ROOT)}:{node.lineno}: {name}() needs a literal string"
            )
    return found, problems


_STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_CALL = re.compile(rf"\b(n?p?gettext)\(\s*((?:{_STRING}\s*,?\s*)+)")


def _msgids_in_template(path: Path) -> set[tuple[str | None, str]]:
    """The msgids Django's own extractor (templatize, as makemessages uses) finds."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found = set()
    for function, arguments in _CALL.findall(code):
        strings = [ast.literal_eval(literal) for literal in re.findall(_STRING, arguments)]
        if function.startswith(("pgettext", "npgettext")):
            found.add((strings[0], strings[1]))
        else:
            found.add((None, strings[0]))
    return found


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_catalogue_is_complete_and_not_fuzzy():
    problems = []
    for entry in _catalogue():
        if entry.obsolete:
            continue
        translated = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
        if not translated:
            problems.append(f"untranslated: {entry.msgid!r}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif set(PLACEHOLDER.findall(entry.msgid)) != set(PLACEHOLDER.findall(translated)):
            problems.append(f"placeholders differ: {entry.msgid!r} -> {translated!r}")
    assert not problems, "\n".join(problems)


def test_every_marked_string_is_in_the_catalogue():
    known = {(entry.msgctxt, entry.msgid) for entry in _catalogue() if not entry.obsolete}
    missing, problems = [], []
    for path in _python_files():
        found, bad_calls = _msgids_in_python(path)
        problems += bad_calls
        missing += [f"{path.relative_to(ROOT)}: {m!r}" for m in sorted(found - known, key=str)]
    for path in _template_files():
        missing += [
            f"{path.relative_to(ROOT)}: {m!r}" for m in sorted(_msgids_in_template(path) - known)
        ]
    assert not problems, "\n".join(problems)
    assert not missing, (
        "Run `python manage.py makemessages -l zh_Hans --no-location` and translate:\n"
        + "\n".join(missing)
    )


def _visible_text(source: str) -> str:
    """The template with every tag replaced and translated blocks removed."""
    parts, skipping = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            command = token.contents.split()[0]
            if command in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                skipping = "end" + command
            elif command == "block" and token.contents.split()[1].endswith("_class"):
                skipping = "endblock"  # a CSS class, not text
            elif command == skipping:
                skipping = None
            parts.append("\x00")
        elif skipping:
            continue
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        else:
            parts.append("\x00")
    return "".join(parts)


@pytest.mark.parametrize("path", sorted(_template_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_show_no_untranslated_text(path):
    text = _visible_text(path.read_text(encoding="utf-8"))
    problems = [
        f"attribute {name}={value!r}"
        for name, value in VISIBLE_ATTRIBUTES.findall(text)
        if LETTERS.search(value.replace("\x00", ""))
    ]
    outside_tags = re.sub(r"<[^>]*>", " ", text)
    outside_tags = re.sub(r"&\w+;|&#\d+;", " ", outside_tags)
    problems += [
        f"text {chunk.strip()!r}" for chunk in outside_tags.split("\x00") if LETTERS.search(chunk)
    ]
    assert not problems, f"{path.relative_to(ROOT)} shows untranslated text:\n" + "\n".join(
        problems
    )


def test_compiled_catalogue_matches_its_source():
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(MO_PATH))}
    for entry in _catalogue():
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{entry.msgid!r} missing from the .mo: run compilemessages"
        if entry.msgid_plural:
            assert compiled[key].msgstr_plural == entry.msgstr_plural
        else:
            assert compiled[key].msgstr == entry.msgstr, f"stale .mo for {entry.msgid!r}"
