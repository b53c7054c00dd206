"""Public pages: read by anyone, the same cached HTML for everyone, nothing private, gone the
moment a publication is withdrawn."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from handbook.models import ContentTranslation, TranslationStatus
from handbook.translation.lookup import source_hash
from regions.models import ContactPerson, GovernanceLevel, Role, Sector, Stakeholder
from tests import factories as f
from tests.handbook import factories as hb
from tests.toolkit import factories as tk
from toolkit import services as toolkit_services
from toolkit.models import CommentKind, ItemResponse
from toolkit.publishing import cache, services
from toolkit.services.discussion import comment_add

from .factories import published

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ro", "es", "ca", "it", "de", "pl"]


@pytest.fixture
def client():
    return Client(HTTP_HOST="127.0.0.1")


def test_it_sends_the_bare_address_to_the_visitors_language(client):
    assert client.get("/open/", HTTP_ACCEPT_LANGUAGE="pl").headers["Location"] == "/open/pl/"
    assert client.get("/open/", HTTP_ACCEPT_LANGUAGE="fi").headers["Location"] == "/open/en/"


def test_it_shows_the_network_and_a_region_in_english_and_polish(client):
    publication = published(f.region(name="Pomorskie Testowe"))
    f.region(name="Still Drafting")
    slug = publication.region.slug
    english = client.get("/open/en/").content.decode()
    assert "Pomorskie Testowe" in english and "Completeness" in english
    assert "Still Drafting" in english  # by name, among those that have not published
    polish = client.get("/open/pl/").content.decode()
    assert '<html lang="pl">' in polish and "Kompletność" in polish
    page = client.get(f"/open/pl/{slug}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pomorskie Testowe" in text and "Działania" in text and "Lista kontrolna" in text
    assert "Action 0" in text and "Indicator 1" in text  # the region's own words
    # Written in English, read on a Polish page: marked as English.
    assert 'lang="en"' in text


def test_it_answers_404_for_a_region_without_a_live_publication(client):
    region = f.region()
    assert client.get(f"/open/en/{region.slug}/").status_code == 404
    assert client.get("/open/en/no-such-region/").status_code == 404
    assert client.get("/open/xx/").status_code == 404


def test_a_withdrawn_strategy_disappears_even_from_cached_pages(client):
    publication = published(f.region(name="Withdrawn Region"))
    url = f"/open/en/{publication.region.slug}/"
    assert client.get(url).status_code == 200
    assert "Withdrawn Region" in client.get("/open/en/").content.decode()
    services.unpublish(publication=publication, by=publication.published_by)
    assert client.get(url).status_code == 404
    network = client.get("/open/en/").content.decode()
    assert f'href="{url}"' not in network
    # Still a partner of the network: named among those that have not published, no more.
    assert "Withdrawn Region" in network


def _private_publication(*, include_evidence: bool):
    region = f.region(name="Private Details Region")
    admin = f.member(region, Role.ADMIN, first_name="Adela", last_name="Adminowska")
    workplan = tk.workplan(region, by=admin)
    response = ItemResponse.objects.filter(workplan=workplan).first()
    response.evidence = "Minutes of the steering group"
    response.save()
    stakeholder = Stakeholder.objects.create(
        region=region, name="Regional directorate", sector=Sector.PUBLIC,
        level=GovernanceLevel.REGIONAL,
    )  # fmt: skip
    ContactPerson.objects.create(
        region=region, stakeholder=stakeholder, name="Zofia Kontaktowa",
        email="zofia.kontaktowa@example.org", phone="+48 600 000 000",
    )  # fmt: skip
    action = tk.action(workplan, by=admin, title="Welcome desk")
    tk.indicator(action, name="People reached")
    comment_add(by=admin, kind=CommentKind.COMMENT, body="A private remark", action=action)
    toolkit_services.workplan_submit(workplan=workplan, by=admin, message="Submission aside")
    reviewer = f.coordinator(first_name="Rita", last_name="Reviewerska")
    toolkit_services.workplan_approve(workplan=workplan, by=reviewer, message="Approval aside")
    return services.publish(workplan=workplan, by=admin, include_evidence=include_evidence)


@pytest.mark.parametrize("include_evidence", [False, True])
def test_nothing_private_reaches_a_public_page(client, include_evidence):
    publication = _private_publication(include_evidence=include_evidence)
    text = client.get(f"/open/en/{publication.region.slug}/").content.decode()
    assert "Welcome desk" in text and "People reached" in text
    assert ("Minutes of the steering group" in text) is include_evidence
    for private in [
        "Zofia Kontaktowa", "zofia.kontaktowa@example.org", "+48 600 000 000",
        "A private remark", "Submission aside", "Approval aside",
        "Adminowska", "Reviewerska", "csrfmiddlewaretoken",
    ]:  # fmt: skip
        assert private not in text, private


def test_it_is_cacheable_by_anyone_and_names_every_language(client):
    publication = published()
    for url in ["/open/de/", f"/open/de/{publication.region.slug}/", "/open/de/handbook/"]:
        # A visitor with a session and a language cookie gets the very same answer.
        client.cookies["django_language"] = "pl"
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="it")
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=300, s-maxage=600"
        assert "Cookie" not in response["Vary"] and "Accept-Language" not in response["Vary"]
        assert not response.cookies and "Set-Cookie" not in response.headers
        assert response["Content-Language"] == "de"
        text = response.content.decode()
        assert '<html lang="de">' in text
        for code in LANGUAGES:
            alternate = f'hreflang="{code}" href="{settings.SITE_URL}/open/{code}/'
            assert f'<link rel="alternate" {alternate}' in text
        assert f'hreflang="x-default" href="{settings.SITE_URL}/open/en/' in text
        assert f'<link rel="canonical" href="{settings.SITE_URL}{url}">' in text
        assert '<meta property="og:locale" content="de_DE">' in text
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304


def test_a_signed_in_visitor_gets_the_same_page_as_anyone(client):
    publication = published()
    url = f"/open/en/{publication.region.slug}/"
    anonymous = client.get(url).content
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(publication.published_by)
    response = member.get(url)
    assert response.content == anonymous
    assert not response.cookies and "Cookie" not in response["Vary"]


def _queries(client, url) -> int:
    cache.bump()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_pages_cost_the_same_for_two_regions_and_six_and_nothing_once_cached(client):
    first = published()
    published()
    slug = first.region.slug
    two = (_queries(client, "/open/pl/"), _queries(client, f"/open/pl/{slug}/"))
    for _ in range(4):
        published()
    six = (_queries(client, "/open/pl/"), _queries(client, f"/open/pl/{slug}/"))
    assert six == two
    urls = ["/open/pl/", f"/open/pl/{slug}/"]
    for url in urls:
        client.get(url)
    for url in urls:
        with CaptureQueriesContext(connection) as cached:
            assert client.get(url).status_code == 200
        assert len(cached.captured_queries) == 0, url


def test_the_handbook_and_framework_are_public_in_the_page_language(client):
    area = hb.area(1, slug="housing", title="Housing", summary="Homes for all.")
    section = hb.section("framework", 1, slug="vision", title="Vision", body="A **shared** view.")
    hb.section("handbook", 1, slug="capacity", title="Capacity building", body="How to train.")
    ContentTranslation.objects.create(
        content_type=ContentType.objects.get_for_model(area), object_id=area.pk, field="title", language="pl", text="Mieszkalnictwo",
        status=TranslationStatus.REVIEWED, source_hash=source_hash("Housing"),
    )  # fmt: skip
    index = client.get("/open/pl/handbook/").content.decode()
    assert "Mieszkalnictwo" in index and "Capacity building" in index
    page = client.get("/open/pl/handbook/areas/housing/")
    assert page.status_code == 200 and "Mieszkalnictwo" in page.content.decode()
    framework = client.get(f"/open/en/framework/{section.slug}/").content.decode()
    assert "<strong>shared</strong>" in framework
    assert client.get("/open/en/handbook/capacity/").status_code == 200
    assert client.get("/open/en/framework/no-such-section/").status_code == 404
    assert client.get("/open/en/handbook/areas/no-such-area/").status_code == 404


def test_a_new_handbook_text_shows_once_the_cache_generation_moves(client):
    hb.section("framework", 1, slug="vision", title="Vision")
    assert "Vision" in client.get("/open/en/framework/").content.decode()
    cache.bump()
    hb.section("framework", 2, slug="values", title="Values")
    assert "Values" in client.get("/open/en/framework/").content.decode()


def test_an_edit_through_the_handbook_pages_shows_at_once_on_public_pages(client):
    from handbook import services as handbook_services

    section = hb.section("framework", 1, slug="vision", title="Vision")
    assert "Vision" in client.get("/open/en/framework/").content.decode()
    handbook_services.section_update(
        section=section,
        version=section.version,
        data={"title": "A shared vision", "body": section.body},
        by=f.coordinator(),
    )
    assert "A shared vision" in client.get("/open/en/framework/").content.decode()
    assert "A shared vision" in client.get("/open/en/framework/vision/").content.decode()


def test_public_pages_refuse_writes(client):
    assert client.post("/open/en/").status_code == 405


@pytest.mark.parametrize("include", [True, False])
def test_organisations_are_named_only_where_the_region_chose(client, include):
    publication = published(include_organisations=include)
    text = client.get(f"/open/en/{publication.region.slug}/").content.decode()
    assert ("Regional directorate" in text) is include


def test_what_a_region_typed_is_shown_as_text_never_as_markup(client):
    region = f.region(name="Escaping Region")
    admin = f.member(region, Role.ADMIN)
    workplan = tk.workplan(region, by=admin)
    response = ItemResponse.objects.filter(workplan=workplan).first()
    response.evidence = "<script>alert('evidence')</script>"
    response.link = "javascript:alert(1)"
    response.save()
    action = tk.action(workplan, by=admin, title='<b>Desk</b> & "co"')
    tk.indicator(action, name="<i>Reached</i>", unit="<u>people</u>")
    toolkit_services.workplan_submit(workplan=workplan, by=admin, message="")
    toolkit_services.workplan_approve(workplan=workplan, by=f.coordinator(), message="")
    publication = services.publish(workplan=workplan, by=admin, include_evidence=True)
    text = client.get(f"/open/en/{publication.region.slug}/").content.decode()
    assert "&lt;script&gt;alert(&#x27;evidence&#x27;)&lt;/script&gt;" in text
    assert "&lt;b&gt;Desk&lt;/b&gt; &amp; &quot;co&quot;" in text
    assert "&lt;i&gt;Reached&lt;/i&gt;" in text and "(&lt;u&gt;people&lt;/u&gt;)" in text
    assert "<script>" not in text and "<b>Desk" not in text and "<i>Reached" not in text
    # A link that is not a web address stays out of the page's links.
    assert 'href="javascript:' not in text
