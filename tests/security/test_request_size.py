"""Request bodies are capped before anything reads them (outside security test, finding 8)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from handbook.models import Resource
from tests import factories

LOGIN = reverse("accounts:login")
HUGE = str(300 * 1024 * 1024)


class Unread(io.BytesIO):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_claiming(client, url, length: str, **extra):
    return client.generic(
        "POST",
        url,
        data=b"x",
        content_type="multipart/form-data; boundary=b",
        CONTENT_LENGTH=length,
        **extra,
    )


def test_it_refuses_a_huge_anonymous_post_without_reading_it(db, monkeypatch):
    from django.core.handlers import wsgi

    original = wsgi.LimitedStream.__init__

    def unread(self, stream, limit):
        original(self, Unread(), limit)

    monkeypatch.setattr(wsgi.LimitedStream, "__init__", unread)
    response = post_claiming(Client(), LOGIN, HUGE)
    assert response.status_code == 413
    assert "Connection" not in response, "hop-by-hop headers belong to the WSGI server"
    assert "too large" in response.content.decode()


def test_it_refuses_a_malformed_length(db):
    assert post_claiming(Client(), LOGIN, "-5").status_code == 413


def test_it_lets_ordinary_forms_through(db, editor):
    response = Client().post(LOGIN, {"username": editor.username, "password": "x" * 1000})
    assert response.status_code == 200  # a wrong password, answered as usual


def test_it_allows_large_bodies_only_where_files_are_taken(db, settings, login):
    settings.UPLOAD_MAX_BYTES = 4 * 1024 * 1024
    client = login(factories.coordinator())
    pdf = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024) + b"\n%%EOF\n"

    def send(url):
        data = {
            "title": "Guide",
            "kind": "guide",
            "language": "English",
            "upload": SimpleUploadedFile("g.pdf", pdf, content_type="application/pdf"),
        }
        return client.post(url, data)

    # Above the ordinary cap and below the upload cap: refused on a form, taken on an upload page.
    assert send(reverse("accounts:profile")).status_code == 413
    assert send(reverse("handbook:resource-create")).status_code == 302
    assert Resource.objects.filter(title="Guide").exists()
    too_big = str(6 * 1024 * 1024)
    assert post_claiming(client, reverse("handbook:resource-create"), too_big).status_code == 413
