from django.utils import timezone

from .models import SourceChange
from .states import fingerprint


def record_source_change(sender, instance, **kwargs) -> None:
    """On publish, note the time if the page's translatable text changed."""
    digest = fingerprint(instance)
    change = SourceChange.objects.filter(page_id=instance.pk).first()
    if change is None:
        SourceChange.objects.create(
            page_id=instance.pk,
            translation_key=instance.translation_key,
            fingerprint=digest,
            changed_at=timezone.now(),
        )
    elif change.fingerprint != digest:
        change.fingerprint, change.changed_at = digest, timezone.now()
        change.save(update_fields=["fingerprint", "changed_at"])
