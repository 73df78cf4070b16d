"""Two admin views beside wagtail-localize's editor: confirming machine translations, and an
approver's explicit choice to publish a translation with source-language text in its gaps."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.localisation.guards import explicit_choice, untranslated

from .flags import machine_strings
from .roles import approver_role, can_confirm


def _page_of(translation: Translation) -> Page:
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise PermissionDenied  # contacts and other snippets: no page to review here
    return page


def _back(request: HttpRequest, page: Page) -> HttpResponse:
    return redirect(
        get_valid_next_url_from_request(request)
        or reverse("wagtailadmin_pages:edit", args=[page.pk])
    )


def machine_rows(translation: Translation) -> list[dict]:
    """The translation's unconfirmed machine strings beside their source text, in page order."""
    by_key = {
        (st.translation_of_id, st.context_id): st
        for st in machine_strings(translation).select_related("translation_of")
    }
    rows = []
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in segments.order_by("order"):
        st = by_key.pop((segment.string_id, segment.context_id), None)
        if st is not None:
            rows.append(
                {
                    "id": st.pk,
                    "path": segment.context.path,
                    "source": segment.string.data,
                    "text": st.data,
                    "tool": st.tool_name,
                }
            )
    return rows


def confirm_machine_translations(request: HttpRequest, translation_id: int) -> HttpResponse:
    """List a translation's machine strings with their source; confirm all or those selected
    (they become ordinary, person-made translations)."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    page = _page_of(translation)
    language = translation.target_locale.language_code
    if (
        not can_confirm(request.user, language)
        or not page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
    rows = machine_rows(translation)
    if request.method == "POST":
        ids = {row["id"] for row in rows}
        if "confirm_all" in request.POST:
            chosen = ids
        else:
            chosen = ids & {int(v) for v in request.POST.getlist("strings") if v.isdigit()}
        if not chosen:
            messages.error(request, _("Select the machine translations you have reviewed."))
        else:
            confirmed = StringTranslation.objects.filter(
                pk__in=chosen, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
            ).update(
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                last_translated_by=request.user,
                updated_at=timezone.now(),
            )
            messages.success(
                request,
                ngettext(
                    "Confirmed %(n)d machine translation.",
                    "Confirmed %(n)d machine translations.",
                    confirmed,
                )
                % {"n": confirmed},
            )
            return _back(request, page)
    return render(
        request,
        "review/confirm_machine.html",
        {
            "page": page,
            "translation": translation,
            "language": language,
            "rows": rows,
            "next": get_valid_next_url_from_request(request),
            "header_title": _("Confirm machine translations"),
        },
    )


class PublishIncompleteForm(forms.Form):
    segments = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirm = forms.BooleanField(required=True)

    def __init__(self, *args, missing: int, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.missing = missing
        self.fields["confirm"].label = ngettext(
            "I choose to publish this page with %(n)d segment in Danish, not in %(language)s.",
            "I choose to publish this page with %(n)d segments in Danish, not in %(language)s.",
            missing,
        ) % {"n": missing, "language": language}

    def clean_segments(self) -> int:
        # The number the approver read must still be the number that will be published.
        if self.cleaned_data["segments"] != self.missing:
            raise ValidationError(
                _("The translation changed while you were reading: check the number again.")
            )
        return self.cleaned_data["segments"]


def publish_with_untranslated(request: HttpRequest, translation_id: int) -> HttpResponse:
    """An approver publishes an incomplete translation, source text in its gaps, after a
    confirmation that states how many segments readers will get in Danish."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    page = _page_of(translation)
    role = approver_role(request.user)
    if role is None or not translation.enabled:
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    missing = untranslated(translation)
    language = translation.target_locale.get_display_name()
    if not missing:
        messages.info(request, _("Every segment is translated: publish it from the editor."))
        return _back(request, page)
    form = PublishIncompleteForm(
        request.POST if request.method == "POST" else None,
        initial={"segments": missing},
        missing=missing,
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        # wagtail-localize publishes on commit: the commit must happen inside the choice.
        with explicit_choice(translation, missing, role), transaction.atomic():
            translation.save_target(user=request.user, publish=True)
        messages.success(
            request,
            ngettext(
                "Published '%(title)s' with %(n)d segment in Danish.",
                "Published '%(title)s' with %(n)d segments in Danish.",
                missing,
            )
            % {"title": page.title, "n": missing},
        )
        return _back(request, page)
    source = StringSegment.objects.filter(source=translation.source).select_related("string")
    done = set(
        source.filter(
            string__translations__locale=translation.target_locale,
            string__translations__context_id=F("context_id"),
        ).values_list("pk", flat=True)
    )
    return render(
        request,
        "review/publish_incomplete.html",
        {
            "page": page,
            "translation": translation,
            "language": language,
            "missing": missing,
            "gaps": [s.string.data for s in source.order_by("order") if s.pk not in done],
            "form": form,
            "next": get_valid_next_url_from_request(request),
            "header_title": _("Publish with untranslated text"),
        },
    )
