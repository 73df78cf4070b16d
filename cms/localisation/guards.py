"""Never publish source-language text as a translation, unless an approver explicitly chooses to.

wagtail-localize publishes a translation with untranslated segments by filling them with the
source text (``save_target`` uses ``fallback=True``), from the translation editor's "Publish"
and from "Update translations" with "publish". Here every such publish is checked first: an
incomplete translation is saved as a draft (unless it is live: its public text must not
change), and the publish is refused with a ValidationError, which both of wagtail-localize's
views already handle (the editor shows an error; the update view skips that translation).

The drafts wagtail-localize saves (``save_target(publish=False)``, on starting or updating a
translation and in the refusal above) hold the source text in the gaps too. Any publish of such
a revision (a workflow approval, the page editor's or the bulk "Publish", scheduled publishing)
goes through Wagtail's ``PublishPageRevisionAction``, which is checked as well: while the page's
translation has untranslated segments it raises ``IncompleteTranslationError``.

Aliases of a page in another language (copies of its source text) are never live either.

The one way through is an approver's explicit choice (cms/review/views.py), made inside
``explicit_choice``; the page then says so in the API (cms/review/flags.py)."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.signals import pre_save
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import StringSegment, Translation

logger = logging.getLogger("udsyn")


def untranslated(translation: Translation) -> int:
    """How many string segments of the translation's source have no translation yet."""
    segments = StringSegment.objects.filter(source=translation.source)
    done = (
        segments.filter(
            string__translations__locale=translation.target_locale,
            string__translations__context_id=F("context_id"),
        )
        .distinct()
        .count()
    )
    return segments.count() - done


def target_translation(page) -> Translation | None:
    """The enabled wagtail-localize translation whose target is ``page``, if it is one."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


@dataclass(frozen=True)
class ExplicitChoice:
    """An approver's choice to publish one translation with ``segments`` in the source language.
    The role, never the person, is what the API will tell."""

    translation_id: int
    segments: int
    role: str
    at: datetime = field(default_factory=timezone.now)


_choice: ContextVar[ExplicitChoice | None] = ContextVar("udsyn_explicit_choice", default=None)


@contextmanager
def explicit_choice(translation: Translation, segments: int, role: str) -> Iterator[ExplicitChoice]:
    """Allow publishing ``translation`` with its gaps while inside the block (wagtail-localize
    publishes on commit: keep any transaction inside the block too)."""
    choice = ExplicitChoice(translation.pk, segments, role)
    token = _choice.set(choice)
    try:
        yield choice
    finally:
        _choice.reset(token)


def current_choice(translation: Translation) -> ExplicitChoice | None:
    choice = _choice.get()
    return choice if choice is not None and choice.translation_id == translation.pk else None


class IncompleteTranslationError(Exception):
    """A publish refused because the page's translation has untranslated segments. Not a
    PermissionDenied: the admin would turn that into its generic "no permission" redirect, and
    the refusal deserves its reason (cms.review's middleware shows it as a message)."""

    def __init__(self, page, missing: int, language: str) -> None:
        self.page, self.missing = page, missing
        super().__init__(
            f"'{page.title}' was not published: {missing} segment(s) have no {language} "
            "translation, and publishing would show Danish text in their place. Translate "
            "them first (or, as an approver, use “Publish with untranslated text”)."
        )


def check_publishable(page) -> None:
    """Raise IncompleteTranslationError if publishing ``page`` would publish source text."""
    translation = target_translation(page)
    if translation is None or current_choice(translation) is not None:
        return
    if missing := untranslated(translation):
        raise IncompleteTranslationError(page, missing, translation.target_locale.language_code)


def keep_foreign_aliases_offline(sender, instance, **kwargs) -> None:
    """An alias of a page in another language is a copy of the source text under a translated
    language's tree: wagtail-localize creates them when locale trees are synchronised (the
    locale setting and the ``sync_locale_trees`` command) and on "convert to alias", and Wagtail
    republishes aliases whenever their original is published. They may exist, to hold the tree
    together until the page is translated, but never be live."""
    if not isinstance(instance, Page) or not instance.alias_of_id or not instance.live:
        return
    original = Page.objects.filter(pk=instance.alias_of_id).values_list("locale_id", flat=True)
    if original and original[0] != instance.locale_id:
        instance.live = False
        instance.has_unpublished_changes = True


def install() -> None:
    pre_save.connect(keep_foreign_aliases_offline, dispatch_uid="udsyn-foreign-aliases")
    if getattr(Translation.save_target, "udsyn_guarded", False):
        return
    original = Translation.save_target

    def save_target(self, user=None, publish=True):
        missing = untranslated(self) if publish and current_choice(self) is None else 0
        if missing:
            model = self.source.specific_content_type.model_class()
            try:
                target = self.source.get_translated_instance(self.target_locale)
            except model.DoesNotExist:
                target = None
            # Keep the work as a draft where there are drafts, but never through a live page:
            # wagtail-localize writes a translation into the page's own row, which for a live
            # page is its public text. (Models without drafts, such as contacts, keep their
            # strings in wagtail-localize until the translation is complete.)
            if issubclass(model, DraftStateMixin) and (target is None or not target.live):
                original(self, user=user, publish=False)
            raise ValidationError(
                f"{missing} segment(s) of '{self.source.object_repr}' have no "
                f"{self.target_locale.language_code} translation: saved as a draft, not "
                "published, so readers never get source-language text as a translation."
            )
        return original(self, user=user, publish=publish)

    save_target.udsyn_guarded = True
    Translation.save_target = save_target

    execute = PublishPageRevisionAction.execute

    def guarded_execute(self, skip_permission_checks=False):
        try:
            check_publishable(self.object)
        except IncompleteTranslationError as error:
            if self.user is None and self.revision.approved_go_live_at is not None:
                # Scheduled publishing (the publish_scheduled command): refuse this one, log
                # why, and let the command go on with the other pages. The schedule is
                # dropped, or the command would retry it every run.
                self.revision.approved_go_live_at = None
                self.revision.save(update_fields=["approved_go_live_at"])
                logger.warning("Scheduled publish refused: %s", error)
                return None
            raise
        return execute(self, skip_permission_checks=skip_permission_checks)

    PublishPageRevisionAction.execute = guarded_execute
