"""Every email the platform sends is written in the recipient's language.

Password reset: the language the account holder saved, else the language of the page the reset was
asked from. Invitation: the language the invitee saved when they already have an account, else the
language chosen on the invitation form, which defaults to the inviter's own.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from regions.models import Role, UserProfile
from tests import factories

pytestmark = pytest.mark.django_db

# From locale/pl/LC_MESSAGES/django.po.
RESET_SUBJECT_PL = "Resetowanie hasła do EU-Belong"
RESET_BODY_PL = "Nowe hasło można ustawić tutaj (link działa tylko raz):"
INVITE_SUBJECT_PL = "Zaproszenie do regionu Home Region na platformie EU-Belong"
INVITE_BODY_PL = "Zaproszenie do dołączenia do regionu Home Region na platformie EU-Belong w"

RESET_SUBJECT_EN = "Reset your EU-Belong password"
RESET_BODY_EN = "Choose a new password here (the link works once):"
INVITE_SUBJECT_EN = "Invitation to Home Region on EU-Belong"
INVITE_BODY_EN = "You are invited to join Home Region on the EU-Belong platform as Contributor."


def _in(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _save_language(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"language": language})


def _reset(client, email):
    from django.test import TestCase

    mail.outbox.clear()
    # The message leaves from the worker, after the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def _invite(client, region, capture, **data):
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(
            reverse("regions:member-invite", kwargs={"region": region.slug}),
            {
                "name": "Nora Newcomer",
                "email": "newcomer@example.org",
                "role": "contributor",
                **data,
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox[0]


# --- password reset -------------------------------------------------------------------------


def test_the_password_reset_follows_the_language_the_account_holder_saved(client, editor):
    _save_language(editor, "pl")
    # Asked for from an English page: the account's language still wins.
    message = _reset(_in(client, "en"), editor.email)
    assert message.subject == RESET_SUBJECT_PL
    assert RESET_BODY_PL in message.body
    assert "/accounts/password/reset/" in message.body
    assert RESET_BODY_EN not in message.body


def test_the_password_reset_follows_the_page_without_a_saved_language(client, editor):
    message = _reset(_in(client, "pl"), editor.email)
    assert message.subject == RESET_SUBJECT_PL and RESET_BODY_PL in message.body


def test_the_password_reset_is_english_for_english_readers(client, editor):
    message = _reset(_in(client, "en"), editor.email)
    assert message.subject == RESET_SUBJECT_EN
    assert RESET_BODY_EN in message.body and RESET_BODY_PL not in message.body


# --- invitations --------------------------------------------------------------------------


def test_an_invitation_is_in_the_inviters_language_by_default(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = _in(login(regional_admin), "pl")
    form = client.get(reverse("regions:member-invite", kwargs={"region": region.slug}))
    assert '<option value="pl" selected>' in form.content.decode()
    message = _invite(client, region, django_capture_on_commit_callbacks)
    assert message.subject == INVITE_SUBJECT_PL
    assert INVITE_BODY_PL in message.body
    assert "/accounts/invitations/" in message.body
    assert INVITE_BODY_EN not in message.body


def test_an_invitation_is_in_the_language_chosen_on_the_form(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = _in(login(regional_admin), "en")
    message = _invite(client, region, django_capture_on_commit_callbacks, language="pl")
    assert message.subject == INVITE_SUBJECT_PL and INVITE_BODY_PL in message.body
    # The inviter's own page stays English.
    page = client.get(reverse("regions:members", kwargs={"region": region.slug}))
    assert "Invitation sent to newcomer@example.org." in page.content.decode()


def test_an_invitation_follows_the_language_an_existing_account_saved(
    login, regional_admin, region, other_region, django_capture_on_commit_callbacks
):
    known = factories.member(other_region, Role.EDITOR, email="newcomer@example.org")
    _save_language(known, "pl")
    client = _in(login(regional_admin), "en")
    message = _invite(client, region, django_capture_on_commit_callbacks, language="en")
    assert message.subject == INVITE_SUBJECT_PL and INVITE_BODY_PL in message.body


def test_an_invitation_is_english_for_english_inviters(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    message = _invite(_in(login(regional_admin), "en"), region, django_capture_on_commit_callbacks)
    assert message.subject == INVITE_SUBJECT_EN
    assert INVITE_BODY_EN in message.body and INVITE_BODY_PL not in message.body


def test_an_unknown_language_on_the_form_is_refused(
    login, regional_admin, region, django_capture_on_commit_callbacks
):
    client = _in(login(regional_admin), "en")
    mail.outbox.clear()
    response = client.post(
        reverse("regions:member-invite", kwargs={"region": region.slug}),
        {"email": "newcomer@example.org", "role": "contributor", "language": "xx"},
    )
    assert response.status_code == 400 and not mail.outbox


def test_a_platform_invitation_is_in_the_chosen_language(
    client, region, django_capture_on_commit_callbacks
):
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)
    _in(client, "en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:platform-people"),
            {
                "name": "Nora Newcomer",
                "email": "newcomer@example.org",
                "region": region.slug,
                "role": "contributor",
                "language": "pl",
            },
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == INVITE_SUBJECT_PL and INVITE_BODY_PL in message.body
