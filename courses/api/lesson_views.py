"""The lessons API: a cohort's modules and lessons, files, excerpts, progress and
announcements, with the pages' rules (courses.permissions): strangers and other cohorts'
staff get 404, students see released lessons only.

(Kept in modules of their own, beside the rest of the courses API.)
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.files import serve_private_file
from courses import permissions, selectors
from courses.api import lesson_serializers as s
from courses.services import lessons as services
from scripts_app.models import Revision


class ModuleListView(GenericAPIView):
    serializer_class = s.CohortModuleSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="cohort_modules_list", responses=s.CohortModuleSerializer(many=True)
    )
    def get(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk)
        page = self.paginate_queryset(cohort.modules.order_by("position", "pk"))
        return self.get_paginated_response(s.CohortModuleSerializer(page, many=True).data)

    @extend_schema(
        operation_id="cohort_module_create",
        request=s.CohortModuleInputSerializer,
        responses={201: s.CohortModuleSerializer},
    )
    def post(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk, action="edit")
        data = s.CohortModuleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        module = services.module_create(actor=request.user, cohort=cohort, **data.validated_data)
        return Response(s.CohortModuleSerializer(module).data, status=status.HTTP_201_CREATED)


class ModuleDetailView(APIView):
    @extend_schema(
        operation_id="cohort_module_update",
        request=s.CohortModuleInputSerializer,
        responses=s.CohortModuleSerializer,
    )
    def put(self, request, pk: int, module_pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk, action="edit")
        module = cohort.modules.filter(pk=module_pk).first()
        if module is None:
            raise Http404
        module.cohort = cohort
        data = s.CohortModuleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        module = services.module_update(
            actor=request.user, module=module, title_zh=values["title_zh"],
            title_en=values["title_en"], position=values["position"] or module.position,
        )  # fmt: skip
        return Response(s.CohortModuleSerializer(module).data)


def _module_of(cohort, module_id: int):
    module = cohort.modules.filter(pk=module_id).first()
    if module is None:
        raise ValidationError({"module": _("Choose a module of this cohort.")})
    module.cohort = cohort
    return module


class LessonListView(GenericAPIView):
    serializer_class = s.CohortLessonSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="cohort_lessons_list",
        responses=s.CohortLessonSerializer(many=True),
        description="The lessons you may see: released ones for students, all for staff.",
    )
    def get(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk)
        lessons = permissions.lessons_visible_in(cohort).order_by(
            "module__position", "module_id", "position", "pk"
        )
        page = self.paginate_queryset(lessons)
        done = selectors.lessons_done_by(request.user, cohort)
        data = s.CohortLessonSerializer(page, many=True, context={"done": done}).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="cohort_lesson_create",
        request=s.CohortLessonInputSerializer,
        responses={201: s.CohortLessonSerializer},
    )
    def post(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk, action="edit")
        data = s.CohortLessonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        module = _module_of(cohort, values.pop("module"))
        lesson = services.lesson_create(actor=request.user, module=module, **values)
        return Response(s.CohortLessonSerializer(lesson).data, status=status.HTTP_201_CREATED)


class LessonsCopyView(APIView):
    @extend_schema(
        operation_id="cohort_lessons_copy",
        request=s.LessonsCopyInputSerializer,
        responses={201: s.LessonsCopiedSerializer},
        description="Copy the modules, lessons and excerpts (not the files) of another "
        "cohort of the same course, release dates shifted by the difference in start "
        "dates. You must be able to write this cohort's lessons and read all of the other's.",
    )
    def post(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk, action="edit")
        data = s.LessonsCopyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source = (
            cohort.course.cohorts.exclude(pk=cohort.pk)
            .filter(pk=data.validated_data["source"])
            .first()
        )
        if source is None:
            raise ValidationError({"source": _("You may not copy the lessons of that cohort.")})
        copied = services.lessons_copy(actor=request.user, source=source, target=cohort)
        return Response({"copied": copied}, status=status.HTTP_201_CREATED)


def _lesson_detail(request, lesson) -> dict:
    cohort = lesson.module.cohort
    return s.CohortLessonDetailSerializer(
        lesson,
        context={
            "done": selectors.lessons_done_by(request.user, cohort),
            "attachments": selectors.lesson_attachments(lesson),
            "exemplars": selectors.exemplars_for_display(lesson),
        },
    ).data


class LessonDetailView(APIView):
    @extend_schema(operation_id="cohort_lesson_detail", responses=s.CohortLessonDetailSerializer)
    def get(self, request, pk: int, lesson_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk)
        return Response(_lesson_detail(request, lesson))

    @extend_schema(
        operation_id="cohort_lesson_update",
        request=s.CohortLessonInputSerializer,
        responses=s.CohortLessonDetailSerializer,
    )
    def put(self, request, pk: int, lesson_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk, action="edit")
        data = s.CohortLessonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        module = _module_of(lesson.module.cohort, values.pop("module"))
        values["position"] = values["position"] or lesson.position
        lesson = services.lesson_update(actor=request.user, lesson=lesson, module=module, **values)
        return Response(_lesson_detail(request, lesson))


class LessonMarkView(APIView):
    @extend_schema(
        operation_id="cohort_lesson_mark",
        request=s.LessonMarkInputSerializer,
        responses=s.LessonMarkSerializer,
        description="Mark a released lesson done (or not done again): students only.",
    )
    def put(self, request, pk: int, lesson_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk, action="mark")
        data = s.LessonMarkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.lesson_mark(
            actor=request.user, lesson=lesson, done=data.validated_data["done"]
        )
        return Response({"lesson": lesson.pk, "done": done})


class AttachmentListView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="cohort_lesson_attachment_add",
        request={"multipart/form-data": s.LessonAttachmentUploadSerializer},
        responses={201: s.LessonAttachmentSerializer},
    )
    def post(self, request, pk: int, lesson_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk, action="edit")
        data = s.LessonAttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            actor=request.user, lesson=lesson, upload=data.validated_data["file"]
        )
        return Response(
            s.LessonAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED
        )


class AttachmentDetailView(APIView):
    @extend_schema(
        operation_id="cohort_lesson_attachment_download",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int, lesson_pk: int, attachment_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk)
        attachment = lesson.attachments.filter(pk=attachment_pk).first()
        if attachment is None:
            raise Http404
        return serve_private_file(
            attachment.file, filename=attachment.name, content_type=attachment.content_type
        )

    @extend_schema(operation_id="cohort_lesson_attachment_delete", responses={204: None})
    def delete(self, request, pk: int, lesson_pk: int, attachment_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk, action="edit")
        attachment = lesson.attachments.filter(pk=attachment_pk).first()
        if attachment is None:
            raise Http404
        attachment.lesson = lesson
        services.attachment_delete(actor=request.user, attachment=attachment)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _revision_for(request, values: dict) -> Revision | None:
    from scripts_app.permissions import get_series_for

    if not values.get("series"):
        return None
    try:
        series = get_series_for(request.user, values["series"], action="read")
    except Http404:
        raise ValidationError({"series": _("You may read no series with this number.")}) from None
    revision = series.revisions.filter(number=values.get("revision") or 0).first()
    if revision is None:
        raise ValidationError({"revision": _("The series has no revision with this number.")})
    return revision


class ExemplarListView(APIView):
    @extend_schema(
        operation_id="cohort_lesson_exemplar_add",
        request=s.LessonExemplarInputSerializer,
        responses={201: s.LessonExemplarSerializer},
    )
    def post(self, request, pk: int, lesson_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk, action="edit")
        data = s.LessonExemplarInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        revision = _revision_for(request, values)
        first, last = values.pop("first_episode", None), values.pop("last_episode", None)
        values.pop("series", None), values.pop("revision", None)
        episodes = (first or 1, last or first) if (first or last) else None
        exemplar = services.exemplar_add(
            actor=request.user, lesson=lesson, revision=revision, episodes=episodes, **values
        )
        exemplar.screenplay = selectors.exemplars_for_display(lesson)[-1].screenplay  # type: ignore[attr-defined]
        return Response(s.LessonExemplarSerializer(exemplar).data, status=status.HTTP_201_CREATED)


class ExemplarDetailView(APIView):
    @extend_schema(operation_id="cohort_lesson_exemplar_delete", responses={204: None})
    def delete(self, request, pk: int, lesson_pk: int, exemplar_pk: int):
        lesson = permissions.get_lesson_by_pk_for(request.user, pk, lesson_pk, action="edit")
        exemplar = lesson.exemplars.filter(pk=exemplar_pk).first()
        if exemplar is None:
            raise Http404
        exemplar.lesson = lesson
        services.exemplar_delete(actor=request.user, exemplar=exemplar)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProgressListView(GenericAPIView):
    serializer_class = s.CohortStudentProgressSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="cohort_progress_list",
        responses=s.CohortStudentProgressSerializer(many=True),
        description="Each student's released lessons done: the cohort's staff and managers.",
    )
    def get(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk, action="progress")
        page = self.paginate_queryset(selectors.cohort_progress(cohort))
        context = {"released": selectors.released_count(cohort)}
        data = s.CohortStudentProgressSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


class AnnouncementListView(GenericAPIView):
    serializer_class = s.CohortAnnouncementSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="cohort_announcements_list",
        responses=s.CohortAnnouncementSerializer(many=True),
    )
    def get(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk)
        page = self.paginate_queryset(selectors.announcements_of(cohort))
        return self.get_paginated_response(s.CohortAnnouncementSerializer(page, many=True).data)

    @extend_schema(
        operation_id="cohort_announcement_post",
        request=s.CohortAnnouncementInputSerializer,
        responses={201: s.CohortAnnouncementSerializer},
        description="Post news to the cohort: every student is notified (app and e-mail).",
    )
    def post(self, request, pk: int):
        cohort = permissions.get_cohort_lessons_by_pk_for(request.user, pk, action="edit")
        data = s.CohortAnnouncementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        announcement = services.announcement_post(
            actor=request.user, cohort=cohort, **data.validated_data
        )
        return Response(
            s.CohortAnnouncementSerializer(announcement).data, status=status.HTTP_201_CREATED
        )
