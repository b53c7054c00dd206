"""Every write that changes a region's commitments or shared content is in the audit log with
the person who made it; the cross-region log shows a coordinator their own networks only."""

from django.test import Client
from django.urls import reverse

from regions.models import AuditEntry, Role
from tests import factories
from tests.compare import factories as cf
from tests.toolkit import factories as tk
from toolkit import services


def entry(action):
    return AuditEntry.objects.filter(action=action).latest("pk")


def test_it_audits_a_change_of_data_sharing(login, regional_admin, region):
    url = reverse("compare:sharing", kwargs={"region": region.slug})
    assert login(regional_admin).post(url, {"version": "1"}).status_code == 302
    found = entry("sharing.update")
    assert (found.actor, found.region) == (regional_admin, region)
    assert found.before == {"shares_with_network": True}
    assert found.after == {"shares_with_network": False}


def test_it_audits_the_review_of_a_workplan(login, coordinator, regional_admin, region):
    workplan = tk.filled_workplan(region, by=regional_admin)
    services.workplan_submit(workplan=workplan, by=regional_admin)
    url = reverse(
        "toolkit:review-decide", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    assert login(coordinator).post(url, {"decision": "approve", "message": ""}).status_code == 302
    submitted, approved = entry("workplan.submitted"), entry("workplan.approved")
    assert submitted.actor == regional_admin and approved.actor == coordinator
    assert approved.region == region and approved.after["status"] == "approved"


def test_it_audits_publishing_the_toolkit_template(login, coordinator):
    tk.template(priorities=1, items=1)
    draft = services.template_create_draft(by=coordinator)
    url = reverse("toolkit:template-publish", kwargs={"template": draft.uuid})
    assert login(coordinator).post(url, {"notes": "Ready"}).status_code == 302
    found = entry("template.publish")
    assert found.actor == coordinator and found.region is None


def test_it_audits_changes_to_the_questionnaire(login, coordinator):
    cf.areas(2)
    cf.questionnaire()
    url = reverse("compare:questionnaire")
    login(coordinator).post(url, {"action": "draft"})
    assert entry("questionnaire.draft").actor == coordinator


def test_it_shows_a_coordinator_only_their_networks_in_the_cross_region_log(login, region):
    from regions.services import network_create, region_create

    mine = factories.coordinator()
    elsewhere = network_create(name="Another network", slug="another")
    foreign = region_create(network=elsewhere, slug="foreign", name="Foreign Region", country="X")
    stranger = factories.member(foreign, Role.ADMIN)
    own_admin = factories.member(region, Role.ADMIN)
    login(stranger).post(
        reverse("regions:member-invite", kwargs={"region": foreign.slug}),
        {"name": "A Person", "email": "a@example.org", "role": "contributor"},
    )
    login(own_admin).post(
        reverse("regions:member-invite", kwargs={"region": region.slug}),
        {"name": "B Person", "email": "b@example.org", "role": "contributor"},
    )
    reader = Client()
    reader.force_login(mine)
    page = reader.get(reverse("accounts:audit")).content.decode()
    assert "b@example.org" in page
    assert "a@example.org" not in page and "Foreign Region" not in page
