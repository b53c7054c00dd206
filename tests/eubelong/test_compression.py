"""Text answers go out compressed to clients that accept it; files that are compressed already
(spreadsheets, PDFs) go out as they are."""

import gzip

import pytest
from django.test import Client

from tests.publishing.factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(HTTP_HOST="127.0.0.1")


def test_a_page_is_compressed_for_a_client_that_accepts_it(client):
    publication = published()
    url = f"/open/en/{publication.region.slug}/"
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    # Shared caches keep one copy per encoding and nothing per visitor.
    assert packed["Vary"] == "Accept-Encoding"
    assert packed["Cache-Control"] == plain["Cache-Control"]


def test_data_answers_are_compressed_and_spreadsheets_are_not(client):
    published()
    csv = client.get("/open/data/actions.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert csv.status_code == 200 and csv["Content-Encoding"] == "gzip"
    xlsx = client.get("/open/data/actions.xlsx", HTTP_ACCEPT_ENCODING="gzip")
    assert xlsx.status_code == 200
    assert "Content-Encoding" not in xlsx
    assert b"".join(xlsx.streaming_content if xlsx.streaming else [xlsx.content])[:2] == b"PK"


def test_a_signed_in_page_is_compressed_too(client):
    from tests import factories as f
    from tests.signin import pass_second_factor

    user = f.coordinator()
    client.force_login(user)
    pass_second_factor(client, user, required=True)
    page = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert page.status_code == 200 and page["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.content)
    assert "Accept-Encoding" in page["Vary"]
