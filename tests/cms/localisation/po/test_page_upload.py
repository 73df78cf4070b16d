"""wagtail-localize's per-page PO upload, answered by Udsyn's checks at the same URL.

wagtail-localize's own view fails with a server error on a file without its translation id,
says "Successfully imported" when nothing matched, and imports any HTML."""

import html

import polib
import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from wagtail_localize.models import StringTranslation

from cms.localisation import po_views

from .conftest import snapshot, to_bytes


@pytest.fixture
def german(site):
    translation = site["translations"][("de", "sygemelding")]
    translation.save_target(publish=False)  # the draft German page wagtail-localize edits
    return translation


def download(client, translation) -> polib.POFile:
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    return polib.pofile(response.content.decode("utf-8"))


def upload(client, translation, data: bytes | None):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.id])
    files = {"file": SimpleUploadedFile("page.po", data)} if data is not None else {}
    response = client.post(f"{url}?next=/admin/pages/", files)
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    # Wagtail escapes admin messages: read them as text.
    return [(m.level_tag, html.unescape(str(m))) for m in get_messages(response.wsgi_request)]


def test_the_upload_url_is_answered_by_udsyn(german):
    url = reverse("wagtail_localize:upload_pofile", args=[german.id])
    assert resolve(url).func.__name__ == po_views.upload_page_pofile.__name__


def test_valid_file_is_imported_by_the_user(client, admin_user, german):
    client.force_login(admin_user)
    po = download(client, german)
    for entry in po:
        entry.msgstr = f"DE {entry.msgid}"
    messages = upload(client, german, to_bytes(po))
    assert messages[-1][0] == "success" and f"imported: {len(po)}" in messages[-1][1]
    rows = StringTranslation.objects.filter(locale=german.target_locale, tool_name="PO file")
    assert rows.count() == len(po)
    assert set(rows.values_list("last_translated_by", flat=True)) == {admin_user.id}


@pytest.mark.parametrize(
    ("kind", "level", "text"),
    [
        ("no translation id", "error", "has no X-WagtailLocalize-TranslationID"),
        ("another translation", "error", "is another translation's"),
        ("script", "error", "<script> is not allowed"),
        ("not UTF-8", "error", "is not UTF-8"),
        ("no file", "error", "Please choose a PO file"),
        ("stale", "warning", "No translation was changed"),
    ],
)
def test_problems_are_told_and_change_nothing(client, admin_user, site, german, kind, level, text):
    client.force_login(admin_user)
    po = download(client, german)
    for entry in po:
        entry.msgstr = f"DE {entry.msgid}"
    data = to_bytes(po)
    if kind == "no translation id":
        del po.metadata["X-WagtailLocalize-TranslationID"]
        data = to_bytes(po)
    elif kind == "another translation":
        data = to_bytes(site["translations"][("de", "skole")].export_po())
    elif kind == "script":
        po[0].msgstr = "<script>alert(1)</script>"
        data = to_bytes(po)
    elif kind == "not UTF-8":
        data = str(po).encode("utf-16")
    elif kind == "no file":
        data = None
    elif kind == "stale":  # the source changed since: no entry matches any more
        for entry in po:
            entry.msgid += " (old)"
        data = to_bytes(po)
    before = snapshot()
    messages = upload(client, german, data)
    assert [lvl for lvl, msg in messages if text in msg] == [level], messages
    if level == "error":
        assert "success" not in [lvl for lvl, _ in messages]
    assert snapshot() == before


def test_someone_who_may_not_edit_the_page_changes_nothing(client, german, django_user_model):
    user = django_user_model.objects.create_user("outsider", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    before = snapshot()
    url = reverse("wagtail_localize:upload_pofile", args=[german.id])
    response = client.post(url, {"file": SimpleUploadedFile("page.po", b"")})
    assert response.status_code in (302, 403)  # Wagtail's permission-denied redirect
    assert response.status_code == 403 or response["Location"].rstrip("/") == "/admin"
    assert snapshot() == before
