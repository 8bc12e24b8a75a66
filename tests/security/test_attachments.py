"""Attachments: only PDF, Word, Excel, PNG and JPEG, recognised by content, within the size
limit; refused with a message on the agreement form and in the admin; handed out only
through the download view."""

import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.attachments import detect_type
from agreements.models import Agreement, Attachment
from coordination import settings as project_settings
from tests.entry_posts import entry_post
from tests.makers import admin_form_data, make_agreement, make_agreement_party

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def _docx():
    document = docx.Document()
    document.add_paragraph("Quy chế phối hợp")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Số liệu"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def _macro_enabled():
    """A .docx repackaged as a macro-enabled document (.docm): its main part says so."""
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    files = {name: source.read(name) for name in source.namelist()}
    files["[Content_Types].xml"] = (
        files["[Content_Types].xml"]
        .decode()
        .replace(
            "wordprocessingml.document.main+xml",
            "ms-word.document.macroEnabled.main+xml",
        )
    )
    files["word/vbaProject.bin"] = b"\x00" * 64
    return _zip(files)


ACCEPTED = [
    ("quy-che.pdf", PDF, "pdf"),
    ("ban-ky.PDF", b"\n\n" + PDF, "pdf"),
    ("anh-chup.png", PNG, "png"),
    ("anh-chup.jpg", JPEG, "jpeg"),
    ("anh-chup.jpeg", JPEG, "jpeg"),
    ("bao-cao.docx", _docx(), "docx"),
    ("so-lieu.xlsx", _xlsx(), "xlsx"),
]

