"""The "PO files" admin view, through the real Wagtail admin with the demo users."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from cms.demo.loader import DEMO_PASSWORD

from .conftest import fill, snapshot, to_bytes

pytestmark = pytest.mark.usefixtures("demo")


def login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def download(client, code: str, scope: str = "outstanding") -> polib.POFile:
    response = client.get(reverse("udsyn_po_export"), {"locale": code, "scope": scope})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return polib.pofile(response.content.decode("utf-8"))


def upload(client, code: str, data: bytes, **extra):
    file = SimpleUploadedFile("de.po", data, content_type="text/x-gettext-translation")
    return client.post(reverse("udsyn_po_import"), {"locale": code, "file": file, **extra})


def test_translator_downloads_uploads_and_reads_the_report(client, users):
    login(client, "translator-de")
    page = client.get(reverse("udsyn_po_files"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<option value="de"' in html and '<option value="en"' not in html
    assert f'href="{reverse("udsyn_translation_status")}"' in html  # back to the matrix
    po = download(client, "de")
    assert po.metadata["X-Udsyn-Locale"] == "de" and len(po) > 0
    assert all(entry.msgstr == "" for entry in po)  # the partial German page's outstanding strings
    fill(po)
    response = upload(client, "de", to_bytes(po))
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.rejected and report.counts["imported"] == len(po)
    assert 'data-count="imported"><th scope="row">imported</th><td>' in response.content.decode()
    written = StringTranslation.objects.filter(tool_name="PO file")
    assert written.count() == len(po)
    assert set(written.values_list("last_translated_by", flat=True)) == {users["translator-de"].id}
    # Nothing outstanding any more; the same file again changes nothing.
    assert len(download(client, "de")) == 0
    before = snapshot()
    again = upload(client, "de", to_bytes(po)).context["report"]
    assert again.counts["unchanged"] == len(po) and snapshot() == before


def test_other_locales_are_403_and_change_nothing(client):
    login(client, "translator-en")
    german = download(login(client, "translator-de"), "de")
    fill(german)
    login(client, "translator-en")
    before = snapshot()
    assert client.get(reverse("udsyn_po_files"), {"locale": "de"}).status_code == 403
    assert client.get(reverse("udsyn_po_export"), {"locale": "de"}).status_code == 403
    assert upload(client, "de", to_bytes(german)).status_code == 403
    assert snapshot() == before
    # Their own language works; editors translate nothing and get nothing.
    assert client.get(reverse("udsyn_po_export"), {"locale": "en"}).status_code == 200
    login(client, "editor")
    assert client.get(reverse("udsyn_po_files")).status_code == 403
    assert upload(client, "de", to_bytes(german)).status_code == 403
    assert snapshot() == before


def test_rejected_and_broken_uploads_are_reported_never_500(client):
    login(client, "approver")
    po = fill(download(client, "ru", scope="all"))  # approvers work in any language
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    before = snapshot()
    response = upload(client, "ru", to_bytes(po))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html and "nplurals=2" in html
    for data in (b"\xff\xfe\x00garbage", b"<html>not a PO file</html>", b""):
        response = upload(client, "ru", data)
        assert response.status_code == 400
        assert response.context["report"].errors
    response = client.post(reverse("udsyn_po_import"), {"locale": "ru"})
    assert response.status_code == 400 and "No file was uploaded" in response.content.decode()
    assert snapshot() == before


def test_reachable_from_translation_status_and_the_menu(client):
    login(client, "translator-de")
    status = client.get(reverse("udsyn_translation_status")).content.decode()
    assert f'href="{reverse("udsyn_po_files")}"' in status
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("udsyn_po_files") in home
