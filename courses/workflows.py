"""The moves of cohorts and enrolments (performed by core.workflows.workflow_move)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.workflows import Move, Workflow
from courses.models import CertificateStatus, CohortStatus, EnrolmentStatus
from courses.permissions import can_answer_enrolment, can_revoke_certificate, can_run_cohort


def _runs_cohort(actor: Any, obj: Any) -> bool:
    cohort = getattr(obj, "cohort", obj)
    return can_run_cohort(actor, cohort)


def _is_the_person(actor: Any, enrolment: Any) -> bool:
    return can_answer_enrolment(actor, enrolment)


COHORT_FLOW = Workflow(
    name="courses.cohort",
    moves=[
        Move("open", source=[CohortStatus.DRAFT, CohortStatus.CLOSED], target=CohortStatus.OPEN,
             allowed=_runs_cohort),
        Move("close", source=[CohortStatus.OPEN], target=CohortStatus.CLOSED, allowed=_runs_cohort),
        Move("finish", source=[CohortStatus.OPEN, CohortStatus.CLOSED],
             target=CohortStatus.FINISHED, allowed=_runs_cohort),
    ],
)  # fmt: skip

# Who may make each move of an enrolment: the person themselves (accept an invitation,
# leave), the cohort's instructors (approve, decline, remove), or the service itself when
# a place frees up (promote from the wait list: it calls with the instructor's or the
# leaver's action, under the cohort's lock).
ENROLMENT_FLOW = Workflow(
    name="courses.enrolment",
    audit_target=lambda enrolment: enrolment.cohort,
    refusal=_("This enrolment has already changed. Reload the page."),
    moves=[
        Move("accept", source=[EnrolmentStatus.INVITED], target=EnrolmentStatus.ENROLLED,
             allowed=_is_the_person),
        Move("accept_to_wait_list", source=[EnrolmentStatus.INVITED],
             target=EnrolmentStatus.WAITLISTED, allowed=_is_the_person),
        Move("decline_invitation", source=[EnrolmentStatus.INVITED],
             target=EnrolmentStatus.DECLINED, allowed=_is_the_person),
        Move("approve", source=[EnrolmentStatus.APPLIED], target=EnrolmentStatus.ENROLLED,
             allowed=_runs_cohort),
        Move("approve_to_wait_list", source=[EnrolmentStatus.APPLIED],
             target=EnrolmentStatus.WAITLISTED, allowed=_runs_cohort),
        Move("decline", source=[EnrolmentStatus.APPLIED, EnrolmentStatus.WAITLISTED],
             target=EnrolmentStatus.DECLINED, allowed=_runs_cohort),
        Move("promote", source=[EnrolmentStatus.WAITLISTED], target=EnrolmentStatus.ENROLLED,
             allowed=lambda actor, enrolment: True, audited=True),
        Move("leave", source=[EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED,
                              EnrolmentStatus.APPLIED], target=EnrolmentStatus.LEFT,
             allowed=_is_the_person),
        Move("remove", source=[EnrolmentStatus.ENROLLED], target=EnrolmentStatus.REMOVED,
             allowed=_runs_cohort),
        # Coming back: someone who left or was declined may join or apply again as the
        # cohort allows; anyone not enrolled may be invited again (a removed student too).
        Move("rejoin", source=[EnrolmentStatus.LEFT], target=EnrolmentStatus.ENROLLED,
             allowed=_is_the_person),
        Move("rejoin_to_wait_list", source=[EnrolmentStatus.LEFT],
             target=EnrolmentStatus.WAITLISTED, allowed=_is_the_person),
        Move("reapply", source=[EnrolmentStatus.LEFT, EnrolmentStatus.DECLINED],
             target=EnrolmentStatus.APPLIED, allowed=_is_the_person),
        Move("reinvite", source=[EnrolmentStatus.LEFT, EnrolmentStatus.DECLINED,
                                 EnrolmentStatus.REMOVED], target=EnrolmentStatus.INVITED,
             allowed=_runs_cohort),
    ],
)  # fmt: skip

# Certificates are issued when they are made (courses/services/certificates.py); the one
# move after that is revocation, by whoever may issue them. The record stays.
CERTIFICATE_FLOW = Workflow(
    name="courses.certificate",
    refusal=_("This certificate has already been revoked."),
    moves=[
        Move("revoke", source=[CertificateStatus.ISSUED], target=CertificateStatus.REVOKED,
             allowed=lambda actor, certificate: can_revoke_certificate(actor, certificate)),
    ],
)  # fmt: skip
