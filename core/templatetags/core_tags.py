from django import template

from core.i18n import localized as localized_text
from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None):
    """{{ text|markdown }}: the one sanitising path for user text in templates."""
    return render_markdown(text)


@register.simple_tag
def localized(zh: str, en: str) -> str:
    return localized_text(zh, en)
