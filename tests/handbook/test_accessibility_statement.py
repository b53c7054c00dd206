from django.urls import reverse


def test_it_publishes_the_accessibility_statement_to_everyone(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "barriers@example.org"
    page = client.get(reverse("accessibility"))
    assert page.status_code == 200
    assert "partially conformant" in page.text
    assert 'href="mailto:barriers@example.org"' in page.text
    assert "WCAG" in page.text
    assert client.post(reverse("accessibility")).status_code == 405


def test_it_links_the_statement_from_every_page(client, db):
    page = client.get(reverse("accounts:login")).text
    assert f'href="{reverse("accessibility")}"' in page


def test_it_reads_the_statement_in_polish(client, db):
    client.cookies["django_language"] = "pl"
    page = client.get(reverse("accessibility")).text
    assert '<html lang="pl">' in page
    assert "Deklaracja dostępności" in page
