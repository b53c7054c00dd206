import pytest
from django.urls import reverse

from regions.models import AuditEntry, Stakeholder
from regions.stakeholders.services import contacts_past_retention, sector_level_map

from . import factories as f


def url(name, region, **kwargs):
    return reverse(f"regions:{name}", kwargs={"region": region.slug, **kwargs})


def test_it_lists_stakeholders_to_members_with_the_sector_level_map(login, contributor, region):
    f.stakeholder(region, name="Migrant Voices", sector="migrant_led", level="local")
    response = login(contributor).get(url("stakeholders", region))
    assert response.status_code == 200
    assert b"Migrant Voices" in response.content
    assert b"Add a stakeholder" not in response.content


def test_it_keeps_the_list_query_count_flat(
    login, regional_admin, region, django_assert_max_num_queries
):
    client = login(regional_admin)
    for _ in range(3):
        f.stakeholder(region)
    with django_assert_max_num_queries(12) as few:
        client.get(url("stakeholders", region))
    for _ in range(30):
        f.contact(f.stakeholder(region))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("stakeholders", region))


def test_it_hides_stakeholders_from_outsiders(login, outsider, region):
    s = f.stakeholder(region)
    client = login(outsider)
    assert client.get(url("stakeholders", region)).status_code == 404
    assert client.get(url("stakeholder", region, stakeholder=s.uuid)).status_code == 404


def test_it_refuses_writes_to_read_only_roles(login, editor, region):
    s = f.stakeholder(region)
    client = login(editor)
    assert client.post(url("stakeholder-new", region), {"name": "X"}).status_code == 403
    assert client.post(url("stakeholder-delete", region, stakeholder=s.uuid)).status_code == 403
    assert client.get(url("stakeholder-export", region, fmt="csv")).status_code == 403
    assert Stakeholder.objects.filter(pk=s.pk).exists()


def test_it_hides_contact_details_from_read_only_roles(login, contributor, region):
    s = f.stakeholder(region)
    f.contact(s, email="secret@example.org")
    response = login(contributor).get(url("stakeholder", region, stakeholder=s.uuid))
    assert b"Ana Contact" in response.content
    assert b"secret@example.org" not in response.content


def test_it_creates_edits_and_deletes_with_audit(login, regional_admin, region):
    client = login(regional_admin)
    response = client.post(
        url("stakeholder-new", region),
        {"name": "Chamber of Commerce", "sector": "private", "level": "regional"},
    )
    s = Stakeholder.objects.get(region=region)
    assert response.status_code == 302
    response = client.post(
        url("stakeholder-edit", region, stakeholder=s.uuid),
        {
            "name": "Chamber of Commerce",
            "sector": "social_partner",
            "level": "regional",
            "version": s.version,
        },
    )
    assert response.status_code == 302
    stale = client.post(
        url("stakeholder-edit", region, stakeholder=s.uuid),
        {"name": "Chamber", "sector": "private", "level": "local", "version": 1},
    )
    assert stale.status_code == 409
    client.post(
        url("contact-new", region, stakeholder=s.uuid),
        {
            "name": "Paola",
            "email": "paola@example.org",
            "consent": "on",
            "consent_date": "2026-02-01",
            "consent_purpose": "Workshops",
        },
    )
    assert s.contacts.count() == 1
    client.post(url("stakeholder-delete", region, stakeholder=s.uuid))
    assert not Stakeholder.objects.filter(pk=s.pk).exists()
    actions = list(AuditEntry.objects.filter(region=region).values_list("action", flat=True))
    assert {
        "stakeholder.create",
        "stakeholder.update",
        "contact.create",
        "stakeholder.delete",
    } <= set(actions)
    update = AuditEntry.objects.get(action="stakeholder.update")
    assert update.before["sector"] == "private" and update.after["sector"] == "social_partner"


def test_it_requires_date_and_purpose_with_consent(login, regional_admin, region):
    s = f.stakeholder(region)
    response = login(regional_admin).post(
        url("contact-new", region, stakeholder=s.uuid), {"name": "P", "consent": "on"}
    )
    assert response.status_code == 400
    assert not s.contacts.exists()


def test_it_counts_sectors_by_level(region, other_region):
    f.stakeholder(region, sector="academia", level="eu")
    f.stakeholder(region, sector="academia", level="eu")
    f.stakeholder(other_region, sector="academia", level="eu")
    table = sector_level_map(region)
    academia = next(r for r in table["rows"] if r["sector"] == "academia")
    assert academia["total"] == 2 and table["total"] == 2


@pytest.mark.django_db
def test_it_flags_old_contacts_without_consent(region, settings):
    from datetime import timedelta

    from django.utils import timezone

    from regions.models import ContactPerson

    s = f.stakeholder(region)
    old = f.contact(s, consent=False)
    ContactPerson.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31 * settings.CONTACT_RETENTION_MONTHS)
    )
    f.contact(s, name="Recent", consent=False)
    assert list(contacts_past_retention(region)) == [old]


def test_it_filters_with_htmx_returning_only_the_results(login, contributor, region):
    f.stakeholder(region, name="Alpha Union", sector="social_partner")
    f.stakeholder(region, name="Beta Press", sector="media")
    response = login(contributor).get(
        url("stakeholders", region), {"sector": "media"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "Beta Press" in body and "Alpha Union" not in body
    assert "<html" not in body
