"""The client address behind trusted proxies: only what the proxies wrote is believed."""

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from eubelong.core.security import ClientAddressMiddleware


def _seen(count, forwarded, remote="10.0.0.2"):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        middleware = ClientAddressMiddleware(
            lambda request: HttpResponse(request.META["REMOTE_ADDR"])
        )
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    return middleware(request).content.decode()


def test_it_ignores_forwarded_for_without_trusted_proxies():
    assert _seen(0, "203.0.113.9") == "10.0.0.2"


def test_it_takes_the_address_the_trusted_proxy_saw():
    assert _seen(1, "203.0.113.9") == "203.0.113.9"
    # A client cannot choose its address by sending its own header: the proxy appends the real one.
    assert _seen(1, "198.51.100.1, 203.0.113.9") == "203.0.113.9"
    assert _seen(2, "198.51.100.1, 203.0.113.9, 10.0.0.1") == "203.0.113.9"


def test_it_keeps_the_peer_when_the_header_is_short():
    assert _seen(2, "203.0.113.9") == "10.0.0.2"
    assert _seen(1, "") == "10.0.0.2"


def test_it_counts_rate_limits_and_lockouts_per_real_client(client, settings, db):
    from django.urls import reverse

    from regions.models import AuditEntry

    settings.TRUSTED_PROXY_COUNT = 1
    # The middleware reads the setting when the handler is built; the test client builds a new one.
    client.post(
        reverse("accounts:login"),
        {"username": "nobody", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
    )
    entry = AuditEntry.objects.filter(action__contains="fail").latest("pk")
    assert entry.ip_address == "203.0.113.9"
