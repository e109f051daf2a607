"""Django settings for SETA.

One settings module, configured by environment variables so that the demo (SQLite), the tests
(SQLite or PostgreSQL) and production run the same code:

- ``DATABASE_URL``: the database (default: the embedded SQLite file ``var/seta.sqlite3``).
- ``SETA_DEBUG``: ``1`` for development; off by default.
- ``SETA_SECRET_KEY``: required in production (``SETA_DEBUG`` off and not the demo): with ``SETA_DEBUG=0``
  and no key, nothing starts; with ``SETA_DEBUG`` unset and no key, ``seta serve`` and the WSGI
  application refuse to start (``seta.config.checks``).
- ``SETA_ALLOWED_HOSTS``: comma-separated host names.
- Production (DEBUG off, not the demo, a real key) turns on HTTPS-only: HSTS, secure cookies, the redirect
  to HTTPS; ``SETA_PROXY_SSL_HEADER`` tells Django which proxy header says a request came in over HTTPS.
  The full list is in README.md ("Configuration").
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Static files are served from the finders in the demo; a missing STATIC_ROOT is expected there.
warnings.filterwarnings("ignore", message="No directory at")

SRC_DIR = Path(__file__).resolve().parent.parent  # src/seta
BASE_DIR = SRC_DIR.parent.parent  # repository root
VAR_DIR = Path(os.environ.get("SETA_VAR_DIR", BASE_DIR / "var"))


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


DEBUG = os.environ.get("SETA_DEBUG", "0") == "1"
# Demo: the demo sets the password "demo" for every demo user; production never does.
SETA_DEMO = os.environ.get("SETA_DEMO", "0") == "1"
DEVELOPMENT_SECRET_KEY = "seta-insecure-development-key-change-me-in-production"
SECRET_KEY = os.environ.get("SETA_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if os.environ.get("SETA_DEBUG") == "0" and not SETA_DEMO and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SETA_DEBUG=0 (productie) maar SETA_SECRET_KEY is niet gezet: SETA weigert te starten met de "
        "ingebouwde ontwikkelsleutel. Zet SETA_SECRET_KEY op een lange willekeurige waarde, bijvoorbeeld "
        "de uitvoer van: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
# Production: HTTPS only. Not in development, the demo or the tests (which run on the development key).
PRODUCTION = not DEBUG and not SETA_DEMO and SECRET_KEY != DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = [
    h for h in os.environ.get("SETA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SETA_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    # SETA, in dependency order
    "seta.core",
    "seta.api",
    "seta.web",
    "seta.gemeenten",
    "seta.samenwerkingsverbanden",
    "seta.organisatie",
    "seta.catalogus",
    "seta.autorisaties",
    "seta.opdrachten",
    "seta.uren",
    "seta.financien",
    "seta.dienstverlening",
    "seta.nacalculatie",
    "seta.signalen",
    "seta.planning",
    "seta.rapportage",
    "seta.harmonisatie",
    "seta.scan",
    "seta.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: strips the body of every HEAD response after all others ran.
    "seta.api.middleware.HeadWithoutBodyMiddleware",
    "seta.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "seta.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "seta.web.actions.SetaErrorMiddleware",
    "seta.api.middleware.ApiVersionMiddleware",
    "seta.api.middleware.RefuseNulInQueryMiddleware",
]

ROOT_URLCONF = "seta.config.urls"
WSGI_APPLICATION = "seta.config.wsgi.application"

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
                "seta.web.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'seta.sqlite3'}"),
        conn_max_age=int(os.environ.get("SETA_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every password a person sets (createsuperuser, the admin's user forms) is validated; the demo sets
# its documented password "demo" directly, for demo users only.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("SETA_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lockout (seta/autorisaties/inloggen.py): failures per user name and per client address within
# the window, after which attempts are refused until the window has passed.
AUTHENTICATION_BACKENDS = ["seta.autorisaties.inloggen.ThrottledModelBackend"]
SETA_LOGIN_MAX_PER_GEBRUIKER = int(os.environ.get("SETA_LOGIN_MAX_PER_GEBRUIKER", "5"))
SETA_LOGIN_MAX_PER_ADRES = int(os.environ.get("SETA_LOGIN_MAX_PER_ADRES", "20"))
SETA_LOGIN_VENSTER = int(os.environ.get("SETA_LOGIN_VENSTER", "900"))  # seconds
# Reverse proxies in front of SETA that set X-Forwarded-For (0: use REMOTE_ADDR).
SETA_TRUSTED_PROXIES = int(os.environ.get("SETA_TRUSTED_PROXIES", "0"))

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "web" / "assets"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS in production. Behind a TLS-terminating proxy, SETA_PROXY_SSL_HEADER names the header the proxy
# sets, as "X-Forwarded-Proto" (value https) or "X-Forwarded-Proto=https"; only set it when the proxy
# always sets or overwrites that header (a client could send it otherwise).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and _flag("SETA_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SETA_HSTS_SECONDS", "31536000")) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SETA_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("SETA_HSTS_PRELOAD", False)
if _proxy_header := os.environ.get("SETA_PROXY_SSL_HEADER", "").strip():
    _name, _, _value = _proxy_header.partition("=")
    _meta = _name.strip().upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (
        _meta if _meta.startswith("HTTP_") else f"HTTP_{_meta}",
        _value.strip() or "https",
    )
# Asking browsers to preload HSTS for the domain is the operator's decision, not a default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content-Security-Policy and Permissions-Policy on every response (seta/web/security.py). No inline
# scripts or styles anywhere: htmx's indicator styles are off (meta tag in base.html); the Utrecht CSS
# uses data: images.
SETA_CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
SETA_PERMISSIONS_POLICY = dict.fromkeys(
    ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"),
    "()",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "seta.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["seta.api.renderers.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "seta.api.parsers.CamelCaseJSONParser",
        "seta.api.parsers.CamelCaseFormParser",
        "seta.api.parsers.CamelCaseMultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "seta.api.pagination.Paginering",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "seta.api.exceptions.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Rates from SETA_API_RATES (seta/api/throttling.py); the tests switch them off (tests/conftest.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "seta.api.throttling.AnoniemeLimiet",
        "seta.api.throttling.GebruikerLimiet",
    ],
    "NUM_PROXIES": SETA_TRUSTED_PROXIES,
    "DEFAULT_VERSIONING_CLASS": None,
}

API_VERSION = "1.0.0"
# Requests per client address (anonymous) and per user; "" switches a limit off.
SETA_API_RATES = {
    "anon": os.environ.get("SETA_API_RATE_ANON", "60/minute"),
    "user": os.environ.get("SETA_API_RATE_USER", "1200/minute"),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "SETA API",
    "DESCRIPTION": (
        "API van SETA (Samen en Toch Apart): bestuursopdrachten, samenwerkingsverbanden, "
        "werkorganisatie, catalogus, uren, verdeelmodellen en de samenwerkingsscan. "
        "Volgt de NL API Design Rules."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    # Paths are relative to the server URL, which carries the major version (ADR /core/uri-version).
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "seta.api.schema.add_problem_responses",
    ],
    "CONTACT": {
        "name": "SETA maintainers",
        "url": "https://github.com/seta-gemeenten/seta",
        "email": "maintainers@users.noreply.r-seed-05f774a2.example",
    },
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVERS": [{"url": "/api/v1", "description": "SETA API, major version 1"}],
    # One name per choice set (without these, drf-spectacular warns in `check --deploy` and invents
    # hashed names like Soort05aEnum).
    "ENUM_NAME_OVERRIDES": {
        "ZaakbronEnum": "seta.dienstverlening.models.Zaakbron",
        "OverlegsoortEnum": "seta.opdrachten.models.Overlegsoort",
        "SoortwijzigingEnum": "seta.opdrachten.models.Soortwijziging",
        "RagEnum": "seta.opdrachten.models.Rag",
        "UrensoortEnum": "seta.uren.models.Soort",
        "WeekstatusEnum": "seta.uren.models.Weekstatus",
        "CatalogussoortEnum": "seta.catalogus.models.Soort",
        "EenheidsoortEnum": "seta.organisatie.models.Soort",
        "ScanstatusEnum": "seta.scan.models.Scanstatus",
        # Modelstatus and Afrekeningstatus are the same set (concept, vastgesteld).
        "VaststellingstatusEnum": "seta.financien.models.Modelstatus",
        "MutatiesoortEnum": "seta.financien.models.Mutatiesoort",
        "BestuursorgaanEnum": "seta.samenwerkingsverbanden.models.Bestuursorgaan",
        "ZetelorgaanEnum": "seta.samenwerkingsverbanden.models.Zetelorgaan",
        "SignaalsoortEnum": "seta.signalen.models.Signaalsoort",
        "SignaaldoelgroepEnum": "seta.signalen.models.Doelgroep",
        "NormsoortEnum": "seta.dienstverlening.models.Normsoort",
        "EscalatieniveauEnum": "seta.dienstverlening.models.Escalatieniveau",
        "DvostatusEnum": "seta.dienstverlening.models.Dvostatus",
        "PlanningsgrondslagEnum": "seta.planning.models.Grondslag",
        "VerdeelgrondslagEnum": "seta.financien.models.Grondslag",
        "AfwezigheidsoortEnum": "seta.planning.models.Afwezigheidsoort",
        "PlanrunstatusEnum": "seta.planning.models.Runstatus",
        "PlanningsregelsstatusEnum": "seta.planning.models.STATUS_CHOICES",
        "MeetperiodeEnum": "seta.planning.models.Meetperiode",
        "RaadsrapportagestatusEnum": "seta.rapportage.models.STATUS_CHOICES",
        "RapportagecyclusritmeEnum": "seta.rapportage.models.Ritme",
        "RitmeEnum": "seta.financien.models.Ritme",
    },
    "DISABLE_ERRORS_AND_WARNINGS": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SETA_LOG_LEVEL", "WARNING")},
}

# Files in: the largest file accepted per kind of import, in bytes (``SETA_IMPORT_MAX_BYTES_UREN`` …
# overrides one), and the limits of an XLSX unpacked (a zip bomb is refused before openpyxl reads it).
# See seta.core.files and docs/decisions/0025-bestanden-in-en-uit.md.
SETA_IMPORT_MAX_BYTES = {
    kind: int(os.environ.get(f"SETA_IMPORT_MAX_BYTES_{kind.upper()}", default))
    for kind, default in {
        "uren": 10 * 1024 * 1024,
        "gemeenten": 2 * 1024 * 1024,
        "scan": 1024 * 1024,
        "casussen": 5 * 1024 * 1024,
        "verdeling": 5 * 1024 * 1024,
    }.items()
}
SETA_XLSX_MAX_UNPACKED_BYTES = int(os.environ.get("SETA_XLSX_MAX_UNPACKED_BYTES", 50 * 1024 * 1024))
SETA_XLSX_MAX_RATIO = int(os.environ.get("SETA_XLSX_MAX_RATIO", 200))

# E-mail (subscriptions to council reports, ADR 0046): Django's backends. The console backend by default (the demo
# and development print the message); production sets ``SETA_EMAIL_BACKEND`` to the SMTP backend and the
# ``SETA_EMAIL_*`` variables. The tests use Django's in-memory backend (``django.core.mail.outbox``).
EMAIL_BACKEND = os.environ.get("SETA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("SETA_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SETA_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SETA_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SETA_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("SETA_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("SETA_EMAIL_FROM", "SETA <noreply@seta.invalid>")
# The address of the site as a subscriber's e-mail links to it (no trailing slash).
SETA_BASIS_URL = os.environ.get("SETA_BASIS_URL", "http://127.0.0.1:8000").rstrip("/")
