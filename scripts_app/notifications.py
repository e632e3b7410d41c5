from django.utils.translation import gettext_lazy as _

from core.notifications import register

register("series_collaborator_added", _("%(actor)s added you to “%(series)s” as %(role)s."))
register("series_milestone", _("%(actor)s named a milestone of “%(series)s”: %(name)s."))
register("series_comment", _("%(actor)s commented on line %(line)s of “%(series)s”."))
register(
    "series_conflict",
    _(
        "Your edit to “%(series)s” overlaps a co-writer's. Both versions are kept: choose what stays."
    ),
)
register(
    "series_conflict_theirs",
    _(
        "%(actor)s's edit to “%(series)s” overlaps yours. Both versions are kept until one of "
        "you chooses what stays."
    ),
)
register(
    "series_conflict_resolved",
    _("%(actor)s chose what stays where your edits to “%(series)s” overlapped."),
)
register("series_export_ready", _("Your %(format)s export of “%(series)s” is ready."))
