"""Review notifications. Parameters never carry a name the recipient may not see:
blind requests name only the series (and, for reviewers, not even its writer)."""

from django.utils.translation import gettext_lazy as _

from core.notifications import register

register("review_assigned", _("You have a script to review: “%(series)s”, due %(due)s."))
register("review_reminder", _("Reminder: your review of “%(series)s” is due %(due)s."))
register(
    "review_expired",
    _("Your review of “%(series)s” passed its due date and was handed to another reviewer."),
)
register("review_received", _("A new review of “%(series)s” is in (%(done)s of %(needed)s)."))
register("review_completed", _("All reviews of “%(series)s” are in. See the score report."))
register(
    "review_fallback",
    _("Not enough peer reviewers for “%(series)s” in time: it has moved to %(target)s."),
)
register("review_note_reply", _("The writer replied to your note on “%(series)s”."))
register(
    "review_divergence",
    _("Reviewers disagree strongly on “%(series)s”; it needs a staff decision."),
)
register("review_staff_decision", _("Staff reached a decision on the reviews of “%(series)s”."))
register(
    "review_request_expired",
    _(
        "Your review request for “%(series)s” ended well past its due date; "
        "%(refunded)s credits for reviews that did not come were refunded."
    ),
)
