"""Import uploaded files as script source text.

:func:`import_file` turns the bytes of a ``.fountain``, ``.txt``, ``.docx`` or ``.fdx``
file into source text in one of the two script formats; the caller saves and parses it.
It never raises anything but a :class:`~scripts_app.formats.errors.FormatError`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from scripts_app.document import detect_format

from . import fdx, word
from .errors import CorruptFile, FileTooLarge, UnsupportedFile
from .fountain_file import read_fountain
from .limits import MAX_CHARS, MAX_LINES, TextBudget  # noqa: F401 - re-exported

MAX_BYTES = 10 * 1024 * 1024  # far above any real script; Word files with images included

SUPPORTED_EXTENSIONS = (".fountain", ".spmd", ".txt", ".docx", ".fdx")

Warning_ = tuple[str, str]  # (code, English message)


@dataclass(slots=True)
class ImportResult:
    """What an uploaded file holds.

    ``format`` is ``"fountain"`` or ``"zh"``; ``source_kind`` names the file type read
    (``fountain``, ``text``, ``docx``, ``fdx``); ``warnings`` are ``(code, message)``
    pairs about the conversion, not about the script (parsing reports those).
    """

    text: str
    format: str
    source_kind: str
    warnings: list[Warning_] = field(default_factory=list)


def import_file(filename: str, data: bytes) -> ImportResult:
    """Read an uploaded file.

    Args:
        filename: the name the user's file had; only its extension is used.
        data: the file's bytes.

    Returns:
        The source text, its format, the kind of file and conversion warnings.

    Raises:
        UnsupportedFile: the extension is not one we import.
        FileTooLarge: the file is over :data:`MAX_BYTES`.
        TooMuchText: more than :data:`MAX_LINES` lines or :data:`MAX_CHARS` characters,
            counted while the file is read (before a Word or Final Draft file is parsed).
        CorruptFile: the file is damaged or not what its extension says.
        UnsafeFile: the file holds XML entities or is a zip bomb.
    """
    extension = _extension(filename)
    if extension not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFile(
            f"filename {filename!r}",
            extension=extension or filename,
            supported=", ".join(SUPPORTED_EXTENSIONS),
        )
    if len(data) > MAX_BYTES:
        raise FileTooLarge(f"{len(data)} bytes", limit_mb=MAX_BYTES // (1024 * 1024))
    if extension == ".docx":
        document = word.read_docx(data)
        return ImportResult(document.text, document.format, "docx", document.warnings)
    if extension == ".fdx":
        final_draft = fdx.read_fdx(data)
        return ImportResult(final_draft.text, final_draft.format, "fdx", final_draft.warnings)
    # Bytes bound characters from above and each line needs a byte: count before decoding.
    TextBudget().add(lines=data.count(b"\n"))
    text, warnings = decode_text(data)
    TextBudget().add(lines=text.count("\n"), chars=len(text))
    kind = "text" if extension == ".txt" else "fountain"
    if (recorded := read_fountain(text)) is not None:  # a Chinese script sent out as Fountain
        source, fmt, more = recorded
        return ImportResult(source, fmt, kind, warnings + more)
    if extension == ".txt":
        return ImportResult(text, detect_format(text), kind, warnings)
    return ImportResult(text, "fountain", kind, warnings)


def _extension(filename: str) -> str:
    # Browsers send bare names, but some old ones send a Windows path: take the last part.
    name = PureWindowsPath(PurePosixPath(filename).name).name
    return PurePosixPath(name).suffix.lower()


_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_text(data: bytes) -> tuple[str, list[Warning_]]:
    """Decode a plain-text script and normalise line endings to ``\\n``.

    UTF-8 (with or without BOM) is expected. Chinese Windows tools save GB18030 (GBK),
    and Notepad's "Unicode" is UTF-16 with a BOM; both are recognised and reported.
    Bytes that fit no encoding are replaced, with a warning, so the writer keeps the rest.
    """
    warnings: list[Warning_] = []
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            warnings.append(("decoded_utf16", "The file was UTF-16 and has been converted."))
            return _normalise_newlines(text), warnings
    if b"\x00" in data:
        raise CorruptFile("NUL byte in a text file", kind="text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
            warnings.append(
                ("decoded_gb18030", "The file was GB18030 (GBK) and has been converted to UTF-8.")
            )
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            warnings.append(
                ("invalid_encoding", "Some bytes were not valid text and have been replaced.")
            )
    return _normalise_newlines(text), warnings


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
