"""Helpers for content that is stored in both Chinese and English."""

from django.utils.translation import get_language


def wants_english() -> bool:
    return (get_language() or "").startswith("en")


def localized(zh: str, en: str) -> str:
    """Pick the text for the active language, falling back to whichever exists."""
    if wants_english():
        return en or zh
    return zh or en


def localized_param(value: object) -> str:
    """A notification parameter is a plain string or a {"zh": ..., "en": ...} pair."""
    if isinstance(value, dict):
        return localized(str(value.get("zh", "")), str(value.get("en", "")))
    return str(value)


def in_both_languages(text: object) -> dict[str, str]:
    """Freeze a lazy translatable string into a {"zh": ..., "en": ...} pair.

    Used for values stored now and shown later in the reader's language.
    """
    from django.utils import translation

    with translation.override("zh-hans"):
        zh = str(text)
    with translation.override("en"):
        en = str(text)
    return {"zh": zh, "en": en}
