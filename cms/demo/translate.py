"""Translations through wagtail-localize's own machinery: a TranslationSource with its segments,
a Translation per target locale, StringTranslations for the segments, then ``save_target``.
Nothing here copies a page by hand, so the demo exercises the path translators use."""

import html
from dataclasses import dataclass

from django.utils.text import slugify
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue


@dataclass
class Outcome:
    translated: int
    missing: list[str]


# Readable ASCII slugs for Danish and German titles ("Umzug nach Herning" keeps its umlauts
# as digraphs instead of losing them, as slugify alone would).
_DIGRAPHS = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "Æ": "Ae",
        "Ø": "Oe",
        "Å": "Aa",
    }
)


def slug_for(title: str) -> str:
    return slugify(title.translate(_DIGRAPHS))


def _key(text: str) -> str:
    return " ".join(html.unescape(text).split())


def source_for(instance, refresh: bool = False) -> TranslationSource:
    if refresh:
        source, _ = TranslationSource.update_or_create_from_instance(instance)
    else:
        source, _ = TranslationSource.get_or_create_from_instance(instance)
    return source


def translate(
    instance,
    language: str,
    pairs: dict[str, str],
    *,
    slug: str | None = None,
    publish: bool = True,
    user=None,
    refresh: bool = False,
) -> Outcome:
    """Translate ``instance`` into ``language`` from (source text -> translated text) pairs.

    Segments with no pair stay untranslated; the target is then saved as a draft only when
    ``publish`` is False, because wagtail-localize would otherwise fill the gaps with Danish."""
    source = source_for(instance, refresh=refresh)
    locale = Locale.objects.get(language_code=language)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    table = {_key(src): dst for src, dst in pairs.items()}
    title = table.get(_key(getattr(instance, "title", "") or ""))
    done, missing = 0, []
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        if segment.context.path == "slug":
            value = slug or (slug_for(title) if title else None)
        else:
            value = table.get(_key(segment.string.data))
        if value is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                # A rich-text segment with inline links comes as HTML already.
                "data": value if '<a id="a' in value else StringValue.from_plaintext(value).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
        done += 1
    if missing and publish:
        raise ValueError(
            f"{instance}: {len(missing)} segment(s) have no {language} text, e.g. {missing[0]!r}"
        )
    translation.save_target(user=user, publish=publish)
    return Outcome(done, missing)
