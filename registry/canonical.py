"""A script's canonical text: the form whose SHA-256 the registry records.

The same script saved here, exported to Fountain or Word and imported again, or pasted
from another editor, differs in ways that are not authorship: line endings, a byte-order
mark, trailing spaces, runs of blank lines, full- and half-width compatibility forms.
The canonical text removes exactly those, so a file that carries the registered text
matches its entry and a changed word does not.
"""

import hashlib
import re
import unicodedata

from scripts_app.text import normalise_text

_TRAILING_SPACE = re.compile(r"[ \t\u3000]+$", re.M)
_BLANK_RUNS = re.compile(r"\n{3,}")


def canonical_text(text: str) -> str:
    text = unicodedata.normalize("NFC", normalise_text(text))
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""


def canonical_sha256(text: str) -> str:
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()
