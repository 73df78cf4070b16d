"""Bulk PO files per language: every outstanding string of a locale in one file for an agency.

``export.build(code)`` writes one PO file for a target locale: every enabled wagtail-localize
Translation into that locale contributes its untranslated string segments (or, with
``everything=True``, all its segments with their current translation). Each entry's
``msgctxt`` is ``"<translation uuid>:<segment context path>"`` - wagtail-localize's own per-page
convention (``msgctxt`` = context path) prefixed with the translation it belongs to; with the
``msgid`` (the Danish source text) it names exactly one StringTranslation row.

``importer.import_po(data, code, user)`` validates an upload completely before it writes
anything, reports every problem it finds, and writes in one transaction. It writes string
translations only: it never publishes and never saves a page, because wagtail-localize's
``save_target`` writes into the target page's own row, which for a live page is its public text
(see ``cms/localisation/guards.py``). Translators review and publish through the editor.

What rejects the whole upload (nothing is written) and what is only reported:

Rejected - the file as a whole cannot be trusted, or an entry would put broken text live:
  * file larger than ``UDSYN_PO_MAX_BYTES`` (default 5 MB);
  * bytes that are not UTF-8, or a header declaring another charset;
  * a file polib cannot parse (syntax error);
  * the same ``msgctxt`` and ``msgid`` twice with different translations;
  * missing header, missing or forged ``X-Udsyn-Export-ID`` (it is signed at export),
    ``X-Udsyn-Locale``/``Language``/export id for another locale than the one chosen;
  * missing or wrong ``Plural-Forms`` for the locale (another number of forms or a rule that
    gives other results than the site's catalogue for that language);
  * an entry whose ``msgctxt`` is not ``<translation id>:<path>``, names an unknown translation
    or one into another locale, or that is a plural entry (Udsyn exports none);
  * a ``msgstr`` with HTML the source does not have: a tag outside the project's inline
    allow-list or not used in the ``msgid``, attributes other than a link's ``id``, a link id the
    source does not have, or unbalanced tags;
  * a placeholder of the ``msgid`` (``%(name)s``, ``%s``, ``{name}``, ``{0}``, link ids) lost in
    the ``msgstr``, or one added.

Reported as warnings, the entry is skipped and the rest imported - the rest of the agency's work
is still good, and a skipped string is still outstanding, so it is in the next export:
  * fuzzy entries (unchecked work: never imported);
  * obsolete entries (``#~``): ignored;
  * entries whose source text changed since the export, or whose segment no longer exists;
  * entries of a translation that was stopped (disabled) since the export.

A string saved by someone else between the checks and the writes (a unique-key conflict) rolls
the whole transaction back and is reported like a rejection.

Empty ``msgstr`` values are counted and leave existing translations alone: an import never
deletes a translation. An entry whose text equals the stored translation is left untouched
(its timestamps too), so a round trip with no edits changes nothing.

``importer.import_page_po`` applies the same checks to wagtail-localize's own per-page PO file
(header ``X-WagtailLocalize-TranslationID``, ``msgctxt`` = segment path; it has no Udsyn export
id, and ``Language`` and ``Plural-Forms`` are checked only when a tool added them).
``po_views`` answers wagtail-localize's per-page upload URL with it, because wagtail-localize's
view fails with a server error on a file without that header, reports success when no entry
matched, and imports any HTML.
"""
