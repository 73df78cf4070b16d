import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
UDSYN_TRANSLATION_EMAILS = True  # printed on the console by ./scripts/demo

# Development: publishing rebuilds build/site from this server's API (./scripts/demo sets the
# address when it starts the CMS on another port).
UDSYN_LOCAL_BUILD = {
    "api": os.environ.get("UDSYN_LOCAL_API", "http://127.0.0.1:8000/api/v2/"),
    "out": BASE_DIR / "build" / "site",
}
