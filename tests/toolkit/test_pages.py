import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regions.models import Stakeholder
from toolkit.models import PriorityResponse

from . import factories

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_autosaves_the_priority_approach_and_detects_conflicts(login, region, editor):
    workplan = factories.workplan(region)
    summary = PriorityResponse.objects.for_region(region).filter(workplan=workplan).first()
    url = reverse(
        "toolkit:priority-save",
        kwargs={"region": region.slug, "workplan": workplan.uuid, "summary": summary.uuid},
    )
    client = login(editor)
    reply = client.post(
        url, {"version": 1, "summary": "We start with mapping."}, headers={"HX-Request": "true"}
    )
    assert reply.status_code == 200 and 'data-announce="Saved"' in reply.content.decode()
    stale = client.post(url, {"version": 1, "summary": "Other text"})
    assert stale.status_code == 409
    assert "We start with mapping." in stale.content.decode()
    assert "Other text" in stale.content.decode()
    assert client.get(url).status_code == 405


def test_it_lists_workplans_and_history_in_constant_queries(login, region, editor):
    workplan = factories.workplan(region)
    client = login(editor)
    list_url = reverse("toolkit:workplan-list", kwargs={"region": region.slug})
    history_url = reverse(
        "toolkit:workplan-history", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    _count(client, list_url)
    few = (_count(client, list_url), _count(client, history_url))
    factories.workplan(region, start_year=2022)
    for n in range(5):
        factories.action(workplan, by=editor, title=f"More {n}")
    assert (_count(client, list_url), _count(client, history_url)) == few


def test_it_suggests_stakeholders_from_the_registry(login, region, editor):
    Stakeholder.objects.create(
        region=region, name="Red Cross Navarra", sector="civil_society", level="regional"
    )
    workplan = factories.workplan(region)
    url = reverse("toolkit:action-new", kwargs={"region": region.slug, "workplan": workplan.uuid})
    body = login(editor).get(url).content.decode()
    assert '<option value="Red Cross Navarra">' in body
    assert 'list="stakeholder-names"' in body
