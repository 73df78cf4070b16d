"""The one URL rule through the real admin views: a logged-in editor's page editor (create and
edit of each page type, each URL-bearing field) and the contact snippet's create and edit, all
with CSRF checks on. Refused values give a form error and save nothing; allowed ones save."""

import html
import json
import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Locale, Page, Revision
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from cms.contacts.models import Contact
from cms.letters.models import WelcomeLetterPage
from cms.roles.setup import APPROVERS, EDITORS, ensure_roles
from cms.strategy.models import StrategyPage
from tests.contract.test_urls import HOSTILE
from tests.contract.url_values import (
    ALLOWED_ADDRESSES,
    ALLOWED_PHONES,
    ALLOWED_URLS,
    EMPTY_URLS,
    REFUSED_ADDRESSES,
    REFUSED_PHONES,
    REFUSED_URLS,
    spread,
)

from .factories import danish_tree

# Link blocks per request: each takes six form fields, and Django refuses a request with more
# than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000).
LINKS_PER_REQUEST = 150


@pytest.fixture
def tree(db):
    pages = danish_tree()
    da = Locale.objects.get(language_code="da")
    home = pages["home"]
    pages["strategy"] = home.add_child(
        instance=StrategyPage(title="Strategi", slug="strategi", locale=da, intro="Om.")
    )
    pages["letter"] = home.add_child(
        instance=WelcomeLetterPage(
            title="Velkomstbrev",
            slug="velkomstbrev",
            locale=da,
            letter="<p>Kære nye borger.</p>",
            signature="Borgmesteren",
            letter_date=date(2026, 9, 1),
        )
    )
    ensure_roles()
    return pages


def member(django_user_model, group: str) -> Client:
    user = django_user_model.objects.create_user(group.lower(), password="x")
    user.groups.add(Group.objects.get(name=group))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.fixture
def editor(tree, django_user_model) -> Client:
    return member(django_user_model, EDITORS)


@pytest.fixture
def approver(tree, django_user_model) -> Client:
    return member(django_user_model, APPROVERS)


def contentstate(links: list[tuple[str, str]]) -> str:
    """What Draftail posts for paragraphs that are each one external link: the URL is the
    LINK entity's data, as the link chooser sets it."""
    blocks, entities = [], {}
    for n, (text, url) in enumerate(links):
        entities[str(n)] = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        blocks.append(
            {
                "key": f"k{n}",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": len(text), "key": n}],
                "data": {},
            }
        )
    return json.dumps({"blocks": blocks, "entityMap": entities})


def without_nul(values: list[str]) -> tuple[list[str], list[str]]:
    """Values without and with a NUL character: Django's form fields refuse any value that
    holds one before the URL rule sees it, so those are posted on their own."""
    return [v for v in values if "\x00" not in v], [v for v in values if "\x00" in v]


def named(values: list[str]) -> list[tuple[str, str]]:
    """Each value with a link text that names it uniquely (no text is a prefix of another)."""
    return [(f"link-{n:04d}", value) for n, value in enumerate(values)]


class AdminForm:
    """The form at ``url`` as the browser has it (every input, the CSRF token included),
    fetched once; ``post`` fills in values and posts it back. Refused posts change nothing,
    so the form stays as it was fetched."""

    def __init__(self, client: Client, url: str, form_id: str = "page-edit-form") -> None:
        page = client.get(url)
        assert page.status_code == 200
        self.data = querydict_from_html(page.content.decode(), form_id=form_id, exclude_csrf=False)
        assert self.data.get("csrfmiddlewaretoken")
        self.client, self.url = client, url

    def post(self, values: dict):
        data = self.data.copy()
        for name, value in values.items():
            data[name] = value
        return self.client.post(self.url, data)


def counts() -> tuple:
    return Page.objects.count(), Revision.objects.count(), Contact.objects.count()


def saved_nothing(before: tuple) -> bool:
    return counts() == before


def block_errors(response) -> list:
    """The StreamField's errors, as the page editor's block widgets get them."""
    found = re.search(r'data-w-block-arguments-value="([^"]*)"', response.content.decode())
    assert found, "no StreamField on the page"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))[1]


def form_errors(response) -> dict:
    return response.context["form"].errors


# -- Rich text: RichTextFields and rich-text blocks --------------------------------------------

