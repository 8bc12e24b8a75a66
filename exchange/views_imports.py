"""Excel import pages: download the template, upload a file, preview every row, confirm.

The uploaded file is kept under MEDIA_ROOT/imports/ with a random name known only to the
uploader's session. Confirming reads that file again and checks every row again against the
database as it is then: what is saved is what the file says, never what the browser sends back.
"""

import contextlib
import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.models import Conference
from awards.models import AwardDecision
from entry.access import editable_or_denied
from exchange import imports

SESSION_KEY = "pending_imports"
FOLDER = "imports"
# Files of imports never confirmed are removed after a day (on the next upload).
KEEP_FOR = datetime.timedelta(days=1)
# Pending imports remembered per session; older ones are dropped with their files.
MAX_PENDING = 5


@dataclass(frozen=True)
class ImportKind:
    """What is imported into what: the pages below are the same for both kinds."""

    name: str
    model: type[models.Model]
    title: object
    columns: tuple
    template: Callable
    preview: Callable
    save: Callable
    filename: str


FIGURES = ImportKind(
    name="figures",
    model=Conference,
    title=gettext_lazy("Import reported figures from Excel"),
    columns=imports.FIGURE_COLUMNS,
    template=imports.figures_template,
    preview=lambda target, file: imports.figures_preview(conference=target, file=file),
    save=lambda target, rows, by: imports.figures_import(conference=target, rows=rows, by=by),
    filename="so-lieu-hoi-nghi",
)
RECIPIENTS = ImportKind(
    name="recipients",
    model=AwardDecision,
    title=gettext_lazy("Import award recipients from Excel"),
    columns=imports.RECIPIENT_COLUMNS,
    template=imports.recipients_template,
    preview=lambda target, file: imports.recipients_preview(decision=target, file=file),
    save=lambda target, rows, by: imports.recipients_import(decision=target, rows=rows, by=by),
    filename="danh-sach-khen-thuong",
)


# Pending files -----------------------------------------------------------------------------


def _remember(request, kind, target, upload) -> str:
    """Store the upload and remember it in the session; returns its token."""
    _sweep()
    token = secrets.token_hex(16)
    path = default_storage.save(f"{FOLDER}/{token}.xlsx", upload)
    pending = request.session.get(SESSION_KEY, {})
    for old in [t for t, entry in pending.items() if (entry["kind"], entry["pk"]) == (kind.name, target.pk)]:
        _delete(pending.pop(old)["path"])
    while len(pending) >= MAX_PENDING:
        _delete(pending.pop(next(iter(pending)))["path"])
    pending[token] = {"kind": kind.name, "pk": target.pk, "path": path, "filename": upload.name[-200:]}
    request.session[SESSION_KEY] = pending
    return token


def _pending(request, kind, target, token):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if entry is None or (entry["kind"], entry["pk"]) != (kind.name, target.pk):
        return None
    return entry


def _forget(request, token):
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(token, None)
    if entry is not None:
        _delete(entry["path"])
        request.session[SESSION_KEY] = pending


def _delete(path):
    with contextlib.suppress(OSError):
        default_storage.delete(path)


def _sweep():
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = timezone.now() - KEEP_FOR
    for name in files:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except OSError:
            continue


def _read(kind, target, entry):
    """The preview of a pending file, or None when the file is gone or unreadable."""
    try:
        with default_storage.open(entry["path"], "rb") as file:
            return kind.preview(target, file)
    except (OSError, imports.UnreadableFile):
        return None


# Pages -------------------------------------------------------------------------------------


def _context(kind, target, token=None, **extra):
    context = {
        "kind": kind.name,
        "target": target,
        "title": kind.title,
        "columns": kind.columns,
        "template_url": reverse(f"imports:{kind.name}-template", args=[target.pk]),
        "upload_url": reverse(f"imports:{kind.name}-upload", args=[target.pk]),
        **extra,
    }
    if token:
        context["confirm_url"] = reverse(f"imports:{kind.name}-confirm", args=[target.pk, token])
    return context


@login_required
@require_GET
def template(request, pk, kind):
    target = editable_or_denied(request, kind.model, pk)
    content = kind.template(target)
    return FileResponse(
        BytesIO(content),
        as_attachment=True,
        filename=f"{kind.filename}-{target.pk}.xlsx",
        content_type=imports.XLSX_CONTENT_TYPE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, pk, kind):
    target = editable_or_denied(request, kind.model, pk)
    if request.method == "POST":
        form = imports.ImportFileForm(request.POST, request.FILES)
        if form.is_valid():
            token = _remember(request, kind, target, form.cleaned_data["file"])
            return redirect(f"imports:{kind.name}-preview", pk=target.pk, token=token)
    else:
        form = imports.ImportFileForm()
    return render(request, "exchange/upload.html", _context(kind, target, form=form))


def _gone(request, kind, target):
    messages.error(request, _("The uploaded file is no longer available. Please upload it again."))
    return redirect(f"imports:{kind.name}-upload", pk=target.pk)


@login_required
@require_GET
def preview(request, pk, token, kind):
    target = editable_or_denied(request, kind.model, pk)
    entry = _pending(request, kind, target, token)
    preview = _read(kind, target, entry) if entry else None
    if preview is None:
        return _gone(request, kind, target)
    return render(request, "exchange/preview.html", _context(kind, target, preview=preview, entry=entry, token=token))


@login_required
@require_POST
def confirm(request, pk, token, kind):
    target = editable_or_denied(request, kind.model, pk)
    entry = _pending(request, kind, target, token)
    preview = _read(kind, target, entry) if entry else None
    if preview is None:
        return _gone(request, kind, target)
    if preview.ok:
        try:
            saved = kind.save(target, preview.cleaned_rows(), request.user)
        except ValidationError as error:
            preview.problems.extend(imports.Problem(message) for message in error.messages)
        else:
            _forget(request, token)
            messages.success(request, imports.imported_message(len(saved)))
            return redirect(target)
    messages.error(request, _("Nothing was saved. Correct the problems listed below in the file and upload it again."))
    return render(request, "exchange/preview.html", _context(kind, target, preview=preview, entry=entry, token=token))
