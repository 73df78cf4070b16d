from django.db import models


class SourceChange(models.Model):
    """When a source page's translatable text last changed, as published.

    Republishing a page without touching its text does not make translations outdated; only a
    change to what translators see (the fingerprint of its segments) does."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="source_change"
    )
    translation_key = models.UUIDField(db_index=True)
    fingerprint = models.CharField(max_length=64)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.page_id} changed {self.changed_at:%Y-%m-%d %H:%M}"
