"""Django settings, read from the environment.

DATABASE_URL  SQLite by default (``db.sqlite3`` beside the project); a
              ``postgresql://`` URL for production and CI.
SECRET_KEY    required when DEBUG is off.
DEBUG         "1" to enable debug pages (the demo sets it).
OPENCOMP_MEDIA_ROOT
              where uploaded claim documents are stored (default ``var/media``
              beside the project).
OPENCOMP_DOCUMENT_MAX_BYTES
              the largest document accepted, in bytes (default 20 MB).
OPENCOMP_BANK_ORIGINATOR_AU / OPENCOMP_BANK_ORIGINATOR_US
              JSON objects naming the originator of bank payment files (see
              docs/financial-reports.md); without them no bank file is written,
              except with OPENCOMP_DEV set, which uses labelled demo values.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DEBUG", "0") == "1"
_DEV_KEY = "opencomp-development-only-key-not-for-production-use-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_KEY if DEBUG or os.environ.get("OPENCOMP_DEV") else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development).")

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "opencomp.core",
    "opencomp.accounts",
    "opencomp.parties",
    "opencomp.intake",
    "opencomp.claims",
    "opencomp.consent",
    "opencomp.deadlines",
    "opencomp.treatment",
    "opencomp.rtw",
    "opencomp.physicians",
    "opencomp.benefits",
    "opencomp.payments",
    "opencomp.documents",
    "opencomp.workstatus",
    "opencomp.triage",
    "opencomp.osha",
    # Issue 7, item 5: injury management plans, RTW plans and work capacity decisions.
    "opencomp.plans",
    "opencomp.letters",
    "opencomp.disputes",
    "opencomp.complaints",
    "opencomp.finalisation",
    "opencomp.web",
    "opencomp.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "opencomp.web.middleware.JurisdictionTimeZoneMiddleware",
]

ROOT_URLCONF = "opencomp.urls"
WSGI_APPLICATION = "opencomp.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and os.environ.get("DB_PREPARED_STATEMENTS", "1") == "1"
):
    # Server-side parameters let psycopg prepare the statements a request repeats, which
    # halves PostgreSQL's CPU per intake (bench/intake.py). Set DB_PREPARED_STATEMENTS=0
    # behind a transaction-pooling PgBouncer that cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer rather than failing at once; take the write lock at BEGIN so
    # that read-then-write transactions cannot deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so tests that use several threads share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:work_queue"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded claim documents (opencomp.documents): stored under random names, never served
# directly, only through the access-checked views. Set OPENCOMP_MEDIA_ROOT in production.
MEDIA_ROOT = Path(os.environ.get("OPENCOMP_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
OPENCOMP_DOCUMENT_MAX_BYTES = int(os.environ.get("OPENCOMP_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "claims@opencomp.invalid")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "0") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def _json_env(name: str) -> dict[str, object] | None:
    value = os.environ.get(name, "").strip()
    return json.loads(value) if value else None


# Bank payment files (payments.payment_files): who the bank debits. The DEV values are for the demo and the
# tests only: they name no real organisation or account and are never used without OPENCOMP_DEV.
_DEV_BANK_ORIGINATOR_AU = {
    "bank": "DEV",
    "user_name": "DEV DEMO NOT A BANK",
    "user_id": "999999",
    "description": "DEV DEMO",
    "bsb": "999-001",
    "account": "12345678",
    "remitter": "OPENCOMP DEV",
}
_DEV_BANK_ORIGINATOR_US = {
    "destination_routing": "123456780",
    "destination_name": "DEV DEMO NOT A BANK",
    "origin_id": "1999999999",
    "origin_name": "OPENCOMP DEV DEMO",
    "company_name": "OPENCOMP DEV",
    "company_id": "1999999999",
    "entry_description": "WC BENEFIT",
    "odfi_routing": "123456780",
}
_DEV = bool(os.environ.get("OPENCOMP_DEV"))
OPENCOMP_BANK_ORIGINATOR_AU = _json_env("OPENCOMP_BANK_ORIGINATOR_AU") or (
    _DEV_BANK_ORIGINATOR_AU if _DEV else None
)
OPENCOMP_BANK_ORIGINATOR_US = _json_env("OPENCOMP_BANK_ORIGINATOR_US") or (
    _DEV_BANK_ORIGINATOR_US if _DEV else None
)
