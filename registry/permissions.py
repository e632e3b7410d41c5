"""Who may register what, and who may see a registration. Every check fails closed.

Registering is for the series' writers (owner and co-writers). A registration's page is
for the people it names and the series' writers; everyone sees an entry's public fields
(registry.selectors.public_entry) and never the text.
"""

from django.http import Http404

from core.permissions import is_signed_in
from core.types import Actor
from registry.models import (
    ConsentStatus,
    OriginalityReport,
    RecordExport,
    Registration,
    RegistrationAuthor,
    RegistrationStatus,
)
from scripts_app.models import Revision, Series
from scripts_app.permissions import WRITERS, series_role


def can_register_series(user: Actor, series: Series) -> bool:
    return series_role(user, series) in WRITERS


def can_view_registration(user: Actor, registration: Registration) -> bool:
    if not is_signed_in(user):
        return False
    if registration.requested_by_id == user.pk:
        return True
    if registration.authors.filter(user_id=user.pk).exists():
        return True
    return series_role(user, registration.series) in WRITERS


def can_answer_registration(user: Actor, registration: Registration) -> bool:
    """An author named on a pending registration who has not answered yet."""
    return (
        is_signed_in(user)
        and registration.status == RegistrationStatus.PENDING
        and registration.authors.filter(user_id=user.pk, consent=ConsentStatus.PENDING).exists()
    )


def can_withdraw_registration(user: Actor, registration: Registration) -> bool:
    return is_signed_in(user) and registration.requested_by_id == user.pk


def can_change_name_visibility(user: Actor, author: RegistrationAuthor) -> bool:
    return is_signed_in(user) and author.user_id == user.pk


def get_registration_for(user: Actor, pk: int) -> Registration:
    """Load a registration its viewer may see, or 404 (its existence is not revealed)."""
    registration = (
        Registration.objects.select_related("series", "revision", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if registration is None or not can_view_registration(user, registration):
        raise Http404
    return registration


def can_download_record_export(user: Actor, export: RecordExport) -> bool:
    """A record export holds a person's whole private record: only they may have it.
    Staff have no exception."""
    return is_signed_in(user) and export.requested_by_id == user.pk


def get_record_export_for(user: Actor, pk: int) -> RecordExport:
    """Load one of the user's own record exports, or 404 (another's is never revealed)."""
    if not is_signed_in(user):
        raise Http404
    export = RecordExport.objects.filter(pk=pk, requested_by_id=user.pk).first()
    if export is None or not can_download_record_export(user, export):
        raise Http404
    return export


def can_run_originality_report(user: Actor, revision: Revision) -> bool:
    """The series' writers, and anyone a higher app grants it for this revision (a course
    instructor or fund manager it was submitted to: `registry.extensions.
    register_originality_grant`)."""
    from registry.extensions import originality_granted

    if not is_signed_in(user):
        return False
    if series_role(user, revision.series) in WRITERS:
        return True
    return originality_granted(user, revision)


def can_view_originality_report(user: Actor, report: OriginalityReport) -> bool:
    """The person who asked, and the series' writers. What a report shows of other works
    depends on the viewer again (registry.selectors.originality_report_view)."""
    if not is_signed_in(user):
        return False
    if report.requested_by_id == user.pk:
        return True
    return series_role(user, report.series) in WRITERS


def get_originality_report_for(user: Actor, pk: int) -> OriginalityReport:
    """Load a report its viewer may see, or 404 (its existence is not revealed)."""
    report = (
        OriginalityReport.objects.select_related("series", "revision", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_view_originality_report(user, report):
        raise Http404
    return report


def get_revision_for_originality(user: Actor, series_pk: int, number: int) -> Revision:
    """The revision whose originality page this person may open: one of a series they may
    read, or one a higher app granted them (a submission to their course). 404 otherwise,
    so a revision's existence is not revealed."""
    from registry.extensions import originality_granted

    revision = (
        Revision.objects.select_related("series", "series__owner")
        .filter(series_id=series_pk, number=number)
        .first()
    )
    if revision is None or not is_signed_in(user):
        raise Http404
    if series_role(user, revision.series) is None and not originality_granted(user, revision):
        raise Http404
    return revision
