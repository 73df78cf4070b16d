from django.conf import settings
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


class SourceSnapshot(models.Model):
    """The string segments of a source page's published text, one row per text change.

    A translation is compared with the snapshot it was last synced from, not only with the
    previous publish, so several changes made before a translator catches up add up."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="source_snapshots"
    )
    fingerprint = models.CharField(max_length=64)
    # [[path, string data], ...] in page order: a rich text field gives several segments
    # with one path, so a mapping by path alone would lose all but one.
    segments = models.JSONField(default=list)
    taken_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["page", "taken_at"], name="udsyn_snapshot_page_time")]
        ordering = ["page", "taken_at"]

    def __str__(self) -> str:
        return f"{self.page_id} text of {self.taken_at:%Y-%m-%d %H:%M}"


class TranslationNotice(models.Model):
    """Tells a translator that a page they translate changed since they last looked.

    One unread notice per translator, page and language: a further change updates it, so a
    busy page does not bury the translator in notices."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translation_notices"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_notices"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    changed = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "read_at"], name="udsyn_notice_user_read")]
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.page_id} ({self.locale_id})"

    @property
    def segments(self) -> int:
        return self.changed + self.added + self.removed
