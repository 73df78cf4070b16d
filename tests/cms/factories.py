"""Small page trees built in code for tests that do not need the whole demo."""

from datetime import date

from wagtail.models import Locale, Page

from cms.home.models import HomePage, make_default_site_root
from cms.information.models import InformationPage
from cms.sections.models import AudiencePage


def danish_tree() -> dict[str, Page]:
    """A published Danish home, one audience section and one information page."""
    root = Page.get_first_root_node()
    da = Locale.objects.get(language_code="da")
    home = root.add_child(
        instance=HomePage(title="Velkommen", slug="da", locale=da, welcome="<p>Velkommen.</p>")
    )
    home.save_revision().publish()
    make_default_site_root(home)
    section = home.add_child(
        instance=AudiencePage(
            title="Arbejde og bo", slug="arbejde-og-bo", audience="work-live", locale=da
        )
    )
    section.save_revision().publish()
    info = section.add_child(
        instance=InformationPage(
            title="Indskriv dit barn i skole",
            slug="skole",
            locale=da,
            summary="Sådan indskriver du dit barn.",
            body=[{"type": "paragraph", "value": "<p>Kontakt skolen.</p>"}],
            content_owner="Skoleservice",
            last_reviewed=date(2026, 10, 1),
        )
    )
    info.save_revision().publish()
    return {"home": home, "section": section, "info": info}
