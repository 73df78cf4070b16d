"""Keep API documents and the removal log in step with the page tree."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import conditional, documents, visibility
from .models import PageDocument


def on_published(sender, instance, **kwargs):
    before = (
        PageDocument.objects.filter(page_id=instance.pk)
        .values_list("site_path", "expire_at")
        .first()
    )
    documents.store(instance)
    if (
        before is None  # first published, or back after leaving the public API
        or (before[1] is not None and before[1] <= timezone.now())  # back after expiring
        or before[0] != documents.site_path(instance)  # a new slug moves every page below it
    ):
        # Every page below it comes back (or moves) with it: listed as changed again.
        documents.store_subtree(instance)


def on_unpublished(sender, instance, **kwargs):
    # Wagtail leaves the pages below live, but they are no longer public: a page under an
    # unpublished (or expired) one is not served.
    reason = "expired" if instance.expired else "unpublished"
    documents.remove([instance, *live_descendants(instance)], reason)


def on_moved(sender, instance, **kwargs):
    if visibility.is_public(instance, timezone.now()):
        documents.store(instance)
        documents.store_subtree(instance)
    else:  # moved under a restricted, unpublished or expired page
        moved = [instance] if instance.live else []
        documents.remove(moved + live_descendants(instance), "moved")


def live_descendants(page: Page) -> list[Page]:
    return list(page.get_descendants().live().select_related("locale"))


def on_page_deleted(sender, instance, **kwargs):
    # Django signals each row of a multi-table model; the Page row stands for the page. Wagtail
    # unpublishes a page before deleting it, so "deleted" follows an "unpublished".
    if sender is Page and instance.first_published_at is not None:
        documents.remove([instance], "deleted")


def on_restriction_saved(sender, instance, **kwargs):
    page = instance.page
    hidden = [page, *page.get_descendants()]
    documents.remove([p for p in hidden if p.live], "restricted")


def on_restriction_deleted(sender, instance, **kwargs):
    page = instance.page
    for p in [page, *page.get_descendants().live()]:
        if p.live:
            documents.store(p.specific)


def on_contact_saved(sender, instance, **kwargs):
    for doc in PageDocument.objects.filter(contact_refs__contains=f",{instance.pk},"):
        documents.store(doc.page.specific)


def connect() -> None:
    from cms.contacts.models import Contact

    page_published.connect(on_published, dispatch_uid="udsyn-api-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="udsyn-api-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="udsyn-api-moved")
    pre_delete.connect(on_page_deleted, dispatch_uid="udsyn-api-deleted")
    post_save.connect(
        on_restriction_saved, sender=PageViewRestriction, dispatch_uid="udsyn-api-restricted"
    )
    post_delete.connect(
        on_restriction_deleted, sender=PageViewRestriction, dispatch_uid="udsyn-api-unrestricted"
    )
    post_save.connect(on_contact_saved, sender=Contact, dispatch_uid="udsyn-api-contact")

    from wagtail.models import Locale
    from wagtail_localize.models import StringTranslation, TranslationSource

    from cms.localisation.models import SourceChange

    from .models import PageRemoval

    conditional.connect(
        [
            PageDocument,
            PageRemoval,
            SourceChange,
            TranslationSource,
            StringTranslation,
            PageViewRestriction,
            Locale,
            Contact,
        ]
    )
