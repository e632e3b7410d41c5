"""Which domain fact-checks an application needs, and whether they are done (reads the
workflow's guards and the ranking share)."""

from collections import defaultdict
from collections.abc import Iterable

from incubator.models import Application, FactCheck, FactCheckTheme


def required_areas_for(applications: Iterable[Application]) -> dict[int, set[str]]:
    """Application id -> the expertise areas its series' themes need (FactCheckTheme,
    the one table of the mapping). Two queries however many applications."""
    applications = list(applications)
    areas_of_theme = dict(FactCheckTheme.objects.order_by().values_list("theme_id", "area"))
    needed: dict[int, set[str]] = {a.pk: set() for a in applications}
    if not areas_of_theme:
        return needed
    by_series: dict[int, list[int]] = defaultdict(list)
    for application in applications:
        by_series[application.series_id].append(application.pk)
    through = Application.series.field.related_model.themes.through  # type: ignore[attr-defined]
    for series_id, term_id in through.objects.filter(
        series_id__in=list(by_series), term_id__in=list(areas_of_theme)
    ).values_list("series_id", "term_id"):
        for app_id in by_series[series_id]:
            needed[app_id].add(areas_of_theme[term_id])
    return needed


def missing_areas(application: Application) -> set[str]:
    """The areas the application needs whose fact-check has no verdict yet."""
    needed = required_areas_for([application])[application.pk]
    if not needed:
        return set()
    done = set(
        FactCheck.objects.filter(application=application, area__in=needed)
        .exclude(verdict="")
        .values_list("area", flat=True)
    )
    return needed - done
