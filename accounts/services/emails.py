from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import Invitation, InvitationStatus
from core.mail import email_subject, mail_send


def invitation_email_send(*, invitation_id: int) -> bool:
    """E-mail an invitation link. Sent in both languages: the invitee may have no account yet.

    Returns:
        False when the invitation is no longer pending, or the message could not be sent
        (logged; the invitation stays pending and visible to the organisation's admins).
    """
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id, status=InvitationStatus.PENDING)
        .first()
    )
    if invitation is None:
        return False
    link = f"{settings.SITE_URL}{invitation.get_absolute_url()}"
    parts = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            parts.append(
                render_to_string(
                    "accounts/email/invitation.txt",
                    {
                        "invitation": invitation,
                        "link": link,
                        "site_name": settings.SITE_NAME,
                    },
                )
            )
    with translation.override("zh-hans"):
        subject_zh = render_to_string(
            "accounts/email/invitation_subject.txt", {"invitation": invitation}
        ).strip()
    with translation.override("en"):
        subject_en = render_to_string(
            "accounts/email/invitation_subject.txt", {"invitation": invitation}
        ).strip()
    return mail_send(
        subject=email_subject(subject_zh, subject_en, separator=" / "),
        body="\n\n----\n\n".join(parts),
        to=[invitation.email],
        what=f"invitation {invitation.pk}",
    )
