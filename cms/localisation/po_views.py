"""Admin views for bulk PO files: download a language's strings, upload a translated file and
read the validation report. A translator works only in their own languages; approvers and
superusers in any."""

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from cms.languages import BY_CODE, SOURCE
from cms.roles.setup import APPROVERS

from .notifications import translator_locales
from .po import export, importer, validate
from .po.report import Report


def allowed_locales(user) -> list[str]:
    """The target languages ``user`` may export and import, in the project's order."""
    if user.is_superuser or user.groups.filter(name=APPROVERS).exists():
        codes = set(BY_CODE)
    else:
        codes = set(translator_locales(user))
    return [code for code in BY_CODE if code in codes and code != SOURCE]


def _locale(request: HttpRequest, value: str | None) -> str:
    """The chosen locale, if ``request.user`` may work in it."""
    allowed = allowed_locales(request.user)
    code = value or (allowed[0] if allowed else "")
    if code not in allowed:
        raise PermissionDenied
    return code


def _forbidden(view):
    """A plain 403 page: Wagtail's admin turns PermissionDenied into a redirect to the
    dashboard, which tells a script (and a test) nothing."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return render(
                request,
                "localisation/po_forbidden.html",
                {"header_title": _("PO files")},
                status=403,
            )

    return wrapper


def _page(request, code: str, report: Report | None = None, status: int = 200) -> HttpResponse:
    return render(
        request,
        "localisation/po_files.html",
        {
            "header_title": _("PO files"),
            "languages": [(c, BY_CODE[c].name) for c in allowed_locales(request.user)],
            "selected": code,
            "report": report,
            "count_rows": report.count_rows() if report else [],
            "max_megabytes": round(validate.max_bytes() / (1024 * 1024), 1),
        },
        status=status,
    )


@_forbidden
@require_GET
def po_files(request: HttpRequest) -> HttpResponse:
    return _page(request, _locale(request, request.GET.get("locale")))


@_forbidden
@require_GET
def po_export(request: HttpRequest) -> HttpResponse:
    code = _locale(request, request.GET.get("locale"))
    everything = request.GET.get("scope") == export.EVERYTHING
    result = export.build(code, everything=everything)
    response = HttpResponse(bytes(result), content_type="text/x-gettext-translation")
    scope = export.EVERYTHING if everything else export.OUTSTANDING
    name = f"udsyn-{code}-{scope}-{timezone.now():%Y%m%d-%H%M}.po"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_forbidden
@require_POST
def po_import(request: HttpRequest) -> HttpResponse:
    code = _locale(request, request.POST.get("locale"))
    upload = request.FILES.get("file")
    if upload is None:
        report = Report(code)
        report.error("file", _("No file was uploaded."))
        return _page(request, code, report, status=400)
    # Read no more than the limit, plus one byte to tell a file that is too large.
    data = upload.read(validate.max_bytes() + 1)
    report = importer.import_po(
        data, code, user=request.user, dry_run=bool(request.POST.get("dry_run"))
    )
    return _page(request, code, report, status=400 if report.rejected else 200)


@require_POST
def upload_page_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's per-page PO upload, at its own URL, through the bulk import's checks.

    Its view fails with a server error when the header lacks the translation id, says
    "Successfully imported" when no entry matched, and imports any HTML. Here every problem is
    reported on the editor page it returns to, and a file with errors changes nothing."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        raise Http404 from None
    if not user_can_edit_instance(request.user, instance):
        raise PermissionDenied  # as wagtail-localize's view does
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Please choose a PO file to upload."))
    else:
        data = upload.read(validate.max_bytes() + 1)
        _tell(request, importer.import_page_po(data, translation, user=request.user))
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def _tell(request: HttpRequest, report: Report, shown: int = 10) -> None:
    """The report as admin messages: the editor page has no room for a table."""

    def listed(items) -> str:
        lines = [str(item) for item in items[:shown]]
        if len(items) > shown:
            lines.append(_("… and %(n)d more") % {"n": len(items) - shown})
        return "; ".join(lines)

    if report.rejected:
        messages.error(
            request,
            _("PO file rejected, nothing was imported: %(problems)s")
            % {"problems": listed(report.errors)},
        )
        return
    if report.warnings:
        messages.warning(
            request, _("Skipped: %(problems)s") % {"problems": listed(report.warnings)}
        )
    text = _("PO file checked: %(summary)s.") % {"summary": report.summary()}
    if report.counts["imported"]:
        messages.success(request, text)
    else:
        messages.warning(request, text + " " + _("No translation was changed."))


class POFilesMenuItem(MenuItem):
    """Shown to those who have a language to work in."""

    def is_shown(self, request) -> bool:
        return bool(allowed_locales(request.user))


def menu_item() -> MenuItem:
    return POFilesMenuItem(
        gettext_lazy("PO files"), reverse("udsyn_po_files"), icon_name="download", order=251
    )
