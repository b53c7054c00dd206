"""A spreadsheet is refused before it costs much (outside security test, finding 5).

Imports stream rows and stop at the row limit; the archive's unpacked size and the sheet's declared
dimensions are checked before any cell is parsed."""

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from regions.models import Stakeholder
from regions.stakeholders.io import MAX_ROWS, ImportFileError, read_rows

# The earlier reader took minutes on these; a refusal takes a fraction of a second. The bound is
# wide so a busy machine (CI runs suites side by side) cannot fail it while a regression still would.
REFUSED_WITHIN = 10.0


def workbook(rows: int = 1, *, dimension: str | None = None, extra_xml: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "sector", "level"])
    for i in range(rows):
        sheet.append([f"Org {i}", "Academia", "Regional"])
    raw = io.BytesIO()
    book.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                if dimension is not None:
                    xml = re.sub(r'<dimension ref="[^"]*"\s*/>', dimension, xml)
                xml = xml.replace("</sheetData>", extra_xml + "</sheetData>")
                data = xml.encode()
            target.writestr(item, data)
    return out.getvalue()


def upload(content: bytes, name: str = "registry.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refused(content: bytes, name: str = "registry.xlsx") -> str:
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as error:
        read_rows(upload(content, name))
    assert time.perf_counter() - started < REFUSED_WITHIN
    return str(error.value)


FAR_ROW = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def test_it_refuses_a_sheet_declaring_a_huge_size_before_reading_it():
    content = workbook(dimension='<dimension ref="A1:XFD1048576"/>', extra_xml=FAR_ROW)
    assert len(content) < 20_000
    assert f"at most {MAX_ROWS}" in refused(content)


def test_it_stops_at_the_row_limit_when_the_sheet_hides_its_size():
    content = workbook(dimension="", extra_xml=FAR_ROW)
    assert f"at most {MAX_ROWS}" in refused(content)


def test_it_stops_streaming_past_the_row_limit():
    assert f"at most {MAX_ROWS}" in refused(workbook(rows=MAX_ROWS + 1, dimension=""))


def test_it_refuses_an_archive_that_unpacks_to_too_much():
    padding = "<!--" + " " * (60 * 1024 * 1024) + "-->"
    content = workbook(extra_xml=padding)
    assert len(content) < 200_000
    assert "unpacks to more than" in refused(content)


def test_it_refuses_a_damaged_file():
    assert "could not be read" in refused(b"PK\x03\x04 not really a workbook")


def test_it_still_reads_a_full_registry():
    rows = read_rows(upload(workbook(rows=MAX_ROWS)))
    assert len(rows) == MAX_ROWS and rows[-1]["name"] == f"Org {MAX_ROWS - 1}"


def test_it_changes_nothing_when_a_hostile_file_is_refused(login, regional_admin, region):
    content = workbook(dimension='<dimension ref="A1:XFD1048576"/>', extra_xml=FAR_ROW)
    response = login(regional_admin).post(
        reverse("regions:stakeholder-import", kwargs={"region": region.slug}),
        {"file": upload(content)},
    )
    assert response.status_code == 400
    assert f"at most {MAX_ROWS}" in response.content.decode()
    assert not Stakeholder.objects.filter(region=region).exists()
