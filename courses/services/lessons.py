"""A cohort's lessons: modules and lessons, attachments, exemplar excerpts, students'
progress, announcements, and the "lesson released" notice.

Every write checks `courses.permissions.lesson_abilities` first: instructors of the cohort
(no other) and the course's managers write; students mark their own progress.
"""

from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.files import private_file_delete
from core.services.audit import audit_record
from core.services.notifications import notification_send
from courses import permissions
from courses.models import (
    Announcement,
    Cohort,
    CohortMember,
    CohortRole,
    Exemplar,
    ExemplarFormat,
    Lesson,
    LessonAttachment,
    LessonProgress,
    Module,
)
from courses.models.lessons import ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES
from scripts_app.document import parse
from scripts_app.models import Revision

# --- modules and lessons ---------------------------------------------------------------


def _require_edit(actor: User, cohort: Cohort) -> None:
    if not permissions.can_edit_lessons(actor, cohort):
        raise PermissionDenied


def _next_position(queryset: Any) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def module_create(
    *, actor: User, cohort: Cohort, title_zh: str, title_en: str = "", position: int | None = None
) -> Module:
    """Add a module at the end of the cohort's syllabus (or at `position`)."""
    _require_edit(actor, cohort)
    with transaction.atomic():
        module = Module(
            cohort=cohort,
            title_zh=title_zh,
            title_en=title_en,
            position=position or _next_position(cohort.modules.all()),
        )
        module.full_clean()
        module.save()
        audit_record(actor=actor, action="course.module_created", target=cohort,
                     data={"module": module.pk})  # fmt: skip
    return module


def module_update(
    *, actor: User, module: Module, title_zh: str, title_en: str = "", position: int
) -> Module:
    _require_edit(actor, module.cohort)
    module.title_zh, module.title_en, module.position = title_zh, title_en, position
    with transaction.atomic():
        module.full_clean()
        module.save(update_fields=["title_zh", "title_en", "position"])
        audit_record(actor=actor, action="course.module_updated", target=module.cohort,
                     data={"module": module.pk})  # fmt: skip
    return module


def release_local_date_check(cohort: Cohort, release_at: datetime) -> None:
    """A lesson is released within its cohort's dates (as days in the platform's time
    zone, Asia/Shanghai).

    Raises:
        ValidationError: under "release_at".
    """
    day = timezone.localtime(release_at, timezone.get_default_timezone()).date()
    if not cohort.starts_on <= day <= cohort.ends_on:
        raise ValidationError(
            {
                "release_at": _("Choose a date within the cohort's dates, %(start)s to %(end)s.")
                % {"start": cohort.starts_on.isoformat(), "end": cohort.ends_on.isoformat()}
            }
        )


def lesson_create(
    *,
    actor: User,
    module: Module,
    title_zh: str,
    title_en: str = "",
    body: str = "",
    release_at: datetime,
    position: int | None = None,
) -> Lesson:
    """Add a lesson to a module, released to students at `release_at`.

    Raises:
        PermissionDenied: the actor does not run the module's cohort.
        ValidationError: an empty title, or a release date outside the cohort's dates.
    """
    cohort = module.cohort
    _require_edit(actor, cohort)
    release_local_date_check(cohort, release_at)
    with transaction.atomic():
        lesson = Lesson(
            module=module,
            title_zh=title_zh,
            title_en=title_en,
            body=body,
            release_at=release_at,
            position=position or _next_position(module.lessons.all()),
        )
        lesson.full_clean()
        lesson.save()
        audit_record(actor=actor, action="course.lesson_created", target=cohort,
                     data={"lesson": lesson.pk})  # fmt: skip
    return lesson


