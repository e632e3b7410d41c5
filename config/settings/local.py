"""Development settings: the base settings with DEBUG on (so a development key is used).

manage.py uses these unless DJANGO_SETTINGS_MODULE says otherwise, so a contributor's
`python manage.py makemigrations` works on a fresh checkout. Production processes (gunicorn,
Celery, the Docker image, the Procfile and compose.yaml) name config.settings.base, whose
defaults are safe and which refuses to start without SECRET_KEY.
"""

import os

os.environ.setdefault("DEBUG", "true")
# One connection per request (production keeps them: CONN_MAX_AGE in base.py).
os.environ.setdefault("CONN_MAX_AGE", "0")

from .base import *  # noqa: F403
