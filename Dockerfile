# Production image: gunicorn serves the site, WhiteNoise the static files.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.base
# Each gunicorn worker keeps its database connection for a minute, checked before reuse
# (docs/configuration.md); override with -e CONN_MAX_AGE=0 to open one per request.
ENV CONN_MAX_AGE=60 CONN_HEALTH_CHECKS=true
# A CJK font, so PDFs and server-side rendering show Chinese text.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs settings to load; this key exists only during the build.
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --no-input

RUN useradd --create-home app && mkdir -p /app/media /app/private-media && chown app /app/media /app/private-media
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