def lesson_update(
    *,
    actor: User,
    lesson: Lesson,
    module: Module,
    title_zh: str,
    title_en: str = "",
    body: str = "",
    release_at: datetime,
    position: int,
) -> Lesson:
    """Change a lesson; `module` must be of the same cohort."""
    cohort = lesson.module.cohort
    _require_edit(actor, cohort)
    if module.cohort_id != cohort.pk:
        raise ValidationError({"module": _("Choose a module of this cohort.")})
    release_local_date_check(cohort, release_at)
    lesson.module, lesson.title_zh, lesson.title_en = module, title_zh, title_en
    lesson.body, lesson.release_at, lesson.position = body, release_at, position
    if release_at > timezone.now():
        # Moved into the future: the students hear of it again when it is out.
        lesson.release_announced_at = None
    with transaction.atomic():
        lesson.full_clean()
        lesson.save(
            update_fields=[
                "module", "title_zh", "title_en", "body", "release_at", "position", "updated_at",
                "release_announced_at",
            ]
        )  # fmt: skip
        audit_record(actor=actor, action="course.lesson_updated", target=cohort,
                     data={"lesson": lesson.pk})  # fmt: skip
    return lesson


def lessons_copy(*, actor: User, source: Cohort, target: Cohort) -> int:
    """Copy the modules and lessons (not attachments' files, but exemplars) of another
    cohort of the same course, shifting release times by the difference in start dates.

    Returns:
        The number of lessons copied.

    Raises:
        PermissionDenied: the actor runs not both cohorts, or they are of different courses.
    """
    _require_edit(actor, target)
    if source.course_id != target.course_id or source.pk == target.pk:
        raise PermissionDenied
    if not permissions.lesson_abilities(actor, source).see_unreleased:
        raise PermissionDenied
    shift = timedelta(days=(target.starts_on - source.starts_on).days)
    copied = 0
    with transaction.atomic():
        offset = _next_position(target.modules.all()) - 1
        modules = source.modules.prefetch_related("lessons__exemplars").order_by("position", "pk")
        for module in modules:
            new_module = Module.objects.create(
                cohort=target, title_zh=module.title_zh, title_en=module.title_en,
                position=module.position + offset,
            )  # fmt: skip
            for lesson in module.lessons.all():
                new_lesson = Lesson.objects.create(
                    module=new_module, title_zh=lesson.title_zh, title_en=lesson.title_en,
                    body=lesson.body, position=lesson.position,
                    release_at=_within(target, lesson.release_at + shift),
                )  # fmt: skip
                Exemplar.objects.bulk_create(
                    Exemplar(
                        lesson=new_lesson, caption_zh=e.caption_zh, caption_en=e.caption_en,
                        note_zh=e.note_zh, note_en=e.note_en, format=e.format, text=e.text,
                        source_revision_id=e.source_revision_id, position=e.position,
                    )
                    for e in lesson.exemplars.all()
                )  # fmt: skip
                copied += 1
        audit_record(actor=actor, action="course.lessons_copied", target=target,
                     data={"from": source.pk, "lessons": copied})  # fmt: skip
    return copied


def _within(cohort: Cohort, when: datetime) -> datetime:
    """Clamp a shifted release time into the cohort's days (a shorter run)."""
    zone = timezone.get_default_timezone()
    local = timezone.localtime(when, zone)
    if local.date() > cohort.ends_on:
        local = local.replace(year=cohort.ends_on.year, month=cohort.ends_on.month,
                              day=cohort.ends_on.day)  # fmt: skip
    if local.date() < cohort.starts_on:
        local = local.replace(year=cohort.starts_on.year, month=cohort.starts_on.month,
                              day=cohort.starts_on.day)  # fmt: skip
    return local


# --- attachments -----------------------------------------------------------------------


def attachment_type(upload: UploadedFile) -> str:
    """The type an upload is served with, after checking its size, extension and first
    bytes (a "PDF" that is really a web page is refused).

    Raises:
        ValidationError: under "file".
    """
    if upload.size is None or upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s MB.")
             % {"limit": f"{ATTACHMENT_MAX_BYTES / (1024 * 1024):g}"}}
        )  # fmt: skip
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    extension = PurePosixPath(upload.name or "").suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            {"file": _("This type of file is not accepted. Choose one of: %(types)s.")
             % {"types": ", ".join(sorted(ATTACHMENT_TYPES))}}
        )  # fmt: skip
    content_type, magic = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(4096 if magic is None else len(magic))
    upload.seek(0)
    if magic is not None:
        ok = head.startswith(magic)
    else:
        try:
            head.decode("utf-8")
            ok = b"\x00" not in head
        except UnicodeDecodeError as cut:
            # A multi-byte character cut at the end of the sample is still text.
            ok = cut.start >= len(head) - 3 and b"\x00" not in head
    if not ok:
        raise ValidationError(
            {"file": _("The file's content does not match its type (%(extension)s).")
             % {"extension": extension}}
        )  # fmt: skip
    return content_type


