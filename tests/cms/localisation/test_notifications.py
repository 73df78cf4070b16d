"""Translators hear of a changed source page: a notice on their admin home and dashboard, which
they dismiss with a POST, and one e-mail per publish where configured. Only translators of a
language with a translation of the page; a failing mail server never breaks the publish."""

import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import Client
from django.urls import reverse

from cms.localisation.models import SourceChange, TranslationNotice
from cms.roles.setup import EDITORS, translators_group_name

from .test_changes import MOVING, edit, page_at, publish

VISION = "/da/international-strategi/vision/"  # translated into English only
BASE_URL = "https://cms.udsyn.example"

pytestmark = pytest.mark.usefixtures("demo")


class FailingMailBackend(BaseEmailBackend):
    """A fake mail server that is down: every send raises."""

    attempts: list[str] = []

    def send_messages(self, email_messages):
        FailingMailBackend.attempts += [m.to[0] for m in email_messages]
        raise ConnectionRefusedError("fake mail server: connection refused")


@pytest.fixture
def translators(users, django_user_model):
    """The demo's translators, plus one of both English and German (and an editor), one of
    French, and a former English translator whose account is deactivated."""
    found = {name: users[name] for name in ("translator-en", "translator-de")}
    for username, codes, others in (
        ("translator-both", ["en", "de"], [EDITORS]),
        ("translator-fr", ["fr"], []),
        ("translator-gone", ["en"], []),
    ):
        user = django_user_model.objects.create_user(username, f"{username}@udsyn.example")
        names = [translators_group_name(c) for c in codes] + others
        user.groups.set(Group.objects.filter(name__in=names))
        found[username] = user
    found["translator-gone"].is_active = False
    found["translator-gone"].save()
    # The demo leaves translator-en a notice about "Moving": start from a clean slate.
    TranslationNotice.objects.all().delete()
    return found


def notices_of(user) -> list[tuple[str, str, int]]:
    return [
        (n.page.url_path, n.locale.language_code, n.changed + n.added + n.removed)
        for n in TranslationNotice.objects.filter(user=user, read_at=None)
    ]


def retitle(users, url_path: str, suffix: str):
    page = page_at(url_path)
    publish(users, edit(users, page, title=page.title + suffix))
    return page_at(url_path)


