"""The read-only JSON API: published data for anyone, a person's regions with a personal token,
nothing of a region one holds no role in, and nothing written."""

import datetime
import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regions.audit_text import EVENTS
from regions.models import AuditEntry, Role
from tests import factories as f
from tests.handbook import factories as hf
from tests.reporting import factories as rf
from tests.toolkit import factories as tk
from toolkit import services as toolkit_services
from toolkit.models import Comment, CommentKind
from toolkit.publishing import cache, services
from toolkit.publishing.api import services as token_services
from toolkit.publishing.models import ApiToken

from .factories import published

pytestmark = pytest.mark.django_db

PUBLIC = ["api:strategies", "api:actions", "api:indicators", "api:budgets"]
TOKEN_LISTS = ["api:workplans", "api:reports"]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def token_for(user, **kwargs) -> str:
    return token_services.token_create(user=user, name="Script", **kwargs)[1]


def region_urls(slug: str) -> list[str]:
    return [
        reverse("api:workplans", kwargs={"region": slug}),
        reverse("api:workplan", kwargs={"region": slug, "start_year": 2025}),
        reverse("api:reports", kwargs={"region": slug}),
    ]


@pytest.fixture
def world(db):
    """Two published regions and one approved but not published."""
    north = published(f.region(name="Northland Qx", slug="northland"))
    south = published(f.region(name="Southland Qx", slug="southland"))
    hidden = f.region(name="Hiddenshire Qx", slug="hiddenshire")
    rf.approved_workplan(hidden, by=f.member(hidden, Role.ADMIN), coordinator=f.coordinator())
    return {"north": north, "south": south, "hidden": hidden}


def test_it_lists_only_published_regions_on_every_public_endpoint(client, world):
    for name in PUBLIC:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "public, max-age=60"
        body = response.content.decode()
        assert "Northland Qx" in body and "Southland Qx" in body, name
        assert "hiddenshire" not in body and "Hiddenshire" not in body, name
    strategy = client.get(reverse("api:strategy", kwargs={"region": "northland"}))
    assert strategy.status_code == 200
    assert strategy.json()["budget_total"] == "6000.00"
    assert client.get(reverse("api:strategy", kwargs={"region": "hiddenshire"})).status_code == 404


def test_it_filters_and_pages(client, world):
    url = reverse("api:strategies")
    only = client.get(url, {"region": "northland"}).json()
    assert only["count"] == 1 and only["results"][0]["region"]["slug"] == "northland"
    assert client.get(url, {"cycle": 2028}).json()["count"] == 0
    assert client.get(url, {"cycle": 2025}).json()["count"] == 2
    page = client.get(reverse("api:actions"), {"limit": 1}).json()
    assert page["count"] == 4 and len(page["results"]) == 1
    assert page["previous"] is None and "offset=1" in page["next"]
    last = client.get(reverse("api:actions"), {"limit": 1, "offset": 3}).json()
    assert last["next"] is None and last["previous"]
    assert client.get(reverse("api:actions"), {"limit": 1000}).json()["count"] == 4
    priorities = {
        a["priority"]["number"] for a in client.get(reverse("api:actions")).json()["results"]
    }
    for number in priorities:
        rows = client.get(reverse("api:actions"), {"priority": number}).json()["results"]
        assert rows and {a["priority"]["number"] for a in rows} == {number}
    budgets = client.get(reverse("api:budgets"), {"region": "southland"}).json()["results"]
    assert budgets and {b["region"]["slug"] for b in budgets} == {"southland"}
    assert all(isinstance(b["amount"], str) for b in budgets)


def test_it_filters_by_thematic_area_and_reported_period(client, db):
    area = hf.area(number=7, title="Housing and neighbourhoods", slug="housing")
    region = f.region(name="Arealand", slug="arealand")
    admin = f.member(region, Role.ADMIN)
    workplan = tk.workplan(region, by=admin)
    tagged = tk.action(workplan, by=admin, title="Tagged action")
    tagged.thematic_areas.add(area, through_defaults={"region": region})
    tk.action(workplan, by=admin, title="Untagged action")
    toolkit_services.workplan_submit(workplan=workplan, by=admin)
    toolkit_services.workplan_approve(workplan=workplan, by=f.coordinator())
    services.publish(workplan=workplan, by=admin)
    rows = client.get(reverse("api:actions"), {"thematic_area": 7}).json()["results"]
    assert [a["title"] for a in rows] == ["Tagged action"]
    assert client.get(reverse("api:actions"), {"thematic_area": 8}).json()["count"] == 0
    # Nothing reported yet: no indicator has a value for 2025.
    assert client.get(reverse("api:indicators"), {"period": 2025}).json()["count"] == 0


