"""Keep API documents and the removal log in step with the page tree."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import conditional, documents
from .models import PageDocument


def on_published(sender, instance, **kwargs):
    before = (
        PageDocument.objects.filter(page_id=instance.pk).values_list("site_path", flat=True).first()
    )
    documents.store(instance)
    if before is not None and before != documents.site_path(instance):
        documents.store_subtree(instance)  # a new slug moves every page below it


def on_unpublished(sender, instance, **kwargs):
    documents.remove([instance], "unpublished")


def on_moved(sender, instance, **kwargs):
    if instance.live:
        documents.store(instance)
    documents.store_subtree(instance)


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
