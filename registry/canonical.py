"""A script's canonical text: the form whose SHA-256 the registry records.

The same script saved here, exported to Fountain or Word and imported again, or pasted
from another editor, differs in ways that are not authorship: line endings, a byte-order
mark, trailing spaces, runs of blank lines, full- and half-width compatibility forms.
The canonical text removes exactly those, so a file that carries the registered text
matches its entry and a changed word does not. Blank lines are dropped altogether: Word
and Final Draft keep paragraphs, not the empty lines between them, and no author's
wording lives in an empty line.

The rules, for anyone verifying without this code (docs/registry.md repeats them):
1. remove U+FEFF; turn CR LF and lone CR into LF; remove control characters other than
   tab and LF;
2. Unicode NFC;
3. remove spaces, tabs and U+3000 at the end of each line;
4. drop empty lines; join the rest with LF and end with one LF (empty text stays empty);
5. SHA-256 of the UTF-8 bytes.
"""

import hashlib
import re
import unicodedata

from scripts_app.text import normalise_text

_TRAILING_SPACE = re.compile(r"[ \t\u3000]+$", re.M)


def canonical_text(text: str) -> str:
    text = unicodedata.normalize("NFC", normalise_text(text))
    lines = [line for line in _TRAILING_SPACE.sub("", text).split("\n") if line]
    return "\n".join(lines) + "\n" if lines else ""


def canonical_sha256(text: str) -> str:
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()
