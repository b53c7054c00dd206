"""Changing the password ends every other session of the person and keeps the current one."""

from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

NEW_PASSWORD = "a-much-longer-Passphrase-2026"  # noqa: S105 - test value


def test_it_says_on_the_page_that_other_sessions_end(login, editor):
    page = login(editor).get(reverse("accounts:password_change"))
    assert "Changing your password signs you out everywhere else" in page.content.decode()


def test_it_ends_other_sessions_and_keeps_this_one(login, editor):
    here = login(editor)
    elsewhere = Client()
    elsewhere.force_login(editor)
    profile = reverse("accounts:profile")
    assert elsewhere.get(profile).status_code == 200

    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302

    assert here.get(profile).status_code == 200
    gone = elsewhere.get(profile)
    assert gone.status_code == 302
    assert reverse("accounts:login") in gone["Location"]


def test_it_keeps_the_old_password_and_sessions_when_the_change_is_rejected(login, editor):
    here = login(editor)
    elsewhere = Client()
    elsewhere.force_login(editor)
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 200


def test_it_ends_every_session_when_the_password_is_reset(client, editor):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    elsewhere = Client()
    elsewhere.force_login(editor)
    uid = urlsafe_base64_encode(force_bytes(editor.pk))
    token = default_token_generator.make_token(editor)
    url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    form_url = client.get(url)["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    # The reset does not sign anyone in: the second factor still comes after the password.
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_it_keeps_the_session_index_on_the_new_key(login, editor):
    """Django gives the session a new key on a password change; "end all sessions" must still
    find it (outside security test, finding 9)."""
    from regions.members.services import sessions_end
    from regions.models import UserSession

    here = login(editor)
    here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    key = here.session.session_key
    assert UserSession.objects.filter(user=editor, session_key=key).exists()
    sessions_end(user=editor)
    assert here.get(reverse("accounts:profile")).status_code == 302
