"""The courses' models, one module per concern, re-exported here."""

from courses.models.assignments import Assignment, Submission, SubmissionAuthor
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
from courses.models.grading import Grade, GraderNote

# Lessons, progress and announcements.
from courses.models.lessons import (  # isort: skip
    Announcement,
    Exemplar,
    ExemplarFormat,
    Lesson,
    LessonAttachment,
    LessonProgress,
    Module,
)

__all__ = [
    "Assignment",
    "Submission",
    "SubmissionAuthor",
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
    "Grade",
    "GraderNote",
    "GradeBand",
    # Lessons, progress and announcements.
    "Announcement",
    "Exemplar",
    "ExemplarFormat",
    "Lesson",
    "LessonAttachment",
    "LessonProgress",
    "Module",
]
