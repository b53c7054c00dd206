"""Every page of the demo in each of the seven languages: no English stand-in for shared content,
and no text in another language without its `lang` attribute."""

import re
from collections import deque
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from eubelong.core.i18n import SESSION_KEY
from handbook.translation import starter
from tests.signin import pass_second_factor
from toolkit.seed import ACTIONS

from .pagetext import unmarked

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PEOPLE = ["coordinator", "catalonia-editor", "donegal-contributor"]
# Not pages to read: downloads, sign-out, forms that change state on GET are not linked.
SKIP = re.compile(
    r"/(exports?|download|sign-?out|logout|i18n|admin|static)/|\.(csv|json|pdf|po|xlsx)$"
)
# Proper names that stay as they are in every language.
NAMES = {"AER Intercultural Regions Network"}
PER_PERSON = 90


def _shape(path: str) -> str:
    """Pages that differ only by ids are walked once."""
    path = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", path)
    return re.sub(r"/\d+/", "/<n>/", path)


def _client(username: str) -> Client:
    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user, required=True)
    return client


def _in(client: Client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    session = client.session
    session[SESSION_KEY] = language
    session.save()


def _walk(client: Client) -> list[str]:
    """The distinct pages reachable from the home page, by link, in English."""
    _in(client, "en")
    seen, shapes, pages = set(), set(), []
    queue = deque(["/"])
    while queue and len(pages) < PER_PERSON:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages.append(url)
        for href in re.findall(r'href="(/[^"#?]*)"', response.content.decode()):
            if not SKIP.search(href) and _shape(href) not in shapes:
                shapes.add(_shape(href))
                queue.append(href)
    return pages


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_demo_page_in_every_language_has_no_english_stand_in(demo):
    shared = {
        source
        for source in starter.table("de")
        if "\n" not in source and len(source) > 14 and source not in NAMES
    }
    # The demo regions' own words: action titles and objectives, indicator names.
    own_words = {
        text
        for _priority, title, objective, _budget, _source, (name, *_i) in ACTIONS
        for text in (title, objective, name)
    }
    failures = []
    walked = 0
    for username in PEOPLE:
        client = _client(username)
        pages = _walk(client)
        assert len(pages) > 20, username
        for language in LANGUAGES:
            _in(client, language)
            for url in pages:
                response = client.get(url)
                if response.status_code != 200:
                    continue
                walked += 1
                html = response.content.decode()
                if 'class="fallback' in html:
                    failures.append(f"{language} {url}: English stand-in marked")
                if language == "en":
                    continue
                found = unmarked(html, shared | own_words, language)
                failures += [f"{language} {url}: {phrase!r} unmarked" for phrase in sorted(found)]
    assert walked > 300
    assert not failures, "\n".join(sorted({re.sub(r"^\w+ ", "", _shape(f)) for f in failures})[:80])


def test_the_walk_skips_downloads_and_keeps_one_page_per_shape():
    assert SKIP.search("/exports/abc/") and SKIP.search("/compare/data.csv")
    assert _shape("/regions/a/workplans/0f8fad5b-d9cb-469f-a165-70867728950e/") == (
        "/regions/a/workplans/<id>/"
    )
    assert urlparse("/x/?q=1").path == "/x/"
