"""Copy an action from another region: the candidates are the approved actions the comparison
pages show the same person, and nothing else can be copied."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.compare import factories as cf
from toolkit.compare import report
from toolkit.compare.selectors import Filters
from toolkit.models import Action

pytestmark = pytest.mark.django_db


def replicate_url(workplan):
    return reverse(
        "toolkit:replicate", kwargs={"region": workplan.region.slug, "workplan": workplan.uuid}
    )


@pytest.fixture
def network(region, other_region):
    """Home: a draft to copy into. Other: approved and sharing. Hiddenia: approved, not sharing.
    Pendia: submitted, not yet approved."""
    home = cf.workplan(region, status="draft")
    cf.workplan(other_region, status="approved")
    hidden = factories.region(name="Hiddenia", slug="hiddenia")
    cf.workplan(hidden, status="approved")
    cf.not_sharing(hidden)
    cf.workplan(factories.region(name="Pendia", slug="pendia"), status="submitted")
    return {"home": home, "hidden": hidden}


def _candidates(client, workplan):
    response = client.get(replicate_url(workplan))
    assert response.status_code == 200
    return {(a.region.name, a.title) for a in response.context["page"].object_list}


def _compared_approved(user, region):
    ctx = report.comparison(user, Filters())
    return {
        (src.region.name, action["title"])
        for src in ctx["sources"]
        if src.kind == "approved" and src.region != region
        for action in src.actions
    }


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_it_offers_the_approved_actions_the_comparison_shows(request, login, region, network, who):
    user = request.getfixturevalue(who)
    offered = _candidates(login(user), network["home"])
    assert offered == _compared_approved(user, region)
    assert ("Other Region", "Action of Other Region") in offered
    # Hiddenia does not share: coordinators compare it, regional editors do not.
    assert (("Hiddenia", "Action of Hiddenia") in offered) is (who == "coordinator")
    assert not any(name == "Pendia" for name, _title in offered)


def test_it_copies_a_shared_approved_action_for_a_regional_editor(
    login, editor, region, other_region, network
):
    source = Action.objects.for_region(other_region).get()
    response = login(editor).post(replicate_url(network["home"]), {"source": str(source.uuid)})
    assert response.status_code == 302
    assert Action.objects.for_region(region).get(based_on=source).title == source.title


def test_it_refuses_to_copy_an_action_the_reader_cannot_see(login, editor, region, network):
    client = login(editor)
    before = Action.objects.for_region(region).count()
    hidden = Action.objects.for_region(network["hidden"]).get()
    pending = Action.objects.filter(region__slug="pendia").get()
    for action in (hidden, pending):
        response = client.post(replicate_url(network["home"]), {"source": str(action.uuid)})
        assert response.status_code == 404
    assert client.post(replicate_url(network["home"]), {"source": "nope"}).status_code == 404
    assert Action.objects.for_region(region).count() == before


def test_it_explains_an_empty_list(login, editor, region):
    home = cf.workplan(region, status="draft")
    text = login(editor).get(replicate_url(home)).content.decode()
    assert "No other region you can compare has an approved workplan yet" in text


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_lists_candidates_in_a_constant_number_of_queries(login, editor, region):
    home = cf.workplan(region, status="draft")
    for _ in range(2):
        cf.workplan(factories.region(), status="approved")
    client = login(editor)
    url = replicate_url(home)
    client.get(url)
    small = _count(client, url)
    for _ in range(6):
        cf.workplan(factories.region(), status="approved")
    client.get(url)  # the approvals made notices: the header's unread count is cached again
    assert len(_candidates(client, home)) == 8
    assert _count(client, url) == small
