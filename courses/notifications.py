from django.utils.translation import gettext_lazy as _

from core.notifications import register

register("cohort_enrolled", _("You are enrolled in %(cohort)s."))
register("cohort_waitlisted", _("%(cohort)s is full: you are on its wait list."))
register("cohort_invited", _("%(actor)s invites you to join %(cohort)s."))
register("cohort_application", _("%(actor)s applied to join %(cohort)s."))
register("cohort_application_declined", _("Your application to %(cohort)s was declined."))
register("cohort_removed", _("%(actor)s removed you from %(cohort)s."))
register("assignment_grades_released", _("Your grade for “%(assignment)s” is ready."))

# Certificates
register("certificate_issued", _("Your certificate for %(course)s was issued."))
register("certificate_revoked", _("Your certificate for %(course)s was revoked."))

# Lessons and announcements.
register("cohort_announcement", _("%(actor)s posted in %(cohort)s: %(title)s"))
register("lesson_released", _("A new lesson is out in %(cohort)s: %(lesson)s"))
register(
    "assignment_due_soon",
    _("“%(assignment)s” is due at %(due)s (Beijing time) and you have not submitted yet."),
)
