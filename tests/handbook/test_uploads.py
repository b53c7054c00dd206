import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from handbook.models import Material
from handbook.uploads import safe_filename, validate_upload

from . import factories

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_accepts_a_real_pdf_and_docx():
    validate_upload(SimpleUploadedFile("notes.pdf", PDF))
    validate_upload(SimpleUploadedFile("notes.docx", _docx()))


@pytest.mark.parametrize(
    "name,content",
    [
        ("evil.html", b"<script>alert(1)</script>"),
        ("fake.pdf", b"<html>not a pdf</html>"),
        ("fake.docx", PDF),
        ("fake.png", b"GIF89a"),
    ],
)
def test_it_rejects_wrong_types(name, content):
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile(name, content))


def test_it_rejects_large_files(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))


def test_it_makes_download_names_safe():
    assert safe_filename('../../etc/"pass wd".pdf') == "pass_wd.pdf"
    assert safe_filename("report.exe") == "report"


def test_it_uploads_a_material_and_serves_it_only_to_signed_in_users(client, login, editor, region):
    module = factories.module(region)
    upload = SimpleUploadedFile("Slides final.pdf", PDF, content_type="application/pdf")
    url = reverse("handbook:material-add", kwargs={"region": region.slug, "module": module.uuid})
    response = login(editor).post(url, {"title": "Slides", "upload": upload})
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.region == region and material.original_name == "Slides final.pdf"
    download = reverse("handbook:material-download", kwargs={"material": material.uuid})
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Slides_final.pdf"' == response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    client.logout()
    assert client.get(download).status_code == 302


def test_it_refuses_a_disguised_upload(login, editor, region):
    module = factories.module(region)
    upload = SimpleUploadedFile("slides.pdf", b"<html></html>")
    url = reverse("handbook:material-add", kwargs={"region": region.slug, "module": module.uuid})
    response = login(editor).post(url, {"title": "Slides", "upload": upload})
    assert response.status_code == 400
    assert not Material.objects.exists()


def test_it_forbids_material_uploads_to_contributors(login, contributor, region):
    module = factories.module(region)
    url = reverse("handbook:material-add", kwargs={"region": region.slug, "module": module.uuid})
    upload = SimpleUploadedFile("slides.pdf", PDF)
    assert login(contributor).post(url, {"title": "x", "upload": upload}).status_code == 403


def test_it_lets_a_coordinator_upload_and_replace_a_resource_file(client, login, coordinator):
    from handbook.models import Resource

    client = login(coordinator)
    upload = SimpleUploadedFile("guide.pdf", PDF)
    response = client.post(
        reverse("handbook:resource-create"),
        {"title": "Guide", "kind": "guide", "language": "English", "upload": upload},
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    first = resource.file.name
    response = client.post(
        reverse("handbook:resource-edit", kwargs={"resource": resource.uuid}),
        {
            "title": "Guide",
            "kind": "guide",
            "language": "English",
            "version": resource.version,
            "upload": SimpleUploadedFile("guide-v2.docx", _docx()),
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.original_name == "guide-v2.docx" and resource.file.name != first
    download = client.get(reverse("handbook:resource-download", kwargs={"resource": resource.uuid}))
    assert download["Content-Disposition"] == 'attachment; filename="guide-v2.docx"'
    history = client.get(reverse("handbook:resource-history", kwargs={"resource": resource.uuid}))
    assert "guide-v2.docx" in history.text


def test_it_requires_a_link_or_a_file_for_a_resource(login, coordinator):
    response = login(coordinator).post(
        reverse("handbook:resource-create"), {"title": "x", "kind": "guide", "language": "English"}
    )
    assert response.status_code == 400
