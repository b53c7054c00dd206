import time

from django.urls import reverse

from eubelong.core import sessions


def test_it_ends_a_session_after_the_idle_timeout(login, editor, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client = login(editor)
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session[sessions.KEY] = int(time.time()) - 601
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    # The old session is gone on the server, not only forgotten by the browser.
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_it_keeps_an_active_session(login, editor, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client = login(editor)
    client.get(reverse("accounts:profile"))
    session = client.session
    session[sessions.KEY] = int(time.time()) - 300
    session.save()
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_it_starts_a_new_session_on_sign_in(client, editor):
    from tests.factories import PASSWORD

    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("accounts:login"), {"username": editor.username, "password": PASSWORD})
    assert client.session.session_key != before


def test_it_ends_the_session_on_the_server_at_sign_out(login, editor):
    from django.contrib.sessions.models import Session

    client = login(editor)
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
