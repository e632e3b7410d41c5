"""Who may do what with funds, calls and applications. Every check fails closed.

- Anyone (signed in or not) sees published calls: the list, a call's page, the open-calls
  feed. A call being prepared is seen by its fund's managers only.
- A fund is managed by the admins of its fund body and by members of the body given the
  fund-manager role on it (only while they remain members). Platform staff have no power
  here: applications are private to the applicants and the fund that receives them.
- An application is seen and edited by its lead and its accepted co-applicants (a co-writer,
  or the admins of an accepted producing organisation); only the lead submits, withdraws
  and invites. The fund's managers see an application once it has been submitted, never a
  draft, and only for their own fund: another fund's managers get 404.
"""

from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership, MembershipRole, Organisation, OrganisationKind
from core.permissions import is_signed_in
from core.types import Actor, AuthUser
from incubator.models import (
    Application,
    Call,
    CallStatus,
    CoApplicant,
    CoApplicantStatus,
    Fund,
    FundMember,
    FundRole,
    Project,
)
from scripts_app.permissions import can_edit_series

LEAD = "lead"
COAPPLICANT = "coapplicant"
ORGANISATION = "organisation"  # an admin of an accepted producing organisation
MANAGER = "manager"
APPLICANT_ROLES = frozenset({LEAD, COAPPLICANT, ORGANISATION})

# --- funds --------------------------------------------------------------------------------


def bodies_for_new_funds(user: Actor) -> QuerySet[Organisation]:
    """The fund bodies in whose name this person may open a fund: those they administer."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.FUND_BODY,
        pk__in=Membership.objects.filter(user_id=user.pk, role=MembershipRole.ADMIN).values(
            "organisation_id"
        ),
    )


def managed_fund_ids(user: Actor) -> QuerySet[Any]:
    """The ids of the funds this person manages, as one subquery: the funds of the bodies
    they administer, and those they hold the fund-manager role on while still a member."""
    if not is_signed_in(user):
        return Fund.objects.none().values("pk")
    memberships = Membership.objects.filter(user_id=user.pk)
    admin_of = memberships.filter(role=MembershipRole.ADMIN).values("organisation_id")
    member_of = memberships.values("organisation_id")
    appointed = FundMember.objects.filter(user_id=user.pk, role=FundRole.MANAGER).values("fund_id")
    return Fund.objects.filter(
        Q(body_id__in=admin_of) | Q(pk__in=appointed, body_id__in=member_of)
    ).values("pk")


def funds_managed_by(user: Actor) -> QuerySet[Fund]:
    return Fund.objects.filter(pk__in=managed_fund_ids(user)).select_related("body")


def can_manage_fund(user: Actor, fund: Fund) -> bool:
    if not is_signed_in(user):
        return False
    return Fund.objects.filter(pk=fund.pk, pk__in=managed_fund_ids(user)).exists()


def can_appoint_managers(user: Actor, fund: Fund) -> bool:
    """Only the body's admins give or take the fund-manager role."""
    return (
        is_signed_in(user)
        and Membership.objects.filter(
            organisation_id=fund.body_id, user_id=user.pk, role=MembershipRole.ADMIN
        ).exists()
    )


def get_fund_for(user: Actor, slug: str) -> Fund:
    """A fund its managers may run: 404 for everyone else (its existence is public through
    its calls, but its management pages are not)."""
    fund = Fund.objects.select_related("body").filter(slug=slug).first()
    if fund is None or not can_manage_fund(user, fund):
        raise Http404
    return fund


# --- calls --------------------------------------------------------------------------------


def calls_public() -> QuerySet[Call]:
    return Call.objects.filter(status=CallStatus.PUBLISHED)


def can_manage_call(user: Actor, call: Call) -> bool:
    return can_manage_fund(user, call.fund)


def can_see_call(user: Actor, call: Call, *, manages: bool | None = None) -> bool:
    if call.status == CallStatus.PUBLISHED:
        return True
    return can_manage_call(user, call) if manages is None else manages


CallAction = Literal["view", "manage"]


def get_call_for(user: Actor, slug: str, *, action: CallAction = "view") -> Call:
    """Load a call and check the action in one step: 404 when the person may not see it,
    403 when they may see it but not manage it. Whether the viewer manages it is left on
    the call as `viewer_manages`."""
    call = (
        Call.objects.select_related("fund__body", "rubric_version__rubric")
        .filter(slug=slug)
        .first()
    )
    if call is None:
        raise Http404
    manages = can_manage_call(user, call)
    if not can_see_call(user, call, manages=manages):
        raise Http404
    if action == "manage" and not manages:
        raise PermissionDenied
    call.viewer_manages = manages  # type: ignore[attr-defined]
    return call


