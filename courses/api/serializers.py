from rest_framework import serializers

from courses.models import Assignment, Cohort, Course, Submission


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class CourseSerializer(serializers.ModelSerializer):
    university = OrganisationRefSerializer()
    studio = OrganisationRefSerializer(allow_null=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Course
        fields = [
            "slug", "title_zh", "title_en", "description_zh", "description_en", "language",
            "level", "university", "studio", "themes",
        ]  # fmt: skip


class CohortSerializer(serializers.ModelSerializer):
    course = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    places_left = serializers.IntegerField()
    waiting = serializers.IntegerField()

    class Meta:
        model = Cohort
        fields = [
            "id", "course", "name_zh", "name_en", "starts_on", "ends_on", "capacity",
            "enrolment_mode", "status", "places_left", "waiting",
        ]  # fmt: skip


class CourseDetailSerializer(CourseSerializer):
    audiences = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    cohorts = serializers.SerializerMethodField()

    class Meta(CourseSerializer.Meta):
        fields = [*CourseSerializer.Meta.fields, "audiences", "certificate_shows_grade", "cohorts"]

    def get_cohorts(self, course: Course) -> list[dict]:
        return [
            {"id": c.pk, "name_zh": c.name_zh, "name_en": c.name_en, "status": c.status,
             "starts_on": c.starts_on, "ends_on": c.ends_on}
            for c in self.context["cohorts"]
        ]  # fmt: skip


class EnrolmentSerializer(serializers.Serializer):
    status = serializers.CharField()


class JoinInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    passed = serializers.BooleanField()
    label = serializers.DictField(child=serializers.CharField())
    detail = serializers.DictField(child=serializers.CharField())


class AssignmentSerializer(serializers.ModelSerializer):
    studio = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Assignment
        fields = [
            "id", "title_zh", "title_en", "brief", "studio", "due_at", "late_until",
            "late_penalty_percent", "points", "pass_points", "required", "group_work",
            "episodes_from", "episodes_to", "required_format", "min_episode_seconds",
            "max_episode_seconds", "hooks_required", "paywall_required",
            "character_list_required", "synopsis_required", "peer_reviewers",
            "peer_weight_percent", "review_quality_percent", "peer_review_started_at",
            "grades_released_at",
        ]  # fmt: skip


class RevisionInputSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    studio_may_read = serializers.BooleanField(required=False, default=False)


class SubmissionSerializer(serializers.ModelSerializer):
    series = serializers.IntegerField(source="series_id")
    revision_number = serializers.IntegerField(source="revision.number")
    authors = serializers.SerializerMethodField()
    checks = CheckSerializer(many=True)

    class Meta:
        model = Submission
        fields = [
            "id", "assignment", "series", "revision_number", "submitted_at", "late_days",
            "checks", "replaced_at", "studio_may_read", "authors",
        ]  # fmt: skip

    def get_authors(self, submission: Submission) -> list[int]:
        return [author.user_id for author in submission.authors.all()]


class GradeInputSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=100),
        help_text="Criterion key -> score on the rubric's scale.",
    )
    feedback = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, default=""
    )


class GradeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    submission = serializers.IntegerField(source="submission_id")
    grader = serializers.IntegerField(source="grader_id")
    scores = serializers.DictField(child=serializers.IntegerField())
    feedback = serializers.CharField()
    points = serializers.DecimalField(max_digits=6, decimal_places=2)


class GradebookCellSerializer(serializers.Serializer):
    assignment = serializers.IntegerField()
    submission = serializers.IntegerField(allow_null=True)
    graded = serializers.BooleanField()
    points = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    late_days = serializers.IntegerField()


class GradebookRowSerializer(serializers.Serializer):
    student = serializers.IntegerField()
    name = serializers.CharField()
    cells = GradebookCellSerializer(many=True)
    total = serializers.DecimalField(max_digits=8, decimal_places=2)
