"""Settings, read from the environment only (see README "Configuration")."""

import re
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .core.env import (
    check_redis_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105
elif not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "template_partials",
    "eubelong.core",
    "eubelong.notify",
    "regions",
    "toolkit",
    "toolkit.reporting",
    "handbook",
    "eubelong.exports",
    "toolkit.compare",
    "toolkit.publishing",
    "eubelong.search",
]

MIDDLEWARE = [
    "toolkit.publishing.public.middleware.PublicCacheMiddleware",
    # Inside the public cache headers, so their Vary (Accept-Encoding) stays as it is.
    "eubelong.core.compression.TextGZipMiddleware",
    "eubelong.core.security.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "eubelong.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "eubelong.core.i18n.PreferredLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads a body (the CSRF check reads the form in process_view).
    "eubelong.core.security.RequestBodyLimitMiddleware",
    # Wraps the idle time-out, the second factor and the views: their sign-in redirects.
    "eubelong.core.sessions.HtmxSignInMiddleware",
    "eubelong.core.sessions.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "regions.accounts.twofactor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eubelong.urls"
WSGI_APPLICATION = "eubelong.wsgi.application"

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
                "eubelong.notify.context_processors.notices",
                # After Django's built-in one, whose `csrf_token` it replaces (one mask a page).
                "eubelong.core.fasthtml.csrf",
            ],
            "builtins": ["eubelong.core.templatetags.eubelong"],
        },
    }
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if _POSTGRES:
    # A connection's prepared statements and PostgreSQL's plans for them live as long as it
    # does: each new connection plans a page's statements about seven times before keeping a
    # plan. Closing connections every minute made planning cost more than running the queries.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600, minimum=0)
if _POSTGRES and env_bool("DATABASE_PREPARED", True):
    # Parameters bound by the server, and a statement run again on a connection is prepared:
    # planning a page's joins costs more than running them. Behind a pooler in transaction
    # mode without prepared-statement support, set DATABASE_PREPARED=false.
    DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=1)
if _POSTGRES and env_bool("DATABASE_POOL", False):
    # A pool of connections per process (psycopg_pool), handed back after each request: for a
    # server that runs every request in a thread of its own (Django's own ASGI handler), where
    # connections kept per thread would pile up until PostgreSQL refuses more. The shipped
    # server runs pages on a fixed set of threads (eubelong/asgi.py) that keep their
    # connections as gthread's do; live streams hand theirs back, and their checks keep one per
    # process while it has streams (docs/live.md).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": 2,
        "max_size": env_int("DATABASE_POOL_SIZE", 10, minimum=1),
        "timeout": 10,
    }

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    check_redis_url(REDIS_URL)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "eubelong",
            # A hung Redis must cost a request one second, not a worker thread.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # One process's memory: room for a few thousand kept rows and pages (the default 300 would
    # throw out a network's comparison pages for one editor's checklist).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = (
    None  # guardian: no anonymous user row, anonymous visitors hold no permissions
)
GUARDIAN_RAISE_403 = False
GUARDIAN_MONKEY_PATCH_USER = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions live in the database, so removing a member can end them at once, and are read
# through the cache (eubelong.core.session_store) so that an ordinary request costs no session query.
SESSION_ENGINE = "eubelong.core.session_store"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "eubelong.core.sessions.csrf_failure"
# Optional fields say so in their label (eubelong/core/forms.py).
FORM_RENDERER = "eubelong.core.forms.FormRenderer"

LANGUAGE_CODE = "en"
# The partners' languages; tests/test_translations.py fails when any catalog is incomplete, so a
# page's lang attribute is always true.
LANGUAGES = [
    ("en", _("English")),
    ("ro", _("Romanian")),
    ("es", _("Spanish")),
    ("ca", _("Catalan")),
    ("it", _("Italian")),
    ("de", _("German")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
# Local overrides of Django's date formats (see eubelong/formats); numbers and amounts go
# through eubelong.core.l10n.
FORMAT_MODULE_PATH = ["eubelong.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# Largest request body outside the upload pages (eubelong.core.security.RequestBodyLimitMiddleware).
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 2_621_440, minimum=65536)
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
# No MEDIA_URL is served: stored files leave only through permission-checking views.
# S3-compatible object storage (django-storages) when a bucket is named, so web and worker machines
# share exported files; local files otherwise.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = True
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage"
        if AWS_STORAGE_BUCKET_NAME
        else "django.core.files.storage.FileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "eubelong.core.staticfiles.ManifestStorage"
    },
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Links in e-mails sent by workers, which have no request to take the address from.
SITE_URL = env_str(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}",
)
# How long the server keeps a rendered public page (seconds; 0 renders every request).
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600, minimum=0)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "EU-Belong platform <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 3600, minimum=600)
# Published on the accessibility statement (/accessibility/) for barriers people report.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "accessibility@eu-belong.eu")

# Accounts (docs/accounts.md): invitations, retention of contact records, 2FA and lockout.
INVITATION_MAX_AGE = env_int("INVITATION_MAX_AGE", 7 * 24 * 3600, minimum=3600)
CONTACT_RETENTION_MONTHS = env_int("CONTACT_RETENTION_MONTHS", 24, minimum=1)
OTP_TOTP_ISSUER = "EU-Belong"
# Demo accounts skip the second factor only on a DEBUG server with this on.
DEMO_SKIP_2FA = DEBUG and env_bool("DEMO_SKIP_2FA", True)
# Two-step sign-in for every account, not only coordinators and staff (docs/security.md).
SECOND_FACTOR_FOR_EVERYONE = env_bool("SECOND_FACTOR_FOR_EVERYONE", not DEBUG)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=3)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1, minimum=1)
# A lockout holds one (user name, address) pair: somebody else's failures never keep the account
# holder out from their own address, and failures during a lockout do not prolong it.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Successful sign-ins are in the audit log already.
AXES_DISABLE_ACCESS_LOG = True

