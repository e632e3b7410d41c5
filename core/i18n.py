"""Helpers for content that is stored in both Chinese and English."""

from typing import Any, Literal

from django.db import models
from django.utils import translation
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
    with translation.override("zh-hans"):
        zh = str(text)
    with translation.override("en"):
        en = str(text)
    return {"zh": zh, "en": en}


class Bilingual:
    """A text stored in both languages: two model fields and, under the pair's own name,
    the text in the reader's language (falling back to the other one).

    ::

        class Course(models.Model):
            title = Bilingual(
                models.CharField, _("title (Chinese)"), _("title (English)"),
                max_length=120, blank="en", validators=[validate_single_line],
            )

    declares the columns ``title_zh`` and ``title_en`` exactly as if they were written
    out by hand (so migrations see two ordinary fields), and ``course.title`` reads
    ``localized(course.title_zh, course.title_en)``.

    Args:
        field_class: the Django field both columns use (``CharField``, ``TextField``).
        verbose_name_zh, verbose_name_en: the two labels, each its own translatable string.
        blank: ``True`` (either may be empty), ``False`` (both are required) or ``"en"``
            (Chinese is required, English may be empty).
        fallback: shown when both are empty (a lazy string), instead of "".
        en_options: options that differ for the English column (a longer ``max_length``).
        options: everything else, given to both fields.
    """

    def __init__(
        self,
        field_class: type[models.Field],
        verbose_name_zh: Any,
        verbose_name_en: Any,
        *,
        blank: bool | Literal["en"] = False,
        fallback: Any = None,
        en_options: dict[str, Any] | None = None,
        **options: Any,
    ) -> None:
        if blank not in (True, False, "en"):
            raise ValueError(f'blank must be True, False or "en", not {blank!r}')
        self.fallback = fallback
        # Made here, in the class body, so that the two columns keep their place among
        # the model's fields (Django orders fields by when they were created).
        self.fields = {
            "zh": field_class(verbose_name_zh, blank=blank is True, **options),
            "en": field_class(
                verbose_name_en, blank=bool(blank), **{**options, **(en_options or {})}
            ),
        }
        self.name = ""

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        # Django calls this for every attribute with the method, as it does for fields.
        self.name = name
        for language, field in self.fields.items():
            cls.add_to_class(f"{name}_{language}", field)
        setattr(cls, name, self)

    def __get__(self, instance: models.Model | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        text = localized(getattr(instance, f"{self.name}_zh"), getattr(instance, f"{self.name}_en"))
        if not text and self.fallback is not None:
            return str(self.fallback)
        return text

    def __set__(self, instance: models.Model, value: Any) -> None:
        raise AttributeError(f"Set {self.name}_zh and {self.name}_en, not {self.name}.")