def attachment_add(*, actor: User, lesson: Lesson, upload: UploadedFile) -> LessonAttachment:
    """Store a file for a lesson, privately.

    Raises:
        PermissionDenied: the actor does not run the lesson's cohort.
        ValidationError: under "file": too large, empty, or of a type not accepted.
    """
    cohort = lesson.module.cohort
    _require_edit(actor, cohort)
    content_type = attachment_type(upload)
    name = PurePosixPath((upload.name or "file").replace("\\", "/")).name[:200]
    with transaction.atomic():
        attachment = LessonAttachment(
            lesson=lesson, name=name, content_type=content_type, size=upload.size or 0,
            uploaded_by=actor,
        )  # fmt: skip
        attachment.file.save(name, upload, save=False)
        try:
            attachment.full_clean(exclude=["file"])
            attachment.save()
            audit_record(actor=actor, action="course.attachment_added", target=cohort,
                         data={"lesson": lesson.pk, "attachment": attachment.pk})  # fmt: skip
        except Exception:
            private_file_delete(attachment.file)  # nothing kept for a row never saved
            raise
    return attachment


def attachment_delete(*, actor: User, attachment: LessonAttachment) -> None:
    cohort = attachment.lesson.module.cohort
    _require_edit(actor, cohort)
    with transaction.atomic():
        audit_record(actor=actor, action="course.attachment_deleted", target=cohort,
                     data={"lesson": attachment.lesson_id, "name": attachment.name})  # fmt: skip
        attachment.delete()  # the file goes after the commit (delete_files_with_rows)


# --- exemplar excerpts -----------------------------------------------------------------


def excerpt_of_episodes(text: str, fmt: str, first: int, last: int) -> str:
    """The source lines of episodes `first` to `last` (by number) of a script's text."""
    lines = text.split("\n")
    episodes = sorted(parse(text, fmt).episodes, key=lambda episode: episode.line)
    starts = [(episode.number, episode.line) for episode in episodes]
    chosen = [i for i, (number, _line) in enumerate(starts) if first <= number <= last]
    if not chosen:
        raise ValidationError({"episodes": _("The revision has no such episodes.")})
    begin = starts[chosen[0]][1] - 1
    end = starts[chosen[-1] + 1][1] - 1 if chosen[-1] + 1 < len(starts) else len(lines)
    return "\n".join(lines[max(0, begin) : end]).strip("\n") + "\n"


def exemplar_add(
    *,
    actor: User,
    lesson: Lesson,
    caption_zh: str,
    caption_en: str = "",
    note_zh: str = "",
    note_en: str = "",
    format: str = ExemplarFormat.ZH,
    text: str = "",
    revision: Revision | None = None,
    episodes: tuple[int, int] | None = None,
) -> Exemplar:
    """Add an excerpt of a script to a lesson: typed or pasted `text`, or taken from a
    `revision` the actor may read (whole, or `episodes` first to last).

    Raises:
        PermissionDenied: the actor does not run the cohort, or may not read the revision.
        ValidationError: an empty caption or excerpt, a text too long, an unknown format.
    """
    from scripts_app.permissions import can_read_series
    from scripts_app.selectors import revision_text

    cohort = lesson.module.cohort
    _require_edit(actor, cohort)
    if revision is not None:
        if not can_read_series(actor, revision.series):
            raise PermissionDenied
        format = revision.format
        text = revision_text(revision)
        if episodes is not None:
            text = excerpt_of_episodes(text, format, *episodes)
    if not text.strip():
        raise ValidationError({"text": _("Paste the passage, or take it from a revision.")})
    with transaction.atomic():
        exemplar = Exemplar(
            lesson=lesson, caption_zh=caption_zh, caption_en=caption_en, note_zh=note_zh,
            note_en=note_en, format=format, text=text, source_revision=revision,
            position=_next_position(lesson.exemplars.all()),
        )  # fmt: skip
        exemplar.full_clean()
        exemplar.save()
        audit_record(actor=actor, action="course.exemplar_added", target=cohort,
                     data={"lesson": lesson.pk, "exemplar": exemplar.pk})  # fmt: skip
    return exemplar


