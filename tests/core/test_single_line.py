"""Titles and names stay on one line, and no e-mail subject can carry a line break.

A series title or organisation name with a line break used to be stored, and the
e-mail built from it then failed with BadHeaderError (a 500 for the person adding a
collaborator or sending an invitation, a lost notice in a worker).
"""

import logging
import re
import smtplib
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.forms import OrganisationForm, ProfileForm
from accounts.models import Organisation
from accounts.services.organisations import invitation_create, organisation_update
from core.mail import email_subject
from core.models import Notification
from core.text import single_line
from scripts_app.forms import SeriesForm
from scripts_app.models import Series
from scripts_app.services.series import series_create, series_update
from tests.support.factories import OrganisationFactory, UserFactory, admin_of, make_series

ROOT = Path(__file__).resolve().parents[2]
MAIL_API = re.compile(
    r"from django\.core\.mail import|from django\.core import mail\b|EmailMessage\(|"
    r"EmailMultiAlternatives\(|send_mass_mail|mail_admins|mail_managers"
)
BREAKS = ["\n", "\r\n", "\r", "\u2028", "\x0b", "\x85"]


@pytest.mark.parametrize("newline", BREAKS)
def test_single_line_folds_every_line_break_into_one_space(newline):
    assert single_line(f" 三号窗口{newline}第二季 ") == "三号窗口 第二季"


def test_single_line_drops_control_characters_and_keeps_inner_spacing():
    assert single_line("Window\x00 No.\x1b 3") == "Window No. 3"
    assert single_line("Two  spaces") == "Two  spaces"


def test_email_subject_is_one_safe_line_of_bounded_length():
    subject = email_subject("[Site]", "Invitation to\r\nBcc: victim@example.com", "x" * 300)

    assert "\n" not in subject and "\r" not in subject
    assert subject.startswith("[Site] Invitation to Bcc:")
    assert len(subject) == 150 and subject.endswith("…")


# --- the service refuses, whatever its caller -----------------------------------------------
@pytest.mark.django_db
def test_series_service_refuses_a_title_with_a_line_break():
    with pytest.raises(ValidationError) as error:
        series_create(actor=UserFactory(), title="三号窗口\n第二季")
    assert "title" in error.value.message_dict
    assert not Series.objects.exists()

    series = make_series()
    with pytest.raises(ValidationError):
        series_update(actor=series.owner, series=series, title="a\rb")


@pytest.mark.django_db
def test_organisation_service_refuses_a_name_with_a_line_break():
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        organisation_update(
            actor=admin_of(organisation), organisation=organisation, name_zh="星河\n工作室"
        )
    assert "name_zh" in error.value.message_dict


# --- forms and API fields normalise what people type or paste -------------------------------
@pytest.mark.django_db
def test_forms_fold_line_breaks_in_titles_and_names():
    series_form = SeriesForm(
        data={"title": "三号窗口\r\n第二季", "language": "zh-hans", "format": "zh",
              "planned_episodes": 60, "target_episode_seconds": 90, "ai_assistance": "none",
              "visibility": "private", "reader_exports": "watermarked"}
    )  # fmt: skip
    assert series_form.is_valid(), series_form.errors
    assert series_form.cleaned_data["title"] == "三号窗口 第二季"

    organisation_form = OrganisationForm(
        data={"kind": "studio", "slug": "galaxy", "name_zh": "星河\n短剧", "name_en": "Galaxy\x00"}
    )
    organisation_form.is_valid()
    assert organisation_form.cleaned_data["name_zh"] == "星河 短剧"
    assert organisation_form.cleaned_data["name_en"] == "Galaxy"

    profile_form = ProfileForm(data={"display_name_zh": "陈\n思远", "language": "zh-hans"})
    profile_form.is_valid()
    assert profile_form.cleaned_data["display_name_zh"] == "陈 思远"


