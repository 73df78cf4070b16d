from django.db import models


class PublishedFlags(models.Model):
    """What a published translation's readers get that a person has not vouched for, as it was
    when the page was last published: unconfirmed machine translation, and source-language text
    an approver explicitly chose to publish. Recorded at publish time, so later unpublished work
    does not change it; removed when the page is next published complete and confirmed.

    Roles only, never user names: the public API shows these facts."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    machine_unconfirmed = models.PositiveIntegerField(default=0)
    untranslated_segments = models.PositiveIntegerField(default=0)
    untranslated_role = models.CharField(max_length=20, blank=True)
    untranslated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField()

    def __str__(self) -> str:
        return (
            f"page {self.page_id}: {self.machine_unconfirmed} machine, "
            f"{self.untranslated_segments} untranslated"
        )
