"""The second factor cannot be replaced with the password alone (outside security test, finding 1).

A half-signed-in session (password passed, second factor not yet) reaches only the verify page and
sign-out; enrolment of a first authenticator happens only right after the password step on an
account that has never had one; replacing an authenticator needs a verified session and a current
code; every change is audited and e-mailed to the account holder.
"""

import re

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions.accounts.twofactor import OTP_ENROL_SESSION_KEY, recovery_codes_issue
from regions.models import AuditEntry, UserProfile, UserSession
from tests import factories
from tests.urlwalk import NON_ADMIN, url_for

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:two-factor-setup")
VERIFY = reverse("accounts:two-factor-verify")
OVERVIEW = reverse("accounts:two-factor")
RECOVERY = reverse("accounts:two-factor-recovery")
PROFILE = reverse("accounts:profile")


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def other_code(device) -> str:
    """A code of the device's next time step: valid (drift tolerance) and unused."""
    return f"{totp(device.bin_key, device.step, device.t0 - device.step, device.digits):06d}"


def password_only(user) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="old phone", confirmed=True)
    UserProfile.objects.update_or_create(user=user, defaults={"second_factor_since": "2026-01-01"})
    return device


def attack(client) -> None:
    """What the outside test did: open set-up, create an authenticator, confirm it."""
    client.post(SETUP, {"action": "create"}, follow=True)
    for pending in TOTPDevice.objects.filter(confirmed=False):
        client.post(SETUP, {"token": code(pending)}, follow=True)


