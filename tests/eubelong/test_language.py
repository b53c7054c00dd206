from django.conf import settings
from django.test import Client
from django.urls import reverse

from regions.models import UserProfile
from tests.factories import PASSWORD

TWO_LANGUAGES = [("en", "English"), ("de", "Deutsch")]


def test_it_remembers_the_chosen_language_for_the_next_sign_in(login, editor, settings):
    settings.LANGUAGES = TWO_LANGUAGES
    client = login(editor)
    response = client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert response.status_code == 302
    assert UserProfile.objects.get(user=editor).language == "de"

    other_browser = Client()
    other_browser.post(
        reverse("accounts:login"), {"username": editor.username, "password": PASSWORD}
    )
    page = other_browser.get(reverse("accounts:profile"))
    assert page.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert '<html lang="de">' in page.content.decode()


def test_it_ignores_an_unknown_language(login, editor, settings):
    settings.LANGUAGES = TWO_LANGUAGES
    login(editor).post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert not UserProfile.objects.filter(user=editor, language="xx").exists()


def test_it_switches_language_for_anonymous_visitors_without_saving(client, db):
    settings_languages = [code for code, _ in settings.LANGUAGES]
    response = client.post(
        reverse("set_language"), {"language": settings_languages[0], "next": "/"}
    )
    assert response.status_code == 302
    assert not UserProfile.objects.exists()


def test_it_refuses_to_switch_language_on_get(client, db):
    assert client.get(reverse("set_language")).status_code == 405
