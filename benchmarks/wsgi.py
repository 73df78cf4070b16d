import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from cms.wsgi import application

__all__ = ["application"]
