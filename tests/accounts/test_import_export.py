import csv
import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from regions.models import AuditEntry, ContactPerson, Stakeholder
from regions.stakeholders.io import neutralise

from . import factories as f


def url(name, region, **kwargs):
    return reverse(f"regions:{name}", kwargs={"region": region.slug, **kwargs})


def test_it_imports_nothing_when_one_row_is_bad(login, regional_admin, region):
    rows = f.good_rows(50)
    rows[17] = rows[17].replace("p17@example.org", "not-an-email")
    client = login(regional_admin)
    response = client.post(url("stakeholder-import", region), {"file": f.csv_file(rows)})
    assert response.status_code == 400
    assert "“not-an-email” is not a valid email address." in response.content.decode()
    assert b"Import all rows" not in response.content
    response = client.post(url("stakeholder-import-confirm", region), {"token": "anything"})
    assert response.status_code == 302
    assert not Stakeholder.objects.filter(region=region).exists()


def test_it_previews_then_imports_all_rows_on_confirm(login, regional_admin, region):
    client = login(regional_admin)
    response = client.post(url("stakeholder-import", region), {"file": f.csv_file(f.good_rows(50))})
    assert response.status_code == 200
    assert not Stakeholder.objects.exists()
    token = response.context["token"]
    response = client.post(url("stakeholder-import-confirm", region), {"token": token})
    assert response.status_code == 302
    assert Stakeholder.objects.filter(region=region).count() == 50
    assert ContactPerson.objects.filter(region=region).count() == 50
    assert AuditEntry.objects.filter(region=region, action="stakeholder.import").count() == 1
    again = client.post(url("stakeholder-import-confirm", region), {"token": token})
    assert again.status_code == 302
    assert Stakeholder.objects.filter(region=region).count() == 50


def test_it_rejects_names_already_in_the_registry_and_conflicting_rows(region):
    from regions.stakeholders.io import validate_rows

    f.stakeholder(region, name="Org 0")
    rows = [dict(zip(f.HEADER.split(","), line.split(","), strict=True)) for line in f.good_rows(2)]
    rows.append({**rows[1], "level": "national"})
    parsed = validate_rows(region, rows)
    assert parsed[0].errors and not parsed[1].errors and parsed[2].errors


def test_it_imports_xlsx(login, regional_admin, region):
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "sector", "level"])
    sheet.append(["University of Bologna", "Academia", "Regional"])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("s.xlsx", out.getvalue())
    client = login(regional_admin)
    response = client.post(url("stakeholder-import", region), {"file": upload})
    assert response.status_code == 200, response.context.get("file_error")
    client.post(url("stakeholder-import-confirm", region), {"token": response.context["token"]})
    assert Stakeholder.objects.get(region=region).sector == "academia"


def test_it_refuses_import_to_outsiders_and_read_only_roles(login, outsider, editor, region):
    assert login(outsider).post(url("stakeholder-import", region)).status_code == 404
    assert login(editor).post(url("stakeholder-import", region)).status_code == 403


def test_it_neutralises_formulas_on_export(login, regional_admin, region):
    s = f.stakeholder(region, name='=HYPERLINK("http://evil")', notes="@SUM(1)")
    f.contact(s, phone="+39 051 123", name="-2+3")
    client = login(regional_admin)
    response = client.get(url("stakeholder-export", region, fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][4] == "'@SUM(1)"
    assert rows[1][5] == "'-2+3"
    response = client.get(url("stakeholder-export", region, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://evil")'
    assert sheet["A2"].data_type == "s"


def test_it_reads_back_its_own_export(region):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from regions.stakeholders.io import export_csv, read_rows

    f.contact(f.stakeholder(region, name="+Plus Org"), phone="+39 1")
    rows = read_rows(SimpleUploadedFile("x.csv", export_csv(region)))
    assert rows[0]["name"] == "+Plus Org" and rows[0]["contact_phone"] == "+39 1"


def test_it_neutralises_every_dangerous_prefix():
    for prefix in ["=", "+", "-", "@", "\t", "\r"]:
        assert neutralise(prefix + "x") == "'" + prefix + "x"
    assert neutralise("plain") == "plain"
