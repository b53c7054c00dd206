"""The dashboard's and the drill-down's results are kept when they cite submitted workplans only:
two readers share an entry only when they would see the same page, and every workflow step, new
region or sharing change shows at the next view."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from regions.models import Role
from tests import factories
from toolkit import services as tk_services

from . import factories as cf

pytestmark = pytest.mark.django_db

PAGES = [reverse("compare:dashboard"), reverse("compare:drilldown") + "?priority=1"]


def _link(workplan) -> str:
    return reverse(
        "toolkit:workplan-edit", kwargs={"region": workplan.region.slug, "workplan": workplan.uuid}
    )


@pytest.mark.parametrize("url", PAGES)
def test_each_reader_keeps_their_own_links(login, client, url):
    cache.clear()
    first, second = factories.region(name="Alphaland"), factories.region(name="Betaland")
    first_wp, second_wp = cf.workplan(first), cf.workplan(second)
    readers = [factories.member(first, Role.EDITOR), factories.member(second, Role.EDITOR)]
    for _ in range(2):  # the second round is served from the cache
        for reader, own, other in (
            (readers[0], first_wp, second_wp),
            (readers[1], second_wp, first_wp),
        ):
            page = login(reader).get(url).content.decode()
            assert "Alphaland" in page and "Betaland" in page
            assert _link(own) in page and _link(other) not in page


@pytest.mark.parametrize("url", PAGES)
def test_workflow_steps_regions_and_sharing_show_at_once(login, url):
    cache.clear()
    home = factories.region(name="Homeland")
    editor = factories.member(home, Role.EDITOR)
    wp = cf.workplan(home, evidence="Home evidence")
    client = login(editor)
    assert "submitted, awaiting review" in client.get(url).content.decode()

    tk_services.workplan_approve(workplan=wp, by=None, message="Fine.")
    page = client.get(url).content.decode()
    assert "submitted, awaiting review" not in page and "approved" in page

    newcomer = factories.region(name="Newcomerland")
    assert "Newcomerland" in client.get(url).content.decode()
    cf.workplan(newcomer)
    cf.not_sharing(newcomer)
    assert "Newcomerland" not in client.get(url).content.decode()


def test_drafts_are_never_kept(login):
    cache.clear()
    home = factories.region()
    editor = factories.member(home, Role.EDITOR)
    wp = cf.workplan(home, status="draft", evidence="First draft words")
    client = login(editor)
    url = reverse("compare:drilldown") + "?priority=1&drafts=on"
    assert "First draft words" in client.get(url).content.decode()
    cf._answer(wp, "Second draft words")
    assert "Second draft words" in client.get(url).content.decode()


def test_every_view_of_a_kept_page_is_logged(login, caplog):
    cache.clear()
    cf.workplan(factories.region(name="Loggedland", slug="loggedland"))
    client = login(factories.coordinator())
    for url in PAGES:
        with caplog.at_level("INFO", logger="eubelong.compare"):
            caplog.clear()
            client.get(url)
            client.get(url)
        reads = [r for r in caplog.records if r.name == "eubelong.compare"]
        assert len(reads) == 2 and all("loggedland" in str(r.regions) for r in reads)
