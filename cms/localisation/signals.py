from django.utils import timezone

from . import changes, notifications
from .models import SourceChange
from .states import fingerprint


def record_source_change(sender, instance, **kwargs) -> None:
    """On publish, note the time if the page's translatable text changed; for a source page,
    keep the new text's segments and tell the translators of its translations."""
    digest = fingerprint(instance)
    change = SourceChange.objects.filter(page_id=instance.pk).first()
    text_changed = False
    if change is None:
        change = SourceChange.objects.create(
            page_id=instance.pk,
            translation_key=instance.translation_key,
            fingerprint=digest,
            changed_at=timezone.now(),
        )
    elif change.fingerprint != digest:
        change.fingerprint, change.changed_at = digest, timezone.now()
        change.save(update_fields=["fingerprint", "changed_at"])
        text_changed = True
    # Translations are published through the same signal; only sources have translators.
    if not changes.is_source(instance):
        return
    changes.record_snapshot(instance, digest, change.changed_at)
    if text_changed:
        notifications.notify(instance)