def exemplar_delete(*, actor: User, exemplar: Exemplar) -> None:
    cohort = exemplar.lesson.module.cohort
    _require_edit(actor, cohort)
    with transaction.atomic():
        audit_record(actor=actor, action="course.exemplar_deleted", target=cohort,
                     data={"lesson": exemplar.lesson_id, "exemplar": exemplar.pk})  # fmt: skip
        exemplar.delete()


# --- progress --------------------------------------------------------------------------


def lesson_mark(*, actor: User, lesson: Lesson, done: bool) -> bool:
    """A student marks a released lesson done, or not done again. Marking twice is fine.

    Returns:
        Whether the lesson is now done.

    Raises:
        PermissionDenied: the actor is not a student of the cohort.
        ValidationError: the lesson is not released yet.
    """
    if not permissions.can_mark_lessons(actor, lesson.module.cohort):
        raise PermissionDenied
    if not lesson.is_released:
        raise ValidationError(_("This lesson is not released yet."))
    if done:
        LessonProgress.objects.get_or_create(student=actor, lesson=lesson)
    else:
        LessonProgress.objects.filter(student=actor, lesson=lesson).delete()
    return done


# --- announcements and notices ---------------------------------------------------------


def _cohort_param(cohort: Cohort) -> dict[str, str]:
    course = cohort.course
    return {
        "zh": f"{course.title_zh} · {cohort.name_zh}",
        "en": f"{course.title_en or course.title_zh} · {cohort.name_en or cohort.name_zh}",
    }


def _students(cohort: Cohort) -> list[User]:
    return [
        member.user
        for member in CohortMember.objects.filter(
            cohort=cohort, role=CohortRole.STUDENT
        ).select_related("user")
    ]


def announcement_post(*, actor: User, cohort: Cohort, title: str, body: str) -> Announcement:
    """Post news to a cohort: every student gets a notification (in the app and by
    e-mail, in their own language), after the commit.

    Raises:
        PermissionDenied: the actor does not run the cohort.
        ValidationError: an empty title or message.
    """
    if not permissions.can_post_announcement(actor, cohort):
        raise PermissionDenied
    with transaction.atomic():
        announcement = Announcement(cohort=cohort, author=actor, title=title, body=body)
        announcement.full_clean()
        announcement.save()
        audit_record(actor=actor, action="course.announcement_posted", target=cohort,
                     data={"announcement": announcement.pk})  # fmt: skip
        url = cohort.get_absolute_url() + "announcements/"
        for student in _students(cohort):
            notification_send(
                recipient=student,
                kind="cohort_announcement",
                actor=actor,
                params={"cohort": _cohort_param(cohort), "actor": actor.name_pair,
                        "title": announcement.title},
                url=url,
            )  # fmt: skip
    return announcement


def lessons_release_announce(*, now: datetime | None = None) -> int:
    """Tell the students of each cohort about every lesson whose release time has passed,
    once per lesson: each lesson is claimed by one conditional UPDATE, so a second run (or
    a second worker) finds nothing left to announce.

    Returns:
        The number of lessons announced.
    """
    now = now or timezone.now()
    due = (
        Lesson.objects.filter(release_at__lte=now, release_announced_at__isnull=True)
        .select_related("module__cohort__course")
        .order_by("release_at", "pk")
    )
    announced = 0
    for lesson in due[:500]:
        with transaction.atomic():
            claimed = Lesson.objects.filter(pk=lesson.pk, release_announced_at__isnull=True).update(
                release_announced_at=now
            )
            if not claimed:
                continue
            cohort = lesson.module.cohort
            url = cohort.get_absolute_url() + f"lessons/{lesson.pk}/"
            for student in _students(cohort):
                notification_send(
                    recipient=student,
                    kind="lesson_released",
                    params={"cohort": _cohort_param(cohort),
                            "lesson": {"zh": lesson.title_zh,
                                       "en": lesson.title_en or lesson.title_zh}},
                    url=url,
                )  # fmt: skip
            announced += 1
    return announced
