"""Recording, at publish time, what a published translation contains that no person confirmed."""

from django.db.models import F
from django.utils import timezone
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.localisation.guards import current_choice, target_translation, untranslated

from .models import PublishedFlags


def machine_strings(translation: Translation):
    """The translation's machine-translated StringTranslations no person has confirmed yet."""
    segments = StringSegment.objects.filter(source=translation.source)
    return StringTranslation.objects.filter(
        locale=translation.target_locale,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of__in=segments.values("string"),
        context__in=segments.values("context"),
    )


def unconfirmed_machine(translation: Translation) -> int:
    """How many segments of the translation have unconfirmed machine text."""
    return (
        StringSegment.objects.filter(
            source=translation.source,
            string__translations__locale=translation.target_locale,
            string__translations__context_id=F("context_id"),
            string__translations__translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        )
        .distinct()
        .count()
    )


def record_published_facts(sender, instance, **kwargs) -> None:
    """On publish: note unconfirmed machine text and an approver's explicit choice, or clear
    the note when the page is now complete and confirmed."""
    from cms.api.conditional import bump

    translation = target_translation(instance)
    machine = unconfirmed_machine(translation) if translation else 0
    choice = current_choice(translation) if translation else None
    missing = untranslated(translation) if choice else 0
    if not machine and not missing:
        if PublishedFlags.objects.filter(page_id=instance.pk).delete()[0]:
            bump()
        return
    PublishedFlags.objects.update_or_create(
        page_id=instance.pk,
        defaults={
            "machine_unconfirmed": machine,
            "untranslated_segments": missing,
            "untranslated_role": choice.role if missing else "",
            "untranslated_at": choice.at if missing else None,
            "published_at": timezone.now(),
        },
    )
    bump()
