from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def percent_of(value, maximum) -> str:
    """A score as a percentage of the scale, for SVG widths (never localised)."""
    try:
        return f"{100 * float(value) / float(maximum):.1f}"
    except (TypeError, ValueError, ZeroDivisionError):
        return "0"


@register.filter
def criterion_name(key: str, rows) -> str:
    for row in rows:
        if row.criterion.key == key:
            return row.criterion.name
    return key


@register.filter
def get_score(scores, key):
    return (scores or {}).get(key, "—")
