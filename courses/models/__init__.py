"""The courses' models, one module per concern, re-exported here."""

from courses.models.certificates import Certificate, CertificateStatus, GradeBand
from courses.models.cohorts import (
    Cohort,
    CohortMember,
    CohortRole,
    CohortStatus,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
)
from courses.models.courses import Course, CourseLevel

__all__ = [
    "Certificate",
    "CertificateStatus",
    "Cohort",
    "CohortMember",
    "CohortRole",
    "CohortStatus",
    "Course",
    "CourseLevel",
    "Enrolment",
    "EnrolmentMode",
    "EnrolmentStatus",
    "GradeBand",
]
