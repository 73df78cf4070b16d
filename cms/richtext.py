"""Rich-text feature sets. Kept small on purpose: every feature is something the static site
renders, the sanitiser allows and a translator can handle as a segment."""

# Inline text and links only: for short rich fields such as step descriptions and notices.
INLINE_FEATURES = ["bold", "italic", "link"]

# Paragraph blocks and page-level rich text: adds lists, never headings (those are blocks,
# so the document outline stays under the editor's control) and never images or embeds.
PARAGRAPH_FEATURES = [*INLINE_FEATURES, "ol", "ul"]


def link_as_typed(props):
    """Draftail's LINK entity to database HTML, keeping an external link's URL as the editor
    gave it. Wagtail's own converter drops the href of a URL it dislikes without a word (and
    lets ftp: or mailto:x?bcc=… through); kept, the field's validation refuses it and names the link
    (cms.validators.validate_rich_text_links), so nothing unsafe is stored and nothing is
    lost without the editor knowing."""
    from draftjs_exporter.dom import DOM

    if props.get("id") is not None:
        attributes = {"linktype": "page", "id": props["id"]}
    else:
        attributes = {"href": props.get("url") or ""}
    return DOM.create_element("a", attributes, props["children"])
