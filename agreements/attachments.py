"""What may be attached to an agreement or a conference: checked by content, not by name.

Signed scans and reports come as PDF, Word (.docx), Excel (.xlsx), PNG or JPEG. The first
bytes of the file say which it is; a .docx or .xlsx is a zip package whose
``[Content_Types].xml`` names its main part (``word/document.xml``, ``xl/workbook.xml``).
Anything else, a file whose name promises another type, a macro-enabled package or one that
is larger than ``settings.MAX_ATTACHMENT_BYTES`` is refused with a message for the field.
The standard library reads all of it: no new dependency.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF, DOCX, XLSX, PNG, JPEG = "pdf", "docx", "xlsx", "png", "jpeg"

# The file name endings each type may carry (downloads keep the name: it must open right).
EXTENSIONS = {PDF: (".pdf",), DOCX: (".docx",), XLSX: (".xlsx",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}

# Main parts of the OOXML packages accepted; the macro-enabled variants (.docm, .xlsm) differ here.
_MAIN_PARTS = {
    DOCX: ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    XLSX: ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}
# [Content_Types].xml of a real document is a few kB; a larger one is not read.
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024

MESSAGES = {
    "size": _("The file is larger than the limit of %(limit)s MB."),
    "type": _("Attach a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file."),
    "name": _("The file's name does not match its content: it is a %(type)s file; name it *%(extension)s."),
}


def _zip_type(file):
    """DOCX or XLSX if ``file`` is such a package (without macros), else None."""
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return None
            content_types = package.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        # Not a zip, no [Content_Types].xml, damaged, encrypted or packed in an unknown way.
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    for kind, (folder, main_type) in _MAIN_PARTS.items():
        if main_type in content_types and any(name.startswith(folder) for name in names):
            return kind
    return None


def detect_type(file) -> str | None:
    """The accepted type of ``file`` (an open file, read from the start), or None."""
    file.seek(0)
    head = file.read(1024)
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        # PDF readers accept the header anywhere in the first kilobyte; so does this.
        if b"%PDF-" in head:
            return PDF
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            return _zip_type(file)
        return None
    finally:
        file.seek(0)


def check_attachment(file, name: str) -> str:
    """Raise ValidationError unless ``file`` (named ``name``) may be attached; returns its type."""
    limit = settings.MAX_ATTACHMENT_BYTES
    if file.size > limit:
        raise ValidationError(MESSAGES["size"], code="size", params={"limit": f"{limit / (1024 * 1024):g}"})
    kind = detect_type(file)
    if kind is None:
        raise ValidationError(MESSAGES["type"], code="type")
    if not (name or "").lower().endswith(EXTENSIONS[kind]):
        raise ValidationError(
            MESSAGES["name"], code="name", params={"type": kind.upper(), "extension": EXTENSIONS[kind][0]}
        )
    return kind
