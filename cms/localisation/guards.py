"""Never publish source-language text as a translation.

wagtail-localize publishes a translation with untranslated segments by filling them with the
source text (``save_target`` uses ``fallback=True``), from the translation editor's "Publish"
and from "Update translations" with "publish". Here every such publish is checked first: an
incomplete translation is saved as a draft (unless it is live: its public text must not
change), and the publish is refused with a ValidationError, which both of wagtail-localize's
views already handle (the editor shows an error; the update view skips that translation)."""

from django.core.exceptions import ValidationError
from django.db.models import F
from wagtail.models import DraftStateMixin
from wagtail_localize.models import StringSegment, Translation


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


def install() -> None:
    if getattr(Translation.save_target, "udsyn_guarded", False):
        return
    original = Translation.save_target

    def save_target(self, user=None, publish=True):
        missing = untranslated(self) if publish else 0
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
