"""Issuing and revoking course certificates, and the student's choice to show one.

A certificate is issued to an enrolled student who meets the cohort's completion rule
(courses/completion.py). An instructor may issue to a student who does not, but only with
a written reason, which the audit row keeps beside the reasons the rule gave: completion
rules are new and partial (a lesson done on paper, an assignment graded elsewhere), and a
refusal with no way round would push instructors to work around the record instead.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.models import AuditEntry
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move
from courses import permissions
from courses.certificate_signing import new_code, sign
from courses.completion import completion_status
from courses.models import (
    Certificate,
    CertificateStatus,
    Cohort,
    CohortMember,
    CohortRole,
    GradeBand,
)
from courses.workflows import CERTIFICATE_FLOW

OVERRIDE_REASON_MAX = 2000


def _course_params(cohort: Cohort) -> dict[str, object]:
    course = cohort.course
    return {"course": {"zh": course.title_zh, "en": course.title_en or course.title_zh}}


def _announce(certificate: Certificate, kind: str) -> None:
    if certificate.student_id is None:
        return
    notification_send(
        recipient=certificate.student,  # type: ignore[arg-type]
        kind=kind,
        params=_course_params(certificate.cohort),
        url=reverse("courses:certificate_detail", args=[certificate.pk]),
    )


def _check_grade_band(cohort: Cohort, grade_band: str) -> None:
    if not grade_band:
        return
    if not cohort.course.certificate_shows_grade:
        raise ValidationError({"grade_band": [_("This course's certificates show no grade band.")]})
    if grade_band not in GradeBand.values:
        raise ValidationError({"grade_band": [_("Choose a grade band from the list.")]})


def _new_certificate(
    *, cohort: Cohort, student: User, actor: User, grade_band: str, issued_at: datetime
) -> Certificate:
    course = cohort.course
    university, studio = course.university, course.studio
    names = student.name_pair  # each language, falling back to the other
    certificate = Certificate(
        code=new_code(),
        cohort=cohort,
        student=student,
        student_name_zh=names["zh"],
        student_name_en=names["en"],
        course_title_zh=course.title_zh,
        course_title_en=course.title_en or course.title_zh,
        cohort_name_zh=cohort.name_zh,
        cohort_name_en=cohort.name_en or cohort.name_zh,
        university_name_zh=university.name_zh,
        university_name_en=university.name_en or university.name_zh,
        studio_name_zh=studio.name_zh if studio else "",
        studio_name_en=(studio.name_en or studio.name_zh) if studio else "",
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        grade_band=grade_band,
        issued_at=issued_at,
        issued_by=actor,
        status=CertificateStatus.ISSUED,
    )
    certificate.signature = sign(certificate)
    return certificate


def _locked_cohort(cohort: Cohort) -> Cohort:
    # Issuing is serialised per cohort: two instructors (or two clicks) cannot issue twice.
    return (
        Cohort.objects.select_related("course__university", "course__studio")
        .select_for_update(of=("self",))  # not the optional studio's row (PostgreSQL)
        .get(pk=cohort.pk)
    )


def certificate_issue(
    *,
    actor: User,
    cohort: Cohort,
    student: User,
    grade_band: str = "",
    override_reason: str = "",
) -> Certificate:
    """Issue a certificate to one enrolled student of the cohort.

    Args:
        grade_band: "" or a `GradeBand`; only for courses whose certificates show one.
        override_reason: required to issue to a student who has not met the completion
            rule; recorded in the audit row with the reasons the rule gave.

    Returns:
        The new certificate (the student is notified once the transaction commits).

    Raises:
        PermissionDenied: the actor may not issue this cohort's certificates.
        ValidationError: not a student of the cohort; a bad grade band; the rule is not
            met and no override reason was given (the message lists the reasons).
        Conflict: the student already holds a valid certificate for this cohort.
    """
    override_reason = override_reason.strip()
    if len(override_reason) > OVERRIDE_REASON_MAX:
        raise ValidationError({"override_reason": [_("Keep the reason under 2,000 characters.")]})
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        if not permissions.can_issue_certificates(actor, cohort):
            raise PermissionDenied
        _check_grade_band(cohort, grade_band)
        if not CohortMember.objects.filter(
            cohort=cohort, user=student, role=CohortRole.STUDENT
        ).exists():
            raise ValidationError({"student": [_("This person is not a student of the cohort.")]})
        if Certificate.objects.filter(
            cohort=cohort, student=student, status=CertificateStatus.ISSUED
        ).exists():
            raise Conflict(_("This student already holds a valid certificate for the cohort."))
        unmet = completion_status(cohort, student_ids=[student.pk])[student.pk]
        if unmet and not override_reason:
            raise ValidationError(
                {
                    "override_reason": [
                        _("This student has not completed the cohort yet:"),
                        *unmet,
                        _("To issue anyway, give the reason for the exception."),
                    ]
                }
            )
        certificate = _new_certificate(
            cohort=cohort,
            student=student,
            actor=actor,
            grade_band=grade_band,
            issued_at=timezone.now(),
        )
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            # A code collision (one in 2^100) or a race past the lock: try once more.
            certificate.code = new_code()
            certificate.signature = sign(certificate)
            certificate.save()
        data: dict[str, object] = {"student": student.pk, "code": certificate.code}
        if grade_band:
            data["grade_band"] = grade_band
        if unmet:
            data["override_reason"] = override_reason
            data["unmet"] = unmet
        audit_record(
            actor=actor, action="courses.certificate.issued", target=certificate, data=data
        )
        _announce(certificate, "certificate_issued")
    return certificate


@dataclass(slots=True)
class BulkIssue:
    issued: list[Certificate] = field(default_factory=list)
    # Students left out because they have not completed the cohort (id -> reasons).
    not_completed: dict[int, list[str]] = field(default_factory=dict)
    # Students left out because they already hold a valid certificate.
    already_certified: list[int] = field(default_factory=list)


def certificate_issue_all(*, actor: User, cohort: Cohort) -> BulkIssue:
    """Issue a certificate to every student of the cohort who meets its completion rule
    and holds none yet, in one transaction and a fixed number of queries (one INSERT for
    the certificates, one for their audit rows). No grade band: give bands one by one.

    Raises:
        PermissionDenied: the actor may not issue this cohort's certificates.
    """
    result = BulkIssue()
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        if not permissions.can_issue_certificates(actor, cohort):
            raise PermissionDenied
        status = completion_status(cohort)
        held = set(
            Certificate.objects.filter(
                cohort=cohort, student_id__in=list(status), status=CertificateStatus.ISSUED
            ).values_list("student_id", flat=True)
        )
        eligible = []
        for student_id, reasons in status.items():
            if student_id in held:
                result.already_certified.append(student_id)
            elif reasons:
                result.not_completed[student_id] = reasons
            else:
                eligible.append(student_id)
        if not eligible:
            return result
        students = User.objects.in_bulk(eligible)
        now = timezone.now()
        certificates = [
            _new_certificate(
                cohort=cohort, student=students[student_id], actor=actor, grade_band="",
                issued_at=now,
            )
            for student_id in eligible
        ]  # fmt: skip
        result.issued = Certificate.objects.bulk_create(certificates)
        if any(certificate.pk is None for certificate in result.issued):  # pragma: no cover
            # Databases that return no ids from a bulk insert (neither SQLite nor PostgreSQL).
            codes = [certificate.code for certificate in certificates]
            result.issued = list(Certificate.objects.filter(code__in=codes).order_by("pk"))
        target_type = ContentType.objects.get_for_model(Certificate)
        AuditEntry.objects.bulk_create(
            AuditEntry(
                actor=actor,
                action="courses.certificate.issued",
                target_type=target_type,
                target_id=str(certificate.pk),
                target_repr=str(certificate)[:200],
                data={"student": certificate.student_id, "code": certificate.code, "bulk": True},
            )
            for certificate in result.issued
        )
        for certificate in result.issued:
            certificate.cohort = cohort
            _announce(certificate, "certificate_issued")
    return result


def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate, keeping the record: the verification page says it was
    revoked, when and why.

    Raises:
        ValidationError: no reason given.
        PermissionDenied: the actor may not revoke it.
        Conflict: it is already revoked.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the certificate is revoked.")]})
    if len(reason) > OVERRIDE_REASON_MAX:
        raise ValidationError({"reason": [_("Keep the reason under 2,000 characters.")]})
    return workflow_move(
        CERTIFICATE_FLOW,
        certificate,
        "revoke",
        actor=actor,
        changes={"revoked_at": timezone.now(), "revoked_by": actor, "revoke_reason": reason},
        data={"reason": reason},
        effects=[lambda locked: _announce(locked, "certificate_revoked")],
    )


def certificate_set_visibility(
    *, actor: User, certificate: Certificate, show_on_profile: bool
) -> Certificate:
    """The student shows the certificate on their profile, or stops showing it."""
    if not permissions.can_choose_certificate_visibility(actor, certificate):
        raise PermissionDenied
    if certificate.show_on_profile == show_on_profile:
        return certificate
    with transaction.atomic():
        certificate.show_on_profile = show_on_profile
        certificate.save(update_fields=["show_on_profile"])
        audit_record(
            actor=actor,
            action="courses.certificate.visibility",
            target=certificate,
            data={"show_on_profile": show_on_profile},
        )
    return certificate