@pytest.mark.django_db
def test_api_folds_a_line_break_in_a_series_title(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/series/", {"title": "三号窗口\n第二季"}, format="json")

    assert response.status_code == 201
    assert Series.objects.get().title == "三号窗口 第二季"


@pytest.mark.django_db
def test_api_folds_a_line_break_in_an_organisation_name(api_client, staff):
    api_client.force_authenticate(staff)

    response = api_client.post(
        "/api/v1/organisations/",
        {"kind": "studio", "slug": "galaxy", "name_zh": "星河\r\n短剧"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert Organisation.objects.get(slug="galaxy").name_zh == "星河 短剧"


# --- mail built from a name stored before this rule still goes out -------------------------
@pytest.mark.django_db
def test_adding_a_collaborator_to_a_series_whose_title_has_a_line_break(api_client, run_on_commit):
    series = make_series()
    Series.objects.filter(pk=series.pk).update(title="三号窗口\nBcc: x@example.com")
    person = UserFactory(email_notifications=True)
    api_client.force_authenticate(series.owner)

    with run_on_commit():
        response = api_client.post(
            f"/api/v1/series/{series.pk}/collaborators/",
            {"email": person.email, "role": "cowriter"},
            format="json",
        )

    assert response.status_code == 201
    [message] = mail.outbox
    assert message.to == [person.email] and "\n" not in message.subject
    assert "三号窗口 Bcc: x@example.com" in message.subject


@pytest.mark.django_db
def test_inviting_to_an_organisation_whose_name_has_a_line_break(api_client, run_on_commit):
    organisation = OrganisationFactory()
    Organisation.objects.filter(pk=organisation.pk).update(
        name_zh="星河\r\n短剧", name_en="Galaxy\n"
    )
    api_client.force_authenticate(admin_of(organisation))

    with run_on_commit():
        response = api_client.post(
            f"/api/v1/organisations/{organisation.slug}/invitations/",
            {"email": "new@example.com", "role": "member"},
            format="json",
        )

    assert response.status_code == 201
    [message] = mail.outbox
    assert "\n" not in message.subject and "星河 短剧" in message.subject


# --- a message that cannot be sent is logged; the in-app record stays ----------------------
@pytest.mark.django_db
def test_a_notification_that_cannot_be_emailed_is_logged_and_stays_in_the_app(
    run_on_commit, caplog
):
    series = make_series()
    person = UserFactory(email_notifications=True)
    refused = smtplib.SMTPRecipientsRefused({person.email: (550, b"no such mailbox")})

    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=refused
        ),
        caplog.at_level(logging.ERROR, logger="core.mail"),
        run_on_commit(),
    ):
        from scripts_app.services.series import collaborator_add

        collaborator_add(actor=series.owner, series=series, email=person.email, role="reader")

    notification = Notification.objects.get(recipient=person)
    assert notification.kind == "series_collaborator_added" and not notification.emailed
    assert f"notification {notification.pk}" in caplog.text
    assert "could not be sent" in caplog.text


@pytest.mark.django_db
def test_an_invitation_that_cannot_be_emailed_is_logged_and_stays_pending(run_on_commit, caplog):
    organisation = OrganisationFactory()

    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPDataError(554, b"rejected"),
        ),
        caplog.at_level(logging.ERROR, logger="core.mail"),
        run_on_commit(),
    ):
        invitation = invitation_create(
            actor=admin_of(organisation), organisation=organisation, email="new@example.com"
        )

    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert f"invitation {invitation.pk}" in caplog.text


def test_mail_is_sent_only_through_core_mail():
    """Every subject must pass `email_subject`: no other module may call Django's mail API."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "node_modules", "tests", "bench"}:
            continue
        text = path.read_text(encoding="utf-8")
        if relative != Path("core/mail.py") and MAIL_API.search(text):
            offenders.append(str(relative))
    assert offenders == []


@pytest.mark.django_db
def test_a_transient_mail_failure_is_raised_for_the_retry_which_then_delivers_once(caplog):
    from core.services.notifications import notification_deliver
    from core.tasks import deliver_notification

    person = UserFactory(email_notifications=True)
    payload = {
        "recipient_id": person.pk, "kind": "organisation_removed", "actor_id": None,
        "params": {"organisation": {"zh": "星河", "en": "Galaxy"}}, "url": "/orgs/",
        "delivery_key": "retry-1",
    }  # fmt: skip
    assert ConnectionRefusedError in deliver_notification.autoretry_for or any(
        issubclass(ConnectionRefusedError, error) for error in deliver_notification.autoretry_for
    )

    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=ConnectionRefusedError("mail server down"),
        ),
        caplog.at_level(logging.WARNING, logger="core.mail"),
        pytest.raises(ConnectionRefusedError),
    ):
        notification_deliver(**payload)
    assert "unreachable" in caplog.text
    assert not Notification.objects.get(delivery_key="retry-1").emailed

    notification_deliver(**payload)  # the retry, once the server is back

    assert Notification.objects.filter(delivery_key="retry-1").count() == 1
    assert Notification.objects.get(delivery_key="retry-1").emailed
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_allauth_mail_subjects_go_through_the_same_helper(api_client, settings):
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Microdrama\r\nStudio] "

    response = api_client.post(
        "/api/v1/auth/signup/",
        {"email": "new@example.com", "password1": "a-long-pass-phrase",
         "password2": "a-long-pass-phrase", "display_name": "新编剧"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 201
    [message] = mail.outbox
    assert message.subject.startswith("[Microdrama Studio] ")
