import re

from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from regions.models import AuditEntry, Invitation, Role
from regions.selectors import user_roles
from tests import factories


def url(name, region, **kwargs):
    return reverse(f"regions:{name}", kwargs={"region": region.slug, **kwargs})


def _invite(client, region, capture, email="newcomer@example.org", role="contributor"):
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(
            url("member-invite", region), {"name": "Nora Newcomer", "email": email, "role": role}
        )
    assert response.status_code == 302
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", mail.outbox[-1].body).group(0)
    return link.split("testserver", 1)[-1]


def test_it_shows_members_only_to_regional_admins(login, regional_admin, editor, outsider, region):
    assert login(regional_admin).get(url("members", region)).status_code == 200
    assert login(editor).get(url("members", region)).status_code == 403
    assert login(outsider).get(url("members", region)).status_code == 404


def test_it_keeps_the_member_list_query_count_flat(
    login, regional_admin, region, django_assert_max_num_queries
):
    client = login(regional_admin)
    with django_assert_max_num_queries(12) as few:
        client.get(url("members", region))
    for _ in range(10):
        factories.member(region, Role.CONTRIBUTOR)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("members", region))


def test_it_invites_a_new_person_who_sets_a_password(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = login(regional_admin)
    path = _invite(client, region, django_capture_on_commit_callbacks)
    newcomer = Client()
    page = newcomer.get(path)
    assert page.status_code == 200
    response = newcomer.post(
        path,
        {
            "username": "newcomer",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
        },
    )
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="newcomer")
    assert [r.role for r in user_roles(user)] == ["contributor"]
    assert newcomer.get(path).status_code == 404  # single use
    assert Invitation.objects.get().accepted_by == user


def test_it_lets_an_existing_user_accept(
    login, regional_admin, region, other_region, django_capture_on_commit_callbacks
):
    existing = factories.member(other_region, Role.CONTRIBUTOR)
    path = _invite(
        login(regional_admin),
        region,
        django_capture_on_commit_callbacks,
        email=existing.email.upper(),
        role="editor",
    )
    client = Client()
    client.force_login(existing)
    assert client.post(path).status_code == 302
    assert {(r.region_id, r.role) for r in user_roles(existing)} == {
        (other_region.pk, "contributor"),
        (region.pk, "editor"),
    }


