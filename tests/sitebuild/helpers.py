"""API-shaped data for pipeline tests, without a CMS."""

from sitebuild.model import Locale, RawSite

LOCALES = [
    Locale("da", "Dansk", "ltr", "full", True),
    Locale("en", "English", "ltr", "full"),
    Locale("ar", "العربية", "rtl", "welcome"),
]
TYPES = {
    "home": "home.HomePage",
    "section": "sections.AudiencePage",
    "info": "information.InformationPage",
}


def api_page(pid: int, lang: str, kind: str, site_path: str, title: str, key: str, **fields):
    return {
        "id": pid,
        "meta": {
            "type": TYPES[kind],
            "locale": lang,
            "translation_key": key,
            "site_path": site_path,
            "detail_url": f"http://cms.invalid/api/v2/pages/{pid}/",
        },
        "title": title,
        **fields,
    }


def tiny_site(extra: list[dict] | None = None) -> RawSite:
    pages = [
        api_page(1, "da", "home", "", "Velkommen", "k-home", welcome="<p>Hej</p>"),
        api_page(2, "en", "home", "", "Welcome", "k-home", welcome="<p>Hello</p>"),
        api_page(3, "ar", "home", "", "مرحبا", "k-home", welcome="<p>أهلا</p>"),
        api_page(
            4, "da", "section", "arbejde/", "Arbejde", "k-work", audience="work-live", intro=""
        ),
        api_page(5, "en", "section", "work/", "Work", "k-work", audience="work-live", intro=""),
        api_page(
            6,
            "da",
            "info",
            "arbejde/skole/",
            "Skole",
            "k-school",
            summary="Om skole",
            content_owner="Skoleservice",
            last_reviewed="2026-10-01",
            body=[
                {"type": "paragraph", "value": "<p>Tekst</p>", "id": "b1"},
                {
                    "type": "links",
                    "id": "b2",
                    "value": {
                        "title": "Links",
                        "links": [
                            {"text": "Arbejde", "page": {"id": 4, "locale": "da"}, "url": None},
                            {"text": "Ude", "page": None, "url": "https://example.org/"},
                        ],
                    },
                },
            ],
        ),
        *(extra or []),
    ]
    return RawSite(api_url="http://cms.invalid/api/v2/", locales=LOCALES, pages=pages)


def info_page(pid: int, lang: str, site_path: str, title: str, key: str, body: list):
    """An information page with empty owner fields, for tests about its body or state."""
    return api_page(
        pid,
        lang,
        "info",
        site_path,
        title,
        key,
        summary="",
        content_owner="",
        last_reviewed="2026-10-01",
        body=body,
    )
