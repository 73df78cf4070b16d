from django.db import models


class PageDocument(models.Model):
    """The public API representation of a live page, built when it is published.

    Serialising a StreamField page costs milliseconds; a listing of a hundred pages would pay it a
    hundred times on every request. Building the document once, on publish, turns a listing
    into one indexed read. Visibility is still decided per request from the page tree (live,
    public), so a document never makes a restricted or unpublished page visible."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="api_document"
    )
    locale_code = models.CharField(max_length=20)
    translation_key = models.UUIDField(db_index=True)
    last_published_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(db_index=True)
    # The page's own expiry as published, so that publishing it again can tell that it (and so
    # everything below it) had left the public API and must be listed as changed.
    expire_at = models.DateTimeField(null=True)
    site_path = models.TextField()
    # ",3,8," - the contacts the page embeds, so a contact change refreshes only those pages.
    contact_refs = models.TextField(blank=True, default="")
    # JSON as text, not JSONField: PostgreSQL's jsonb would reorder the keys, and clients (and
    # docs/api.md) should see one order whatever the database.
    document = models.TextField()

    def __str__(self) -> str:
        return f"API document of page {self.page_id}"


class PageRemoval(models.Model):
    """A page that left the public API, so incremental builds can remove it too: unpublished,
    expired (by ``publish_scheduled``), deleted, put behind a view restriction or moved where
    the public cannot see it, itself or a page above it (the reason is that page's).
    Expiry before the command runs is not recorded: the feed works it out (removals.py)."""

    page_id = models.BigIntegerField(db_index=True)
    locale_code = models.CharField(max_length=20)
    translation_key = models.UUIDField()
    reason = models.CharField(max_length=20)
    removed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["removed_at", "id"]

    def __str__(self) -> str:
        return f"page {self.page_id} {self.reason} at {self.removed_at:%Y-%m-%d %H:%M}"


class ContentVersion(models.Model):
    """A counter bumped whenever anything the public API shows changes: the validator behind
    ETag and Last-Modified, read with one primary-key query per request."""

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"content version {self.number}"
