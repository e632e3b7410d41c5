"""What a panel reviewer or fact-checker may read of an application when its call is
anonymous: the applied revision's text with the applicants' names blanked (the review
app's blanker: title-page writer entries and every name, e-mail and account name of the
people applying), and no applicant names anywhere else."""

from accounts.models import User
from incubator.models import Application
from incubator.services.panels import application_people
from reviews.blindness import Blanker, identity_terms
from scripts_app.selectors import revision_text


def script_for_panel(application: Application) -> str:
    """The applied revision's text as a panel member reads it."""
    revision = application.entry.revision
    text = revision_text(revision)
    if not application.call.anonymous:
        return text
    people = list(User.objects.filter(pk__in=application_people([application])[application.pk]))
    return Blanker.for_terms(identity_terms(people)).text(text, revision.format)


def applicant_label(application: Application) -> str:
    """How a panel member sees the applicants: the lead's name, or a neutral label
    when the call is anonymous."""
    if application.call.anonymous:
        return f"#{application.pk}"
    return application.lead.display_name
