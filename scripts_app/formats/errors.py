"""Errors of the file-format layer.

Every error has a stable ``code`` (the Django layer translates by code) and ``params``
for the translated message's named placeholders; ``str(error)`` is the English message.
"""

from __future__ import annotations

from typing import Any, ClassVar


class FormatError(Exception):
    """Base class: a file could not be imported or a document could not be exported."""

    code: ClassVar[str] = "format_error"
    template: ClassVar[str] = "The file could not be processed."

    def __init__(self, detail: str = "", **params: Any) -> None:
        self.params = params
        self.detail = detail  # for logs; not shown to users, may be technical
        super().__init__(self.template.format(**params))

    @property
    def message(self) -> str:
        return str(self)


class UnsupportedFile(FormatError):
    """The file's extension is not one we import."""

    code = "unsupported_file"
    template = "Files ending in {extension} cannot be imported; use {supported}."


class FileTooLarge(FormatError):
    code = "file_too_large"
    template = "The file is larger than {limit_mb} MB."


class TooMuchText(FormatError):
    """More lines or characters than any script has; found while reading, before parsing."""

    code = "too_much_text"
    template = "The file holds more than {limit_lines} lines or {limit_chars} characters."


class CorruptFile(FormatError):
    """The file claims a format it does not hold, or is damaged or truncated."""

    code = "corrupt_file"
    template = "The file is damaged or is not a valid {kind} file."


class UnsafeFile(FormatError):
    """The file holds constructs used in attacks (XML entities, zip bombs)."""

    code = "unsafe_file"
    template = "The file was refused because it contains {reason}."


class FontUnavailable(FormatError):
    """No CJK font is installed, so a PDF would show Chinese as missing glyphs."""

    code = "font_unavailable"
    template = "No Chinese font is installed on the server; PDF export is unavailable."