REFUSED = [
    ("a program", "quy-che.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "type"),
    ("a web page", "quy-che.html", b"<html><script>alert(1)</script></html>", "type"),
    ("an SVG image", "anh.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "type"),
    ("a zip that is no document", "bao-cao.docx", _zip({"readme.txt": "x"}), "type"),
    ("a package without its main part", "bao-cao.docx", _zip({"[Content_Types].xml": "<Types/>"}), "type"),
    ("a macro-enabled document", "bao-cao.docx", _macro_enabled(), "type"),
    ("a damaged zip", "so-lieu.xlsx", b"PK\x03\x04" + b"\x00" * 40, "type"),
    ("plain text", "ghi-chu.txt", "Quy chế phối hợp".encode(), "type"),
    ("an empty file", "quy-che.pdf", b"", "empty"),
    ("a PNG named .pdf", "quy-che.pdf", PNG, "name"),
    ("a PDF named .exe", "quy-che.exe", PDF, "name"),
    ("a workbook named .docx", "bao-cao.docx", _xlsx(), "name"),
]

MESSAGES = {
    "type": "Attach a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file.",
    "empty": "The submitted file is empty.",  # Django's own FileField says so first
}


@pytest.mark.parametrize(("name", "content", "kind"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_documents_and_images_are_recognised_by_their_content(name, content, kind):
    assert detect_type(io.BytesIO(content)) == kind


@pytest.fixture
def agreement_post(world):
    def _post(upload):
        form = {
            "kind": "regulation",
            "number": "12/QC-CAT-LĐLĐ",
            "status": "in_force",
            "parties": [str(world.bodies.ben_tre_police.pk)],
            "attachment": upload,
            "attachment_title": "Bản ký",
        }
        return entry_post(form, {}, prefixes=("signatories",))

    return _post


def _field_errors(response, name):
    assert response.status_code == 200
    return response.context["form"].errors.get(name, [])


@pytest.mark.parametrize(("name", "content", "kind"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_the_agreement_form_accepts_each_allowed_type(world, client, agreement_post, name, content, kind):
    client.force_login(world.users["staff"])

    response = client.post(reverse("entry:agreement-create"), agreement_post(SimpleUploadedFile(name, content)))

    assert response.status_code == 302
    attachment = Agreement.objects.get().attachments.get()
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(("what", "name", "content", "problem"), REFUSED, ids=[row[0] for row in REFUSED])
def test_the_agreement_form_refuses_other_files_next_to_the_field_and_saves_nothing(
    world, client, agreement_post, what, name, content, problem
):
    client.force_login(world.users["staff"])

    response = client.post(reverse("entry:agreement-create"), agreement_post(SimpleUploadedFile(name, content)))

    errors = _field_errors(response, "attachment")
    if problem == "name":
        assert len(errors) == 1 and errors[0].startswith("The file's name does not match its content")
    else:
        assert errors == [MESSAGES[problem]]
    assert errors[0] in response.content.decode().replace("&#x27;", "'")
    assert not Agreement.objects.exists()
    assert not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(world, client, agreement_post, settings):
    settings.MAX_ATTACHMENT_BYTES = 1024 * 1024
    client.force_login(world.users["staff"])
    content = PDF + b"0" * (1024 * 1024)

    response = client.post(
        reverse("entry:agreement-create"), agreement_post(SimpleUploadedFile("quy-che.pdf", content))
    )

    assert _field_errors(response, "attachment") == ["The file is larger than the limit of 1 MB."]
    assert not Agreement.objects.exists()


def test_the_renamed_file_names_the_type_it_really_is(world, client, agreement_post):
    client.force_login(world.users["staff"])

    response = client.post(reverse("entry:agreement-create"), agreement_post(SimpleUploadedFile("scan.pdf", PNG)))

    assert _field_errors(response, "attachment") == [
        "The file's name does not match its content: it is a PNG file; name it *.png."
    ]


# Django admin


def _admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_admin_refuses_a_file_that_is_not_an_allowed_type(admin_client):
    agreement = make_agreement()
    data = admin_form_data(admin_client.get(_admin_url(Attachment, "add")))
    data.update(agreement=str(agreement.pk), title="Bản ký", file=SimpleUploadedFile("quy-che.pdf", b"MZ\x90\x00"))

    response = admin_client.post(_admin_url(Attachment, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [MESSAGES["type"]]
    assert MESSAGES["type"] in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_admin_accepts_an_allowed_type(admin_client):
    agreement = make_agreement()
    data = admin_form_data(admin_client.get(_admin_url(Attachment, "add")))
    data.update(agreement=str(agreement.pk), title="Bản ký", file=SimpleUploadedFile("bao-cao.docx", _docx()))

    response = admin_client.post(_admin_url(Attachment, "add"), data)

    assert response.status_code == 302
    assert Attachment.objects.get().agreement == agreement


def test_the_admin_refuses_an_oversized_file_attached_on_the_agreement_page(admin_client, settings):
    settings.MAX_ATTACHMENT_BYTES = 1024 * 1024
    agreement = make_agreement(title="Quy chế 03")
    url = _admin_url(Agreement, "change", agreement.pk)
    data = admin_form_data(admin_client.get(url))
    prefix = "attachments"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-file": SimpleUploadedFile("quy-che.pdf", PDF + b"0" * (1024 * 1024)),
            f"{prefix}-0-title": "Bản ký",
            "title": "Quy chế 03 (sửa)",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The file is larger than the limit of 1 MB." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title == "Quy chế 03"
    assert not Attachment.objects.exists()


# Downloads


def test_a_download_is_an_attachment_the_browser_does_not_sniff(world, login):
    agreement = make_agreement()
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    attachment = Attachment.objects.create(agreement=agreement, file=SimpleUploadedFile("anh.png", PNG))

    response = login(world.users["staff"]).get(reverse("browse:attachment-download", args=[attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_uploaded_files_are_stored_under_media_root_outside_static():
    # The project's own settings, not the temporary MEDIA_ROOT the tests write to.
    media = str(project_settings.MEDIA_ROOT)
    for static in [project_settings.STATIC_ROOT, *project_settings.STATICFILES_DIRS]:
        assert not media.startswith(str(static))
    assert not project_settings.MEDIA_URL.startswith(project_settings.STATIC_URL)
