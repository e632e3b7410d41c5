from django.utils.translation import gettext_lazy as _

from core.notifications import register

register(
    "fund_coapplicant_invited",
    _("%(actor)s invites you to apply with “%(series)s” to %(call)s."),
)
register("fund_coapplicant_accepted", _("%(who)s accepted to apply with you to %(call)s."))
register("fund_coapplicant_declined", _("%(who)s declined to apply with you to %(call)s."))
register(
    "fund_application_submitted",
    _("The application of “%(series)s” to %(call)s was submitted."),
)
register(
    "fund_application_withdrawn",
    _("The application of “%(series)s” to %(call)s was withdrawn."),
)
register(
    "fund_application_eligible",
    _("The application of “%(series)s” to %(call)s passed screening and goes to review."),
)
register(
    "fund_application_out_of_remit",
    _("The application of “%(series)s” to %(call)s was found out of remit: %(reason)s"),
)
# The concept-note variant.
register(
    "fund_proposal_invited",
    _(
        "The concept note of “%(series)s” to %(call)s passed: you are invited to submit a full "
        "proposal by %(due)s (Beijing time). %(message)s"
    ),
)
register(
    "fund_concept_declined",
    _("The concept note of “%(series)s” to %(call)s was declined: %(reason)s"),
)
register(
    "fund_proposal_deadline_changed",
    _(
        "The full proposal of “%(series)s” to %(call)s is now due %(due)s (Beijing time). "
        "%(message)s"
    ),
)
register(
    "fund_proposal_submitted",
    _("The full proposal of “%(series)s” to %(call)s was submitted: it goes to the panel."),
)

# Funded projects.
register(
    "fund_project_created",
    _("“%(series)s” was awarded %(amount)s yuan by %(call)s: the agreement is being prepared."),
)
register(
    "fund_agreement_issued",
    _("The agreement for “%(series)s” is ready for you to read and accept."),
)
register(
    "fund_project_started",
    _("Both sides accepted the agreement: the project “%(series)s” has started."),
)
register("fund_milestone_delivered", _("“%(milestone)s” of “%(series)s” was delivered."))
register("fund_milestone_accepted", _("The fund accepted “%(milestone)s” of “%(series)s”."))
register(
    "fund_milestone_returned",
    _("The fund returned “%(milestone)s” of “%(series)s”: %(reason)s"),
)
register("fund_milestone_overdue", _("“%(milestone)s” of “%(series)s” was due on %(due)s."))
register("fund_report_overdue", _("A progress report on “%(series)s” was due on %(due)s."))
register("fund_report_submitted", _("A progress report on “%(series)s” was handed in."))
register("fund_tranche_paid", _("The fund paid %(amount)s yuan to the project “%(series)s”."))
register("fund_project_completed", _("The project “%(series)s” is completed."))
register("fund_project_terminated", _("The project “%(series)s” was ended: %(reason)s"))
# The panel stage. Reviewers' notifications name the call and counts only: an anonymous
# call's applicants are never named to its reviewers, on any channel.
register("fund_panel_invited", _("You have been seated on the review panel of %(call)s."))
register(
    "fund_panel_assigned",
    _("%(count)s applications to %(call)s await your review."),
)
register("fund_fact_check_assigned", _("An application to %(call)s awaits your fact-check."))
# Determinations, with the manager's reason, to the applicants (never naming reviewers).
register(
    "fund_application_awarded",
    _("The application of “%(series)s” to %(call)s is awarded %(amount)s yuan: %(reason)s"),
)
register(
    "fund_application_declined",
    _("The application of “%(series)s” to %(call)s was declined: %(reason)s"),
)
register(
    "fund_application_waitlisted",
    _("The application of “%(series)s” to %(call)s is on the waiting list: %(reason)s"),
)
register(
    "fund_application_more_info",
    _("The fund asks for more information on “%(series)s” (%(call)s): %(reason)s"),
)
register(
    "fund_application_resubmitted",
    _("The application of “%(series)s” to %(call)s was sent back with more information."),
)
