from celery import shared_task

from registry.services.originality import fingerprint_revision, originality_report_run
from scripts_app.models import Revision


@shared_task(acks_late=True)
def fingerprint_revision_task(*, revision_id: int, reason: str) -> int | None:
    revision = Revision.objects.select_related("series").filter(pk=revision_id).first()
    if revision is None:
        return None
    return fingerprint_revision(revision=revision, reason=reason).pk


@shared_task(acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def run_originality_report(*, report_id: int) -> str | None:
    report = originality_report_run(report_id=report_id)
    return report.status if report else None
