import json

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from regions.audit import audit_record
from regions.members.services import member_remove
from regions.models import AuditEntry, ContactPerson, Role
from tests import factories

from . import factories as f


def region_audit(region):
    return reverse("regions:audit", kwargs={"region": region.slug})


def test_it_shows_a_region_its_own_log_only(login, regional_admin, region, other_region):
    audit_record(action="member.remove", region=region, target_label="mine-zq")
    audit_record(action="member.remove", region=other_region, target_label="theirs-zq")
    body = login(regional_admin).get(region_audit(region)).content.decode()
    assert "mine-zq" in body and "theirs-zq" not in body


def test_it_refuses_the_log_to_read_only_roles_and_outsiders(login, editor, outsider, region):
    assert login(editor).get(region_audit(region)).status_code == 403
    assert login(outsider).get(region_audit(region)).status_code == 404


def test_it_keeps_the_log_query_count_flat(
    login, regional_admin, region, django_assert_max_num_queries
):
    client = login(regional_admin)
    with django_assert_max_num_queries(12) as few:
        client.get(region_audit(region))
    for i in range(40):
        audit_record(action="stakeholder.create", region=region, target_label=f"s{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(region_audit(region))


def test_it_filters_and_exports_the_log(login, regional_admin, region):
    audit_record(action="stakeholder.create", region=region, target_label="=cmd()")
    audit_record(action="member.remove", region=region, target_label="someone")
    client = login(regional_admin)
    body = client.get(region_audit(region), {"action": "member"}).content.decode()
    assert "someone" in body and "=cmd()" not in body
    csv = client.get(region_audit(region), {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=cmd()" in csv


def test_it_shows_coordinators_the_whole_log_and_no_one_else(
    login, coordinator, regional_admin, region
):
    audit_record(action="member.remove", region=region, target_label="visible-zq")
    assert "visible-zq" in login(coordinator).get(reverse("accounts:audit")).content.decode()
    assert login(regional_admin).get(reverse("accounts:audit")).status_code == 403


def test_it_keeps_the_log_append_only(db, region):
    entry = audit_record(action="member.remove", region=region)
    for attempt in (
        entry.save,
        entry.delete,
        AuditEntry.objects.all().delete,
        lambda: AuditEntry.objects.update(action="x"),
    ):
        try:
            attempt()
        except TypeError:
            continue
        raise AssertionError("audit entry changed")


def test_it_lets_a_person_download_their_data(login, contributor, region):
    f.contact(f.stakeholder(region), email=contributor.email)
    response = login(contributor).post(reverse("accounts:my-data"))
    data = json.loads(response.content)
    assert data["account"]["username"] == contributor.username
    assert data["roles"] == [{"region": region.slug, "role": "contributor"}]
    assert data["contact_records"][0]["email"] == contributor.email
    assert login(contributor).get(reverse("accounts:my-data")).status_code == 200


def test_it_erases_a_person_and_logs_it(db, region):
    from regions.accounts.services import person_erase

    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    person = factories.member(region, Role.EDITOR, email="erase-me@example.org")
    f.contact(f.stakeholder(region), email="erase-me@example.org")
    client = Client()
    client.force_login(person)
    person_erase(user=person, by=admin)
    person.refresh_from_db()
    assert person.get_full_name() == "Former member"
    assert person.email == "" and not person.is_active
    assert not ContactPerson.objects.filter(email__iexact="erase-me@example.org").exists()
    assert client.get(reverse("accounts:profile")).status_code == 302
    entry = AuditEntry.objects.get(action="gdpr.erase")
    assert entry.actor == admin and "erase-me" not in entry.target_label


def test_it_lets_platform_staff_manage_any_region(db, region):
    staff = factories.UserFactory(is_staff=True)
    person = factories.member(region, Role.CONTRIBUTOR)
    client = Client()
    client.force_login(staff)
    page = reverse("accounts:platform-person", kwargs={"member": person.username})
    assert client.get(page).status_code == 200
    client.post(page, {"action": "set_role", "region": region.slug, "role": "admin"})
    from regions.selectors import user_roles

    assert [r.role for r in user_roles(person)] == ["admin"]
    network = region.network
    client.post(page, {"action": "coordinator_add", "network": network.slug})
    assert network.coordinator_group.user_set.filter(pk=person.pk).exists()
    assert AuditEntry.objects.filter(action="coordinator.add", actor=staff).exists()


def test_it_keeps_platform_pages_from_non_staff(login, regional_admin):
    response = login(regional_admin).get(reverse("accounts:platform-people"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_it_ends_sessions_of_removed_members(db, region):
    person = factories.member(region, Role.CONTRIBUTOR)
    client = Client()
    client.force_login(person)
    member_remove(region=region, user=person, by=None)
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert get_user_model().objects.filter(pk=person.pk, is_active=True).exists()


def test_it_writes_events_and_changes_as_words_in_the_readers_language(db):
    from django.utils import translation

    from regions.audit_text import changes, event_label

    assert event_label("workplan.approved") == "Workplan: approved"
    assert event_label("create") == "Created"
    assert event_label("something.unheard_of") == "Other event"
    assert changes(
        {"status": "submitted", "revision": 1}, {"status": "approved", "revision": 1}
    ) == [("Status", "Submitted", "Approved")]
    assert changes({"roles": ["editor"]}, {"roles": []}) == [("Roles", "Editor", "—")]
    assert changes(None, {"is_active": False}) == [("Active", "", "No")]
    with translation.override("pl"):
        assert event_label("workplan.approved") != "Workplan: approved"
        assert changes({"status": "draft"}, {"status": "submitted"})[0][1] != "Draft"
