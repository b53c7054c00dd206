"""Invitations name the person, say who sent them, can be sent again and their link copied; people
rename themselves on their profile."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regions.audit_text import event_label
from regions.members.services import invitation_token, member_invite
from regions.models import AuditEntry, Invitation, Role
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, region, **kwargs):
    return reverse(f"regions:{name}", kwargs={"region": region.slug, **kwargs})


def _link(message) -> str:
    found = re.search(r"https?://\S+/accounts/invitations/\S+/", message.body).group(0)
    return found.split("testserver", 1)[-1]


def _invite(client, region, capture, **data):
    mail.outbox.clear()
    fields = {"name": "Nora Newcomer", "email": "nora@example.org", "role": "contributor"}
    with capture(execute=True):
        response = client.post(url("member-invite", region), {**fields, **data})
    assert response.status_code == 302
    return mail.outbox[-1]


def _resend(client, region, invitation, capture):
    mail.outbox.clear()
    with capture(execute=True):
        return client.post(url("invitation-resend", region, invitation=invitation.uuid))


# --- the person's name ---------------------------------------------------------------------


def test_it_asks_for_the_name_of_the_person_invited(login, regional_admin, region):
    client = login(regional_admin)
    form = client.get(url("member-invite", region)).content.decode()
    assert 'name="name"' in form and "Full name" in form
    response = client.post(
        url("member-invite", region), {"name": "  ", "email": "x@example.org", "role": "editor"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page and 'href="#id_name"' in page
    assert page.count('class="error-summary"') == 1 and "Error: Error:" not in page
    assert "Enter the full name of the person to invite" in page
    assert not Invitation.objects.exists() and not mail.outbox


def test_it_names_the_new_account_as_invited_unless_the_person_writes_another_name(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    path = _link(_invite(login(regional_admin), region, django_capture_on_commit_callbacks))
    assert Invitation.objects.get().name == "Nora Newcomer"
    newcomer = Client()
    assert 'value="Nora Newcomer"' in newcomer.get(path).content.decode()
    password = "a-long-passphrase-9"
    newcomer.post(
        path, {"name": "", "username": "nora", "password1": password, "password2": password}
    )
    assert get_user_model().objects.get(username="nora").get_full_name() == "Nora Newcomer"

    other = _invite(
        login(regional_admin),
        region,
        django_capture_on_commit_callbacks,
        name="Ion Pop",
        email="ion@example.org",
    )
    Client().post(
        _link(other),
        {"name": "Ion Popescu", "username": "ion", "password1": password, "password2": password},
    )
    assert get_user_model().objects.get(username="ion").get_full_name() == "Ion Popescu"


def test_it_gives_an_unnamed_existing_account_the_invited_name(
    login, regional_admin, region, other_region, django_capture_on_commit_callbacks
):
    existing = factories.member(other_region, Role.CONTRIBUTOR, first_name="", last_name="")
    message = _invite(
        login(regional_admin),
        region,
        django_capture_on_commit_callbacks,
        email=existing.email,
        name="Ana Pop",
    )
    client = Client()
    client.force_login(existing)
    assert client.post(_link(message)).status_code == 302
    existing.refresh_from_db()
    assert existing.get_full_name() == "Ana Pop"


def test_it_lets_people_change_their_own_name(login, editor):
    client = login(editor)
    assert reverse("accounts:profile-name") in client.get(reverse("accounts:profile")).text
    page = client.get(reverse("accounts:profile-name"))
    assert f'value="{editor.get_full_name()}"' in page.text
    refused = client.post(reverse("accounts:profile-name"), {"name": "   "})
    assert refused.status_code == 400
    assert 'class="error-summary"' in refused.text and "Enter your full name" in refused.text
    response = client.post(reverse("accounts:profile-name"), {"name": " Ana  Maria Pop "})
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
    editor.refresh_from_db()
    assert editor.get_full_name() == "Ana Maria Pop"
    entry = AuditEntry.objects.get(action="user.update")
    assert entry.actor == editor and entry.after == {"name": "Ana Maria Pop"}
    profile = client.get(reverse("accounts:profile")).text
    assert "Your name is now Ana Maria Pop." in profile and "Ana Maria Pop" in profile


def test_it_asks_for_a_sign_in_before_changing_a_name(client):
    response = client.get(reverse("accounts:profile-name"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


# --- who sent it ---------------------------------------------------------------------------


def test_the_email_says_who_sent_the_invitation(login, region, django_capture_on_commit_callbacks):
    admin = factories.member(region, Role.ADMIN, first_name="Ana", last_name="Pop")
    message = _invite(login(admin), region, django_capture_on_commit_callbacks)
    assert "Hello Nora Newcomer," in message.body
    assert f"Ana Pop (Regional admin, {region.name}) sent you this invitation." in message.body
    accept = Client().get(_link(message)).text
    assert "Ana Pop sent you this invitation." in accept


def test_the_email_in_polish_keeps_the_names(login, region, django_capture_on_commit_callbacks):
    from django.conf import settings

    admin = factories.member(region, Role.ADMIN, first_name="Ana", last_name="Pop")
    client = login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    message = _invite(client, region, django_capture_on_commit_callbacks, language="pl")
    assert "Ana Pop" in message.body and "Nora Newcomer" in message.body


# --- sending again and copying the link ----------------------------------------------------


def test_it_sends_a_valid_invitation_again_with_the_same_link(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = login(regional_admin)
    first = _link(_invite(client, region, django_capture_on_commit_callbacks))
    invitation = Invitation.objects.get()
    response = _resend(client, region, invitation, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nora@example.org"]
    assert _link(mail.outbox[0]) == first
    assert Invitation.objects.get().expires_at == invitation.expires_at
    entry = AuditEntry.objects.get(action="invitation.resend")
    assert entry.region == region and entry.actor == regional_admin
    assert entry.after["new_link"] is False
    page = client.get(url("members", region)).text
    assert "Invitation sent again to nora@example.org." in page


def test_it_gives_an_expired_invitation_a_new_link_and_a_new_week(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = login(regional_admin)
    old = _link(_invite(client, region, django_capture_on_commit_callbacks))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    listing = client.get(url("members", region)).text
    assert "nora@example.org" in listing and "Expired on" in listing
    assert old not in listing  # an expired link is not offered for copying
    invitation = Invitation.objects.get()
    _resend(client, region, invitation, django_capture_on_commit_callbacks)
    new = _link(mail.outbox[0])
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert Invitation.objects.get().expires_at > timezone.now() + timedelta(days=6)
    assert AuditEntry.objects.get(action="invitation.resend").after["new_link"] is True
    assert "with a new link" in client.get(url("members", region)).text


def test_it_refuses_to_send_a_withdrawn_or_accepted_invitation_again(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = login(regional_admin)
    _invite(client, region, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    client.post(url("invitation-withdraw", region, invitation=invitation.uuid))
    response = _resend(client, region, invitation, django_capture_on_commit_callbacks)
    assert response.status_code == 404 and not mail.outbox


def test_it_shows_the_link_to_copy_to_the_regional_admin(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = login(regional_admin)
    link = _link(_invite(client, region, django_capture_on_commit_callbacks))
    page = client.get(url("members", region)).text
    field = re.search(r'<input type="text" id="(link-[0-9a-f]+)"[^>]*>', page)
    assert field and "readonly" in field.group(0) and link in field.group(0)
    assert f'<label for="{field.group(1)}"' in page
    assert f'data-copy-from="{field.group(1)}"' in page and "Copy link" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script (strict CSP)


def test_it_offers_no_link_it_cannot_make_again(login, regional_admin, region, settings):
    invitation, token = member_invite(
        region=region, email="old@example.org", role=Role.EDITOR, by=None, name="Old Invite"
    )
    assert invitation_token(invitation) == token
    # Made before links could be shown: only its hash is known.
    Invitation.objects.filter(pk=invitation.pk).update(link_nonce="")
    page = login(regional_admin).get(url("members", region)).text
    assert "Send it again to get a link you can copy." in page
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert invitation_token(invitation) is None


def test_it_gives_an_invitation_without_a_known_link_a_new_one_on_sending_again(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    invitation, old = member_invite(
        region=region, email="old@example.org", role=Role.EDITOR, by=None, name="Old Invite"
    )
    Invitation.objects.filter(pk=invitation.pk).update(link_nonce="")
    client = login(regional_admin)
    _resend(client, region, invitation, django_capture_on_commit_callbacks)
    new = _link(mail.outbox[0])
    assert old not in new
    assert Invitation.objects.get().expires_at == invitation.expires_at
    assert Client().get(new).status_code == 200


def test_it_names_the_resend_event_in_the_audit_log(login, regional_admin, region):
    assert event_label("invitation.resend") == "Invitation: sent again"
    invitation, _ = member_invite(region=region, email="a@example.org", role=Role.EDITOR, by=None)
    from regions.members.services import invitation_resend

    invitation_resend(invitation=invitation, by=regional_admin)
    page = login(regional_admin).get(url("audit", region)).text
    assert "Invitation: sent again" in page


# --- roles explained -----------------------------------------------------------------------


def test_it_explains_each_role_on_the_members_and_invite_pages(login, regional_admin, region):
    client = login(regional_admin)
    for name in ("members", "member-invite"):
        page = client.get(url(name, region)).text
        assert "What each role can do" in page
        assert "proposes text for checklist answers" in page
        assert "manages its members and stakeholder registry" in page


# --- tenant boundary -----------------------------------------------------------------------


def test_an_admin_of_another_region_neither_sees_nor_resends_an_invitation(
    login, region, other_region, editor, django_capture_on_commit_callbacks
):
    invitation, token = member_invite(
        region=region, email="secret@example.org", role=Role.EDITOR, by=None, name="Secret"
    )
    foreign_admin = factories.member(other_region, Role.ADMIN)
    client = login(foreign_admin)
    # Through its own region's address and through the other region's.
    for slug_region in (other_region, region):
        response = _resend(client, slug_region, invitation, django_capture_on_commit_callbacks)
        assert response.status_code == 404 and not mail.outbox
    assert client.get(url("members", region)).status_code == 404
    own = client.get(url("members", other_region)).text
    assert "secret@example.org" not in own and token not in own
    assert not AuditEntry.objects.filter(action="invitation.resend").exists()
    # A member of the region without the admin role is refused, and sees no link either.
    reader = login(editor)
    assert (
        _resend(reader, region, invitation, django_capture_on_commit_callbacks).status_code == 403
    )
    assert token not in reader.get(url("members", region)).text
