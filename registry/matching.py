"""Check a text or file against the registry without revealing any registered text.

Whatever comes in (pasted text, Fountain, Chinese plain text, Word, Final Draft, or a
PDF exported here) becomes source text, then its canonical SHA-256, which is looked up
among the entries. The answer is which entries match, never any text.
"""

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from registry.canonical import canonical_sha256
from registry.models import RegistryEntry
from registry.selectors import entries_matching_text_hash
from scripts_app.format_messages import format_error_message
from scripts_app.formats.errors import FormatError
from scripts_app.formats.importers import import_file
from scripts_app.formats.pdf.base import SOURCE_ATTACHMENT
from scripts_app.text import too_many_lines

MAX_CHECK_BYTES = 10 * 1024 * 1024
MAX_CHECK_CHARS = 2_000_000


@dataclass(frozen=True)
class TextCheck:
    content_sha256: str
    entries: list[RegistryEntry] = field(default_factory=list)
    source: str = "text"  # "text", "fountain", "docx", "fdx", "pdf"


def check_text(text: str) -> TextCheck:
    if not text.strip():
        raise ValidationError(_("Paste the script's text, or choose a file."))
    if len(text) > MAX_CHECK_CHARS or too_many_lines(text):
        raise ValidationError(_("That text is too long to be one script."))
    digest = canonical_sha256(text)
    return TextCheck(content_sha256=digest, entries=list(entries_matching_text_hash(digest)))


def check_file(filename: str, data: bytes) -> TextCheck:
    if len(data) > MAX_CHECK_BYTES:
        raise ValidationError(_("The file is larger than 10 MB: no script is that long."))
    if filename.lower().endswith(".pdf") or data.startswith(b"%PDF"):
        result = check_text(_pdf_source_text(data))
        return TextCheck(result.content_sha256, result.entries, "pdf")
    try:
        imported = import_file(filename, data)
    except FormatError as error:
        raise ValidationError(format_error_message(error)) from error
    result = check_text(imported.text)
    return TextCheck(result.content_sha256, result.entries, imported.source_kind)


def _pdf_source_text(data: bytes) -> str:
    """The source text a PDF exported here carries (see scripts_app.formats.pdf.base)."""
    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(_("This PDF could not be read.")) from error
    contents = attachments.get(SOURCE_ATTACHMENT)
    if not contents:
        raise ValidationError(
            _(
                "This PDF does not carry its script's text: only PDFs a writer exported from "
                "this platform do. Check the Word, Final Draft or text file instead."
            )
        )
    try:
        return contents[0].decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(_("This PDF could not be read.")) from error