RICH_TEXT_FIELDS = [
    # page type, parent, the form's other required values, the rich-text field
    ("home", "homepage", None, {"title": "Hjem", "slug": "hjem-ny"}, "welcome"),
    (
        "sections",
        "audiencepage",
        "home",
        {"title": "Sektion", "slug": "sektion-ny", "audience": "visit"},
        "intro",
    ),
    (
        "letters",
        "welcomeletterpage",
        "home",
        {
            "title": "Brev",
            "slug": "brev-ny",
            "signature": "Borgmesteren",
            "letter_date": "2026-09-01",
        },
        "letter",
    ),
]
BODY_OF = {
    "informationpage": {
        "title": "Info",
        "slug": "info-ny",
        "summary": "Om.",
        "content_owner": "Skoleservice",
        "last_reviewed": "2026-10-01",
    },
    "strategypage": {"title": "Spor", "slug": "spor-ny", "intro": "Om."},
}


def listblock(items: list) -> dict:
    """ListBlock form data (``streamfield`` is for StreamBlocks: it names a type)."""
    data = {
        str(n): {"value": v, "deleted": "", "order": str(n), "id": ""} for n, v in enumerate(items)
    }
    return {**data, "count": str(len(items))}


def rich_text_positions(cs: str) -> dict[str, dict]:
    """Each rich-text block position of a body, holding ``cs``, as StreamField form data."""
    return {
        "paragraph": nested_form_data({"body": streamfield([("paragraph", cs)])}),
        "notice": nested_form_data(
            {"body": streamfield([("notice", {"tone": "info", "text": cs})])}
        ),
        "steps": nested_form_data(
            {
                "body": streamfield(
                    [("steps", {"title": "", "steps": listblock([{"title": "Et", "text": cs}])})]
                )
            }
        ),
    }


def add_url(app: str, model: str, parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=[app, model, parent.id])


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def assert_links_named_in_errors(errors: list[str], links: list[tuple[str, str]]) -> None:
    text = "\n".join(errors)
    missing = [name for name, _ in links if f"“{name}”" not in text]
    assert missing == [], f"{len(missing)} refused links not named, e.g. {missing[:3]}"


def check_rich_text(client, url, values_for, errors_in, stored_in) -> None:
    """Post every refused class as links in one rich text (the NUL ones apart), then the
    allowed class. ``values_for(contentstate)`` gives the form's values, ``errors_in(response)``
    the messages the editor sees for that rich text, ``stored_in(page)`` its saved HTML."""
    plain, with_nul = without_nul([*REFUSED_URLS, *EMPTY_URLS])
    refused = named(plain)
    before = counts()
    form = AdminForm(client, url)
    response = form.post(values_for(contentstate(refused)))
    assert response.status_code == 200, "the form was accepted"
    assert saved_nothing(before)
    errors = errors_in(response)
    assert len(errors) == len(refused)
    assert_links_named_in_errors(errors, refused)

    response = form.post(values_for(contentstate(named(with_nul))))
    assert response.status_code == 200, "the form was accepted"
    assert saved_nothing(before)
    assert errors_in(response)

    allowed = named(ALLOWED_URLS)
    response = form.post(values_for(contentstate(allowed)))
    assert response.status_code == 302, form_errors(response)
    stored = re.findall(r'href="([^"]*)"', stored_in(Revision.objects.latest("id").as_object()))
    # The attribute holds the URL as the editor typed it.
    assert [html.unescape(s) for s in stored] == [v for _, v in allowed]


@pytest.mark.parametrize("mode", ["create", "edit"])
@pytest.mark.parametrize(
    ("app", "model", "parent", "values", "field"),
    RICH_TEXT_FIELDS,
    ids=[f"{m}.{f}" for _, m, _, _, f in RICH_TEXT_FIELDS],
)
def test_rich_text_fields_refuse_unsafe_links_in_the_page_editor(
    tree, editor, approver, mode, app, model, parent, values, field
):
    client = approver if (mode, model) == ("create", "homepage") else editor
    if mode == "create":
        url = add_url(app, model, tree[parent] if parent else Page.get_first_root_node())
    else:
        url = edit_url(tree[{"homepage": "home", "audiencepage": "section"}.get(model, "letter")])

    def errors_in(response) -> list[str]:
        errors = [e["message"] for e in form_errors(response).get_json_data().get(field, [])]
        # ...and shown to the editor with the field.
        page = response.content.decode()
        assert all(escape(error) in page for error in errors)
        return errors

    check_rich_text(
        client,
        url,
        lambda cs: {**values, field: cs},
        errors_in,
        lambda page: getattr(page, field),
    )


