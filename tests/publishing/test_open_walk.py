"""The open side's isolation walk: every public page, open-data file and public API answer, read
anonymously, shows only what is published, and a withdrawal removes it from all of them at once,
from cached copies too.

Every URL pattern of the open namespaces is walked; a new one is walked without new test code
(its arguments come from ARGS below, and the walk fails on an argument it cannot fill)."""

import io
import itertools

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from regions.models import Role
from tests import factories as f
from tests.handbook import factories as hb
from tests.toolkit import factories as tk
from tests.urlwalk import PATTERNS
from toolkit import services as toolkit_services
from toolkit.publishing import services
from toolkit.publishing.opendata.columns import DATASETS

from .factories import published

pytestmark = pytest.mark.django_db

NAMESPACES = ("public", "opendata")
# The API's answers for anyone; its token endpoints are walked per token in test_api.py.
PUBLIC_API = {"api:schema", "api:strategies", "api:strategy", "api:actions", "api:indicators",
              "api:budgets"}  # fmt: skip
PUBLISHED_WORDS = "Shared welcome desk Qx"
SECRET_WORDS = "Secret plan Zq"


def _open_patterns():
    return sorted(n for n in PATTERNS if n.split(":")[0] in NAMESPACES or n in PUBLIC_API)


def _approved(name: str, title: str):
    region = f.region(name=name)
    admin = f.member(region, Role.ADMIN)
    workplan = tk.workplan(region, by=admin)
    tk.action(workplan, by=admin, title=title)
    toolkit_services.workplan_submit(workplan=workplan, by=admin)
    toolkit_services.workplan_approve(workplan=workplan, by=f.coordinator())
    return workplan, admin


def _approved_but_private():
    return _approved("Privata Regio", SECRET_WORDS)[0].region


def _published():
    workplan, admin = _approved("Publica Regio", PUBLISHED_WORDS)
    return services.publish(workplan=workplan, by=admin, include_evidence=True)


def _urls(public_slug, private_slug, area, section):
    args = {
        "lang": ["en", "pl"],
        "region": [public_slug, private_slug],
        "name": sorted(DATASETS),
        "fmt": ["csv", "xlsx", "json", "ttl", "jsonld"],
        "area": [area.slug],
        "section": [section.slug],
    }
    urls = []
    for name in _open_patterns():
        names = PATTERNS[name]
        missing = [a for a in names if a not in args]
        assert not missing, f"the open walk cannot fill {missing} of {name}"
        for values in itertools.product(*(args[a] for a in names)):
            try:
                urls.append(reverse(name, kwargs=dict(zip(names, values, strict=True))))
            except Exception:  # noqa: S112 - a combination this pattern does not take
                continue
    return urls


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # a workbook: read its cells
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return body.decode("utf-8", errors="replace")


def _walk(client, urls) -> dict[str, str]:
    seen = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        seen[url] = _text(response) if response.status_code == 200 else ""
    return seen


def test_anonymous_visitors_see_only_what_is_published_and_a_withdrawal_removes_it_everywhere():
    publication = _published()
    private = _approved_but_private()
    urls = _urls(publication.region.slug, private.slug, hb.area(), hb.section())
    assert len(urls) > 20
    anonymous = Client(HTTP_HOST="127.0.0.1")

    first = _walk(anonymous, urls)
    assert not [u for u, text in first.items() if SECRET_WORDS in text]
    showing = [u for u, text in first.items() if PUBLISHED_WORDS in text]
    # The region page, every file and API answer about actions show it.
    assert len(showing) >= 5, showing
    for prefix in ("/open/en/", "/open/pl/", "/open/data/", "/api/v1/public/"):
        assert any(u.startswith(prefix) for u in showing), prefix

    services.unpublish(publication=publication, by=publication.published_by)
    after = _walk(anonymous, urls)
    assert not [u for u, text in after.items() if PUBLISHED_WORDS in text]
    assert not [u for u, text in after.items() if SECRET_WORDS in text]


def test_signed_in_members_of_the_private_region_get_no_more_on_the_open_side():
    publication = published()
    private = _approved_but_private()
    member = f.member(private, Role.ADMIN)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member)
    seen = _walk(client, _urls(publication.region.slug, private.slug, hb.area(), hb.section()))
    assert not [u for u, text in seen.items() if SECRET_WORDS in text]
