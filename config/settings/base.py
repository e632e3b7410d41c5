"""Settings, read only from the environment.

Every variable is listed in docs/configuration.md. Defaults are safe for a
production deploy; the development runner (dev.py) sets DEBUG and a dev key.
Organisational policy (blind review, panel sizes, rubrics) lives in the database,
not here.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# A production secret has no default: a missing key must stop the process, not
# silently fall back to something guessable.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
# Former keys, still accepted for what they signed (sessions, reset links, course
# certificates' signatures) while SECRET_KEY is rotated.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    # Ours, lowest layer first (see docs/architecture.md).
    "core",
    "taxonomy",
    "accounts",
    "scripts_app",
    "registry",
    "reviews",
    "courses",
    "incubator",
    "scouting",
    "seeds",
]

MIDDLEWARE = [
    # First, so everything after it sees the real client address (NUM_PROXIES below).
    "core.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before anything reads a body (CSRF checks, DRF): refuses oversized ones unread.
    "core.uploads.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so it sees a view's exception first: a missing object is a 404, never a 500.
    "core.middleware.MissingObjectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# SQLite is the embedded default so a new user needs no server; production and
# CI point DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: each web or worker process keeps its connection for this many
# seconds instead of opening one per request (a PostgreSQL connection costs a few ms and a
# backend process). Health checks test a reused connection before a request uses it, so a
# database restart costs one reconnect rather than one failed request. Development and the
# tests use 0 (runserver starts a thread per request, which would leave connections open).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the in-process task runner and the web server read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits use it) -------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Originality index (registry.originality; docs/originality.md) ---------------------
# The LSH buckets live in Redis when this is set (production: the same Redis as the cache
# unless given), in process otherwise; the signatures are always in the database.
ORIGINALITY_LSH_REDIS_URL = env.str("ORIGINALITY_LSH_REDIS_URL", default=REDIS_URL)
ORIGINALITY_LSH_PREFIX = env.str("ORIGINALITY_LSH_PREFIX", default="originality:lsh:v1")

# --- Auth -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Microdrama Studio] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "signup": env.str("RATE_LIMIT_SIGNUP", default="20/m/ip"),
    "reset_password": env.str("RATE_LIMIT_RESET_PASSWORD", default="20/m/ip,5/m/key"),
    "confirm_email": "1/3m/key",
}

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Static and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Private files (exports, later imports, certificates, dossiers) live outside MEDIA_ROOT,
# which DEBUG or a front server may serve to anyone; only a view that checks permission
# hands them out (core.files). PRIVATE_MEDIA_SERVER lets nginx (X-Accel-Redirect) or
# Apache/Caddy (X-Sendfile) send the bytes once Django has said yes.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
PRIVATE_MEDIA_SERVER = env.str("PRIVATE_MEDIA_SERVER", default="django")
PRIVATE_MEDIA_INTERNAL_URL = env.str("PRIVATE_MEDIA_INTERNAL_URL", default="/_private/")
if PRIVATE_MEDIA_SERVER not in ("django", "nginx", "sendfile"):
    raise ImproperlyConfigured("PRIVATE_MEDIA_SERVER must be django, nginx or sendfile.")
for _public in (MEDIA_ROOT, STATIC_ROOT):
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(_public.resolve()):
        raise ImproperlyConfigured(
            "PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT or STATIC_ROOT."
        )
# How long an exported file can be downloaded before it is refused and deleted.
EXPORT_FILE_LIFETIME_HOURS = env.int("EXPORT_FILE_LIFETIME_HOURS", default=72)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.files.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail ------------------------------------------------------------------------
# Default: write each message to the console so sign-up works with no mail server.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Microdrama Studio <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery --------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# With no broker the tasks run in-process, so the embedded default needs no worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
# A broker that is down or hung must not hold a request: connecting and every socket
# operation give up after this many seconds (the outbox keeps the task for later).
broker_timeout = env.float("CELERY_BROKER_TIMEOUT", default=3.0)
CELERY_BROKER_CONNECTION_TIMEOUT = broker_timeout
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": broker_timeout,
    # Longer than the worker's one-second BRPOP poll.
    "socket_timeout": max(broker_timeout, 2.0),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# The task outbox (core.services.outbox): how often beat relays what the broker has not
# taken yet, and after how long a task handed over but never finished is sent again
# (longer than the longest task's time limit: tasks may run twice, never in parallel).
OUTBOX_RELAY_INTERVAL = env.float("OUTBOX_RELAY_INTERVAL", default=30.0)
OUTBOX_REDELIVER_AFTER = env.float("OUTBOX_REDELIVER_AFTER", default=15 * 60.0)

# --- REST framework --------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so an anonymous request gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # JSON bodies only (file uploads opt in to multipart per view), so the schema offers
    # exactly the media types each operation parses.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "auth": env.str("RATE_LIMIT_API_AUTH", default="10/min"),
        # Per user. The editor previews ~600 ms after typing stops, one request at a time.
        "script_preview": env.str("RATE_LIMIT_API_PREVIEW", default="180/min"),
        "script_parse": env.str("RATE_LIMIT_API_PARSE", default="60/min"),
        "script_import": env.str("RATE_LIMIT_API_IMPORT", default="10/min"),
        "script_export": env.str("RATE_LIMIT_API_EXPORT", default="10/min"),
        # Anyone may check a text against the registry; each check parses a file.
        "registry_check": env.str("RATE_LIMIT_API_REGISTRY_CHECK", default="20/min"),
        # Originality reports (each one searches the index and aligns up to ten works).
        "originality_report": env.str("RATE_LIMIT_API_ORIGINALITY", default="10/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Throttles count by REMOTE_ADDR, which ClientAddressMiddleware has already set
    # from trusted proxies only (see NUM_PROXIES); DRF must not read X-Forwarded-For
    # again itself (its default, None, believes the whole header).
    "NUM_PROXIES": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Microdrama Studio API",
    "DESCRIPTION": (
        "JSON API of the micro-short-drama screenwriting platform. Errors always have the "
        'body {"errors": {"<field>": ["<message>", ...]}}; errors not tied to a field use '
        '"detail" or "non_field_errors".'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # PATCH views validate their input serializer as it is (only the series update is
    # partial, and all of its fields are optional anyway): one component, true `required`.
    "COMPONENT_SPLIT_PATCH": False,
    "ENUM_NAME_OVERRIDES": {
        "ScoutingBriefStatusEnum": "scouting.models.BriefStatus.choices",
        "ScoutingPitchStatusEnum": "scouting.models.PitchStatus.choices",
        "ScoutingBudgetTierEnum": "scouting.models.BudgetTier.choices",
        "TermKindEnum": "taxonomy.models.TermKind.choices",
        "OrganisationKindEnum": "accounts.models.OrganisationKind.choices",
        "MembershipRoleEnum": "accounts.models.MembershipRole.choices",
        "PlatformRoleEnum": "accounts.models.Role.choices",
        "ScriptFormatEnum": "scripts_app.models.ScriptFormat.choices",
        "ExportFormatEnum": "scripts_app.models.ExportFormat.choices",
        "RevisionKindEnum": "scripts_app.models.RevisionKind.choices",
        "ParseFormatEnum": ["auto", "fountain", "zh"],
        "FundFactCheckVerdictEnum": ["pass", "fix"],
        # A certificate's verdict keeps its name beside the fund's fact-check verdict.
        "VerdictEnum": ["genuine", "revoked", "not_genuine"],
        "LanguageEnum": "config.settings.base.LANGUAGES",
        "CollaboratorRoleEnum": "scripts_app.models.CollaboratorRole.choices",
        "ExportStatusEnum": "scripts_app.models.ExportStatus.choices",
        "ReaderExportsEnum": "scripts_app.models.ReaderExports.choices",
        "InvitationStatusEnum": "accounts.models.InvitationStatus.choices",
        "SaveStatusEnum": ["saved", "unchanged", "merged", "conflict"],
        "CertificateStatusEnum": "courses.models.CertificateStatus.choices",
        "CohortRoleEnum": "courses.models.CohortRole.choices",
        "CohortStaffRoleEnum": "courses.api.manage_serializers.STAFF_CHOICES",
        "FundCallStatusEnum": "incubator.models.CallStatus.choices",
        "FundMilestoneKindEnum": "incubator.models.MilestoneKind.choices",
        "FundMilestoneStatusEnum": "incubator.models.MilestoneStatus.choices",
        "FundTrancheStatusEnum": "incubator.models.DisbursementStatus.choices",
        "FundApplicationStatusEnum": "incubator.models.ApplicationStatus.choices",
        "FundCoApplicantStatusEnum": "incubator.models.CoApplicantStatus.choices",
        "ScoutingShortlistEntryStatusEnum": "scouting.models.ShortlistEntryStatus.choices",
        "ScoutingReadStatusEnum": "scouting.models.ReadStatus.choices",
        "ScoutingListingStatusEnum": "scouting.models.ListingStatus.choices",
        "ScoutingOfferStatusEnum": "scouting.models.OfferStatus.choices",
        "ScoutingOfferKindEnum": "scouting.models.OfferKind.choices",
        "ScoutingOfferSideEnum": "scouting.models.OfferSide.choices",
        "ScoutingDealStatusEnum": "scouting.models.DealStatus.choices",
        "ScoutingDealEndEnum": "scouting.models.DealEnd.choices",
        "ScoutingRevenueCycleEnum": "scouting.models.offers.RevenueCycle.choices",
        "ScoutingOverseasRightsEnum": "scouting.models.offers.OverseasRights.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.add_error_responses",
    ],
}

# --- Security ----------------------------------------------------------------------------
# How many reverse proxies in front of the app are yours (nginx, a load balancer), each
# appending to X-Forwarded-For. Only that many hops of the header are believed, in one
# place (core.middleware.ClientAddressMiddleware, which sets REMOTE_ADDR); 0, the
# default, ignores the header, since any client can send it. Every rate limit and
# throttle counts by the address this yields.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
# allauth reads REMOTE_ADDR too, never the header (the middleware has done that).
ALLAUTH_TRUSTED_PROXY_COUNT = 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). Everything the site runs is its own file under
# /static/: no inline script, inline style, style="" attribute or on* handler anywhere
# (tests/core/test_security_headers.py scans every template), no CDN. The one
# exception is a nonce for <style> elements, which a page gets only if its template asks
# for request.csp_nonce: the script editor (CodeMirror) writes its theme into one.
# The API docs page adds what Swagger UI needs on that view alone (config/urls.py), and
# DRF's browsable API its inline styles (core.middleware.CSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Permissions-Policy (django-permissions-policy): the site uses no device or sensor,
# so none may be used, by this origin or by anything it might embed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# A whole series may be saved in one request: up to 1.5 million characters, about
# 4.5 MB as UTF-8 JSON. Larger bodies get the script's own clear length error first.
# core.uploads.RequestSizeLimitMiddleware refuses bigger bodies by Content-Length (413)
# before they are read, for the JSON API too.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
# Uploaded files: at most UPLOAD_MAX_MB each, counted while they stream in
# (core.uploads.LimitedUploadHandler); above 2.5 MB they go to a temporary file, not memory.
# Script files are also capped at 10 MB by scripts_app.formats.
FILE_UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=10) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

SITE_NAME = _("Microdrama Studio")
