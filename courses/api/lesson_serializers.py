"""Serializers of the lessons API: output shapes, and separate input shapes."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import BoundedIntegerField, SingleLineCharField
from core.markdown import render_markdown
from courses.models import Announcement, Exemplar, ExemplarFormat, Lesson


class CohortModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    position = serializers.IntegerField()


class CohortModuleInputSerializer(serializers.Serializer):
    title_zh = SingleLineCharField(max_length=120)
    title_en = SingleLineCharField(max_length=120, required=False, allow_blank=True, default="")
    position = BoundedIntegerField(required=False, allow_null=True, default=None)


class CohortLessonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    module = serializers.IntegerField(source="module_id")
    title = serializers.CharField()
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    position = serializers.IntegerField()
    release_at = serializers.DateTimeField()
    released = serializers.SerializerMethodField()
    done = serializers.SerializerMethodField(help_text="Whether you marked it done.")

    def get_released(self, lesson: Lesson) -> bool:
        return lesson.release_at <= timezone.now()

    def get_done(self, lesson: Lesson) -> bool:
        return lesson.pk in self.context.get("done", ())


class LessonAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class LessonExemplarSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caption = serializers.CharField()
    caption_zh = serializers.CharField()
    caption_en = serializers.CharField()
    note_zh = serializers.CharField()
    note_en = serializers.CharField()
    note_html = serializers.SerializerMethodField(help_text="The note, rendered and sanitised.")
    format = serializers.ChoiceField(choices=ExemplarFormat.choices)
    text = serializers.CharField()
    screenplay_html = serializers.SerializerMethodField(
        help_text="The excerpt in screenplay layout (every text escaped)."
    )

    def get_note_html(self, exemplar: Exemplar) -> str:
        return str(render_markdown(exemplar.note))

    def get_screenplay_html(self, exemplar: Exemplar) -> str:
        return str(getattr(exemplar, "screenplay", ""))


class CohortLessonDetailSerializer(CohortLessonSerializer):
    body = serializers.CharField()
    body_html = serializers.SerializerMethodField(help_text="The body, rendered and sanitised.")
    attachments = serializers.SerializerMethodField()
    exemplars = serializers.SerializerMethodField()

    def get_body_html(self, lesson: Lesson) -> str:
        return str(render_markdown(lesson.body))

    @extend_schema_field(LessonAttachmentSerializer(many=True))
    def get_attachments(self, lesson: Lesson) -> list[dict]:
        return LessonAttachmentSerializer(self.context["attachments"], many=True).data  # type: ignore[return-value]

    @extend_schema_field(LessonExemplarSerializer(many=True))
    def get_exemplars(self, lesson: Lesson) -> list[dict]:
        return LessonExemplarSerializer(self.context["exemplars"], many=True).data  # type: ignore[return-value]


class CohortLessonInputSerializer(serializers.Serializer):
    module = BoundedIntegerField(help_text="A module of this cohort.")
    title_zh = SingleLineCharField(max_length=120)
    title_en = SingleLineCharField(max_length=120, required=False, allow_blank=True, default="")
    body = serializers.CharField(
        max_length=50_000, required=False, allow_blank=True, default="", trim_whitespace=False
    )
    release_at = serializers.DateTimeField()
    position = BoundedIntegerField(required=False, allow_null=True, default=None)


class LessonMarkInputSerializer(serializers.Serializer):
    done = serializers.BooleanField()


class LessonMarkSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    done = serializers.BooleanField()


class LessonAttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class LessonExemplarInputSerializer(serializers.Serializer):
    caption_zh = SingleLineCharField(max_length=160)
    caption_en = SingleLineCharField(max_length=160, required=False, allow_blank=True, default="")
    note_zh = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    note_en = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    format = serializers.ChoiceField(choices=ExemplarFormat.choices, default=ExemplarFormat.ZH)
    text = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, default="", trim_whitespace=False
    )
    series = BoundedIntegerField(required=False, help_text="Take the text from this series…")
    revision = BoundedIntegerField(required=False, help_text="…at this revision number…")
    first_episode = BoundedIntegerField(required=False, help_text="…from this episode…")
    last_episode = BoundedIntegerField(required=False, help_text="…to this one.")


class CohortStudentProgressSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.display_name")
    lessons_done = serializers.IntegerField()
    lessons_released = serializers.SerializerMethodField()

    def get_lessons_released(self, member: object) -> int:
        return int(self.context["released"])


class CohortAnnouncementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    body_html = serializers.SerializerMethodField()
    author = serializers.IntegerField(source="author_id", allow_null=True)
    created_at = serializers.DateTimeField()

    def get_body_html(self, announcement: Announcement) -> str:
        return str(render_markdown(announcement.body))


class CohortAnnouncementInputSerializer(serializers.Serializer):
    title = SingleLineCharField(max_length=160)
    body = serializers.CharField(max_length=20_000)


class LessonsCopyInputSerializer(serializers.Serializer):
    source = BoundedIntegerField(help_text="The id of another cohort of the same course.")


class LessonsCopiedSerializer(serializers.Serializer):
    copied = serializers.IntegerField(help_text="How many lessons were copied.")
