"""The Open data page, its downloads and the data dictionary."""

import datetime as dt

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import NotFound, date_param, over_limit
from focus.geo.geojson import countries_geojson

from . import exports, vocabularies

FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.csv_chunks),
    "json": ("application/json", exports.json_chunks),
}


@require_safe
def data(request):
    """What can be downloaded, how to cite it, and where the API and feeds are."""
    every = list(exports.TABLES.values())
    tables = list(zip(every, exports.row_counts(every), strict=True))
    return render(
        request,
        "api/data.html",
        {
            "tables": tables,
            "citation": vocabularies.citation(),
            "licence_url": vocabularies.LICENCE_URL,
        },
    )


@require_safe
def dictionary(request):
    """Every column of every table, with its type and meaning, and every vocabulary."""
    language = request.LANGUAGE_CODE
    labels = vocabularies.all_labels()
    return render(
        request,
        "api/dictionary.html",
        {
            "tables": [(table, exports.dictionary(table)) for table in exports.TABLES.values()],
            "vocabularies": [
                (name, [(code, names[language]) for code, names in codes.items()])
                for name, codes in labels.items()
            ],
        },
    )


@require_safe
def download(request, table: str, extension: str):
    """A whole table (or the part the filters select), streamed: no row cap, constant memory."""
    found = exports.TABLES.get(table)
    if found is None or extension not in FORMATS:
        raise NotFound(_("There is no such table to download. The Open data page lists them."))
    try:
        filters = exports.checked_filters(found, request.GET)
    except ValueError as error:
        parameter, message = error.args
        return render(
            request,
            "400.html",
            {"message": f"{parameter}: {message}"},
            status=400,
        )
    # A whole table can take minutes to write: a client may ask for a few at a time.
    if over_limit(request, "download", settings.DOWNLOAD_RATE_LIMITS):
        return render(request, "429.html", status=429)
    content_type, chunks = FORMATS[extension]
    response = StreamingHttpResponse(chunks(found, filters), content_type=content_type)
    name = f"focus-{found.name}-{dt.date.today().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def geojson(request):
    """Countries with their summary category now (and on `?on=`), on the map's geometry."""
    collection = countries_geojson(date_param(request))
    response = JsonResponse(collection, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    response["Content-Disposition"] = 'attachment; filename="focus-countries.geojson"'
    return response
