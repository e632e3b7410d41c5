from celery import shared_task

from accounts.services.emails import invitation_email_send
from core.mail import TRANSIENT_ERRORS


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def send_invitation_email(*, invitation_id: int) -> bool:
    return invitation_email_send(invitation_id=invitation_id)
