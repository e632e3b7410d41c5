from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def duration(seconds) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour up: how editors write running times."""
    try:
        total = round(float(seconds))
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag
def episode_label(number, fmt: str) -> str:
    """An episode's name as its script format writes it: 第N集 in the Chinese
    convention (script syntax, the same in every interface language), otherwise the
    interface's own word."""
    if fmt == "zh":
        return f"第{number}集"
    return gettext("Episode %(number)s") % {"number": number}


def _labels() -> dict[str, str]:
    return {
        "day": _("day"), "night": _("night"), "dawn": _("dawn"), "dusk": _("dusk"),
        "continuous": _("continuous"), "later": _("later"),
        "int": _("interior"), "ext": _("exterior"), "int/ext": _("interior/exterior"),
    }  # fmt: skip


@register.filter
def scene_label(code: str) -> str:
    """The parser's normalised scene time or place code, in the reader's language."""
    return str(_labels().get(code, code))
