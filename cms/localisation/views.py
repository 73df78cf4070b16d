import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page

from cms.languages import BY_CODE, SOURCE

from . import changes, dashboard, notifications
from .states import CURRENT, MISSING, OUTDATED, PARTIAL, facts_of, states_for

STATES = [CURRENT, OUTDATED, PARTIAL, MISSING]


def translation_status(request):
    """The page x language matrix, filterable by language, section and state; ?format=csv for
    a spreadsheet."""
    locale = request.GET.get("locale") or None
    section = request.GET.get("section") or None
    state = request.GET.get("state") or None
    matrix = dashboard.build(locale=locale, section=section, state=state)
    if request.GET.get("format") == "csv":
        return _csv(matrix)
    return render(
        request,
        "localisation/translation_status.html",
        {
            "matrix": matrix,
            "languages": [(code, BY_CODE[code].name) for code in matrix.languages],
            # Counters in rows: Django templates would read counter.items as counter["items"].
            "count_rows": [
                (code, BY_CODE[code].name, [matrix.counts[code][s] for s in STATES])
                for code in matrix.languages
            ],
            "all_languages": [
                (code, lang.name) for code, lang in BY_CODE.items() if code != SOURCE
            ],
            "sections": dashboard.sections(),
            "states": STATES,
            "selected": {"locale": locale or "", "section": section or "", "state": state or ""},
            "csv_query": request.GET.urlencode(),
            "header_title": _("Translation status"),
            "notices": notifications.unread(request.user),
        },
    )


def _csv(matrix: dashboard.Matrix) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
    writer = csv.writer(response)
    writer.writerow(["page", "path", "section", *matrix.languages])
    for row in matrix.rows:
        cells = [
            f"{cell.state} {cell.percent}%"
            if cell.percent is not None and cell.state in (PARTIAL, OUTDATED)
            else cell.state
            for cell in (row.cells[code] for code in matrix.languages)
        ]
        writer.writerow([row.page.title, row.page.url_path, row.section, *cells])
    return response


def translation_changes(request, page_id: int, locale: str):
    """What changed in a source page since its translation into ``locale`` was last synced:
    segments changed (old and new source text, and the translation of the old text), added
    and removed, with links on to wagtail-localize's editor and "update from source"."""
    source = get_object_or_404(Page.objects.select_related("locale"), id=page_id)
    if locale not in BY_CODE or not changes.is_source(source):
        raise Http404
    target = get_object_or_404(
        Page.objects.select_related("locale"),
        translation_key=source.translation_key,
        locale__language_code=locale,
    )
    if target.pk == source.pk:
        raise Http404
    items = changes.report(source, target)
    state = states_for(facts_of([target])).get(target.pk)
    tsource = changes.translation_source(source)
    by_kind = {
        kind: [i for i in items if i.kind == kind]
        for kind in (changes.CHANGED, changes.ADDED, changes.REMOVED)
    }
    language = BY_CODE[locale].name
    return render(
        request,
        "localisation/translation_changes.html",
        {
            "source": source,
            "target": target,
            "code": locale,
            "language": language,
            "source_code": source.locale.language_code,
            "source_language": BY_CODE[source.locale.language_code].name,
            "state": state.state if state else "",
            "changed": by_kind[changes.CHANGED],
            "added": by_kind[changes.ADDED],
            "removed": by_kind[changes.REMOVED],
            "summary": notifications.describe(
                len(by_kind[changes.CHANGED]),
                len(by_kind[changes.ADDED]),
                len(by_kind[changes.REMOVED]),
            ),
            "synced_at": changes.synced_at(source, target, tsource),
            "editor_url": reverse("wagtailadmin_pages:edit", args=[target.pk]),
            "update_url": reverse("wagtail_localize:update_translations", args=[tsource.pk])
            if tsource
            else "",
            "notices": [
                n
                for n in notifications.unread(request.user)
                if n.page_id == source.pk and n.locale_id == target.locale_id
            ],
            "header_title": _("What changed: %(title)s (%(language)s)")
            % {"title": source.title, "language": language},
        },
    )


@require_POST
def mark_notices_read(request):
    """Dismiss the user's own notices: the ones named in ``notice``, or all with ``all``."""
    ids = None
    if not request.POST.get("all"):
        try:
            ids = [int(value) for value in request.POST.getlist("notice")]
        except ValueError as error:
            raise Http404 from error
    done = notifications.mark_read(request.user, ids)
    messages.success(
        request,
        ngettext("%(n)d notice marked as read.", "%(n)d notices marked as read.", done)
        % {"n": done},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("udsyn_translation_status")
    return redirect(target)
