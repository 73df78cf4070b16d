"""The pages endpoint's contract, on the demo content."""

import json

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.usefixtures("demo")


def get(client, path: str, **params):
    response = client.get(f"/api/v2/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def by_title(items: list[dict]) -> dict[str, dict]:
    return {item["title"]: item for item in items}


def test_mixed_listings_carry_each_types_own_fields(client):
    items = by_title(get(client, "pages/", locale="en", limit=100)["items"])
    assert items["Enrol your child in school"]["summary"].startswith("How to enrol")
    assert items["Enrol your child in school"]["body"][0]["type"] == "paragraph"
    assert items["Welcome to Herning Municipality"]["welcome"].startswith("<p>")
    assert items["Work & live"]["audience"] == "work-live"
    assert items["Welcome letter"]["signature"] == "The Mayor"
    meta = items["Enrol your child in school"]["meta"]
    assert meta["type"] == "information.InformationPage"
    assert meta["locale"] == "en"
    assert meta["site_path"] == "work-live/enrol-your-child-in-school/"
    assert meta["translation_key"] and meta["last_published_at"]


def test_page_links_are_ids_and_locales_not_cms_urls(client):
    items = by_title(get(client, "pages/", locale="da", limit=100)["items"])
    partner = items["Job til din partner"]
    text = json.dumps(partner)
    moving = Page.objects.get(url_path="/da/arbejde-og-bo/flyt-til-herning/")
    assert f'<a data-page-id=\\"{moving.id}\\" data-locale=\\"da\\">' in text
    links = next(b for b in partner["body"] if b["type"] == "links")["value"]["links"]
    assert {
        "text": "Flyt til Herning",
        "page": {"id": moving.id, "locale": "da"},
        "url": None,
    } in links
    assert "linktype" not in text
    assert "localhost" not in text and "http://testserver" not in text


def test_contacts_are_embedded_in_the_pages_language(client):
    items = by_title(get(client, "pages/", locale="de", limit=100)["items"])
    contact = next(b for b in items["Umzug nach Herning"]["body"] if b["type"] == "contact")
    assert contact["value"]["name"] == "Bürgerservice"
    assert contact["value"]["email"] == "borgerservice@udsyn.example"


def test_translation_states(client):
    items = by_title(get(client, "pages/", limit=200)["items"])
    source = items["Flyt til Herning"]["meta"]["translation"]
    assert source["state"] == "source" and source["source_locale"] == "da"
    outdated = items["Moving to Herning"]["meta"]["translation"]
    assert outdated["state"] == "outdated"
    assert outdated["source_last_changed_at"] > outdated["translation_last_changed_at"]
    assert items["Umzug nach Herning"]["meta"]["translation"]["state"] == "current"
    progress = items["Umzug nach Herning"]["meta"]["translation"]["progress"]
    assert progress["translated"] == progress["total"] > 5
    assert items["Vision"]["meta"]["translation"]["state"] in ("source", "current")


def test_every_item_lists_its_public_language_versions(client):
    items = by_title(get(client, "pages/", limit=200)["items"])
    versions = items["Moving to Herning"]["meta"]["translations"]
    assert [(v["locale"], v["state"]) for v in versions] == [
        ("da", "source"),
        ("en", "outdated"),
        ("de", "current"),
    ]
    # The partial German "events" page is a draft: not a public version.
    events = items["International events"]["meta"]["translations"]
    assert [v["locale"] for v in events] == ["da", "en"]
    homes = items["Welcome to Herning Municipality"]["meta"]["translations"]
    assert len(homes) == 8


def test_one_call_returns_all_language_versions_of_a_set_of_pages(client):
    items = get(client, "pages/", locale="da", limit=100)["items"]
    keys = [
        i["meta"]["translation_key"]
        for i in items
        if i["meta"]["site_path"] in ("", "arbejde-og-bo/flyt-til-herning/")
    ]
    versions = get(client, "pages/", translation_key=",".join(keys), limit=100)["items"]
    assert sorted(v["meta"]["locale"] for v in versions) == sorted(
        ["da", "en", "de", "zh-hans", "ar", "ru", "es", "fr", "da", "en", "de"]
    )


def test_locales(client):
    items = get(client, "locales/")["items"]
    assert [i["code"] for i in items] == ["da", "en", "de", "zh-hans", "ar", "ru", "es", "fr"]
    ar = next(i for i in items if i["code"] == "ar")
    assert ar == {
        "code": "ar",
        "name": "العربية",
        "direction": "rtl",
        "scope": "welcome",
        "is_source": False,
    }


def test_navigation_in_menu_order(client):
    body = get(client, "navigation/", locale="en")
    assert body["meta"]["home"]["site_path"] == ""
    titles = [item["title"] for item in body["items"]]
    assert titles == [
        "Business",
        "Work & live",
        "Visit",
        "International strategy",
        "Welcome letter",
    ]
    work = body["items"][1]
    assert [c["title"] for c in work["children"]] == [
        "Moving to Herning",
        "Enrol your child in school",
        "A job for your partner",
    ]
    assert get(client, "navigation/", locale="ar")["items"] == []


def test_contacts_endpoint(client):
    items = get(client, "contacts/", locale="en")["items"]
    names = {i["name"] for i in items}
    assert "Citizens' Service" in names
    item = next(i for i in items if i["name"] == "Citizens' Service")
    assert item["meta"]["locale"] == "en"
    assert item["phone"] == "+45 00 00 00 01"
    assert (
        len(get(client, "contacts/", translation_key=item["meta"]["translation_key"])["items"]) == 3
    )
