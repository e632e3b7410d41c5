from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from scripts_app import permissions, selectors
from scripts_app.listing import analysis_episodes_html
from scripts_app.reports import analysis_report


@login_required
def series_analysis(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="read")
    revision = selectors.revision_requested(series, request.GET.get("revision", ""))
    report = None
    context = {"series": series, "revision": revision}
    if revision is not None:
        report = analysis_report(series, revision, selectors.revision_text(revision))
        context["episode_bars"], context["episode_rows"] = analysis_episodes_html(
            series, report["episodes"]
        )
    context["report"] = report
    return render(request, "scripts_app/analysis.html", context)
