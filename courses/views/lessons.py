"""A cohort's lessons, progress and announcements: the pages and every action on them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.files import serve_private_file
from core.forms import add_service_errors
from courses import permissions, selectors
from courses.lesson_forms import (
    AnnouncementForm,
    AttachmentForm,
    CopyLessonsForm,
    ExemplarForm,
    LessonForm,
    ModuleForm,
)
from courses.models import Cohort, Lesson
from courses.services import lessons as services
from scripts_app.models import Revision

ANNOUNCEMENTS_PER_PAGE = 20


def _lessons_url(cohort: Cohort) -> str:
    return cohort.get_absolute_url() + "lessons/"


def _lesson_url(lesson: Lesson) -> str:
    return _lessons_url(lesson.module.cohort) + f"{lesson.pk}/"


@login_required
def lesson_list(request, slug: str, pk: int):
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk)
    can = cohort.lessons_can  # type: ignore[attr-defined]
    return render(
        request,
        "courses/lessons/lesson_list.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "can": can,
            "modules": selectors.syllabus(cohort, request.user),
            "progress": selectors.progress_of(request.user, cohort) if can.mark else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_create(request, slug: str, pk: int):
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk, action="edit")
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.module_create(actor=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The module was added."))
            return redirect(_lessons_url(cohort))
    return render(request, "courses/lessons/module_form.html", {"form": form, "cohort": cohort})


@login_required
@require_http_methods(["GET", "POST"])
def module_edit(request, slug: str, pk: int, module_pk: int):
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk, action="edit")
    module = cohort.modules.filter(pk=module_pk).first()
    if module is None:
        raise Http404
    module.cohort = cohort
    form = ModuleForm(
        request.POST or None,
        initial={"title_zh": module.title_zh, "title_en": module.title_en,
                 "position": module.position},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.module_update(
                actor=request.user, module=module, title_zh=data["title_zh"],
                title_en=data["title_en"], position=data["position"] or module.position,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_lessons_url(cohort))
    return render(
        request,
        "courses/lessons/module_form.html",
        {"form": form, "cohort": cohort, "module": module},
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_create(request, slug: str, pk: int):
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk, action="edit")
    form = LessonForm(
        request.POST or None, cohort=cohort, initial={"module": request.GET.get("module")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        module = data.pop("module")
        module.cohort = cohort
        try:
            lesson = services.lesson_create(actor=request.user, module=module, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The lesson was added."))
            return redirect(_lesson_url(lesson))
    return render(request, "courses/lessons/lesson_form.html", {"form": form, "cohort": cohort})


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request, slug: str, pk: int, lesson_pk: int):
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk, action="edit")
    cohort = lesson.module.cohort
    form = LessonForm(
        request.POST or None,
        cohort=cohort,
        initial={
            "module": lesson.module_id, "title_zh": lesson.title_zh, "title_en": lesson.title_en,
            "body": lesson.body, "release_at": lesson.release_at, "position": lesson.position,
        },
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data["module"].cohort = cohort
        data["position"] = data["position"] or lesson.position
        try:
            services.lesson_update(actor=request.user, lesson=lesson, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_lesson_url(lesson))
    return render(
        request,
        "courses/lessons/lesson_form.html",
        {"form": form, "cohort": cohort, "lesson": lesson},
    )


@login_required
def lesson_detail(request, slug: str, pk: int, lesson_pk: int):
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk)
    cohort = lesson.module.cohort
    can = cohort.lessons_can  # type: ignore[attr-defined]
    return render(
        request,
        "courses/lessons/lesson_detail.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "lesson": lesson,
            "can": can,
            "attachments": selectors.lesson_attachments(lesson),
            "exemplars": selectors.exemplars_for_display(lesson),
            "done": can.mark and lesson.pk in selectors.lessons_done_by(request.user, cohort),
        },
    )


@login_required
@require_POST
def lesson_mark(request, slug: str, pk: int, lesson_pk: int):
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk, action="mark")
    done = request.POST.get("done") == "1"
    try:
        services.lesson_mark(actor=request.user, lesson=lesson, done=done)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked done.") if done else _("Marked not done."))
    return redirect(_lesson_url(lesson))


@login_required
@require_http_methods(["GET", "POST"])
def attachment_create(request, slug: str, pk: int, lesson_pk: int):
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk, action="edit")
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, lesson=lesson, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The file was added."))
            return redirect(_lesson_url(lesson))
    return render(
        request,
        "courses/lessons/attachment_form.html",
        {"form": form, "cohort": lesson.module.cohort, "lesson": lesson},
    )


@login_required
def attachment_download(request, slug: str, pk: int, lesson_pk: int, attachment_pk: int):
    """The only way to an attachment: whoever may see the lesson, checked on every download."""
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk)
    attachment = lesson.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return serve_private_file(
        attachment.file, filename=attachment.name, content_type=attachment.content_type
    )


@login_required
@require_POST
def attachment_delete(request, slug: str, pk: int, lesson_pk: int, attachment_pk: int):
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk, action="edit")
    attachment = lesson.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    attachment.lesson = lesson
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("The file was removed."))
    return redirect(_lesson_url(lesson))


def _revision_from(request, form: ExemplarForm) -> Revision | None:
    """The revision named on the form, if the person may read it (else a field error)."""
    from scripts_app.permissions import get_series_for

    data = form.cleaned_data
    if not data.get("series"):
        return None
    try:
        series = get_series_for(request.user, data["series"], action="read")
    except Http404:
        form.add_error("series", _("You may read no series with this number."))
        return None
    revision = series.revisions.filter(number=data["revision"]).first()
    if revision is None:
        form.add_error("revision", _("The series has no revision with this number."))
    return revision


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_create(request, slug: str, pk: int, lesson_pk: int):
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk, action="edit")
    form = ExemplarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        revision = _revision_from(request, form)
        if not form.errors:
            data = form.cleaned_data
            first, last = data["first_episode"], data["last_episode"]
            episodes = (first or 1, last or first) if (first or last) else None
            try:
                services.exemplar_add(
                    actor=request.user, lesson=lesson, caption_zh=data["caption_zh"],
                    caption_en=data["caption_en"], note_zh=data["note_zh"],
                    note_en=data["note_en"], format=data["format"], text=data["text"],
                    revision=revision, episodes=episodes,
                )  # fmt: skip
            except ValidationError as error:
                if hasattr(error, "error_dict") and "episodes" in error.error_dict:
                    form.add_error("first_episode", error.error_dict.pop("episodes"))
                add_service_errors(form, error)
            else:
                messages.success(request, _("The excerpt was added."))
                return redirect(_lesson_url(lesson))
    return render(
        request,
        "courses/lessons/exemplar_form.html",
        {"form": form, "cohort": lesson.module.cohort, "lesson": lesson},
    )


@login_required
@require_POST
def exemplar_delete(request, slug: str, pk: int, lesson_pk: int, exemplar_pk: int):
    lesson = permissions.get_lesson_for(request.user, slug, pk, lesson_pk, action="edit")
    exemplar = lesson.exemplars.filter(pk=exemplar_pk).first()
    if exemplar is None:
        raise Http404
    exemplar.lesson = lesson
    services.exemplar_delete(actor=request.user, exemplar=exemplar)
    messages.success(request, _("The excerpt was removed."))
    return redirect(_lesson_url(lesson))


@login_required
@require_http_methods(["GET", "POST"])
def lessons_copy(request, slug: str, pk: int):
    """Copy another cohort's modules and lessons (same course), dates shifted."""
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk, action="edit")
    form = CopyLessonsForm(
        request.POST or None,
        cohorts=cohort.course.cohorts.exclude(pk=cohort.pk).order_by("-starts_on", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            copied = services.lessons_copy(
                actor=request.user, source=form.cleaned_data["source"], target=cohort
            )
        except PermissionDenied:
            form.add_error("source", _("You may not copy the lessons of that cohort."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(n)s lessons were copied.") % {"n": copied})
            return redirect(_lessons_url(cohort))
    return render(request, "courses/lessons/copy_form.html", {"form": form, "cohort": cohort})


@login_required
def cohort_progress(request, slug: str, pk: int):
    """Each student's count of released lessons done (staff of the cohort and managers)."""
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk, action="progress")
    return render(
        request,
        "courses/lessons/cohort_progress.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "released": selectors.released_count(cohort),
            "students": selectors.cohort_progress(cohort),
        },
    )


@login_required
def announcement_list(request, slug: str, pk: int):
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk)
    page = Paginator(selectors.announcements_of(cohort), ANNOUNCEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "courses/lessons/announcement_list.html",
        {"cohort": cohort, "course": cohort.course, "page": page, "can": cohort.lessons_can},  # type: ignore[attr-defined]  # fmt: skip
    )


@login_required
@require_http_methods(["GET", "POST"])
def announcement_create(request, slug: str, pk: int):
    cohort = permissions.get_cohort_lessons_for(request.user, slug, pk, action="edit")
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.announcement_post(actor=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The announcement was sent to the students."))
            return redirect(cohort.get_absolute_url() + "announcements/")
    return render(
        request, "courses/lessons/announcement_form.html", {"form": form, "cohort": cohort}
    )


# --- What the cohort page and the roster show of the lessons ----------------------------

COHORT_PAGE_ANNOUNCEMENTS = 3


def cohort_page_context(user, cohort: Cohort) -> dict:
    """For the cohort page: the viewer's lesson abilities, their progress (students) and
    the latest announcements (members), in a fixed number of queries."""
    can = permissions.lesson_abilities(user, cohort, role=cohort.viewer_role)  # type: ignore[attr-defined]
    if not can.see:
        return {"lessons_can": can}
    return {
        "lessons_can": can,
        "lesson_progress": selectors.progress_of(user, cohort) if can.mark else None,
        "announcements": list(selectors.announcements_of(cohort)[:COHORT_PAGE_ANNOUNCEMENTS]),
    }
