"""Input and output shapes of the instructor side of the courses API: courses, cohorts,
assignments and the roster.

Input serializers check shapes and bounds only (and pick objects among those the caller
may name); every rule about the values (dates in order, places, penalties, weights) is the
service's, so a page and the API refuse the same things in the same words.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import empty

from accounts.models import OrganisationKind
from accounts.selectors import organisations_list
from core.api.fields import BoundedIntegerField, SingleLineCharField
from core.limits import DB_SMALLINT_MAX
from courses.models import CohortMember, CohortRole, CourseLevel, EnrolmentMode
from courses.models.cohorts import STAFF_ROLES
from courses.workflows import COHORT_FLOW
from scripts_app.models import ScriptFormat
from taxonomy.models import Term


def _all_optional(serializer: serializers.Serializer) -> None:
    """For PATCH: every field may be left out, and what is left out keeps its value (no
    default stands in for it)."""
    for field in serializer.fields.values():
        field.required = False
        field.default = empty


# --- Courses ------------------------------------------------------------------------------


class CourseInputSerializer(serializers.Serializer):
    """A new course. `university` is a slug among the universities you may create courses
    for (educators: those you administer); `studio` a studio's slug, or null."""

    slug = serializers.SlugField(max_length=64)
    university = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=organisations_list(kind=OrganisationKind.UNIVERSITY).none(),
        help_text="A university you may create courses for (one you administer).",
    )
    studio = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=organisations_list(kind=OrganisationKind.STUDIO),
        allow_null=True,
        required=False,
        default=None,
        error_messages={"does_not_exist": _("The partner must be a studio.")},
    )
    title_zh = SingleLineCharField(max_length=120)
    title_en = SingleLineCharField(max_length=120, required=False, allow_blank=True, default="")
    description_zh = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, default=""
    )
    description_en = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, default=""
    )
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    level = serializers.ChoiceField(choices=CourseLevel.choices)
    themes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Term.objects.filter(kind="theme"), required=False,
        default=list, help_text="Theme slugs (GET /api/v1/terms/?kind=theme).",
    )  # fmt: skip
    audiences = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Term.objects.filter(kind="audience"),
        required=False, default=list, help_text="Audience slugs (GET /api/v1/terms/?kind=audience).",
    )  # fmt: skip
    certificate_shows_grade = serializers.BooleanField(required=False, default=False)

    def __init__(self, *args, universities=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if universities is not None and "university" in self.fields:
            self.fields["university"].queryset = universities


class CourseUpdateInputSerializer(CourseInputSerializer):
    """Any of a course's fields but its address and university; what is left out is kept
    (themes and audiences, when given, replace the lists; `studio: null` ends the
    partnership)."""

    slug = None
    university = None

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)
        _all_optional(self)


# --- Cohorts ------------------------------------------------------------------------------


class CohortInputSerializer(serializers.Serializer):
    """A cohort's names, dates (`ends_on` on or after `starts_on`), places (at least one,
    and no fewer than the students enrolled) and enrolment mode."""

    name_zh = SingleLineCharField(max_length=80)
    name_en = SingleLineCharField(max_length=80, required=False, allow_blank=True, default="")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    # 0 is let through so that the service's rule ("at least one place") answers it.
    capacity = BoundedIntegerField(min_value=0)
    enrolment_mode = serializers.ChoiceField(
        choices=EnrolmentMode.choices, required=False, default=EnrolmentMode.OPEN
    )


class CohortUpdateInputSerializer(CohortInputSerializer):
    """Any of the cohort's fields; what is left out is kept."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)
        _all_optional(self)


class CohortMoveInputSerializer(serializers.Serializer):
    move = serializers.ChoiceField(
        choices=[(move.name, move.name) for move in COHORT_FLOW.moves],
        help_text="open: open for enrolment (from being prepared or closed); close: close "
        "enrolment; finish: mark the cohort finished.",
    )


# --- Assignments --------------------------------------------------------------------------


def _small(**kwargs):  # type: ignore[no-untyped-def]
    """A small non-negative number the database holds; the service's rules narrow it."""
    return BoundedIntegerField(min_value=0, max_value=DB_SMALLINT_MAX, **kwargs)


class AssignmentInputSerializer(serializers.Serializer):
    """A new assignment: what is left out takes the model's default. One written by an
    admin of the course's studio partner (not of its university) is the studio's brief."""

    title_zh = SingleLineCharField(max_length=120)
    title_en = SingleLineCharField(max_length=120, required=False, allow_blank=True)
    brief = serializers.CharField(max_length=20_000, help_text="Markdown.")
    due_at = serializers.DateTimeField()
    late_until = serializers.DateTimeField(
        required=False, allow_null=True, help_text="null: nothing is accepted after due_at."
    )
    late_penalty_percent = _small(required=False, help_text="Per day started, at most 100.")
    points = _small(required=False)
    pass_points = _small(required=False)
    required = serializers.BooleanField(required=False)
    group_work = serializers.BooleanField(required=False)
    episodes_from = _small(required=False)
    episodes_to = _small(required=False, allow_null=True)
    required_format = serializers.ChoiceField(
        choices=ScriptFormat.choices, required=False, allow_blank=True,
        help_text='"" accepts either format.',
    )  # fmt: skip
    min_episode_seconds = _small(required=False, allow_null=True)
    max_episode_seconds = _small(required=False, allow_null=True)
    hooks_required = serializers.BooleanField(required=False)
    paywall_required = serializers.BooleanField(required=False)
    character_list_required = serializers.BooleanField(required=False)
    synopsis_required = serializers.BooleanField(required=False)
    peer_reviewers = _small(required=False, help_text="Peer reviews per submission, 0 to 5.")
    peer_weight_percent = _small(required=False)
    review_quality_percent = _small(required=False)


class AssignmentUpdateInputSerializer(AssignmentInputSerializer):
    """Any of the assignment's fields; what is left out is kept."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)
        _all_optional(self)


class PeerReviewStartedSerializer(serializers.Serializer):
    assigned = serializers.IntegerField(help_text="How many peer reviews were assigned.")


# --- The roster ---------------------------------------------------------------------------


class RosterMemberSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.display_name")
    since = serializers.DateTimeField(source="created_at")
    lessons_done = serializers.SerializerMethodField(
        help_text="Released lessons the student marked done (null for staff)."
    )
    lessons_released = serializers.SerializerMethodField()

    class Meta:
        model = CohortMember
        fields = ["id", "user", "name", "role", "since", "lessons_done", "lessons_released"]
        read_only_fields = fields

    def get_lessons_done(self, member: CohortMember) -> int | None:
        if member.role != CohortRole.STUDENT:
            return None
        return int(member.lessons_done)  # type: ignore[attr-defined]

    def get_lessons_released(self, member: CohortMember) -> int:
        return int(self.context["released"])


STAFF_CHOICES = [(role.value, role.label) for role in CohortRole if role in STAFF_ROLES]


class StaffAddInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, help_text="A platform member's address.")
    role = serializers.ChoiceField(choices=STAFF_CHOICES)


class StaffRoleInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=STAFF_CHOICES)


class CohortEnrolmentSerializer(serializers.Serializer):
    """An invitation, an application or a place on the wait list, as the cohort's staff see
    it (no e-mail address)."""

    id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.display_name")
    status = serializers.CharField()
    message = serializers.CharField(help_text="The applicant's reason to join.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class InviteInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, help_text="A platform member's address.")


class EnrolmentDecisionInputSerializer(serializers.Serializer):
    approve = serializers.BooleanField(
        help_text="true: approve an application (a place, or the wait list when full); "
        "false: decline an application or a place on the wait list."
    )
