"""The HTML the site lets through from the CMS: rich text's tags and attributes.

The build sanitises every piece of rich text against this allow-list; the CMS refuses
translations (PO files, the translation editor) whose markup goes beyond it."""

ALLOWED_TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "hreflang", "lang", "dir"})}
URL_ATTRIBUTES = frozenset({"href"})  # of ALLOWED_ATTRIBUTES: judged by contract/urls.py
