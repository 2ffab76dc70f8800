"""Settings for the wellbeing check-in service, driven by the environment.

Every variable is listed with its meaning in `.env.example`. Helpers fail loudly
on values they cannot parse, so a typo stops the process instead of silently
falling back to a default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str | None:
    """A string from NAME, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be {minimum} or more")
    return value


def env_list(name: str, default: str) -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug"

# Fernet key for reflection text at rest. Kept apart from SECRET_KEY so that
# rotating session signing never makes stored reflections unreadable.
ENCRYPTION_KEY = env_str("ENCRYPTION_KEY")
if not ENCRYPTION_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("ENCRYPTION_KEY (or ENCRYPTION_KEY_FILE) must be set when DEBUG is off")
    ENCRYPTION_KEY = "ZGV2ZWxvcG1lbnQta2V5LW9ubHktZm9yLWRlYnVnISE="

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "wellbeing.apps.WellbeingAdminConfig",  # django.contrib.admin, with the site behind the policy's door
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    # API tokens stored as digests, each with an expiry (the old rest_framework.authtoken kept them in clear).
    "knox",
    # Counts failed logins and locks out password guessing (the AccessAttempt table).
    "axes",
    "csp",  # django-csp: its checks catch a policy written in the old format
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "wellbeing",
    "surveys",
    "analytics",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here and go back out through the two above only: no Cache-Control: no-store
    # (they hold no personal data) and no CSP (a stylesheet is not a document).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Needs the user, so after AuthenticationMiddleware: own choice, then browser, then school.
    "wellbeing.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside CSPMiddleware, so the few pages that need a wider policy can say so before the header is written.
    "wellbeing.middleware.ResponseHeadersMiddleware",
    # After the user and the language are known, so its error page is the site's own, in the user's language.
    "wellbeing.middleware.RejectUnencodableInputMiddleware",
    # Last, as axes asks: turns a login request it flagged as locked out into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wellbeing.urls"
WSGI_APPLICATION = "wellbeing.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# SQLite file by default; DATABASE_URL (postgres://...) selects PostgreSQL.
# Persistent connections: reconnecting per request costs PostgreSQL about 9x
# in POST throughput, so connections live for CONN_MAX_AGE seconds.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'wellbeing.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file: WAL and a busy timeout keep them
    # from failing with "database is locked" at the Monday-morning peak.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME", "")}
else:
    DATABASES["default"]["TEST"] = {"NAME": env_str("POSTGRES_TEST_NAME", "test_wellbeing")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "wellbeing.User"
LOGIN_URL = "frontend:login"
LOGIN_REDIRECT_URL = "frontend:home"
LOGOUT_REDIRECT_URL = "frontend:login"

# AxesBackend first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "sv")
LANGUAGES = [("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# HTTPS. Off by default so `bin/run` works on http://127.0.0.1; the production block in .env.example turns it
# all on, and tests/wellbeing/test_headers.py checks that `check --deploy` is then clean.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# The health check is probed by load balancers and monitors on the internal network, often over plain HTTP;
# it carries no personal data, so it answers there rather than redirecting.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a proxy that terminates TLS, Django sees plain HTTP; the proxy says "https" in X-Forwarded-Proto.
# Only safe when the proxy sets (not passes on) that header, so it is off unless the deployment says so.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None

# How many proxies in front of the service append to X-Forwarded-For. The client's address is the one the
# outermost trusted proxy saw (wellbeing.auth.client_address); 0 trusts no header, only REMOTE_ADDR. Used by the
# lockout and by DRF's throttles, so a client cannot pick its own address to escape either.
NUM_PROXIES = env_int("NUM_PROXIES", 0, minimum=0)

# Content-Security-Policy on every response (static files aside): our own scripts, styles, images and fonts
# only, no inline script anywhere, no plugins, no framing. Pages that need more say so in
# wellbeing.middleware.CSP_EXCEPTIONS, each with its reason.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Swagger UI's icons are data: URLs in its stylesheet.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Password guessing (django-axes): an account is locked after LOGIN_FAILURE_LIMIT failed logins, and a client
# address after LOGIN_FAILURE_LIMIT_PER_ADDRESS, each for LOGIN_COOLOFF_MINUTES after its last failure. The
# address limit is higher because a whole school often reaches us from one address, and a class of students
# mistyping on a Monday morning must not lock the school out. Every login path counts: the login page, the
# admin's login and the API's token endpoint.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 50, minimum=1)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not the pair
AXES_HANDLER = "wellbeing.auth.LockoutHandler"  # applies the separate limit per address
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
# A try during the lockout does not start the wait again, so "try again in 15 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Failures expire with the cool-off only: a success (perhaps the guesser's own account, from the same
# address) does not wipe the count.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "wellbeing.auth.client_address"
AXES_LOCKOUT_CALLABLE = "wellbeing.auth.lockout_page"
# No log of every successful login with address and browser: more personal data kept than the lockout needs.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# API tokens (django-rest-knox): stored as SHA-512 digests, each expiring API_TOKEN_TTL_HOURS after it was
# issued; `Authorization: Token <key>` as before.
API_TOKEN_TTL_HOURS = env_int("API_TOKEN_TTL_HOURS", 10, minimum=1)
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=API_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    # A hard expiry: use does not extend a token, so a lost phone's token dies on time.
    "AUTO_REFRESH": False,
    "USER_SERIALIZER": None,
}

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "wellbeing"),
    }
}

