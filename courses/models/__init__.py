"""The courses' models, one module per concern, re-exported here."""

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
    "Cohort",
    "CohortMember",
    "CohortRole",
    "CohortStatus",
    "Course",
    "CourseLevel",
    "Enrolment",
    "EnrolmentMode",
    "EnrolmentStatus",
    # Lessons, progress and announcements.
    "Announcement",
    "Exemplar",
    "ExemplarFormat",
    "Lesson",
    "LessonAttachment",
    "LessonProgress",
    "Module",
]
