"""Sign-in auditing, two-step sign-in and lockout, through the real sign-in form."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions.models import AuditEntry
from tests import factories

LOGIN = reverse("accounts:login")


def sign_in(client, user, password=factories.PASSWORD):
    return client.post(LOGIN, {"username": user.username, "password": password})


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_it_audits_sign_in_success_and_failure(db, region):
    user = factories.UserFactory()
    client = Client()
    sign_in(client, user, "wrong")
    sign_in(client, user)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "target_label"))
    assert actions == [("signin.failure", user.username), ("signin.success", user.username)]


def test_it_makes_a_coordinator_set_up_two_step_sign_in(db, region):
    coordinator = factories.coordinator()
    client = Client()
    response = sign_in(client, coordinator)
    page = client.get(reverse("regions:home", kwargs={"region": region.slug}))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:two-factor-setup"))
    setup = reverse("accounts:two-factor-setup")
    client.post(setup, {"action": "create"})
    device = TOTPDevice.objects.get(user=coordinator)
    assert client.get(setup).status_code == 200
    response = client.post(setup, {"token": code(device)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert client.get(reverse("regions:home", kwargs={"region": region.slug})).status_code == 200
    assert AuditEntry.objects.filter(action="2fa.enable", actor=coordinator).exists()


def test_it_asks_for_the_code_at_each_sign_in_and_accepts_a_recovery_code(db, region):
    staff = factories.UserFactory(is_staff=True)
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    sign_in(client, staff)
    response = client.get(reverse("accounts:profile"))
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
    verify = reverse("accounts:two-factor-verify")
    assert client.post(verify, {"token": "000000"}).status_code == 400
    from regions.accounts.twofactor import recovery_codes_issue

    recovery = recovery_codes_issue(user=staff)[0]
    assert client.post(verify, {"token": recovery, "next": "/accounts/profile/"}).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert not StaticToken.objects.filter(token=recovery).exists()
    assert device.confirmed


def test_it_offers_two_step_sign_in_without_requiring_it(db, contributor):
    client = Client()
    sign_in(client, contributor)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(reverse("accounts:two-factor")).status_code == 200


def test_it_exempts_demo_accounts_only_in_debug(db, settings):
    demo = factories.UserFactory(username="coordinator")
    from regions.accounts.twofactor import demo_exempt

    settings.DEBUG = False
    assert not demo_exempt(demo)
    settings.DEBUG = True
    settings.DEMO_SKIP_2FA = True
    assert demo_exempt(demo)
    assert not demo_exempt(factories.UserFactory())


def test_it_locks_an_account_out_after_repeated_failures(db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = factories.UserFactory()
    client = Client()
    for _ in range(3):
        sign_in(client, user, "wrong")
    response = sign_in(client, user)
    assert response.status_code == 429
    assert "Sign-in blocked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_lets_an_admin_unlock(db, settings):
    from axes.utils import reset

    settings.AXES_FAILURE_LIMIT = 3
    user = factories.UserFactory()
    client = Client()
    for _ in range(3):
        sign_in(client, user, "wrong")
    reset(username=user.username)
    assert sign_in(client, user).status_code == 302
