"""Co-applicants: the lead invites the series' co-writers and a producing organisation;
each accepts (or declines) before the lead may submit; accepted ones see and edit the
draft."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import MembershipRole, Organisation, OrganisationKind, User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move
from incubator import permissions
from incubator.models import Application, CoApplicant, CoApplicantStatus
from incubator.workflows import COAPPLICANT_FLOW
from scripts_app.selectors import writer_ids

MAX_COAPPLICANTS = 20


def _call_name(application: Application) -> dict[str, str]:
    call = application.call
    return {"zh": call.title_zh or call.title_en, "en": call.title_en or call.title_zh}


def _name_pair(coapplicant: CoApplicant) -> dict[str, str]:
    if coapplicant.user is not None:
        return coapplicant.user.name_pair
    organisation = coapplicant.organisation
    assert organisation is not None
    return {"zh": organisation.name_zh, "en": organisation.name_en or organisation.name_zh}


def _invitees(coapplicant: CoApplicant) -> list[User]:
    if coapplicant.user_id is not None:
        assert coapplicant.user is not None
        return [coapplicant.user]
    if coapplicant.organisation_id is None:
        return []
    return list(
        User.objects.filter(
            memberships__organisation_id=coapplicant.organisation_id,
            memberships__role=MembershipRole.ADMIN,
            is_active=True,
        )
    )


def _announce_invitation(actor: User, coapplicant: CoApplicant) -> None:
    application = coapplicant.application
    for person in _invitees(coapplicant):
        notification_send(
            recipient=person, kind="fund_coapplicant_invited", actor=actor,
            params={"actor": actor.name_pair, "series": application.series_title,
                    "call": _call_name(application)},
            url=reverse("fund:invitation_detail", args=[coapplicant.pk]),
        )  # fmt: skip


def coapplicant_invite(
    *,
    actor: User,
    application: Application,
    user: User | None = None,
    organisation: Organisation | None = None,
) -> CoApplicant:
    """Invite a co-writer of the series, or a producing organisation (a studio).

    Raises:
        PermissionDenied: the actor is not the lead.
        ValidationError: under "user" or "organisation".
        Conflict: the application was submitted.
    """
    if not permissions.is_lead(actor, application):
        raise PermissionDenied
    if (user is None) == (organisation is None):
        raise ValidationError({"user": [_("Invite one co-writer or one organisation.")]})
    if user is not None:
        if user.pk == application.lead_id:
            raise ValidationError({"user": [_("You are the lead applicant already.")]})
        if user.pk not in writer_ids(application.series):
            raise ValidationError({"user": [_("Only the series' co-writers can apply with you.")]})
    if organisation is not None and organisation.kind != OrganisationKind.STUDIO:
        raise ValidationError({"organisation": [_("The producing organisation must be a studio.")]})
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_editable:
            raise Conflict(
                _("The application has been submitted: its applicants no longer change.")
            )
        existing = CoApplicant.objects.filter(
            application=locked, **({"user": user} if user else {"organisation": organisation})
        ).first()
        if existing is not None:
            if existing.status in (CoApplicantStatus.INVITED, CoApplicantStatus.ACCEPTED):
                field = "user" if user else "organisation"
                raise ValidationError({field: [_("Already invited.")]})
            existing.application = locked
            coapplicant = workflow_move(
                COAPPLICANT_FLOW, existing, "reinvite", actor=actor,
                changes={"invited_by": actor, "answered_at": None, "answered_by": None},
                effects=[lambda moved: _announce_invitation(actor, moved)],
            )  # fmt: skip
            return coapplicant
        if locked.coapplicants.count() >= MAX_COAPPLICANTS:
            raise ValidationError(
                {"user": [_("At most %(count)s co-applicants.") % {"count": MAX_COAPPLICANTS}]}
            )
        coapplicant = CoApplicant.objects.create(
            application=locked, user=user, organisation=organisation, invited_by=actor
        )
        audit_record(
            actor=actor, action="fund.coapplicant_invited", target=locked,
            data={"coapplicant": coapplicant.pk, "user": getattr(user, "pk", None),
                  "organisation": getattr(organisation, "pk", None)},
        )  # fmt: skip
        _announce_invitation(actor, coapplicant)
    return coapplicant


def coapplicant_answer(*, actor: User, coapplicant: CoApplicant, accept: bool) -> CoApplicant:
    """Accept or decline an invitation (the person invited, or an admin of the
    organisation invited). The lead is told."""
    if not permissions.can_answer_coapplicant(actor, coapplicant):
        raise PermissionDenied
    application = coapplicant.application
    who = _name_pair(coapplicant)

    def tell_lead(moved: CoApplicant) -> None:
        notification_send(
            recipient=application.lead, actor=actor,
            kind="fund_coapplicant_accepted" if accept else "fund_coapplicant_declined",
            params={"who": who, "call": _call_name(application)},
            url=application.get_absolute_url(),
        )  # fmt: skip

    return workflow_move(
        COAPPLICANT_FLOW, coapplicant, "accept" if accept else "decline", actor=actor,
        changes={"answered_at": timezone.now(), "answered_by": actor},
        effects=[tell_lead],
    )  # fmt: skip


def coapplicant_remove(*, actor: User, coapplicant: CoApplicant) -> CoApplicant:
    """The lead removes a co-applicant (or withdraws an invitation); a co-applicant leaves."""
    if permissions.is_lead(actor, coapplicant.application):
        return workflow_move(COAPPLICANT_FLOW, coapplicant, "remove", actor=actor)
    if permissions.can_leave_coapplication(actor, coapplicant):
        return workflow_move(COAPPLICANT_FLOW, coapplicant, "leave", actor=actor)
    raise PermissionDenied
