"""Nobody can lock somebody else out (outside security test, finding 2).

A lockout holds one (user name, address) pair, failures during a lockout do not prolong it, and
the admin site signs people in through the same page, lockout and rate limit."""

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests import factories

LOGIN = reverse("accounts:login")
ATTACKER = "198.51.100.66"
OFFICE = "203.0.113.10"


def sign_in(user, password, address):
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": user.username, "password": password})
    return client, response


def lock(user, settings, address=ATTACKER):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(user, "wrong", address)


def test_it_never_blocks_the_right_password_from_another_address(db, settings):
    coordinator = factories.coordinator()
    lock(coordinator, settings)
    assert sign_in(coordinator, "wrong", ATTACKER)[1].status_code == 429
    client, response = sign_in(coordinator, factories.PASSWORD, OFFICE)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_it_never_blocks_other_accounts_from_an_address_someone_failed_from(db, settings):
    target, colleague = factories.UserFactory(), factories.UserFactory()
    lock(target, settings, address=OFFICE)
    assert sign_in(colleague, factories.PASSWORD, OFFICE)[1].status_code == 302


def test_it_still_locks_the_pair_that_keeps_failing(db, settings):
    user = factories.UserFactory()
    lock(user, settings)
    client, response = sign_in(user, factories.PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_does_not_prolong_a_lockout_with_more_failures(db, settings):
    user = factories.UserFactory()
    lock(user, settings)
    attempt = AccessAttempt.objects.get(username=user.username)
    for _ in range(5):
        sign_in(user, "wrong", ATTACKER)
    again = AccessAttempt.objects.get(pk=attempt.pk)
    assert again.attempt_time == attempt.attempt_time
    assert again.failures_since_start == attempt.failures_since_start


def test_it_signs_admins_in_through_the_platforms_own_page(db, settings):
    """The admin sign-in page is the platform's: the same lockout, rate limit and second factor."""
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    page = Client().get("/admin/login/?next=/admin/")
    assert page.status_code == 302
    assert page["Location"] == f"{LOGIN}?next=/admin/"
    client = Client(REMOTE_ADDR=ATTACKER)
    posted = client.post(
        "/admin/login/", {"username": admin.username, "password": factories.PASSWORD}
    )
    assert posted.status_code == 302 and "_auth_user_id" not in client.session
    # Straight to /admin/ without a session: sent to the platform's sign-in page.
    assert Client().get("/admin/")["Location"].startswith("/admin/login/")


def test_it_rate_limits_sign_in_per_address_only(db, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "sign-in": "3/m"}
    user = factories.UserFactory()
    for _ in range(3):
        sign_in(factories.UserFactory(), "wrong", ATTACKER)
    assert sign_in(user, factories.PASSWORD, ATTACKER)[1].status_code == 429
    assert sign_in(user, factories.PASSWORD, OFFICE)[1].status_code == 302