@pytest.mark.parametrize("mode", ["create", "edit"])
@pytest.mark.parametrize(
    ("model", "position"),
    [
        ("informationpage", "paragraph"),
        ("informationpage", "notice"),
        ("informationpage", "steps"),
        ("strategypage", "paragraph"),
        ("strategypage", "notice"),
    ],
)
def test_rich_text_blocks_refuse_unsafe_links_in_the_page_editor(
    tree, editor, mode, model, position
):
    app, page_key, parent_key = {
        "informationpage": ("information", "info", "section"),
        "strategypage": ("strategy", "strategy", "home"),
    }[model]
    url = add_url(app, model, tree[parent_key]) if mode == "create" else edit_url(tree[page_key])

    def errors_in(response) -> list[str]:
        errors = block_errors(response)["blockErrors"]["0"]
        if position == "notice":
            errors = errors["blockErrors"]["text"]
        elif position == "steps":
            errors = errors["blockErrors"]["steps"]["blockErrors"]["0"]["blockErrors"]["text"]
        return errors["messages"]

    def stored_in(page) -> str:
        value = page.body[0].value
        if position == "notice":
            value = value["text"]
        elif position == "steps":
            value = value["steps"][0]["text"]
        return value.source

    check_rich_text(
        editor,
        url,
        lambda cs: {**BODY_OF[model], **rich_text_positions(cs)[position]},
        errors_in,
        stored_in,
    )


# -- Link blocks -------------------------------------------------------------------------------


def links_body(urls: list[str]) -> dict:
    items = [{"text": f"link-{n:04d}", "page": "", "url": url} for n, url in enumerate(urls)]
    return nested_form_data(
        {"body": streamfield([("links", {"title": "", "links": listblock(items)})])}
    )


@pytest.mark.parametrize("mode", ["create", "edit"])
def test_link_blocks_refuse_unsafe_urls_in_the_page_editor(tree, editor, mode):
    url = (
        add_url("information", "informationpage", tree["section"])
        if mode == "create"
        else edit_url(tree["info"])
    )
    form = AdminForm(editor, url)
    for start in range(0, len(REFUSED_URLS), LINKS_PER_REQUEST):
        chunk = REFUSED_URLS[start : start + LINKS_PER_REQUEST]
        before = counts()
        response = form.post({**BODY_OF["informationpage"], **links_body(chunk)})
        assert response.status_code == 200, "the form was accepted"
        assert saved_nothing(before)
        errors = block_errors(response)["blockErrors"]["0"]["blockErrors"]["links"]["blockErrors"]
        unrefused = [
            value
            for n, value in enumerate(chunk)
            if not errors.get(str(n), {}).get("blockErrors", {}).get("url", {}).get("messages")
        ]
        assert unrefused == []

    response = form.post({**BODY_OF["informationpage"], **links_body(ALLOWED_URLS)})
    assert response.status_code == 302, form_errors(response)
    body = Revision.objects.latest("id").as_object().body
    assert [link["url"] for link in body[0].value["links"]] == [v.strip() for v in ALLOWED_URLS]


# -- Contacts ----------------------------------------------------------------------------------

CONTACT_POSITIONS = [
    ("email", REFUSED_ADDRESSES, ALLOWED_ADDRESSES),
    ("phone", REFUSED_PHONES, ALLOWED_PHONES),
]


@pytest.mark.parametrize("mode", ["create", "edit"])
@pytest.mark.parametrize(
    ("field", "refused", "allowed"), CONTACT_POSITIONS, ids=[f for f, _, _ in CONTACT_POSITIONS]
)
def test_contacts_take_one_plain_address_and_a_plain_number(
    tree, editor, mode, field, refused, allowed
):
    """Every refused value of the short classes, and values spread over the generated
    obfuscations (the full class goes through the same field in test_validators.py): each is
    a request of its own, as a contact has one address and one number."""
    contact = Contact.objects.create(
        name="Borgerservice", phone="+45 96 28 28 28", email="borgerservice@herning.dk"
    )
    url = (
        reverse("wagtailsnippets_contacts_contact:add") + "?locale=da"
        if mode == "create"
        else reverse("wagtailsnippets_contacts_contact:edit", args=[contact.pk])
    )
    form = AdminForm(editor, url, "w-editor-form")
    own = [v for v in refused if v not in HOSTILE]
    for value in [*own, *spread([v for v in refused if v in HOSTILE], 24)]:
        before = counts()
        response = form.post({"name": "Ny kontakt", field: value})
        assert response.status_code == 200, f"{value!r} was accepted"
        assert saved_nothing(before)
        assert field in form_errors(response), value
        contact.refresh_from_db()
        assert getattr(contact, field) != value
    for value in allowed:
        response = form.post({"name": "Ny kontakt", field: value})
        assert response.status_code == 302, (value, form_errors(response))
        saved = (
            Contact.objects.latest("id") if mode == "create" else Contact.objects.get(pk=contact.pk)
        )
        assert getattr(saved, field) == value
