"""What courses add to other apps' pages, through the registries those apps offer."""

from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from accounts.extensions import ProfileItem, ProfileSection
from courses.models import Certificate, CertificateStatus, Submission
from courses.permissions import GRADERS

PROFILE_CERTIFICATES = 20
BEIJING = ZoneInfo("Asia/Shanghai")


def profile_certificates(person: Any, viewer: Any) -> ProfileSection | None:
    """The certificates the person chose to show (valid ones only; a profile is public,
    so its owner sees what everyone sees). One query; each links to its public
    verification page, which checks the signature."""
    certificates = list(
        Certificate.objects.filter(
            student_id=person.pk, show_on_profile=True, status=CertificateStatus.ISSUED
        ).only(
            "code", "course_title_zh", "course_title_en", "cohort_name_zh", "cohort_name_en",
            "university_name_zh", "university_name_en", "issued_at",
        )[:PROFILE_CERTIFICATES]
    )  # fmt: skip
    if not certificates:
        return None
    return ProfileSection(
        title=_("Course certificates"),
        items=[
            ProfileItem(
                label=f"{certificate.course_title} · {certificate.cohort_name}",
                url=certificate.get_absolute_url(),
                note=_("%(organisation)s, issued %(date)s")
                % {
                    "organisation": certificate.university_name,
                    "date": certificate.issued_at.astimezone(BEIJING).strftime("%Y-%m-%d"),
                },
            )
            for certificate in certificates
        ],
    )


def originality_for_graders(user: Any, revision: Any) -> bool:
    """Instructors and mentors may run an originality report on a revision submitted to
    one of their cohorts' assignments (registry.extensions.register_originality_grant)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Submission.objects.filter(
        revision=revision,
        replaced_at__isnull=True,
        assignment__cohort__members__user_id=user.pk,
        assignment__cohort__members__role__in=sorted(GRADERS),
    ).exists()
