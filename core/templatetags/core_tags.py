from django import template

from core.forms import fast_field_group
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


@register.filter
def field_group(field):
    """{{ form.field|field_group }}: what `{{ form.field.as_field_group }}` draws, without
    Django's three templates (core.forms.fast_field_group), for pages with many forms."""
    return fast_field_group(field)
