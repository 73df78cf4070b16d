"""Machine translation: which of wagtail-localize's own translators to use, from the environment.

Off by default: with no ``UDSYN_MACHINE_TRANSLATOR`` there is no setting, so wagtail-localize's
editor shows no machine translation button. This module is read by the settings, so it imports
nothing from Django's models."""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

TRANSLATORS = {
    "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
    "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
    "google": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
}

# For each translator: (environment variable, option name, required).
OPTIONS = {
    "libretranslate": [
        ("UDSYN_LIBRETRANSLATE_URL", "LIBRETRANSLATE_URL", True),
        ("UDSYN_LIBRETRANSLATE_API_KEY", "API_KEY", False),
    ],
    "deepl": [
        ("UDSYN_DEEPL_AUTH_KEY", "AUTH_KEY", True),
        ("UDSYN_DEEPL_FORMALITY", "FORMALITY", False),
    ],
    "google": [
        ("UDSYN_GOOGLE_PROJECT_ID", "PROJECT_ID", True),
        ("UDSYN_GOOGLE_CREDENTIALS_PATH", "CREDENTIALS_PATH", False),
        ("UDSYN_GOOGLE_LOCATION", "LOCATION", False),
    ],
}


def machine_translator_setting(environ: Mapping[str, str]) -> dict | None:
    """``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` from ``environ``, or None (the default: off).

    A misspelt translator name or a missing URL or key fails at start-up rather than on the
    first click of the button."""
    name = environ.get("UDSYN_MACHINE_TRANSLATOR", "").strip().lower()
    if not name:
        return None
    if name not in TRANSLATORS:
        raise ImproperlyConfigured(
            f"UDSYN_MACHINE_TRANSLATOR={name!r}: use one of {', '.join(sorted(TRANSLATORS))}"
        )
    options: dict[str, object] = {}
    for variable, option, required in OPTIONS[name]:
        value = environ.get(variable, "").strip()
        if required and not value:
            raise ImproperlyConfigured(f"UDSYN_MACHINE_TRANSLATOR={name} needs {variable}")
        if value or option == "API_KEY":  # LibreTranslator always sends api_key
            options[option] = value.rstrip("/") if option == "LIBRETRANSLATE_URL" else value
    if timeout := environ.get("UDSYN_MACHINE_TRANSLATOR_TIMEOUT", "").strip():
        options["TIMEOUT"] = int(timeout)
    return {"CLASS": TRANSLATORS[name], "OPTIONS": options}
