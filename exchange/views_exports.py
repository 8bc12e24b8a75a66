"""Downloads of the lists: /exports/agreements.xlsx?<the list's filters> and the like.

Every format is streamed as the rows are read, the XLSX workbook too (a zip written as it is
sent, coordination/exports.py): the download starts at once and no file is kept.
"""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from exchange import exports

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WRITERS = {"csv": exports.csv_chunks, "json": exports.json_chunks, "xlsx": exports.xlsx_chunks}
# static/js/exports.js adds ?export_token=… to the link it follows and waits for the cookie
# carrying the same token, which arrives with the response's headers: the download started.
PROGRESS_PARAM = "export_token"
STARTED_COOKIE = "export_started"
PROGRESS_ID = re.compile(r"[A-Za-z0-9]{1,64}")


def _in_language(chunks, language):
    """Yield from ``chunks`` with ``language`` active while each piece is made.

    A streamed response is read after the view has returned (under ASGI, on another
    thread), when the interface language may no longer be active; headers and the
    labels of kinds and statuses are translated as they are written.
    """
    iterator = iter(chunks)
    while True:
        with translation.override(language):
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


@login_required
@require_safe
def export_list(request, kind, fmt):
    export = exports.EXPORTS.get(kind)
    if export is None or fmt not in CONTENT_TYPES:
        raise Http404
    # The list page's own selector: same scope, same filters (or none, when they make no
    # sense), same order.
    queryset = export.queryset(request.user, request.GET)
    site = f"{request.scheme}://{request.get_host()}"
    filename = f"{kind}-{timezone.localdate():%Y%m%d}.{fmt}"
    response = StreamingHttpResponse(
        _in_language(WRITERS[fmt](export, queryset, site), translation.get_language()),
        content_type=CONTENT_TYPES[fmt],
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    token = request.GET.get(PROGRESS_PARAM, "")
    if PROGRESS_ID.fullmatch(token):
        response.set_cookie(STARTED_COOKIE, token, max_age=300, samesite="Lax", secure=request.is_secure())
    return response
