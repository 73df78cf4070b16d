"""Synthetic pages for the benchmarks (``manage.py load_benchmark_data``): N information pages
in each of the eight languages under sections of at most ``PER_SECTION``, with their API
documents and wagtail-localize translation records, bulk-inserted as publishing would leave
them. Loaded into an empty database (the benchmarks make a fresh one per run)."""

import json
import uuid
from datetime import date

from cms.languages import LANGUAGES

WORDS = [
    "kommune",
    "borger",
    "virksomhed",
    "international",
    "skole",
    "arbejde",
    "bolig",
    "sprog",
    "kultur",
    "samarbejde",
    "viden",
    "service",
    "udvikling",
    "familie",
]
LOCALES = [language.code for language in LANGUAGES]
PER_SECTION = 50


def paragraph(n: int, words: int = 60) -> str:
    return " ".join(WORDS[(n + i * 7) % len(WORDS)] for i in range(words)).capitalize() + "."


def load(n_pages: int) -> None:
    """Bulk-load the synthetic tree into an empty database."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page
    from wagtail_localize.models import (
        String,
        StringSegment,
        StringTranslation,
        TranslatableObject,
        TranslationContext,
        TranslationSource,
    )

    from cms.api.documents import row_values
    from cms.api.models import PageDocument
    from cms.home.models import HomePage, make_default_site_root
    from cms.information.models import InformationPage
    from cms.localisation.models import SourceChange
    from cms.sections.models import AudiencePage

    now = timezone.now()
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    root = Page.get_first_root_node()
    # Sections of at most PER_SECTION pages, as a real site has: a section listing a thousand
    # pages would be far over the page-weight budget that verify enforces.
    n_sections = max(1, -(-n_pages // PER_SECTION))
    home_key = uuid.uuid4()
    section_keys = [uuid.uuid4() for _ in range(n_sections)]
    sections: dict[str, list] = {}
    for code in LOCALES:
        home = root.add_child(
            instance=HomePage(
                title=f"Home {code}",
                slug=code,
                locale=locales[code],
                welcome="<p>Hi</p>",
                translation_key=home_key,
            )
        )
        home.save_revision().publish()
        if code == "da":
            make_default_site_root(home)
        sections[code] = []
        for n, key in enumerate(section_keys):
            section = home.add_child(
                instance=AudiencePage(
                    title=f"Section {n} {code}",
                    slug="section" if n == 0 else f"section-{n}",
                    locale=locales[code],
                    audience="visit",
                    translation_key=key,
                )
            )
            section.save_revision().publish()
            sections[code].append(section)
    ctype = ContentType.objects.get_for_model(InformationPage)
    body = [{"type": "heading", "value": {"text": "Overskrift", "level": "h2"}}] + [
        {"type": "paragraph", "value": f"<p>{paragraph(i)}</p>", "id": str(uuid.uuid4())}
        for i in range(10)
    ]
    keys = [uuid.uuid4() for _ in range(n_pages)]
    with transaction.atomic():
        pages = []
        for code, in_locale in sections.items():
            for i, key in enumerate(keys):
                section = in_locale[i // PER_SECTION]
                pages.append(
                    Page(
                        title=f"Side {i} ({code})",
                        draft_title=f"Side {i} ({code})",
                        slug=f"side-{i}",
                        content_type=ctype,
                        locale=locales[code],
                        translation_key=key,
                        path=Page._get_path(section.path, 4, i % PER_SECTION + 1),
                        depth=4,
                        numchild=0,
                        url_path=f"{section.url_path}side-{i}/",
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
        Page.objects.bulk_create(pages, batch_size=500)
        for in_locale in sections.values():
            for n, section in enumerate(in_locale):
                children = min(PER_SECTION, n_pages - n * PER_SECTION)
                Page.objects.filter(id=section.id).update(numchild=children)
        ids = dict(Page.objects.filter(depth=4).values_list("path", "id"))
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO information_informationpage (page_ptr_id, summary, body,"
                " content_owner, last_reviewed) VALUES (%s, %s, %s, %s, %s)",
                [
                    (ids[p.path], "Resumé", json.dumps(body), "Team", date(2026, 1, 1))
                    for p in pages
                ],
            )
        # Documents, as publishing would build them (per page: this is the write path).
        parents = {s.path: s.id for in_locale in sections.values() for s in in_locale}
        docs = [
            PageDocument(page_id=page.id, **row_values(page, parent_id=parents[page.path[:-4]]))
            for page in InformationPage.objects.filter(depth=4).select_related("locale")
        ]
        PageDocument.objects.bulk_create(docs, batch_size=500)
        # Translation records: each Danish page a source of 11 string segments, translated
        # into the seven other languages.
        da_ids = {
            key: pid
            for pid, key in Page.objects.filter(depth=4, locale=locales["da"]).values_list(
                "id", "translation_key"
            )
        }
        TranslatableObject.objects.bulk_create(
            [TranslatableObject(translation_key=k, content_type=ctype) for k in keys]
        )
        SourceChange.objects.bulk_create(
            [
                SourceChange(page_id=da_ids[k], translation_key=k, fingerprint="x", changed_at=now)
                for k in keys
            ]
        )
        sources = TranslationSource.objects.bulk_create(
            [
                TranslationSource(
                    object_id=k,
                    specific_content_type=ctype,
                    locale=locales["da"],
                    object_repr=str(k),
                    content_json="{}",
                    last_updated_at=now,
                )
                for k in keys
            ]
        )
        strings = String.objects.bulk_create(
            [
                String(
                    locale=locales["da"],
                    data=f"Tekst {n}",
                    data_hash=String._get_data_hash(f"Tekst {n}"),
                )
                for n in range(11)
            ]
        )
        contexts = TranslationContext.objects.bulk_create(
            [
                TranslationContext(
                    object_id=k, path=f"body.{n}", path_id=uuid.uuid4(), field_path=f"body.{n}"
                )
                for k in keys
                for n in range(11)
            ]
        )
        StringSegment.objects.bulk_create(
            [
                StringSegment(
                    source=sources[i],
                    context=contexts[i * 11 + n],
                    string=strings[n],
                    order=n,
                    attrs="{}",
                )
                for i in range(n_pages)
                for n in range(11)
            ],
            batch_size=2000,
        )
        StringTranslation.objects.bulk_create(
            [
                StringTranslation(
                    translation_of=strings[n],
                    locale=locales[code],
                    context=contexts[i * 11 + n],
                    data=f"Text {n}",
                    translation_type="manual",
                )
                for i in range(n_pages)
                for n in range(11)
                for code in LOCALES[1:]
            ],
            batch_size=5000,
        )
