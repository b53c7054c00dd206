"""Rate limits on the views that are costly or can be abused to reach other people."""

from django.urls import reverse

from regions.models import Role
from tests import factories


def _statuses(send, times):
    return [send().status_code for _ in range(times)]


def test_it_limits_invitations_per_person(login, regional_admin, region, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "invite": "3/h"}
    client = login(regional_admin)
    url = reverse("regions:member-invite", kwargs={"region": region.slug})
    counter = iter(range(100))

    def send():
        return client.post(
            url, {"name": "P", "email": f"p{next(counter)}@example.org", "role": Role.EDITOR}
        )

    statuses = _statuses(send, 4)
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 429
    assert "Too many requests" in send().content.decode()
    # Reading the page is not counted.
    assert client.get(url).status_code == 200


def test_it_counts_invitations_per_person_not_per_site(client, region, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "invite": "1/h"}
    url = reverse("regions:member-invite", kwargs={"region": region.slug})
    for n, admin in enumerate([factories.member(region, Role.ADMIN) for _ in range(2)]):
        client.force_login(admin)
        response = client.post(
            url, {"name": "X", "email": f"x{n}@example.org", "role": Role.EDITOR}
        )
        assert response.status_code == 302


def test_it_limits_export_requests(login, editor, region, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "export": "2/m"}
    client = login(editor)
    url = reverse("exports:region-create", kwargs={"region": region.slug})
    statuses = _statuses(lambda: client.post(url, {"kind": "no-such-kind"}), 3)
    assert statuses == [400, 400, 429]
    network = reverse("exports:create")
    assert client.post(network, {"kind": "no-such-kind"}).status_code == 429


def test_it_limits_searches(login, editor, settings, caplog):
    settings.RATELIMITS = {**settings.RATELIMITS, "search": "2/m"}
    client = login(editor)
    url = reverse("search")
    assert _statuses(lambda: client.get(url, {"q": "housing"}), 3) == [200, 200, 429]
    assert f"rate limit search exceeded: user={editor.pk}" in caplog.text
    assert client.get(url, {"q": "housing"}, headers={"HX-Request": "true"}).status_code == 429


def test_it_rejects_a_malformed_rate_setting(monkeypatch):
    import importlib

    import pytest
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("RATELIMIT_SEARCH", "lots")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    spec = importlib.util.find_spec("eubelong.settings")
    module = importlib.util.module_from_spec(spec)
    with pytest.raises(ImproperlyConfigured, match="RATELIMIT_SEARCH"):
        spec.loader.exec_module(module)


def test_it_limits_sign_in_attempts_per_address(client, settings, db):
    settings.RATELIMITS = {**settings.RATELIMITS, "sign-in": "3/m"}
    url = reverse("accounts:login")

    def attempt(n):
        return client.post(url, {"username": f"someone-{n}", "password": "wrong"})

    statuses = [attempt(n).status_code for n in range(4)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429
    # Another address is not affected.
    other = client.post(url, {"username": "x", "password": "y"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    assert client.get(url).status_code == 200
