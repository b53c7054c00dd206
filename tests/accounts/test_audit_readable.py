"""The audit log reads as words: one entry per import, linking to its rows; fields and values
by their labels, never keys, codes or Python notation."""

import re

from django.urls import reverse

from regions.audit_text import changes, event_label, field_label, summary
from regions.models import AuditEntry, Role
from tests import factories

from . import factories as f


def url(name, region, **kwargs):
    return reverse(f"regions:{name}", kwargs={"region": region.slug, **kwargs})


def _import(client, region, rows):
    preview = client.post(url("stakeholder-import", region), {"file": f.csv_file(rows)})
    assert preview.status_code == 200
    reply = client.post(
        url("stakeholder-import-confirm", region), {"token": preview.context["token"]}
    )
    assert reply.status_code == 302


def test_it_records_an_import_as_one_entry_that_lists_its_rows(login, regional_admin, region):
    f.stakeholder(region, name="Already here")
    client = login(regional_admin)
    before = AuditEntry.objects.count()
    rows = f.good_rows(3) + [
        "Org 0,civil society,local,https://org0.example.org,,Second,s@x.org,,,no,,"
    ]
    _import(client, region, rows)

    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert [e.action for e in entries] == ["stakeholder.import"]
    entry = entries[0]
    assert entry.after == {"organisations": 3, "contacts": 4}
    log = client.get(url("audit", region)).content.decode()
    assert "Stakeholders imported" in log and "3 organisations, 4 contact people" in log
    link = f"{url('stakeholders', region)}?import={entry.uuid}"
    assert link in log

    listed = client.get(link)
    assert listed.status_code == 200
    names = sorted(s.name for s in listed.context["stakeholders"])
    assert names == ["Org 0", "Org 1", "Org 2"]
    assert "Organisations added by the import of" in listed.content.decode()


def test_it_writes_one_entry_per_single_create_as_before(login, regional_admin, region):
    client = login(regional_admin)
    client.post(
        url("stakeholder-new", region),
        {"name": "By hand", "sector": "civil_society", "level": "local"},
    )
    assert AuditEntry.objects.filter(region=region, action="stakeholder.create").count() == 1


def test_it_hides_an_import_from_another_region(login, region, other_region, regional_admin):
    _import(login(regional_admin), region, f.good_rows(2))
    entry = AuditEntry.objects.get(region=region, action="stakeholder.import")
    other_admin = factories.member(other_region, Role.ADMIN)
    client = login(other_admin)
    # Their own registry does not know the import, and ours is not theirs to read.
    assert client.get(f"{url('stakeholders', other_region)}?import={entry.uuid}").status_code == 404
    assert client.get(f"{url('stakeholders', region)}?import={entry.uuid}").status_code == 404
    owner = login(regional_admin)
    assert owner.get(f"{url('stakeholders', region)}?import=not-a-uuid").status_code == 404


def test_it_names_unknown_fields_and_codes_in_words(db):
    assert field_label("consent_purpose") == "Consent purpose"
    assert field_label("something_new_here") == "Something new here"
    rows = changes(
        {"sector": "civil_society", "level": "local"},
        {
            "sector": "private",
            "level": "local",
            "extra_detail": {"budget_line": 3, "kinds": ["a_b", "c"]},
            "changed": ["consent_purpose", "is_active"],
            "via": "admin",
        },
        "stakeholder",
    )
    text = repr(rows)
    assert ("Sector", "Civil society", "Private sector") in rows
    assert "civil_society" not in text
    assert ("Extra detail", "", "Budget line: 3; Kinds: a_b, c") in rows
    assert ("Fields changed", "", "Consent purpose, Active") in rows
    assert ("Changed through", "", "Administration site") in rows
    assert not re.search(r"\{'|\['", text)
    assert summary("stakeholder.import", {"organisations": 1, "contacts": 2}) == (
        "1 organisation, 2 contact people"
    )
    assert event_label("stakeholder.import") == "Stakeholders imported"
    assert event_label("workplan.withdrawn") == "Workplan: withdrawn"
