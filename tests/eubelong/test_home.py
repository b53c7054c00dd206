"""The "My work" home page: what each role should do next, in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regions.models import Role
from tests import factories
from tests.toolkit import factories as tk
from toolkit import services

pytestmark = pytest.mark.django_db


def _queries(client) -> int:
    client.get(reverse("home"))  # warm the session and the unread count
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("home")).status_code == 200
    return len(context.captured_queries)


def _submitted_region(n, by_role=Role.ADMIN):
    region = factories.region()
    admin = factories.member(region, by_role)
    workplan = tk.workplan(region, by=admin)
    tk.action(workplan)
    if n % 2:
        services.workplan_submit(workplan=workplan, by=admin)
    return region, workplan, admin


def test_a_coordinator_sees_the_review_queue_oldest_first_and_who_has_not_submitted(
    client, coordinator
):
    rows = [_submitted_region(n) for n in range(4)]
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    queue = page.split('id="queue-heading"')[1].split("</section>")[0]
    submitted = [r for n, r in enumerate(rows) if n % 2]
    first, second = (f"{region.name} {workplan.cycle}" for region, workplan, _ in submitted)
    assert first in queue and second in queue and queue.index(first) < queue.index(second)
    missing = page.split('id="missing-heading"')[1].split("</section>")[0]
    for n, (region, _workplan, _admin) in enumerate(rows):
        assert (region.name in missing) == (n % 2 == 0)


def test_the_coordinators_home_costs_the_same_for_more_regions_and_notices(client, coordinator):
    for n in range(2):
        _submitted_region(n)
    client.force_login(coordinator)
    few = _queries(client)
    for n in range(12):
        _submitted_region(n)
    assert _queries(client) == few


def test_an_editors_home_lists_workplans_open_notes_and_proposals(
    client, region, editor, regional_admin, coordinator, contributor
):
    workplan = tk.workplan(region, by=regional_admin)
    tk.action(workplan)
    response = workplan.responses.order_by("id").first()
    services.comment_add(response=response, by=contributor, kind="proposal", body="Add libraries")
    services.workplan_submit(workplan=workplan, by=regional_admin)
    services.comment_add(response=response, by=coordinator, kind="review", body="Which ones?")
    services.workplan_request_changes(workplan=workplan, by=coordinator)

    client.force_login(editor)
    few = _queries(client)
    page = client.get(reverse("home")).content.decode()
    assert "Changes requested" in page and "1 open review note" in page
    assert "Which ones?" in page and "Add libraries" in page
    for n in range(10):
        services.comment_add(response=response, by=coordinator, kind="review", body=f"More {n}")
    assert _queries(client) == few


def test_a_contributor_sees_what_became_of_their_proposals(client, region, contributor, editor):
    workplan = tk.workplan(region, by=editor)
    response = workplan.responses.order_by("id").first()
    proposal = services.comment_add(response=response, by=contributor, kind="proposal", body="A")
    services.proposal_decide(proposal=proposal, by=editor, accept=False)
    client.force_login(contributor)
    page = client.get(reverse("home")).content.decode()
    mine = page.split('id="mine-heading"')[1].split("</section>")[0]
    assert "Dismissed" in mine and "Review queue" not in page


def test_visitors_see_the_welcome_page(client):
    page = client.get(reverse("home"))
    assert page.status_code == 200 and "My work" not in page.content.decode()


def test_the_home_lists_the_first_regions_by_name_and_links_the_rest(client, coordinator):
    """Twelve regions by name; from the thirteenth on, a link to all of them. Two people in
    turn, through the same kept statement, each see only their own."""
    from eubelong.work.views import REGIONS_SHOWN

    regions = [factories.region() for _ in range(REGIONS_SHOWN + 1)]
    editor = factories.member(regions[0], Role.EDITOR)
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    names = sorted(r.name for r in regions)
    assert all(name in page for name in names[:REGIONS_SHOWN])
    assert "All my regions" in page
    client.force_login(editor)
    page = client.get(reverse("home")).content.decode()
    assert regions[0].name in page and "All my regions" not in page
    assert not any(r.name in page for r in regions[1:])
