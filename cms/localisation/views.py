import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms.languages import BY_CODE, SOURCE

from . import dashboard
from .states import CURRENT, MISSING, OUTDATED, PARTIAL

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
