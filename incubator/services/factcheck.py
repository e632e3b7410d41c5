"""The domain fact-check: reviewers declare expertise, staff verify it, a fund manager
gives an application whose themes need it to a verified expert, who leaves line notes on
the applied revision and a pass / fix-needed verdict."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move
from incubator import permissions
from incubator.fact_checks import required_areas_for
from incubator.models import (
    Application,
    ApplicationStatus,
    Expertise,
    ExpertiseArea,
    FactCheck,
    FactCheckNote,
    FactCheckVerdict,
    PanelConflict,
)
from incubator.services.panels import REVIEWING_STATES, application_people
from incubator.workflows import APPLICATION_FLOW


def expertise_declare(*, actor: User, area: str, note: str = "") -> Expertise:
    """Declare an expertise (unverified until staff verify it).

    Raises:
        ValidationError: under "area" for an unknown area.
    """
    if area not in ExpertiseArea.values:
        raise ValidationError({"area": [_("Choose an area of expertise.")]})
    expertise, _created = Expertise.objects.get_or_create(
        user=actor, area=area, defaults={"note": note.strip()[:500]}
    )
    audit_record(actor=actor, action="fund.expertise_declared", target=actor,
                 data={"area": area})  # fmt: skip
    return expertise


def expertise_verify(*, actor: User, expertise: Expertise) -> Expertise:
    """Platform staff verify a declared expertise.

    Raises:
        PermissionDenied: the actor is not staff.
    """
    if not (actor.is_authenticated and actor.is_staff):
        raise PermissionDenied
    Expertise.objects.filter(pk=expertise.pk).update(verified_by=actor, verified_at=timezone.now())
    expertise.refresh_from_db()
    audit_record(
        actor=actor, action="fund.expertise_verified", target=expertise.user,
        data={"area": expertise.area},
    )  # fmt: skip
    return expertise


def fact_check_assign(
    *, actor: User, application: Application, area: str, checker: User
) -> FactCheck:
    """Give an application's fact-check in one area to a verified expert (not an
    applicant, not conflicted). The application moves to the fact-check stage.

    Raises:
        PermissionDenied: the actor does not manage the application.
        ValidationError: the area is not needed, or the checker is not eligible (under
            "checker").
        Conflict: the application is not under panel review.
    """
    if not permissions.can_manage_application(actor, application):
        raise PermissionDenied
    if application.status not in REVIEWING_STATES:
        raise Conflict(_("Only an application under panel review is fact-checked."))
    if area not in required_areas_for([application])[application.pk]:
        raise ValidationError({"area": [_("This application's themes need no such check.")]})
    verified = Expertise.objects.filter(user=checker, area=area, verified_at__isnull=False).exists()
    conflicted = PanelConflict.objects.filter(application=application, reviewer=checker).exists()
    if (
        not verified
        or conflicted
        or checker.pk in application_people([application])[application.pk]
    ):
        raise ValidationError(
            {"checker": [_("Choose an expert with verified expertise and no conflict.")]}
        )
    with transaction.atomic():
        fact_check, created = FactCheck.objects.get_or_create(
            application=application, area=area,
            defaults={"checker": checker, "assigned_by": actor},
        )  # fmt: skip
        if not created:
            if fact_check.verdict:
                raise Conflict(_("This fact-check already has its verdict."))
            FactCheck.objects.filter(pk=fact_check.pk).update(checker=checker, assigned_by=actor)
            fact_check.checker = checker
        if application.status == ApplicationStatus.PANEL_REVIEW:
            workflow_move(
                APPLICATION_FLOW, application, "start_fact_check", actor=actor,
                data={"area": area, "checker": checker.pk},
            )  # fmt: skip
        else:
            audit_record(
                actor=actor, action="fund.fact_check_assigned", target=application,
                data={"area": area, "checker": checker.pk},
            )  # fmt: skip
        notification_send(
            recipient=checker, kind="fund_fact_check_assigned", actor=actor,
            params={"call": {"zh": application.call.title_zh, "en": application.call.title_en}},
            url=reverse("fund:fact_check_detail", args=[fact_check.pk]),
        )  # fmt: skip
    return fact_check


def fact_check_assign_by_email(
    *, actor: User, application: Application, area: str, email: str
) -> FactCheck:
    """`fact_check_assign` to the platform member who uses this e-mail address.

    Raises:
        ValidationError: under "email" when no active member uses it (and as above).
    """
    if not permissions.can_manage_application(actor, application):
        raise PermissionDenied
    checker = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if checker is None:
        raise ValidationError({"email": [_("No member of the platform uses this address.")]})
    return fact_check_assign(actor=actor, application=application, area=area, checker=checker)


def _require_open(actor: User, fact_check: FactCheck) -> None:
    if fact_check.checker_id != actor.pk:
        raise PermissionDenied
    if fact_check.verdict:
        raise Conflict(_("This fact-check already has its verdict."))


def fact_check_note_add(
    *, actor: User, fact_check: FactCheck, line: int, body: str
) -> FactCheckNote:
    """A note on a line of the applied revision, quoting the line (as the review app's
    line notes do).

    Raises:
        PermissionDenied: not the actor's fact-check.
        ValidationError: no such line, or an empty note.
    """
    _require_open(actor, fact_check)
    from incubator.blind import script_for_panel

    revision = fact_check.application.entry.revision
    lines = script_for_panel(fact_check.application).split("\n")
    body = body.strip()
    errors = {}
    if not 1 <= line <= len(lines):
        errors["line"] = [_("No such line in this revision.")]
    if not body:
        errors["body"] = [_("Write the note.")]
    elif len(body) > 4000:
        errors["body"] = [_("At most 4,000 characters.")]
    if errors:
        raise ValidationError(errors)
    return FactCheckNote.objects.create(
        fact_check=fact_check, revision=revision, line=line,
        anchor_text=lines[line - 1].strip()[:500], body=body,
    )  # fmt: skip


def fact_check_submit(
    *, actor: User, fact_check: FactCheck, verdict: str, summary: str
) -> FactCheck:
    """The verdict, pass or fix needed, with a summary. Final.

    Raises:
        PermissionDenied: not the actor's fact-check.
        ValidationError: no verdict, or fix needed without a summary.
    """
    _require_open(actor, fact_check)
    summary = summary.strip()
    errors = {}
    if verdict not in (FactCheckVerdict.PASS, FactCheckVerdict.FIX):
        errors["verdict"] = [_("Choose pass or fix needed.")]
    if verdict == FactCheckVerdict.FIX and not summary:
        errors["summary"] = [_("Say what needs fixing.")]
    if len(summary) > 10_000:
        errors["summary"] = [_("At most 10,000 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        updated = FactCheck.objects.filter(pk=fact_check.pk, verdict="").update(
            verdict=verdict, summary=summary, submitted_at=timezone.now()
        )
        if not updated:
            raise Conflict(_("This fact-check already has its verdict."))
        fact_check.refresh_from_db()
        audit_record(
            actor=actor, action="fund.fact_check_submitted", target=fact_check.application,
            data={"area": fact_check.area, "verdict": verdict},
        )  # fmt: skip
    return fact_check
