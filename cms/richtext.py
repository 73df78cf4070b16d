"""Rich-text feature sets. Kept small on purpose: every feature is something the static site
renders, the sanitiser allows and a translator can handle as a segment."""

# Inline text and links only: for short rich fields such as step descriptions and notices.
INLINE_FEATURES = ["bold", "italic", "link"]

# Paragraph blocks and page-level rich text: adds lists, never headings (those are blocks,
# so the document outline stays under the editor's control) and never images or embeds.
PARAGRAPH_FEATURES = [*INLINE_FEATURES, "ol", "ul"]
