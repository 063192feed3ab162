"""Django settings for Veilignet.

Everything that differs between machines comes from the environment (see README).
The defaults are safe for development only; `manage.py check --deploy` rejects them.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
# Development default; the deploy check in accounts.checks refuses it in production.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-secret-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# A documented second factor for the synthetic demo accounts; never in production.
DEMO_OTP_TOKEN = env.str("DEMO_OTP_TOKEN", default="123456" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "veilignet.core",
    "veilignet.regions",
    "veilignet.accounts",
    "veilignet.people",
    "veilignet.audit",
    "veilignet.cases",
    "veilignet.reports",
    "veilignet.api",
    "veilignet.governance",
    "veilignet.mda",
    "veilignet.acute",
    "veilignet.privacy",
    "veilignet.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "veilignet.core.middleware.SessionRenewalMiddleware",
    "veilignet.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "veilignet.accounts.middleware.DeviceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "veilignet.core.access.AccessPolicyMiddleware",
    # AxesMiddleware should be the last middleware in the list.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "veilignet.urls"
WSGI_APPLICATION = "veilignet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "veilignet.core.context_processors.navigation",
            ],
            # Replace Django's {% url %} and |date in every template and {% translate %}
            # of its i18n library (same syntax and output; see their modules).
            "builtins": ["veilignet.core.templatetags.urls", "veilignet.core.templatetags.dates"],
            "libraries": {"i18n": "veilignet.core.templatetags.translations"},
        },
    },
]
FORM_RENDERER = "veilignet.core.forms.UtrechtFormRenderer"
# "i18n" names our module on purpose (TEMPLATES above): the check warns of any second
# module under a library's name.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# SQLite (WAL) is the embedded default; PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{REPO_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # A thread's first request on a new connection takes 7-10 ms longer (a new server
    # process loads its catalogue caches; docs/benchmarks.md): keep them ten minutes.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
    # JIT compilation costs 100-150 ms per monitoring query and never pays back for
    # the app's short queries (docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Plain queries for `.iterator()` (form choice lists use it): a server-side cursor
    # costs DECLARE, FETCH and CLOSE round trips, and no list here needs streaming.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # Parameters bound by the server, and each statement prepared once it has run five
    # times on a connection: PostgreSQL then plans a page's short queries once per
    # connection, not on every request (planning was most of their time;
    # docs/benchmarks.md, "Prepared statements").
    DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Compile every core.compiled.CompiledQuery call again and compare (the test suite
# turns it on: a query whose SQL depends on more than its parameters fails the tests).
COMPILED_QUERY_CHECK = env.bool("COMPILED_QUERY_CHECK", default=False)

# One cache shared by every app server process (the API rate limit counts per
# organisation across all of them): a table in the database by default, created by the
# migration core 0001; `CACHE_URL=redis://host:6379/0` (needs the `redis` package) for Redis.
CACHES = {
    "default": env.cache("CACHE_URL", default="dbcache://veilignet_cache"),
    # This process's own memory, for what may differ between processes for a while
    # (rendered fragments that are the same for many users): no query to read it.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "veilignet.accounts.backends.UserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after 30 minutes without activity (renewed by SessionRenewalMiddleware
# at most once a minute).
SESSION_ENGINE = "veilignet.accounts.sessions"
SESSION_COOKIE_AGE = 30 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy (django-csp): only this origin's scripts, styles and images; no
# inline scripts or styles anywhere (tests/core/test_hardening.py checks the templates).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Failed-login throttling (django-axes): lock a username+IP after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Veilignet"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="veilignet@localhost")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
WHITENOISE_AUTOREFRESH = DEBUG
STATIC_ROOT = env.path("STATIC_ROOT", default=REPO_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    # Per organisation token (api.throttling); bursts beyond the rate get 429.
    "DEFAULT_THROTTLE_RATES": {"organisation": env.str("API_RATE", default="120/minute")},
}
SPECTACULAR_SETTINGS = {"TITLE": "Veilignet API", "VERSION": "1.0.0"}

# Personal data never goes to logs: log records carry ids and event names only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Veilignet's own settings.
VEILIGNET_PAGE_SIZE = 25
VEILIGNET_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
VEILIGNET_FOLLOW_UP_MONTHS = env.list("FOLLOW_UP_MONTHS", cast=int, default=[3, 12, 24])
# The monitoring tables (aggregates only) are computed at most this often per selection.
VEILIGNET_MONITORING_CACHE_SECONDS = env.int("MONITORING_CACHE_SECONDS", default=600)
# Computing them, this many database connections run queries at once (PostgreSQL only;
# see monitoring/parallel.py): about the database server's cores left for the rest.
VEILIGNET_MONITORING_CONNECTIONS = env.int("MONITORING_CONNECTIONS", default=2)

# Privacy (docs/security.md). Emergency access ("break the glass") lasts this long and
# needs a reason of at least this many characters.
VEILIGNET_EMERGENCY_ACCESS_HOURS = env.int("EMERGENCY_ACCESS_HOURS", default=4)
VEILIGNET_EMERGENCY_REASON_MIN_LENGTH = 20
# Retention in years per record type, counted from closure (reports, advice requests,
# cases), from the last reference to the person (persons) or from the entry (audit).
VEILIGNET_RETENTION_YEARS = {
    "report": env.int("RETENTION_REPORT_YEARS", default=20),
    "advice_request": env.int("RETENTION_ADVICE_REQUEST_YEARS", default=5),
    "case": env.int("RETENTION_CASE_YEARS", default=20),
    "person": env.int("RETENTION_PERSON_YEARS", default=20),
    "audit_entry": env.int("RETENTION_AUDIT_YEARS", default=5),
}