@pytest.mark.parametrize(
    "name,query,field",
    [
        ("api:strategies", {"cycle": "soon"}, "cycle"),
        ("api:strategies", {"region": "no such/region"}, "region"),
        ("api:actions", {"priority": "9"}, "priority"),
        ("api:actions", {"thematic_area": "x"}, "thematic_area"),
        ("api:indicators", {"period": "1e9"}, "period"),
        ("api:budgets", {"year": "-1"}, "year"),
        ("api:strategy", {"cycle": "twenty"}, "cycle"),
        ("api:strategies", {"cycle": "2025.0"}, "cycle"),
        ("api:strategies", {"region": ""}, "region"),
        ("api:actions", {"limit": "0"}, "limit"),
        ("api:actions", {"offset": "-1"}, "offset"),
        ("api:budgets", {"limit": "ten"}, "limit"),
    ],
)
def test_it_answers_400_with_a_message_for_a_filter_that_is_not_valid(
    client, world, name, query, field
):
    kwargs = {"region": "northland"} if name == "api:strategy" else {}
    response = client.get(reverse(name, kwargs=kwargs), query, headers={"accept-language": "en"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Some filters are not valid."
    assert list(body["errors"]) == [field] and body["errors"][field][0]
    assert response["Cache-Control"] == "no-store"


def test_it_answers_in_the_readers_language(client, world):
    response = client.get(reverse("api:actions"), {"priority": "9"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "Accept-Language" in response["Vary"]


def test_unpublishing_removes_the_region_everywhere_at_once(client, world):
    for name in PUBLIC:
        assert "Northland Qx" in client.get(reverse(name)).content.decode()
    detail = reverse("api:strategy", kwargs={"region": "northland"})
    assert client.get(detail).status_code == 200
    north = world["north"]
    services.unpublish(publication=north, by=north.published_by)
    for name in PUBLIC:
        body = client.get(reverse(name)).content.decode()
        assert "Northland Qx" not in body and "Southland Qx" in body, name
    assert client.get(detail).status_code == 404


def test_the_public_lists_cost_the_same_for_two_regions_and_for_six(client, db):
    published()
    published()

    def queries() -> dict[str, int]:
        counts = {}
        for name in PUBLIC:
            cache.bump()
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse(name), {"thematic_area": 1}).status_code in (200, 400)
                assert client.get(reverse(name)).status_code == 200
            counts[name] = len(captured.captured_queries)
        return counts

    hf.area(number=1)
    two = queries()
    for _ in range(4):
        published()
    assert queries() == two


# --- tokens -----------------------------------------------------------------------------------


def test_it_shows_a_new_token_once_and_keeps_only_its_digest(login, editor):
    client = login(editor)
    assert client.get(reverse("api:token-new")).status_code == 200
    response = client.post(reverse("api:token-new"), {"name": "My script", "lifetime": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get(user=editor)
    token = response.context["token"]
    assert token.startswith("eub_") and token in response.content.decode()
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert row.prefix == token[:8]
    assert token not in str(ApiToken.objects.filter(pk=row.pk).values().get())
    assert row.expires_at > timezone.now() + datetime.timedelta(days=29)
    listing = client.get(reverse("api:tokens")).content.decode()
    assert "My script" in listing and row.prefix in listing and token not in listing
    entry = AuditEntry.objects.get(action="api_token.created")
    assert entry.actor == editor and entry.target_label == "My script"
    assert token not in str(entry.after)


def test_it_asks_for_a_name(login, editor):
    response = login(editor).post(reverse("api:token-new"), {"name": "  ", "lifetime": "30"})
    assert response.status_code == 400
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_no_longer_works(login, client, editor, region):
    token = token_for(editor)
    url = reverse("api:regions")
    assert client.get(url, headers=bearer(token)).status_code == 200
    row = ApiToken.objects.get(user=editor)
    revoke = reverse("api:token-revoke", kwargs={"token": row.uuid})
    login(editor)
    assert client.get(revoke).status_code == 200
    assert client.post(revoke).status_code == 302
    assert AuditEntry.objects.get(action="api_token.revoked").target_label == "Script"
    client.logout()
    response = client.get(url, headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["detail"] == "This API token has been revoked."
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_persons_token(login, editor, outsider):
    row = ApiToken.objects.get(digest=token_services.token_digest(token_for(editor)))
    client = login(outsider)
    url = reverse("api:token-revoke", kwargs={"token": row.uuid})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


@pytest.mark.parametrize(
    "header,message",
    [
        ("Bearer eub_not-a-token", "This API token is not valid."),
        ("Bearer something-else", "This API token is not valid."),
        ("Bearer", "Send the token as: Authorization: Bearer followed by the token."),
        ("Bearer a b", "Send the token as: Authorization: Bearer followed by the token."),
    ],
)
def test_a_wrong_token_gets_401(client, editor, header, message):
    token_for(editor)
    response = client.get(reverse("api:regions"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401 and response.json()["detail"] == message


def test_an_expired_token_gets_401(client, editor):
    token = token_for(editor, expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("api:regions"), headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["detail"] == "This API token has expired."


def test_a_session_does_not_open_the_token_endpoints(login, editor, region):
    client = login(editor)
    for url in [reverse("api:regions"), *region_urls(region.slug)]:
        response = client.get(url)
        assert response.status_code == 401, url
        assert region.name not in response.content.decode()


def test_it_records_a_tokens_use_at_most_once_a_minute(client, editor):
    token = token_for(editor)
    client.get(reverse("api:regions"), headers=bearer(token))
    row = ApiToken.objects.get(user=editor)
    first = row.last_used_at
    assert first is not None
    client.get(reverse("api:regions"), headers=bearer(token))
    row.refresh_from_db()
    assert row.last_used_at == first
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    client.get(reverse("api:regions"), headers=bearer(token))
    row.refresh_from_db()
    assert row.last_used_at > first


def test_a_token_reads_its_holders_regions_and_nothing_else(client, editor, region, other_region):
    rf.report(region, by=f.member(region, Role.ADMIN), coordinator=f.coordinator())
    rf.approved_workplan(other_region, by=f.member(other_region, Role.ADMIN))
    headers = bearer(token_for(editor))
    regions = client.get(reverse("api:regions"), headers=headers)
    assert regions["Cache-Control"] == "private, no-store"
    assert [r["slug"] for r in regions.json()["results"]] == [region.slug]
    for url in region_urls(region.slug):
        assert client.get(url, headers=headers).status_code == 200, url
    reports = client.get(reverse("api:reports", kwargs={"region": region.slug}), headers=headers)
    assert [r["period"] for r in reports.json()] == [2025]
    nowhere = client.get(region_urls("no-such-region")[0], headers=headers).json()
    for url in region_urls(other_region.slug):
        response = client.get(url, headers=headers)
        assert response.status_code == 404, url
        assert response.json() == nowhere
        assert other_region.name not in response.content.decode()


def test_a_coordinator_reads_every_region_of_the_network(client, region, other_region):
    coordinator = f.coordinator()
    headers = bearer(token_for(coordinator))
    slugs = [
        r["slug"] for r in client.get(reverse("api:regions"), headers=headers).json()["results"]
    ]
    assert set(slugs) == {region.slug, other_region.slug}
    for url in region_urls(other_region.slug)[::2]:
        assert client.get(url, headers=headers).status_code == 200, url
    outsider = bearer(token_for(f.UserFactory()))
    assert client.get(reverse("api:regions"), headers=outsider).json()["count"] == 0


def test_the_live_workplan_names_no_person_and_no_comment(client, editor, region):
    workplan = tk.filled_workplan(region, by=editor)
    Comment.objects.create(
        region=region, workplan=workplan, action=workplan.actions.first(), author=editor,
        kind=CommentKind.choices[0][0], body="Secret remark Zq",
    )  # fmt: skip
    url = reverse("api:workplan", kwargs={"region": region.slug, "start_year": 2025})
    response = client.get(url, headers=bearer(token_for(editor)))
    assert response.status_code == 200
    body = response.content.decode()
    assert response.json()["priorities"]
    assert "Secret remark Zq" not in body
    assert editor.username not in body and editor.email not in body
    for private in ("created_by", "ready_by", "reviewer", "priority_id", "item_id", "comment"):
        assert private not in body


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_writes_nothing_whatever_the_method(client, editor, region, world, method):
    token = token_for(editor)
    urls = [reverse(n) for n in PUBLIC] + [reverse("api:regions"), *region_urls(region.slug)]
    urls.append(reverse("api:strategy", kwargs={"region": "northland"}))
    for url in urls:
        for headers in ({}, bearer(token)):
            response = getattr(client, method)(url, headers=headers)
            assert response.status_code in (401, 403, 405), (url, headers, response.status_code)


def test_it_answers_429_past_the_rate(client, editor, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "2/min", "token": "2/min"},
    }
    url = reverse("api:strategies")
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Too many requests. Try again in")
    # Another address has its own allowance.
    assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 200
    headers = bearer(token_for(editor))
    statuses = [client.get(reverse("api:regions"), headers=headers).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_it_serves_an_openapi_3_schema(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/public/strategies/" in schema["paths"]
    assert "/api/v1/regions/{region}/workplans/{start_year}/" in schema["paths"]
    yaml = client.get(reverse("api:schema"), {"format": "yaml"})
    assert yaml.status_code == 200 and yaml.content.startswith(b"openapi: 3.")


def test_the_profile_links_the_token_page_and_the_events_have_labels(login, editor):
    assert reverse("api:tokens") in login(editor).get(reverse("accounts:profile")).content.decode()
    assert "api_token.created" in EVENTS and "api_token.revoked" in EVENTS


def test_the_token_pages_need_a_sign_in(client):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_bad_rate_setting_stops_start_up():
    from tests.eubelong.test_settings import run_manage

    result = run_manage("check", env={"API_RATE_TOKEN": "lots"})
    assert result.returncode != 0
    assert "API_RATE_TOKEN must look like 120/min" in result.stderr


def test_only_public_answers_are_kept_in_the_cache():
    # A kept answer is shared by every reader of an address: never one of a token's answers.
    from toolkit.publishing.api import views

    kept = {
        cls.__name__
        for cls in vars(views).values()
        if isinstance(cls, type) and hasattr(getattr(cls, "get", None), "__wrapped__")
    }
    assert kept == {
        "PublicList",
        "StrategyList",
        "StrategyDetail",
        "ActionList",
        "IndicatorList",
        "BudgetList",
    }
    assert not [c for c in kept if issubclass(getattr(views, c), views.TokenView)]
