"""Settings come from environment variables only, with safe development defaults.

RENDEZVOUS_ENV=production switches on the production profile: DEBUG off, secure cookies, HSTS, and a
mandatory SECRET_KEY. Everything else is named after what it configures (DATABASE_URL, EMAIL_URL, ...).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
import django_cache_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("RENDEZVOUS_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("RENDEZVOUS_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = os.environ["SECRET_KEY"]
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-secret-key-not-for-production-use-0123456789")

# Old keys still accepted for signatures while a rotation settles (docs/operations.md, "Rotating secrets").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Security keys (core/security_keys.py) are bound to SITE_URL's origin; the relying-party id is its host unless set.
WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "")

INSTALLED_APPS = [
    "rendezvous.core.admin_site.PlatformAdminConfig",  # the admin for platform staff (superusers) only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rendezvous.core",
    "rendezvous.events",
    "rendezvous.programme",
    "rendezvous.registration",
    "rendezvous.participation",
    "rendezvous.organise",
    "rendezvous.reports",
    "rendezvous.outcomes",
    "rendezvous.partnerships",
    "rendezvous.documents",
    "rendezvous.api",
    "rendezvous.webhooks",
    "rendezvous.demo",
    "ninja",  # serves the API docs' Swagger UI files from the pinned package, not a CDN
]

MIDDLEWARE = [
    "rendezvous.core.observability.RequestObservationMiddleware",
    "rendezvous.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Anonymous visits to the busiest public pages, answered from this process's memory (core/front_door.py).
    "rendezvous.core.front_door.FrontDoorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A form posted as multipart/form-data without a file (an empty file input) parsed fast (core/form_body.py).
    "rendezvous.core.form_body.SimpleFormBodyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with an authenticator code
    "rendezvous.core.middleware.SessionIdleTimeoutMiddleware",
    "rendezvous.core.i18n.ProfileLanguageMiddleware",  # a signed-in person's profile language, on any device
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the views' exceptions first: a lost database connection answers 503, never 500.
    "rendezvous.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "rendezvous.urls"
WSGI_APPLICATION = "rendezvous.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGES as settings name them (each in itself)
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rendezvous.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it: after a database restart the first request
        # reconnects instead of failing on a dead socket (27 of 1,108 requests answered 500 without it).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two capacity checks can never interleave; WAL lets
    # readers go on while one writer works.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-rendezvous.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No statement waits long for a lock: in a registration burst a request that cannot have the seat lock in time
    # answers "busy" instead of piling up, and a migration that cannot lock its table fails instead of stalling every
    # request queued behind it. Set once per connection, it costs no round trip per transaction.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={int(os.environ.get('DATABASE_LOCK_TIMEOUT_MS', '3000'))}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:sign_in"
LOGIN_REDIRECT_URL = "/"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Named date formats per language (rendezvous/core/formats/): templates say "SHORT_DATETIME_FORMAT", not "j M Y, H:i".
FORMAT_MODULE_PATH = ["rendezvous.core.formats"]
# The switcher's choice, kept a year (and in the profile when signed in); first visits follow the browser.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The site-wide stylesheet and scripts live in src/rendezvous/static, outside any app.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION


def cache_from_url(url: str) -> dict:
    """CACHE_URL as Django's CACHES["default"]: unset, a cache in each process's own memory (one web server);
    redis://[:password@]host:6379/0 (rediss:// for TLS) or memcached://host:11211 when several web servers must share
    pages and programme versions. `?key_prefix=...` separates deployments sharing one server.
    """
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rendezvous",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    try:
        config = django_cache_url.parse(url)
    except Exception as error:  # the library raises a bare Exception for an unknown scheme
        raise ImproperlyConfigured(
            f"CACHE_URL {url.split('://')[0]!r}: {error}. Use redis://host:6379/0, memcached://host:11211 or leave "
            "it unset for a cache in each process's memory."
        ) from None
    if config["BACKEND"] == "django.core.cache.backends.memcached.PyLibMCCache":
        # One memcached client for every spelling, pure Python: memcached:// and pymemcache:// both use pymemcache.
        config["BACKEND"] = "django.core.cache.backends.memcached.PyMemcacheCache"
    config.setdefault("KEY_PREFIX", "rendezvous")
    return config


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "").strip())}

_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Addresses at local names (x@localhost, x@[127.0.0.1], a domain without a dot) are refused in production
# (core.validators); development, the demo and the tests write to *.localhost.
EMAIL_ALLOW_LOCAL_DOMAINS = env_bool("EMAIL_ALLOW_LOCAL_DOMAINS", not PRODUCTION)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Rendezvous <no-reply@rendezvous.localhost>")

# The outbox (core/outbox.py): a message is given up (status "failed", "send again" in the admin) after this many
# attempts; a sender holds a claimed message for OUTBOX_LEASE_SECONDS, after which another sender may take it over
# (the first one is presumed dead). The lease must outlast one SMTP conversation (EMAIL_TIMEOUT per step).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "6"))
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "120"))
# How often the workers look for mail no task delivered (a lost task, a failed attempt due again): core.schedule.
OUTBOX_SWEEP_SECONDS = int(os.environ.get("OUTBOX_SWEEP_SECONDS", "60"))
# Waits in seconds after the 1st, 2nd, ... failed attempt (the last repeats); empty: 1, 5, 15, 60 minutes, 4 hours.
OUTBOX_RETRY_DELAYS = [
    timedelta(seconds=float(seconds)) for seconds in os.environ.get("OUTBOX_RETRY_DELAYS", "").split(",") if seconds
]

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_HTTPONLY = True
# Participants stay signed in for 14 days; organisers are signed out after this long without a request
# (core.middleware.SessionIdleTimeoutMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
ORGANISER_SESSION_IDLE_SECONDS = int(os.environ.get("ORGANISER_SESSION_IDLE_SECONDS", str(2 * 3600)))
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# Logs go to standard error, one JSON object a line in production (LOG_FORMAT=json|text), each with the request id
# (core.observability) so a request's lines and its background tasks' lines can be found together.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "rendezvous.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")},
}

# Prometheus metrics at /metrics, only for a scraper that sends this token (off when empty).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# /health/ready wants a background worker's heartbeat younger than this (mail and scheduled jobs depend on one);
# development runs without a worker unless asked.
HEALTH_REQUIRE_WORKER = env_bool("HEALTH_REQUIRE_WORKER", PRODUCTION)
HEALTH_WORKER_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_WORKER_MAX_AGE_SECONDS", "300"))

# Error tracking: errors go to Sentry (or a compatible service) when SENTRY_DSN is set and the optional `sentry`
# extra is installed; nothing leaves the machine otherwise.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk  # noqa: E402 - only with the optional extra

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, environment="production" if PRODUCTION else "development")

# Country lists (CountryField choices, forms, admin) show UN short names ("Türkiye", "Viet Nam") in the active UN
# language and in UN order (see codes_in_un_order for why every code is "first"). The module reads a small data file
# and loads no Django app, so it is safe to use before the apps.
from rendezvous.core.countries import codes_in_un_order, django_countries_override  # noqa: E402

COUNTRIES_OVERRIDE = django_countries_override()
COUNTRIES_FIRST = codes_in_un_order()
COUNTRIES_FIRST_BY_LANGUAGE = {code: codes_in_un_order(code) for code, _name in LANGUAGES}

# Uploaded files (presentation materials, nomination letters) in an S3-compatible bucket when one is named, through
# django-storages; credentials come from boto3's usual AWS_* variables. See docs/storage.md.
S3_BUCKET = os.environ.get("S3_BUCKET") or os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            # Private objects: every download goes through the site's access checks, never a public bucket URL.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Upper size limits of presentation materials by kind, in bytes (defaults: slides 50 MB, paper 20 MB, video 500 MB).
MATERIAL_MAX_BYTES = {
    kind: int(os.environ[f"MATERIAL_MAX_BYTES_{kind.upper()}"])
    for kind in ("slides", "paper", "video")
    if os.environ.get(f"MATERIAL_MAX_BYTES_{kind.upper()}")
}

# Organisers get no admin permission: the admin is for superusers (core/admin_site.py), organisers use the organiser
# pages.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

# How many reverse proxies (load balancer, nginx) stand in front of the web processes: the per-IP sign-in limit then
# reads the client's address from X-Forwarded-For instead of the proxy's (core.services.client_ip).
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))

# Open-route applications that arrive together share one seat-lock transaction (registration/services/burst.py).
REGISTRATION_GROUP_COMMIT = env_bool("REGISTRATION_GROUP_COMMIT", True)

# Rate limits of public actions, counted atomically in the database (core.ratelimit): {scope: (how many, per seconds)}.
# 0 switches a limit off. Sign-in keeps its own limits (core.services: 5 per address, 20 per IP in 15 minutes). The
# registration limit counts per client IP (TRUSTED_PROXY_HOPS applies); the registration benchmark, which sends
# thousands of applications from 127.0.0.1, raises it through RATE_LIMIT_REGISTRATION_PER_IP.
# Webhook endpoints: https only outside development, and never private or loopback addresses in production (the
# test suite allows the loopback for its own receiver).
WEBHOOKS_REQUIRE_HTTPS = env_bool("WEBHOOKS_REQUIRE_HTTPS", PRODUCTION)
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", not PRODUCTION)

RATE_LIMITS = {
    "registration": (int(os.environ.get("RATE_LIMIT_REGISTRATION_PER_IP", "100")), 600),
    "amendment": (int(os.environ.get("RATE_LIMIT_AMENDMENTS_PER_PERSON", "30")), 3600),
    "hub_application": (int(os.environ.get("RATE_LIMIT_HUB_APPLICATIONS_PER_PERSON", "20")), 3600),
    "hub_contact_sender": (int(os.environ.get("RATE_LIMIT_HUB_CONTACTS_PER_SENDER", "20")), 3600),
    "hub_contact_recipient": (int(os.environ.get("RATE_LIMIT_HUB_CONTACTS_PER_RECIPIENT", "50")), 3600),
    # The public verification page of certificates and visa letters: enough for a consulate, too few to guess.
    "document_verification": (int(os.environ.get("RATE_LIMIT_DOCUMENT_VERIFICATIONS_PER_IP", "30")), 600),
}

# Passport details of visa letter requests are encrypted with these Fernet keys, newest first (docs/operations.md,
# "Rotating the passport encryption key"). Required in production; development derives one from SECRET_KEY.
PASSPORT_ENCRYPTION_KEYS = env_list("PASSPORT_ENCRYPTION_KEYS", "")
# Downloading one's own data needs a sign-in at most this many minutes old.
PERSONAL_DATA_FRESH_SIGN_IN_MINUTES = int(os.environ.get("PERSONAL_DATA_FRESH_SIGN_IN_MINUTES", "15"))