# Celery: a real broker when REDIS_URL is set, otherwise tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Task modules outside the apps' tasks.py (which autodiscovery finds).
CELERY_IMPORTS = ["eubelong.core.mail", "regions.accounts.tasks"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120, minimum=5)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180, minimum=10)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Where tasks are sent, including those a task sends (a notice's mail): one queue per deployment.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Celery beat (the `beat` service; `make run` starts it with the worker): notice digests every hour,
# notices older than 90 days deleted every night. Without Redis: `manage.py send_digests`.
CELERY_BEAT_SCHEDULE = {
    "notice-digests": {"task": "eubelong.notify.digests_send", "schedule": 3600},
    "notices-purge": {"task": "eubelong.notify.notices_purge", "schedule": 24 * 3600},
    # Opens the reporting periods whose day has come and sends the deadline reminders.
    "reporting-daily": {"task": "toolkit.reporting.daily", "schedule": 6 * 3600},
}
if CELERY_TASK_TIME_LIMIT * 2 > CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]:
    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must stay well below the visibility timeout")
EXPORTS_MAX_ACTIVE_PER_USER = env_int("EXPORTS_MAX_ACTIVE_PER_USER", 3, minimum=1)
EXPORTS_RESEND_AFTER = env_int("EXPORTS_RESEND_AFTER", 300, minimum=1)
# Live workplan pages (docs/live.md): a sign of life every LIVE_HEARTBEAT seconds, the reader's
# role and session read again at most every LIVE_RECHECK seconds, and a bound on the streams one
# person may hold open (every open workplan tab is one).
LIVE_HEARTBEAT = env_int("LIVE_HEARTBEAT", 15, minimum=1)
LIVE_RECHECK = env_int("LIVE_RECHECK", 5, minimum=0)
LIVE_STREAMS_PER_PERSON = env_int("LIVE_STREAMS_PER_PERSON", 8, minimum=1)
LIVE_RETRY_MS = 3000
# Per user (or per address when signed out); docs/security.md. Sign-in also has a lockout (axes).
RATELIMITS = {
    "invite": env_str("RATELIMIT_INVITE", "30/h"),
    "export": env_str("RATELIMIT_EXPORT", "20/m"),
    "search": env_str("RATELIMIT_SEARCH", "60/m"),
    "sign-in": env_str("RATELIMIT_SIGN_IN", "30/m"),
    # Per address asking, and per account asked about (over that, no more mail is sent).
    "password-reset": env_str("RATELIMIT_PASSWORD_RESET", "5/h"),
    "password-reset-account": env_str("RATELIMIT_PASSWORD_RESET_ACCOUNT", "3/h"),
    # A lab's room shares one address on the venue's network: joining is counted per address
    # and lab, contributions per participant.
    "lab-join": env_str("RATELIMIT_LAB_JOIN", "120/h"),
    "lab-contribute": env_str("RATELIMIT_LAB_CONTRIBUTE", "20/m"),
}
for _scope, _rate in RATELIMITS.items():
    if not re.fullmatch(r"[1-9][0-9]*/[smh]", _rate):
        name = "RATELIMIT_" + _scope.upper().replace("-", "_")
        raise ImproperlyConfigured(f"{name} must look like 30/m, not {_rate!r}")

DEMO_PASSWORD = env_str("DEMO_PASSWORD", "belong-demo-2026")  # noqa: S105 - documented local default

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # ISO 8601 with the UTC offset, so lines from several machines and DST changes correlate.
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every rendering step at INFO; only its warnings matter to operators.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Reverse proxies in front of the web process that append the client to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# django-csp: nothing from elsewhere, nothing inline; a script written into a page one day must
# carry the request's nonce (request.csp_nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers and container health checks probe over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# The read-only JSON API (docs/api.md): published strategies for anyone, a person's regions with a
# personal token. No session authentication (so no CSRF) and no browsable API.
# REST framework is used as a library, not installed as an app: the API renders JSON only, and
# an installed app's English catalogue would put a fallback under every English gettext call of
# every page (about a fifth of the workplan editor's time).
INSTALLED_APPS += ["drf_spectacular"]
API_RATE_PUBLIC = env_str("API_RATE_PUBLIC", "120/min")
API_RATE_TOKEN = env_str("API_RATE_TOKEN", "600/min")
for _name, _rate in (("API_RATE_PUBLIC", API_RATE_PUBLIC), ("API_RATE_TOKEN", API_RATE_TOKEN)):
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", _rate):
        raise ImproperlyConfigured(f"{_name} must look like 120/min, not {_rate!r}")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["toolkit.publishing.api.auth.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {"public": API_RATE_PUBLIC, "token": API_RATE_TOKEN},
    # REMOTE_ADDR is the client already (ClientAddressMiddleware resolves trusted proxies).
    "NUM_PROXIES": 0,
    "EXCEPTION_HANDLER": "toolkit.publishing.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EU-Belong API",
    "DESCRIPTION": "Published integration strategies for anyone; a person's regions with a "
    "personal API token. Read-only. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}