# --- applications -------------------------------------------------------------------------


def can_start_application(user: Actor, series: Any) -> bool:
    """A writer of the series (its owner or a co-writer) may apply with it."""
    return is_signed_in(user) and can_edit_series(user, series)


def _organisations_administered(user: AuthUser) -> QuerySet[Any]:
    return Membership.objects.filter(user_id=user.pk, role=MembershipRole.ADMIN).values(
        "organisation_id"
    )


def application_ids_of(user: Actor) -> QuerySet[Any]:
    """The ids of the applications a person applies in: as lead, as an accepted co-writer,
    or as an admin of an accepted producing organisation (one subquery)."""
    if not is_signed_in(user):
        return Application.objects.none().values("pk")
    accepted = CoApplicant.objects.filter(status=CoApplicantStatus.ACCEPTED)
    return Application.objects.filter(
        Q(lead_id=user.pk)
        | Q(pk__in=accepted.filter(user_id=user.pk).values("application_id"))
        | Q(
            pk__in=accepted.filter(organisation_id__in=_organisations_administered(user)).values(
                "application_id"
            )
        )
    ).values("pk")


def applications_visible_to(user: Actor) -> QuerySet[Application]:
    """The applications a person applies in (their own list). Managers read their calls'
    applications through `selectors.call_applications`, after `get_call_for(..., "manage")`."""
    if not is_signed_in(user):
        return Application.objects.none()
    return Application.objects.filter(pk__in=application_ids_of(user))


def application_role(user: Actor, application: Application) -> str | None:
    """ "lead", "coapplicant", "organisation", "manager" or None."""
    if not is_signed_in(user):
        return None
    if application.lead_id == user.pk:
        return LEAD
    accepted = CoApplicant.objects.filter(
        application=application, status=CoApplicantStatus.ACCEPTED
    )
    if accepted.filter(user_id=user.pk).exists():
        return COAPPLICANT
    if accepted.filter(organisation_id__in=_organisations_administered(user)).exists():
        return ORGANISATION
    # The fund sees what was submitted to it, never a draft.
    if application.submitted_at is not None and can_manage_call(user, application.call):
        return MANAGER
    return None


@dataclass(frozen=True, slots=True)
class ApplicationAbilities:
    """What one viewer may do with one application, worked out once for pages to show."""

    view: bool
    edit: bool
    lead: bool  # submit, withdraw, invite and remove co-applicants
    manage: bool  # screening and, later, the panel and the determination


def application_abilities(role: str | None, application: Application) -> ApplicationAbilities:
    applies = role in APPLICANT_ROLES
    return ApplicationAbilities(
        view=role is not None,
        edit=applies and application.is_editable,
        lead=role == LEAD,
        manage=role == MANAGER,
    )


def can_edit_application(user: Actor, application: Application) -> bool:
    return application_abilities(application_role(user, application), application).edit


def is_lead(user: Actor, application: Application) -> bool:
    return is_signed_in(user) and application.lead_id == user.pk


def can_manage_application(user: Actor, application: Application) -> bool:
    return application_role(user, application) == MANAGER


ApplicationAction = Literal["view", "edit", "lead", "manage"]


