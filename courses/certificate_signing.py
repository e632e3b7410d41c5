"""Codes and signatures that make a certificate impossible to forge by guessing or editing.

- The code is 20 symbols of Crockford base32 drawn with `secrets`: 100 random bits, so
  guessing a valid code is hopeless even at millions of tries a second. It is printed in
  groups of four and read back forgivingly (case, dashes, spaces, O for 0, I and L for 1).
- The signature is an HMAC-SHA256 over the certificate's canonical fields (every word it
  states, its code and the moment it was issued), keyed from SECRET_KEY with a purpose
  string (`django.utils.crypto.salted_hmac`), so it is useless for anything else. The
  verification page recomputes it: a record edited in the database no longer verifies.
  Keys listed in SECRET_KEY_FALLBACKS still verify, so SECRET_KEY can be rotated without
  invalidating the certificates already issued (docs/courses.md).
"""

import hmac
import json
import secrets
from datetime import UTC
from typing import Any

from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 20  # x 5 bits = 100 bits of randomness
PURPOSE = "courses.certificate.v1"
SIGNED_FIELDS = (
    "code",
    "student_name_zh",
    "student_name_en",
    "course_title_zh",
    "course_title_en",
    "cohort_name_zh",
    "cohort_name_en",
    "university_name_zh",
    "university_name_en",
    "studio_name_zh",
    "studio_name_en",
    "starts_on",
    "ends_on",
    "grade_band",
    "issued_at",
)
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A code as typed or scanned, in its stored form; "" if it cannot be one."""
    code = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(code) != CODE_LENGTH or any(symbol not in ALPHABET for symbol in code):
        return ""
    return code


def _value(value: Any) -> str:
    if hasattr(value, "tzinfo"):  # a datetime: one instant, one spelling
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def canonical(certificate: Any) -> bytes:
    """The signed fields as compact, key-sorted JSON (UTF-8): one byte string per content."""
    fields = {name: _value(getattr(certificate, name)) for name in SIGNED_FIELDS}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _digest(certificate: Any, secret: str | bytes) -> str:
    return salted_hmac(
        PURPOSE, canonical(certificate), secret=secret, algorithm="sha256"
    ).hexdigest()


def sign(certificate: Any) -> str:
    return _digest(certificate, settings.SECRET_KEY)


def signature_holds(certificate: Any) -> bool:
    """Whether the stored signature matches the stored fields (under any current key)."""
    stored = certificate.signature or ""
    return any(
        hmac.compare_digest(stored, _digest(certificate, secret))
        for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    )
