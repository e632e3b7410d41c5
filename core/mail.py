"""The one way the site sends e-mail.

Every subject goes through `email_subject`, so a name or title holding a line break
(or any text a person typed) can never make an invalid header. `mail_send` logs what it
could not send instead of failing the task that sends it: the in-app record (a
notification, an invitation) is already saved and stays visible; only a transient
connection failure is raised again, so the task's retry can deliver the message later.
"""

import logging
import smtplib
from collections.abc import Sequence

from django.core.mail import send_mail

from core.text import single_line

logger = logging.getLogger(__name__)

MAX_SUBJECT_CHARS = 150

# Worth a retry: the mail server may be back in a minute. Anything else (a bad address, a
# refused message, a header Django will not send) fails the same way every time.
TRANSIENT_ERRORS = (
    ConnectionError,
    TimeoutError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
)


def email_subject(*parts: object, separator: str = " ") -> str:
    """A safe one-line subject from its parts: no line breaks or control characters.

    Parts are joined by `separator`, folded to one line and cut to 150 characters.
    """
    text = single_line(separator.join(str(part) for part in parts if part not in (None, "")))
    if len(text) > MAX_SUBJECT_CHARS:
        text = text[: MAX_SUBJECT_CHARS - 1].rstrip() + "…"
    return text


def mail_send(*, subject: str, body: str, to: Sequence[str], what: str = "") -> bool:
    """Send one plain-text message. The subject is made safe here whatever the caller built.

    Returns:
        True when the backend accepted the message; False (after logging why) when it
        could not be sent.

    Raises:
        ConnectionError and the other TRANSIENT_ERRORS, after logging, so a task retries.
    """
    try:
        send_mail(email_subject(subject), body, None, list(to))
    except TRANSIENT_ERRORS:
        logger.warning("E-mail not sent yet (%s): the mail server is unreachable", what)
        raise
    except Exception:
        logger.exception("E-mail could not be sent (%s)", what)
        return False
    return True
