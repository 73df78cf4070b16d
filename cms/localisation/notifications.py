"""Telling translators that a page they translate changed.

On a publish that changes a source page's text, every translator of a language that has a
translation of the page gets a notice (admin home and dashboard) and, where configured, one
e-mail for the publish, whatever the number of their languages. E-mail goes out after the
commit, and a mail server that fails is logged: it never breaks the editor's publish."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail.users.models import UserProfile

from cms.languages import BY_CODE
from cms.roles.setup import translators_group_name

from . import changes
from .models import TranslationNotice

log = logging.getLogger("udsyn.localisation")

# "Translators (<code>)", as cms.roles names the groups.
GROUP_PREFIX, GROUP_SUFFIX = translators_group_name("<code>").split("<code>")


def emails_enabled() -> bool:
    return bool(getattr(settings, "UDSYN_TRANSLATION_EMAILS", False))


def translator_locales(user) -> list[str]:
    """The languages a user translates, from their "Translators (<code>)" groups."""
    names = user.groups.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True)
    return [name.removeprefix(GROUP_PREFIX).removesuffix(GROUP_SUFFIX) for name in names]


def translators_of(codes: list[str]) -> dict[int, list[str]]:
    """Active users by id, with which of these languages they translate."""
    names = {translators_group_name(code): code for code in codes}
    found: dict[int, list[str]] = {}
    # Through the membership table, so that only the groups asked about come back.
    memberships = get_user_model().groups.through.objects
    rows = (
        memberships.filter(group__name__in=names, user__is_active=True)
        .values_list("user_id", "group__name")
        .order_by("user_id", "group__name")
    )
    for user_id, name in rows:
        found.setdefault(user_id, []).append(names[name])
    return found


def changes_url(source: Page, code: str) -> str:
    return reverse("udsyn_translation_changes", args=[source.pk, code])


def absolute(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def describe(changed: int, added: int, removed: int) -> str:
    """What changed, in counts of segments: "2 segments: 1 changed, 1 added, 0 removed"."""
    total = changed + added + removed
    return ngettext(
        "%(total)d segment: %(changed)d changed, %(added)d added, %(removed)d removed",
        "%(total)d segments: %(changed)d changed, %(added)d added, %(removed)d removed",
        total,
    ) % {"total": total, "changed": changed, "added": added, "removed": removed}


@dataclass
class LocaleChange:
    code: str
    target: Page
    counts: dict[str, int]


def notify(source: Page) -> list[TranslationNotice]:
    """Notices (and, where configured, e-mails) for a publish that changed ``source``'s text."""
    targets = changes.translations_of(source)
    if not targets:
        return []
    tsource = changes.translation_source(source)
    per_locale: dict[str, LocaleChange] = {}
    for target in targets:
        found = changes.counts(changes.changes_for(source, target, tsource))
        # A change undone before the translator caught up leaves nothing to do.
        if any(found.values()):
            code = target.locale.language_code
            per_locale[code] = LocaleChange(code, target, found)
    translators = translators_of(list(per_locale))
    now = timezone.now()
    notices = []
    for user_id, codes in translators.items():
        for code in codes:
            notices.append(_upsert(user_id, source, per_locale[code], now))
    if translators and emails_enabled():
        messages = _messages(source, translators, per_locale)
        # After the commit: no e-mail for a publish that is rolled back, and a slow or failing
        # mail server never holds up or undoes it.
        transaction.on_commit(lambda: send(messages), robust=True)
    return notices


def _upsert(user_id: int, source: Page, change: LocaleChange, now) -> TranslationNotice:
    notice = TranslationNotice.objects.filter(
        user_id=user_id, page_id=source.pk, locale_id=change.target.locale_id, read_at=None
    ).first() or TranslationNotice(
        user_id=user_id, page_id=source.pk, locale_id=change.target.locale_id
    )
    # The counts are what the translation is behind by, so an unread notice that is updated
    # still says what the "What changed" view will show.
    notice.changed = change.counts[changes.CHANGED]
    notice.added = change.counts[changes.ADDED]
    notice.removed = change.counts[changes.REMOVED]
    notice.created_at = now
    notice.save()
    return notice


def _messages(
    source: Page, translators: dict[int, list[str]], per_locale: dict[str, LocaleChange]
) -> list[EmailMessage]:
    users = get_user_model().objects.filter(id__in=translators).exclude(email="")
    messages = []
    for user in users:
        language = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(language):
            messages.append(_message(user, source, [per_locale[c] for c in translators[user.id]]))
    return messages


def _message(user, source: Page, locales: list[LocaleChange]) -> EmailMessage:
    subject = _("Udsyn: “%(title)s” changed – %(languages)s") % {
        "title": source.title,
        "languages": ", ".join(BY_CODE[change.code].name for change in locales),
    }
    lines = [
        _("“%(title)s” (%(path)s) was published with changed text.")
        % {"title": source.title, "path": source.url_path},
        "",
    ]
    for change in locales:
        counts = change.counts
        lines += [
            f"{BY_CODE[change.code].name} ({change.code}): "
            + describe(counts[changes.CHANGED], counts[changes.ADDED], counts[changes.REMOVED]),
            _("What changed: %(url)s") % {"url": absolute(changes_url(source, change.code))},
            "",
        ]
    lines.append(_("You get this e-mail because you translate these languages in Udsyn."))
    return EmailMessage(subject, "\n".join(lines), to=[user.email])


def send(messages: list[EmailMessage]) -> None:
    for message in messages:
        try:
            message.send()
        except Exception:
            # Anything the mail backend raises: the publish is done and must stay done.
            log.exception("Could not e-mail %s about a changed page", ", ".join(message.to))


def unread(user) -> list[TranslationNotice]:
    """The user's unread notices, each with its language's name, the counts in words and the
    link to the "What changed" view, ready for a template."""
    notices = list(
        TranslationNotice.objects.filter(user=user, read_at=None).select_related("page", "locale")
    )
    for notice in notices:
        code = notice.locale.language_code
        notice.code = code
        notice.language = BY_CODE[code].name if code in BY_CODE else code
        notice.summary = describe(notice.changed, notice.added, notice.removed)
        notice.url = changes_url(notice.page, code)
    return notices


def mark_read(user, ids: list[int] | None = None) -> int:
    """Mark the user's notices read (all of them if no ids); how many were."""
    notices = TranslationNotice.objects.filter(user=user, read_at=None)
    if ids is not None:
        notices = notices.filter(id__in=ids)
    return notices.update(read_at=timezone.now())