def committed():
    """Run what waits for the commit (mail tasks), as the end of a real request would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def verified(client) -> bool:
    return client.get(PROFILE).status_code == 200


@pytest.fixture
def privileged(db, request):
    return {
        "coordinator": factories.coordinator,
        "platform admin": lambda: factories.UserFactory(is_staff=True, is_superuser=True),
    }[request.param]()


@pytest.mark.parametrize("privileged", ["coordinator", "platform admin"], indirect=True)
def test_it_does_not_let_the_password_replace_the_second_factor(privileged):
    old = enrolled(privileged)
    client = password_only(privileged)
    attack(client)
    assert TOTPDevice.objects.get(user=privileged, confirmed=True) == old
    assert not TOTPDevice.objects.filter(user=privileged).exclude(pk=old.pk).filter(confirmed=True)
    assert not verified(client)
    assert client.get(PROFILE)["Location"].startswith(VERIFY)
    assert not AuditEntry.objects.filter(action__in=["2fa.enable", "2fa.replace"]).exists()


def test_it_keeps_a_half_signed_in_session_on_the_verify_page(db, region):
    """Every page of the platform, as a half-signed-in coordinator: only verify and sign-out."""
    coordinator = factories.coordinator()
    enrolled(coordinator)
    client = password_only(coordinator)
    reachable = {VERIFY, reverse("accounts:logout")}
    for name in NON_ADMIN:
        try:
            url = url_for(name, region)
        except AssertionError:
            continue
        if url.startswith(("/healthz", "/i18n/")) or name == "admin-login":
            continue
        response = client.get(url)
        if url.split("?")[0] in reachable or name.startswith("accounts:password_reset"):
            continue
        assert response.status_code in (302, 404, 405), f"{name} answered {response.status_code}"
        if response.status_code == 302:
            location = response["Location"]
            assert location.startswith(VERIFY) or location.startswith(LOGIN), (name, location)
    assert client.get(VERIFY).status_code == 200


def test_it_lets_a_new_account_enrol_right_after_the_password_step(db):
    coordinator = factories.coordinator()
    client = password_only(coordinator)
    assert client.get(PROFILE)["Location"].startswith(SETUP)
    client.post(SETUP, {"action": "create"})
    device = TOTPDevice.objects.get(user=coordinator)
    mail.outbox.clear()
    with committed():
        response = client.post(SETUP, {"token": code(device)})
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert verified(client)
    assert UserProfile.objects.get(user=coordinator).second_factor_since is not None
    assert AuditEntry.objects.filter(action="2fa.enable", actor=coordinator).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [coordinator.email]
    assert "turned on" in mail.outbox[0].body


def test_it_closes_enrolment_when_the_window_after_the_password_has_passed(db):
    coordinator = factories.coordinator()
    client = password_only(coordinator)
    session = client.session
    session[OTP_ENROL_SESSION_KEY] = 1  # long past
    session.save()
    assert client.get(SETUP, follow=True).status_code == 403
    client.post(SETUP, {"action": "create"})
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert client.get(PROFILE)["Location"].startswith(VERIFY)


def test_it_refuses_enrolment_on_a_password_alone_to_an_account_that_had_a_device(db):
    coordinator = factories.coordinator()
    UserProfile.objects.create(user=coordinator, second_factor_since="2026-01-01")
    client = password_only(coordinator)
    response = client.get(SETUP, follow=True)
    assert response.status_code == 403
    assert "Ask a platform administrator to reset" in response.content.decode()
    attack(client)
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert not verified(client)


def test_it_asks_for_a_current_code_before_replacing_an_authenticator(db):
    staff = factories.UserFactory(is_staff=True)
    old = enrolled(staff)
    client = password_only(staff)
    assert client.post(VERIFY, {"token": code(old)}).status_code == 302
    assert verified(client)
    client.post(SETUP, {"action": "create"})
    new = TOTPDevice.objects.get(user=staff, confirmed=False)
    # The pending authenticator leaves the current one in place.
    assert TOTPDevice.objects.get(pk=old.pk).confirmed
    missing = client.post(SETUP, {"token": code(new)})
    assert missing.status_code == 400 and "current" in missing.context["form"].errors
    wrong = client.post(SETUP, {"token": code(new), "current": "000000"})
    assert wrong.status_code == 400 and "current" in wrong.context["form"].errors
    assert TOTPDevice.objects.get(pk=old.pk).confirmed
    assert not AuditEntry.objects.filter(action="2fa.replace").exists()

    recovery = recovery_codes_issue(user=staff)[0]
    mail.outbox.clear()
    with committed():
        done = client.post(SETUP, {"token": other_code(new), "current": recovery})
    assert done.status_code == 200 and done.context["replaced"]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.get(user=staff).pk == new.pk
    assert verified(client), "the session stays verified with the new authenticator"
    assert AuditEntry.objects.filter(action="2fa.replace", actor=staff).exists()
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "moved to a new authenticator" in mail.outbox[0].body


def test_it_asks_for_a_current_code_before_making_new_recovery_codes(db):
    staff = factories.UserFactory(is_staff=True)
    device = enrolled(staff)
    client = password_only(staff)
    client.post(VERIFY, {"token": code(device)})
    before = recovery_codes_issue(user=staff)
    mail.outbox.clear()
    assert client.post(RECOVERY, {"current": "000000"}).status_code == 400
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(before)
    with committed():
        response = client.post(RECOVERY, {"current": other_code(device)})
    assert response.status_code == 200
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(
        response.context["codes"]
    )
    assert AuditEntry.objects.filter(action="2fa.recovery_codes", actor=staff).exists()
    assert len(mail.outbox) == 1 and "New recovery codes" in mail.outbox[0].body


def test_it_lets_a_platform_admin_reset_a_lost_second_factor(db, login):
    person = factories.coordinator()
    enrolled(person)
    theirs = password_only(person)
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    mail.outbox.clear()
    url = reverse("accounts:platform-person", kwargs={"member": person.username})
    with committed():
        assert login(admin).post(url, {"action": "reset_second_factor"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not UserSession.objects.filter(user=person).exists()
    assert theirs.get(PROFILE)["Location"].startswith(LOGIN), "their sessions ended"
    entry = AuditEntry.objects.get(action="2fa.reset")
    assert entry.actor == admin and entry.target_label == person.username
    assert any(m.to == [person.email] and "reset two-step" in m.body for m in mail.outbox)
    # At the next sign-in they enrol again.
    again = password_only(person)
    assert again.get(PROFILE)["Location"].startswith(SETUP)


def test_it_does_not_let_a_platform_admin_reset_their_own_second_factor(db, login):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client = login(admin)
    url = reverse("accounts:platform-person", kwargs={"member": admin.username})
    client.post(url, {"action": "reset_second_factor"})
    assert TOTPDevice.objects.filter(user=admin).exists()
    assert not AuditEntry.objects.filter(action="2fa.reset").exists()


def test_it_writes_the_security_notice_in_the_account_holders_language(db):
    coordinator = factories.coordinator()
    UserProfile.objects.create(user=coordinator, language="pl")
    client = password_only(coordinator)
    client.post(SETUP, {"action": "create"})
    mail.outbox.clear()
    with committed():
        client.post(SETUP, {"token": code(TOTPDevice.objects.get(user=coordinator))})
    message = mail.outbox[0]
    assert "EU-Belong" in message.subject and "\n" not in message.subject
    assert re.search(r"[ąćęłńóśźż]", message.body), message.body


# --- new powers need a new sign-in (outside security test, finding 9) ------------------------


def test_it_ends_the_sessions_of_someone_made_coordinator(db, login, editor):
    theirs = password_only(editor)
    assert verified(theirs)
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    network = factories.network()
    url = reverse("accounts:platform-person", kwargs={"member": editor.username})
    login(admin).post(url, {"action": "coordinator_add", "network": network.slug})
    assert network.coordinator_group.user_set.filter(pk=editor.pk).exists()
    assert theirs.get(PROFILE)["Location"].startswith(LOGIN)
    again = password_only(editor)
    assert again.get(PROFILE)["Location"].startswith(SETUP), "now with a second factor"


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_it_ends_the_sessions_of_someone_made_staff_by_any_path(db, editor, flag):
    theirs = password_only(editor)
    setattr(editor, flag, True)
    editor.save()  # as the Django admin's user form does
    assert theirs.get(PROFILE)["Location"].startswith(LOGIN)


def test_it_keeps_sessions_when_nothing_is_raised(db, editor):
    theirs = password_only(editor)
    editor.first_name = "Ana"
    editor.save()
    editor.groups.add(factories.region(slug="another").role_groups.first().group)
    assert verified(theirs)