def test_it_refuses_expired_and_withdrawn_invitations(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    client = login(regional_admin)
    path = _invite(client, region, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now())
    assert Client().get(path).status_code == 404
    Invitation.objects.update(expires_at=timezone.now() + timezone.timedelta(days=1))
    invitation = Invitation.objects.get()
    client.post(url("invitation-withdraw", region, invitation=invitation.uuid))
    assert Client().get(path).status_code == 404


def test_it_stores_only_a_hash_of_the_token(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    path = _invite(login(regional_admin), region, django_capture_on_commit_callbacks)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_it_changes_roles_and_removes_members_ending_their_sessions(login, regional_admin, region):
    contributor = factories.member(region, Role.CONTRIBUTOR)
    theirs = Client()
    theirs.force_login(contributor)
    assert theirs.get(url("home", region)).status_code == 200
    admin = login(regional_admin)
    admin.post(url("member-role", region, member=contributor.username), {"role": "editor"})
    assert [r.role for r in user_roles(contributor)] == ["editor"]
    admin.post(url("member-remove", region, member=contributor.username))
    assert user_roles(contributor) == []
    assert not Session.objects.filter(session_key=theirs.session.session_key).exists()
    response = theirs.get(url("home", region))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    theirs.force_login(contributor)
    assert theirs.get(url("home", region)).status_code == 404
    actions = list(
        AuditEntry.objects.filter(region=region, target_label=contributor.username)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["member.role_change", "member.remove"]


def test_it_refuses_member_changes_to_read_only_roles_and_outsiders(
    login, editor, outsider, region
):
    target = factories.member(region, Role.CONTRIBUTOR)
    assert (
        login(editor).post(url("member-remove", region, member=target.username)).status_code == 403
    )
    assert (
        login(outsider).post(url("member-remove", region, member=target.username)).status_code
        == 404
    )
    assert [r.role for r in user_roles(target)] == ["contributor"]


def test_it_does_not_reach_people_outside_the_region(login, regional_admin, region, other_region):
    stranger = factories.member(other_region, Role.EDITOR)
    response = login(regional_admin).post(url("member-remove", region, member=stranger.username))
    assert response.status_code == 404
    assert [r.role for r in user_roles(stranger)] == ["editor"]


def test_it_walks_the_regional_admin_story(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    """Import 50 stakeholders (a bad row blocks all), invite, change role, remove: all audited."""
    from regions.models import Stakeholder

    from . import factories as f

    client = login(regional_admin)
    rows = f.good_rows(50)
    bad = [*rows[:49], rows[49].replace("p49@example.org", "p49-at-example")]
    assert (
        client.post(url("stakeholder-import", region), {"file": f.csv_file(bad)}).status_code == 400
    )
    assert not Stakeholder.objects.exists()
    preview = client.post(url("stakeholder-import", region), {"file": f.csv_file(rows)})
    client.post(url("stakeholder-import-confirm", region), {"token": preview.context["token"]})
    assert Stakeholder.objects.filter(region=region).count() == 50
    path = _invite(client, region, django_capture_on_commit_callbacks)
    Client().post(
        path,
        {
            "username": "carla",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
        },
    )
    client.post(url("member-role", region, member="carla"), {"role": "editor"})
    client.post(url("member-remove", region, member="carla"))
    log = client.get(url("audit", region)).content.decode()
    # Events read as words, never as the codes they are stored under.
    for event in [
        "Stakeholders imported",
        "Invitation: created",
        "Invitation: accepted",
        "Member: role changed",
        "Member: removed",
    ]:
        assert event in log
    assert "Roles: Contributor → Editor" in log or "Roles: Editor → —" in log
    for code in ["member.role_change", "invitation.create", "{'", "[&#x27;"]:
        assert code not in log


def test_it_replaces_an_earlier_role_on_accepting(db, region):
    from regions.members.services import invitation_accept, member_invite

    person = factories.member(region, Role.CONTRIBUTOR)
    _, token = member_invite(region=region, email=person.email, role=Role.ADMIN, by=None)
    invitation_accept(token=token, user=person)
    assert [r.role for r in user_roles(person)] == ["admin"]


# --- an invitation is for the invited address (outside security test, finding 6) ------------


def test_it_gives_no_role_to_a_different_signed_in_account(
    login, regional_admin, region, other_region, django_capture_on_commit_callbacks
):
    path = _invite(login(regional_admin), region, django_capture_on_commit_callbacks, role="editor")
    stranger = factories.member(other_region, Role.CONTRIBUTOR)
    client = Client()
    client.force_login(stranger)
    page = client.get(path)
    assert page.status_code == 403
    text = page.content.decode()
    assert "sent to a different e-mail address" in text
    assert "newcomer@example.org" not in text, "the invited address is not shown to others"
    assert stranger.email in text
    assert client.post(path).status_code == 403
    assert {(r.region_id, r.role) for r in user_roles(stranger)} == {
        (other_region.pk, "contributor")
    }
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None and invitation.accepted_by is None
    assert not AuditEntry.objects.filter(action="invitation.accept").exists()


def test_it_refuses_a_mismatched_account_in_the_service_too(region, other_region):
    import pytest

    from regions.members.services import InvitationAddressError, invitation_accept, member_invite

    _invitation, token = member_invite(
        region=region, email="invitee@example.org", role=Role.EDITOR, by=None
    )
    stranger = factories.member(other_region, Role.CONTRIBUTOR)
    with pytest.raises(InvitationAddressError):
        invitation_accept(token=token, user=stranger)
    assert [r.region_id for r in user_roles(stranger)] == [other_region.pk]


def test_it_writes_the_region_name_as_text_in_the_subject(
    login, regional_admin, django_capture_on_commit_callbacks
):
    region = factories.region(name="Emilia & Romagna <Test>", slug="emilia-test")
    admin = factories.member(region, Role.ADMIN)
    _invite(login(admin), region, django_capture_on_commit_callbacks)
    subject = mail.outbox[-1].subject
    assert subject == "Invitation to Emilia & Romagna <Test> on EU-Belong"
