"""Translatable-field declarations shared by every page model.

wagtail-localize would derive these automatically, but an explicit list is the contract with
translators: what they are offered (TranslatableField) and what is copied from the Danish source
untouched (SynchronizedField: e-mail, phone, dates, internal references)."""

from wagtail_localize.fields import SynchronizedField, TranslatableField

PAGE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]
