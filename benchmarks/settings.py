"""Benchmark settings: production-like (DEBUG off), a throwaway SQLite database, and Wagtail's
stock pages endpoint mounted beside ours for the comparison."""

import os

from cms.settings.test import *  # noqa: F403

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["UDSYN_BENCH_DB"]}
}
ROOT_URLCONF = "benchmarks.urls"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": True}