# Celery: JSON only, ids on the broker, tasks acknowledged late only where
# they are idempotent (declared per task).
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
# One task reserved per process: a process busy with a long task never holds a scoring drain or an alert
# email that another process could run now.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A visibility timeout longer than any task's time limit, so an unacked task
# is redelivered only when its worker is really gone.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
# Two lanes. The default queue ("celery") holds what a student in trouble waits for: scoring drains, the
# sweeps and the emails to student health. Everything that can take seconds or minutes in bulk goes to
# "bulk": charts (150-250 ms of CPU each), aggregate recomputes, re-scoring of history, the weekly windows and
# reminders. Each lane has its own worker processes (bin/run starts one worker per lane), so no chart, report
# or re-score can hold back a score or an alert.
BULK_QUEUE = "bulk"
CELERY_TASK_ROUTES = {
    "analytics.tasks.student_chart_render_task": {"queue": BULK_QUEUE},
    "analytics.tasks.student_charts_render_task": {"queue": BULK_QUEUE},
    "analytics.tasks.school_week_publish_task": {"queue": BULK_QUEUE},
    "analytics.tasks.aggregates_republish_task": {"queue": BULK_QUEUE},
    "wellbeing.tasks.tokens_purge_expired_task": {"queue": BULK_QUEUE},
    "analytics.tasks.checkins_analyse_task": {"queue": BULK_QUEUE},
    "analytics.tasks.windows_sync_task": {"queue": BULK_QUEUE},
    "surveys.tasks.reminders_send_task": {"queue": BULK_QUEUE},
}
# How often the sweep queues check-ins a lost message left unscored; read by
# wellbeing/celery.py. Once a minute, so an alert is late by at most that much
# even when its message was lost.
SCORE_SWEEP_SECONDS = env_int("SCORE_SWEEP_SECONDS", 60)
# Check-ins analysed per batch: one transaction, one bulk write, one aggregate
# recompute per school and week in it.
ANALYSIS_BATCH_SIZE = env_int("ANALYSIS_BATCH_SIZE", 200)
# How long a drain's claim on a batch lasts; a killed worker's batch is claimable again after it.
ANALYSIS_LEASE_SECONDS = env_int("ANALYSIS_LEASE_SECONDS", 60)
SCHEDULE_SECONDS = env_int("SCHEDULE_SECONDS", 300)  # read by wellbeing/celery.py

# The smallest number of responses an aggregate may be shown for, unless a
# school sets a larger one.
MIN_GROUP_SIZE = env_int("MIN_GROUP_SIZE", 5)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes anonymous calls 401, not 403.
        "wellbeing.api.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # DRF's parsers, refusing a lone surrogate (text that cannot be encoded) with a 400 per field before any
    # view sees it; query strings and the pages' forms are checked by
    # wellbeing.middleware.RejectUnencodableInputMiddleware.
    "DEFAULT_PARSER_CLASSES": [
        "wellbeing.api.JSONParser",
        "wellbeing.api.FormParser",
        "wellbeing.api.MultiPartParser",
    ],
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "EXCEPTION_HANDLER": "wellbeing.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "20/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wellbeing check-in API",
    "DESCRIPTION": "Weekly student wellbeing check-ins for schools.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "wellbeing@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that hangs must not hold a worker of the fast lane: the send fails, is recorded and retried.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
