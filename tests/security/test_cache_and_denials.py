"""Signed-in pages are not stored by browsers or proxies; refused requests leave a log line."""

import logging

from django.urls import reverse

from tests.urlwalk import url_for


def test_it_forbids_storing_signed_in_pages(login, editor, region):
    client = login(editor)
    for url in (reverse("accounts:profile"), url_for("regions:home", region)):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_it_logs_refused_requests_without_personal_data(login, contributor, region, caplog):
    client = login(contributor)
    with caplog.at_level(logging.WARNING, logger="eubelong.security"):
        response = client.get(reverse("regions:edit", kwargs={"region": region.slug}))
    assert response.status_code == 403
    lines = [r.getMessage() for r in caplog.records if r.name == "eubelong.security"]
    assert lines == [f"access denied: user={contributor.pk} method=GET view=regions:edit"]
    assert contributor.username not in lines[0]
