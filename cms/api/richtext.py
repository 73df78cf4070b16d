"""Rich text for the public API: Wagtail's stored HTML with internal references resolved into a
form that does not depend on the CMS host. A page link becomes
``<a data-page-id="12" data-locale="en">``; the build maps it to the page's static URL."""

import re
from html import escape

from wagtail.rich_text.rewriters import extract_attrs

FIND_A_TAG = re.compile(r"<a(\b[^>]*)>")
FIND_EMBED_TAG = re.compile(r"<embed(\b[^>]*)/>")


def to_api_html(db_html: str | None, locales: dict[int, str] | None = None) -> str:
    """``locales`` maps page ids to language codes; missing ids are looked up."""
    if not db_html:
        return ""
    page_ids = [
        int(attrs["id"])
        for attrs in (extract_attrs(m.group(1)) for m in FIND_A_TAG.finditer(db_html))
        if attrs.get("linktype") == "page" and attrs.get("id", "").isdigit()
    ]
    locales = dict(locales or {})
    if unknown := [pid for pid in page_ids if pid not in locales]:
        from wagtail.models import Page

        locales |= dict(
            Page.objects.filter(id__in=unknown).values_list("id", "locale__language_code")
        )

    def link(match: re.Match) -> str:
        attrs = extract_attrs(match.group(1))
        kind = attrs.get("linktype")
        if kind is None:
            href = attrs.get("href", "")
            return f'<a href="{escape(href)}">' if href else "<a>"
        if kind == "page" and attrs.get("id", "").isdigit() and int(attrs["id"]) in locales:
            pid = int(attrs["id"])
            return f'<a data-page-id="{pid}" data-locale="{locales[pid]}">'
        return "<a>"  # a link to something the public API does not expose

    return FIND_EMBED_TAG.sub("", FIND_A_TAG.sub(link, db_html))
