"""Django settings for SETA.

One settings module, configured by environment variables so that the demo (SQLite), the tests
(SQLite or PostgreSQL) and production run the same code:

- ``DATABASE_URL``: the database (default: the embedded SQLite file ``var/seta.sqlite3``).
- ``SETA_DEBUG``: ``1`` for development; off by default.
- ``SETA_SECRET_KEY``: required in production (``SETA_DEBUG`` off and not the demo).
- ``SETA_ALLOWED_HOSTS``: comma-separated host names.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url

# Static files are served from the finders in the demo; a missing STATIC_ROOT is expected there.
warnings.filterwarnings("ignore", message="No directory at")

SRC_DIR = Path(__file__).resolve().parent.parent  # src/seta
BASE_DIR = SRC_DIR.parent.parent  # repository root
VAR_DIR = Path(os.environ.get("SETA_VAR_DIR", BASE_DIR / "var"))

DEBUG = os.environ.get("SETA_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("SETA_SECRET_KEY", "seta-insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = [
    h for h in os.environ.get("SETA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
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
    "seta.scan",
    "seta.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: strips the body of every HEAD response after all others ran.
    "seta.api.middleware.HeadWithoutBodyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "seta.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "seta.api.middleware.ApiVersionMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

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

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "seta.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["seta.api.renderers.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "djangorestframework_camel_case.parser.CamelCaseJSONParser",
        "djangorestframework_camel_case.parser.CamelCaseFormParser",
        "djangorestframework_camel_case.parser.CamelCaseMultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "seta.api.pagination.Paginering",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "seta.api.exceptions.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_VERSIONING_CLASS": None,
}

API_VERSION = "1.0.0"

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
    "ENUM_NAME_OVERRIDES": {},
    "DISABLE_ERRORS_AND_WARNINGS": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SETA_LOG_LEVEL", "WARNING")},
}

# Demo: the demo sets the password "demo" for every demo user; production never does.
SETA_DEMO = os.environ.get("SETA_DEMO", "0") == "1"