def get_application_for(user: Actor, pk: int, *, action: ApplicationAction = "view") -> Application:
    """Load an application and check the action in one step: 404 for anyone who may not
    see it (its existence is not revealed), 403 for those who may see it but not do
    `action`. The viewer's role and abilities are left on it as `viewer_role` and
    `viewer_can`."""
    application = (
        Application.objects.select_related(
            "call__fund__body", "call__rubric_version", "series", "entry__revision", "lead"
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    role = application_role(user, application)
    if role is None:
        raise Http404
    abilities = application_abilities(role, application)
    allowed = {
        "view": True,
        # Editing a submitted application is refused by the service with a clear message
        # (409); here only who may edit at all is decided.
        "edit": role in APPLICANT_ROLES,
        "lead": abilities.lead,
        "manage": abilities.manage,
    }[action]
    if not allowed:
        raise PermissionDenied
    application.viewer_role = role  # type: ignore[attr-defined]
    application.viewer_can = abilities  # type: ignore[attr-defined]
    return application


# --- co-applicants ------------------------------------------------------------------------


def can_answer_coapplicant(user: Actor, coapplicant: CoApplicant) -> bool:
    """The invited co-writer, or an admin of the invited organisation."""
    if not is_signed_in(user):
        return False
    if coapplicant.user_id is not None:
        return coapplicant.user_id == user.pk
    if coapplicant.organisation_id is None:
        return False
    return Membership.objects.filter(
        organisation_id=coapplicant.organisation_id, user_id=user.pk, role=MembershipRole.ADMIN
    ).exists()


def can_leave_coapplication(user: Actor, coapplicant: CoApplicant) -> bool:
    return can_answer_coapplicant(user, coapplicant)


def get_invitation_for(user: Actor, pk: int) -> CoApplicant:
    """A co-applicant invitation for the person invited (or an admin of the organisation
    invited) to read and answer; 404 for anyone else."""
    coapplicant = (
        CoApplicant.objects.select_related(
            "application__call__fund__body", "application__lead", "invited_by", "organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if coapplicant is None or not can_answer_coapplicant(user, coapplicant):
        raise Http404
    return coapplicant


# --- funded projects ----------------------------------------------------------------------
#
# A project is its application's: the applicants see it and deliver its milestones and
# reports (the lead accepts the agreement and chooses whether it is public); the fund's
# managers run it (milestones, tranches, acceptance). Anyone sees the public list of
# projects whose grantees opted in.

ProjectAction = Literal["view", "grantee", "lead", "manage"]


def project_role(user: Actor, project: Project) -> str | None:
    return application_role(user, project.application)


def get_project_for(user: Actor, pk: int, *, action: ProjectAction = "view") -> Project:
    """404 for anyone who may not see the project; 403 for those who may see it but not
    do `action`. The viewer's role is left on it as `viewer_role`."""
    project = (
        Project.objects.select_related(
            "application__call__fund__body",
            "application__series",
            "application__lead",
            "application__entry",
        )  # fmt: skip
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    role = project_role(user, project)
    if role is None:
        raise Http404
    allowed = {
        "view": True,
        "grantee": role in APPLICANT_ROLES,
        "lead": role == LEAD,
        "manage": role == MANAGER,
    }[action]
    if not allowed:
        raise PermissionDenied
    project.viewer_role = role  # type: ignore[attr-defined]
    return project


def can_manage_project(user: Actor, project: Project) -> bool:
    return project_role(user, project) == MANAGER


def is_grantee(user: Actor, project: Project) -> bool:
    return project_role(user, project) in APPLICANT_ROLES


def is_project_lead(user: Actor, project: Project) -> bool:
    return is_lead(user, project.application)


def get_project_for_api(project: Project) -> Project:
    """The project as its answer shows it, after a change (the caller was already let in)."""
    return (
        Project.objects.select_related("application")
        .prefetch_related("milestones__entry")
        .get(pk=project.pk)
    )


# --- the panel ----------------------------------------------------------------------------
#
# A panel member reads an application only through a review assigned to them (never one
# they are conflicted on: a conflict removes or excludes the review), and a fact-checker
# only through their fact-check. Neither is an applicant's role: applicants never learn
# who reviewed them.


def get_panel_review_for(user: Actor, pk: int) -> Any:
    """A panel review for its reviewer: 404 for anyone else, for an excluded review, and
    when the reviewer has a recorded conflict with the application."""
    from incubator.models import PanelConflict, PanelReview

    if not is_signed_in(user):
        raise Http404
    review = (
        PanelReview.objects.select_related(
            "application__call__fund",
            "application__call__rubric_version",
            "application__entry__revision",
            "application__series",
            "application__lead",
        )  # fmt: skip
        .filter(pk=pk, reviewer_id=user.pk, excluded=False)
        .first()
    )
    if (
        review is None
        or PanelConflict.objects.filter(
            application_id=review.application_id, reviewer_id=user.pk
        ).exists()
    ):
        raise Http404
    return review


def get_fact_check_for(user: Actor, pk: int) -> Any:
    """A fact-check for its checker: 404 for anyone else."""
    from incubator.models import FactCheck

    if not is_signed_in(user):
        raise Http404
    fact_check = (
        FactCheck.objects.select_related(
            "application__call__fund",
            "application__entry__revision",
            "application__series",
            "application__lead",
        )  # fmt: skip
        .filter(pk=pk, checker_id=user.pk)
        .first()
    )
    if fact_check is None:
        raise Http404
    return fact_check


def get_panel_member_for(user: Actor, pk: int) -> Any:
    """A panel seat for a manager of its call's fund (to remove it): 404 otherwise."""
    from incubator.models import PanelMember

    member = PanelMember.objects.select_related("call__fund", "user").filter(pk=pk).first()
    if member is None or not can_manage_call(user, member.call):
        raise Http404
    return member


def shows_applicants_to_reviewer(call: Call) -> bool:
    """Whether panel reviewers may see who applies (not when the call is anonymous)."""
    return not call.anonymous
