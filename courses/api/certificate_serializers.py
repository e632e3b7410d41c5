from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import BoundedIntegerField
from courses.models import Certificate, GradeBand
from courses.selectors import certificate_verdict

PUBLIC_FIELDS = [
    "code",
    "display_code",
    "status",
    "student_name_zh",
    "student_name_en",
    "course_title_zh",
    "course_title_en",
    "cohort_name_zh",
    "cohort_name_en",
    "university_name_zh",
    "university_name_en",
    "studio_name_zh",
    "studio_name_en",
    "starts_on",
    "ends_on",
    "grade_band",
    "issued_at",
    "revoked_at",
    "revoke_reason",
]


class PublicCertificateSerializer(serializers.ModelSerializer):
    """What anyone holding the code may read, and whether it verifies."""

    display_code = serializers.CharField(read_only=True)
    verdict = serializers.SerializerMethodField(
        help_text='"genuine" (signature matches, not revoked), "revoked" (genuine but '
        'revoked: see revoked_at and revoke_reason) or "not_genuine" (the record does not '
        "match its signature)."
    )
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [*PUBLIC_FIELDS, "verdict", "verify_url"]

    @extend_schema_field(serializers.ChoiceField(choices=["genuine", "revoked", "not_genuine"]))
    def get_verdict(self, certificate: Certificate) -> str:
        return certificate_verdict(certificate)

    def get_verify_url(self, certificate: Certificate) -> str:
        return certificate.verify_url


class CertificateSerializer(PublicCertificateSerializer):
    """The holder's and the cohort staff's view: the public fields and the record's links."""

    course = serializers.CharField(source="cohort.course.slug", read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "cohort",
            "course",
            "student",
            *PUBLIC_FIELDS,
            "verdict",
            "verify_url",
            "pdf_url",
            "show_on_profile",
        ]

    def get_pdf_url(self, certificate: Certificate) -> str:
        return reverse("courses:certificate_download", args=[certificate.pk])


class CertificateRowSerializer(serializers.Serializer):
    """A student of the cohort (or a former one holding a certificate of it)."""

    student = serializers.IntegerField(source="student.pk", allow_null=True)
    student_name = serializers.CharField(source="student.display_name", allow_null=True)
    in_cohort = serializers.BooleanField()
    completed = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    certificate = CertificateSerializer(allow_null=True)
    revoked = CertificateSerializer(many=True)


class CertificateIssueInputSerializer(serializers.Serializer):
    student = BoundedIntegerField(help_text="The student's account id.")
    grade_band = serializers.ChoiceField(
        choices=[("", "none"), *GradeBand.choices], required=False, default="",
        allow_blank=True,
    )  # fmt: skip
    override_reason = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True,
        help_text="Required to issue to a student who has not completed the cohort.",
    )  # fmt: skip


class NotCompletedSerializer(serializers.Serializer):
    student = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())


class BulkIssueSerializer(serializers.Serializer):
    issued = CertificateSerializer(many=True)
    not_completed = NotCompletedSerializer(many=True)
    already_certified = serializers.ListField(child=serializers.IntegerField())


class CertificateRevokeInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Shown on the verification page.")


class CertificateUpdateInputSerializer(serializers.Serializer):
    show_on_profile = serializers.BooleanField()
