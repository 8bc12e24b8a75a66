"""Settings for the coordination registry, read from the environment (django-environ).

Every variable is documented in README.md under "Configuration". With no environment at all
the app runs for development: DEBUG on and an SQLite file next to manage.py.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is optional; real deployments set the environment directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, for the renderer below
    "bootstrap",  # Bootstrap 5 CSS and JS as static files (django-bootstrap-static): no CDN
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",  # lock-out after repeated failed logins
    "django_otp",  # two-step login with a time-based one-time password
    "django_otp.plugins.otp_totp",
    # The project package: settings, root URLs, middleware and the page shell.
    "coordination",
    # Bottom layer: helpers every app may use (text folding, Vietnamese numbers and dates,
    # the write helpers, list pages).
    "common",
    # The registry's records: agreements (places, bodies, people, agreements, conferences,
    # figures), then commendations, which refer to them.
    "agreements",
    "awards",
    # Features built on the records.
    "accounts",
    "browse",
    "entry",
    "dashboard",
    "exchange",
    "reports",
    "pressimport",
    # Development tools: demo data, national-scale generator, benchmarks.
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coordination.middleware.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: both log out with a message or send the user to the two-step page.
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the login page with a message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coordination.urls"
# Widgets are rendered with the project's templates first, then Django's: templates/django/
# forms/widgets/select.html writes a select's options without a template per option.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "coordination.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "coordination.context_processors.access",
            ],
        },
    },
]

# SQLite file by default; DATABASE_URL=postgres://user@host:5432/name for PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Opening a connection costs several ms per request: keep them for a while.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The pages' queries are index lookups on data that fits in memory: plan them as on
    # solid-state storage (PostgreSQL's default random_page_cost assumes spinning disks and
    # chose scans of whole tables), and no JIT compilation, which costs more than such a
    # query takes (docs/performance.md). PG_OPTIONS overrides these for a tuned server.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env.str(
        "PG_OPTIONS", default="-c random_page_cost=1.1 -c jit=off -c max_parallel_workers_per_gather=0"
    )

# The cache holds what is worth keeping between requests (the dashboard's numbers, the filter
# bars' choices, common/generations.py). The default, a memory cache in each process, suits one
# process; with several (gunicorn workers, hosts) set CACHE_URL to a shared one, e.g.
# redis://127.0.0.1:6379/1, so that every process sees every write at once.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts (README "Accounts and security"). Passwords set through a form or createsuperuser:
# at least ten characters, not like the user's name, not a common password, not all digits.
# The demo accounts' "demo" is set directly by load_demo and is not checked.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The lock-out backend comes first: it refuses a locked-out username and address before the
# password is even checked.
AUTHENTICATION_BACKENDS = [
    "accounts.services.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: LOGIN_FAILURE_LIMIT failed logins for one username from one address lock that
# pair out for LOGIN_LOCKOUT_MINUTES; a successful login clears the count. Administrators
# unlock early by deleting the access attempt in Django admin (or `manage.py axes_reset`).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.services.client_ip"
# Behind a reverse proxy every request comes from the proxy's address; with this on, the
# client's address is the last one the proxy appended to X-Forwarded-For. Off by default,
# because a client talking to gunicorn directly could then pick its own address.
USE_X_FORWARDED_FOR = env.bool("USE_X_FORWARDED_FOR", default=False)

# A session ends after SESSION_IDLE_SECONDS without a request and in any case
# SESSION_MAX_SECONDS after the login (coordination.middleware.SessionLimitsMiddleware).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_MAX_SECONDS = env.int("SESSION_MAX_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS

# Two-step login (django-otp, TOTP): anyone may turn it on; superusers must. TWO_STEP_LOGIN
# off skips the second step everywhere: the test suite's default (tests/conftest.py), so that
# tests of other features log any user in directly; it is not read from the environment.
TWO_STEP_LOGIN = True
OTP_REQUIRED_FOR_SUPERUSERS = True
OTP_TOTP_ISSUER = "Coordination registry"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's "vi" locale sets no input formats, so "12/9/2017" would be read month-first;
# coordination/formats/ puts dd/mm/yyyy first. Thousands are grouped explicitly with
# intcomma where a number is a count: a global separator would print years as "2.019".
FORMAT_MODULE_PATH = ["coordination.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
MAX_ATTACHMENT_BYTES = env.int("MAX_ATTACHMENT_BYTES", default=20 * 1024 * 1024)
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

# In development static files are served from the apps' folders as they change; in production
# from STATIC_ROOT after collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="registry@localhost")

# Production hardening; each can be relaxed from the environment (e.g. behind a proxy that
# terminates TLS and forwards X-Forwarded-Proto).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# The browsers' HSTS preload list is for public domains; an intranet host name cannot be on
# it, so the deploy check's reminder about it does not apply (set SECURE_HSTS_PRELOAD on a
# public domain).
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content Security Policy (django-csp 4): everything comes from this server, nothing inline.
# Templates carry no inline script, style element or style attribute; the charts are SVG with
# presentation attributes; the two-step QR code is SVG drawn on the server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Password hashing: Django's default (PBKDF2). Tests switch to MD5 in tests/conftest.py.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
