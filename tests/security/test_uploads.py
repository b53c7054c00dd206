"""Stakeholder import uploads are checked by type, content and size before anything is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regions.models import Stakeholder
from regions.stakeholders.views import IMPORT_SESSION_KEY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.xlsx", PNG, ""),
        ("people.csv", b"\xff\xfe\x00\x00garbage\x00" * 10, ""),
        ("people.exe", b"MZ" + b"\x00" * 64, "Upload a .csv or .xlsx file."),
        ("people.csv", b"name\n" + b"x" * (5 * 1024 * 1024), "The file is larger than 5 MB."),
    ],
    ids=["disguised-xlsx", "binary-csv", "wrong-type", "too-large"],
)
def test_it_rejects_bad_import_files_without_writing(
    login, regional_admin, region, name, content, message
):
    client = login(regional_admin)
    url = reverse("regions:stakeholder-import", kwargs={"region": region.slug})
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code < 500
    body = response.content.decode()
    assert message in body
    assert not Stakeholder.objects.filter(region=region).exists()
    # Nothing waits in the session to be confirmed.
    assert IMPORT_SESSION_KEY not in client.session