def test_translators_of_translated_languages_get_a_notice_and_one_email_each(
    users, translators, settings, mailoutbox
):
    settings.UDSYN_TRANSLATION_EMAILS = True
    settings.WAGTAILADMIN_BASE_URL = BASE_URL + "/"

    vision = retitle(users, VISION, " 2030")
    # Vision has an English translation only: English translators hear of it, no one else.
    assert notices_of(translators["translator-en"]) == [(VISION, "en", 1)]
    assert notices_of(translators["translator-both"]) == [(VISION, "en", 1)]
    assert notices_of(translators["translator-de"]) == []
    assert notices_of(translators["translator-fr"]) == []
    assert notices_of(translators["translator-gone"]) == []
    assert sorted(m.to[0] for m in mailoutbox) == [
        "translator-both@udsyn.example",
        "translator-en@udsyn.example",
    ]
    message = mailoutbox[0]
    assert vision.title in message.subject and "English" in message.subject
    assert "1 segment: 1 changed, 0 added, 0 removed" in message.body
    url = reverse("udsyn_translation_changes", args=[vision.id, "en"])
    assert f"What changed: {BASE_URL}{url}" in message.body

    mailoutbox.clear()
    moving = retitle(users, MOVING, " Kommune")
    # Moving has English and German: one e-mail per translator, naming each of their
    # languages with what that translation is behind by (English was behind already).
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert len(mailoutbox) == 3 and "translator-fr@udsyn.example" not in by_recipient
    both = by_recipient["translator-both@udsyn.example"]
    assert moving.title in both.subject and "English" in both.subject
    assert "Deutsch" in both.subject
    assert "English (en): 2 segments: 2 changed" in both.body
    assert "Deutsch (de): 1 segment: 1 changed" in both.body
    for code in ("en", "de"):
        url = reverse("udsyn_translation_changes", args=[moving.id, code])
        assert f"{BASE_URL}{url}" in both.body
    assert "Deutsch" not in by_recipient["translator-en@udsyn.example"].body
    assert sorted(c for _, c, _ in notices_of(translators["translator-both"])) == [
        "de",
        "en",
        "en",
    ]
    assert notices_of(translators["translator-fr"]) == []


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_notices_on_the_home_and_dashboard_until_dismissed(users, translators, mailoutbox):
    moving = retitle(users, MOVING, " Kommune")
    assert mailoutbox == []  # e-mail is off unless configured
    url = reverse("udsyn_translation_changes", args=[moving.id, "en"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(translators["translator-en"])
    for page in ("/admin/", "/admin/translation-status/"):
        html = re.sub(r"\s+", " ", client.get(page).content.decode())
        assert "Changed since you last looked" in html
        assert f"“{moving.title}” changed – English: 2 segments: 2 changed" in html
        assert f'href="{url}"' in html

    # A second change before the translator looks updates the notice rather than adding one.
    retitle(users, MOVING, " i dag")
    assert notices_of(translators["translator-en"]) == [(MOVING, "en", 2)]
    notice = TranslationNotice.objects.get(user=translators["translator-en"])
    theirs = TranslationNotice.objects.get(user=translators["translator-de"])

    read_url = reverse("udsyn_translation_notices_read")
    # The home panel's dismiss form carries its CSRF token.
    home = client.get("/admin/").content.decode()
    form = home[home.index(f'action="{read_url}"') :]
    assert 'name="csrfmiddlewaretoken"' in form[: form.index("</form>")]
    # Without the CSRF token: refused, nothing changes.
    assert client.post(read_url, {"notice": notice.id}).status_code == 403
    # Someone else's notice: not theirs to dismiss.
    token = csrf_token(client.get("/admin/translation-status/").content.decode())
    client.post(read_url, {"notice": theirs.id, "csrfmiddlewaretoken": token})
    assert TranslationNotice.objects.get(id=theirs.id).read_at is None
    assert TranslationNotice.objects.get(id=notice.id).read_at is None

    response = client.post(
        read_url, {"notice": notice.id, "csrfmiddlewaretoken": token, "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TranslationNotice.objects.get(id=notice.id).read_at is not None
    home = client.get("/admin/").content.decode()
    assert "Changed since you last looked" not in home
    # The dashboard still marks the page outdated and links to what changed.
    assert f'href="{url}"' in client.get("/admin/translation-status/").content.decode()

    # A change after they looked is a new notice.
    retitle(users, MOVING, " igen")
    assert TranslationNotice.objects.filter(user=translators["translator-en"]).count() == 2


def test_a_failing_mail_server_is_logged_and_never_breaks_the_publish(
    users, translators, settings, caplog
):
    settings.UDSYN_TRANSLATION_EMAILS = True
    settings.EMAIL_BACKEND = f"{__name__}.FailingMailBackend"
    FailingMailBackend.attempts = []
    before = SourceChange.objects.get(page=page_at(MOVING)).changed_at

    with caplog.at_level(logging.ERROR, logger="udsyn.localisation"):
        moving = retitle(users, MOVING, " Kommune")  # asserts the admin's redirect

    assert moving.live and moving.title == "Flyt til Herning Kommune"
    assert SourceChange.objects.get(page=moving).changed_at > before
    assert "translator-en@udsyn.example" in FailingMailBackend.attempts
    assert "Could not e-mail translator-en@udsyn.example" in caplog.text
    assert notices_of(translators["translator-en"]) == [(MOVING, "en", 2)]


def test_nothing_is_sent_or_kept_for_a_publish_that_is_rolled_back(
    users, translators, settings, mailoutbox
):
    settings.UDSYN_TRANSLATION_EMAILS = True
    page = edit(users, page_at(MOVING), title="Flyt til Herning Kommune")
    with pytest.raises(RuntimeError), transaction.atomic():
        page.get_latest_revision().publish(user=users["approver"])
        assert notices_of(translators["translator-en"]) == [(MOVING, "en", 2)]
        assert mailoutbox == []  # e-mail waits for the commit
        raise RuntimeError("the publish fails after the signal")
    assert mailoutbox == []
    assert not TranslationNotice.objects.exists()
