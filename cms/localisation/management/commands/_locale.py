"""What both PO commands accept as --locale."""

from django.core.management.base import CommandError
from wagtail.models import Locale

from cms.languages import BY_CODE, SOURCE


def target_locale(code: str) -> str:
    if code == SOURCE:
        raise CommandError(f"{code!r} is the source language: there is nothing to translate")
    if code not in BY_CODE or not Locale.objects.filter(language_code=code).exists():
        targets = ", ".join(c for c in BY_CODE if c != SOURCE)
        raise CommandError(f"unknown locale {code!r}; choose one of {targets}")
    return code
