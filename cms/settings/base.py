"""Settings shared by every environment. dev/test/production override what differs."""

import os
from pathlib import Path

import dj_database_url

from cms.languages import LANGUAGES as UDSYN_LANGUAGES
from cms.languages import SOURCE
from cms.review.machine import machine_translator_setting

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("UDSYN_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    # Udsyn: one app per content family
    "cms.localisation",
    "cms.review",
    "cms.contacts",
    "cms.images",
    "cms.home",
    "cms.sections",
    "cms.information",
    "cms.letters",
    "cms.strategy",
    "cms.roles",
    "cms.demo",
    "cms.builds",
    "cms.api",
    "cms.scheduling",
    # Wagtail and wagtail-localize
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Too many query parameters: a 400 in every setting (DEBUG's error page fails on them).
    "cms.api.errors.QueryStringMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A failing machine translator or a refused publish: a message, not a server error page.
    "cms.review.middleware.ReviewErrorsMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (PostgreSQL in production) overrides it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'udsyn.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Danish is the source and default language.
LANGUAGE_CODE = SOURCE
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LANGUAGES = [(lang.code, lang.name) for lang in UDSYN_LANGUAGES]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Starting a translation must never publish a copy of the Danish page.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation (cms/review/machine.py): off unless UDSYN_MACHINE_TRANSLATOR names
# libretranslate (UDSYN_LIBRETRANSLATE_URL, UDSYN_LIBRETRANSLATE_API_KEY), deepl
# (UDSYN_DEEPL_AUTH_KEY) or google (UDSYN_GOOGLE_PROJECT_ID, UDSYN_GOOGLE_CREDENTIALS_PATH).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(os.environ)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

WAGTAIL_SITE_NAME = "Udsyn"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]

# The public API: rich text is resolved HTML, listings can be pulled in large pages.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 200
WAGTAILAPI_SEARCH_ENABLED = False
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"udsyn": {"handlers": ["console"], "level": "INFO"}},
}

# Background work runs through django-tasks on its database backend: a task is a row in the
# database, run by `manage.py db_worker` (./scripts/demo starts one; in production, one or more
# worker processes next to the web server). Wagtail's own tasks (reference index, image focal
# points, deleting files) go there too. cms/scheduling keeps the periodic ones going.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Periodic tasks (cms/scheduling/periodic.py): task -> seconds from one run to the next.
UDSYN_PERIODIC_TASKS = {
    "cms.scheduling.tasks.publish_scheduled_pages": 60,
    "cms.scheduling.tasks.prune_task_results": 24 * 3600,
}

# Publishing triggers a site build (cms/builds): a build hook in production, the local build
# CLI in development, neither by default. A burst of publishes within the debounce window
# makes one build.
UDSYN_BUILD_HOOK_URL = os.environ.get("UDSYN_BUILD_HOOK_URL", "")
UDSYN_LOCAL_BUILD: dict | None = None
UDSYN_BUILD_DEBOUNCE_SECONDS = float(os.environ.get("UDSYN_BUILD_DEBOUNCE_SECONDS", "5"))

# Translators get an e-mail when a page they translate changes (cms/localisation/notifications.py);
# the notice on their dashboard is always there.
UDSYN_TRANSLATION_EMAILS = os.environ.get("UDSYN_TRANSLATION_EMAILS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "udsyn@localhost")
# Bulk PO uploads larger than this are refused before they are parsed (cms/localisation/po).
UDSYN_PO_MAX_BYTES = int(os.environ.get("UDSYN_PO_MAX_BYTES", 5 * 1024 * 1024))
