"""Two failures wagtail-localize and Wagtail would show as an error page, shown as a message
instead: a machine translator that is down or answers with an error, and a publish refused
because the translation is incomplete (cms/localisation/guards.py)."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.utils import get_valid_next_url_from_request

from cms.localisation.guards import IncompleteTranslationError

logger = logging.getLogger("udsyn")

MACHINE_TRANSLATE = "wagtail_localize:machine_translate"


class ReviewErrorsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, IncompleteTranslationError):
            messages.error(request, str(exception))
            url = reverse("wagtailadmin_pages:edit", args=[exception.page.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                # Wagtail's workflow action modal: let it go to the page and show the message.
                return render_modal_workflow(
                    request, "", None, {}, json_data={"step": "success", "redirect": url}
                )
            return redirect(url)
        match = request.resolver_match
        if (
            match is not None
            and match.view_name == MACHINE_TRANSLATE
            and not isinstance(exception, (Http404, PermissionDenied))
        ):
            # wagtail-localize writes nothing until the translator has answered, so the
            # translation is as it was.
            logger.warning("Machine translation failed: %r", exception)
            messages.error(
                request,
                _(
                    "The machine translation service did not answer properly, so nothing was "
                    "translated and nothing was changed. Try again later, or translate the "
                    "segments yourself."
                ),
            )
            return redirect(
                get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
            )
        return None
