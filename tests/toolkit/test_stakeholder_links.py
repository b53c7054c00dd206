import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regions.models import Sector, Stakeholder
from toolkit import selectors
from toolkit.models import Action, ActionPartner, Change
from toolkit.selectors import sector_priority_map
from toolkit.stakeholder_links import link_action, match_names, registry_for

from . import factories
from .test_actions import action_data, edit_url, new_url

pytestmark = pytest.mark.django_db


def org(region, name, sector=Sector.PUBLIC, level=None):
    return Stakeholder.objects.create(
        region=region, name=name, sector=sector, level=level or "regional"
    )


def test_it_matches_names_case_insensitively_and_keeps_the_rest():
    red_cross, city = object(), object()
    registry = {"red cross": red_cross, "city hall": city}
    matched, unmatched = match_names(["  RED Cross ", "Unknown club", "", "red cross"], registry)
    assert matched == [red_cross]
    assert unmatched == ["Unknown club"]


def test_it_links_free_text_names_and_keeps_unmatched_ones(region):
    workplan = factories.workplan(region)
    red_cross = org(region, "Red Cross", Sector.CIVIL_SOCIETY)
    directorate = org(region, "Regional Directorate")
    action = factories.action(
        workplan,
        lead_stakeholder="regional directorate",
        partner_stakeholders="red cross\nNeighbourhood club",
    )
    assert link_action(action, registry_for(Stakeholder, region.pk), ActionPartner)
    action.refresh_from_db()
    assert action.lead_organisation == directorate
    assert action.lead_stakeholder == ""
    assert list(action.partner_organisations.all()) == [red_cross]
    assert action.partner_stakeholders == "Neighbourhood club"
    assert action.partner_names == ["Red Cross", "Neighbourhood club"]
    assert ActionPartner.objects.get().region == region
    # A second run changes nothing.
    assert not link_action(action, registry_for(Stakeholder, region.pk), ActionPartner)


def test_it_does_not_match_another_regions_organisations(region, other_region):
    workplan = factories.workplan(region)
    org(other_region, "Red Cross")
    action = factories.action(workplan, lead_stakeholder="Red Cross")
    assert not link_action(action, registry_for(Stakeholder, region.pk), ActionPartner)
    action.refresh_from_db()
    assert action.lead_organisation is None
    assert action.lead_stakeholder == "Red Cross"


def test_it_links_organisations_through_the_action_form(login, region, editor):
    workplan = factories.workplan(region)
    lead = org(region, "Regional Directorate")
    partner = org(region, "Red Cross", Sector.CIVIL_SOCIETY)
    client = login(editor)
    page = client.get(new_url(workplan))
    assert "Red Cross" in page.content.decode()
    data = action_data(lead_organisation=str(lead.pk), partner_organisations=[str(partner.pk)])
    data["lead_stakeholder"] = ""
    data["partner_stakeholders"] = "Neighbourhood club"
    assert client.post(new_url(workplan), data).status_code == 302
    action = Action.objects.for_region(region).get()
    assert action.lead_organisation == lead
    assert list(action.partner_organisations.all()) == [partner]
    change = Change.objects.for_region(region).get(kind=Change.Kind.ACTION)
    assert change.after["lead_organisation"] == "Regional Directorate"
    assert change.after["partner_organisations"] == ["Red Cross"]
    data.update(partner_organisations=[], version="1")
    assert client.post(edit_url(action), data).status_code == 302
    assert not action.partner_organisations.exists()
    latest = Change.objects.for_region(region).filter(kind=Change.Kind.ACTION).first()
    assert latest.before["partner_organisations"] == ["Red Cross"]
    assert latest.after["partner_organisations"] == []


def test_it_rejects_another_regions_organisation(login, region, other_region, editor):
    workplan = factories.workplan(region)
    foreign = org(other_region, "Foreign body")
    client = login(editor)
    reply = client.post(new_url(workplan), action_data(lead_organisation=str(foreign.pk)))
    assert reply.status_code == 400
    reply = client.post(new_url(workplan), action_data(partner_organisations=[str(foreign.pk)]))
    assert reply.status_code == 400
    assert not Action.objects.for_region(region).exists()
    assert not ActionPartner.objects.exists()
    with pytest.raises(ValueError):
        factories.action(workplan, lead_organisation=foreign)
    with pytest.raises(ValueError):
        factories.action(workplan, partner_organisations=[foreign])


def test_it_puts_linked_names_in_the_workplan_data(region):
    workplan = factories.workplan(region)
    lead = org(region, "Regional Directorate")
    partner = org(region, "Red Cross")
    factories.action(
        workplan,
        lead_stakeholder="",
        lead_organisation=lead,
        partner_organisations=[partner],
        partner_stakeholders="Neighbourhood club",
    )
    data = selectors.workplan_data(workplan)
    action = data["priorities"][0]["actions"][0]
    assert action["lead_stakeholder"] == "Regional Directorate"
    assert action["partner_stakeholders"] == ["Red Cross", "Neighbourhood club"]


def stakeholders_url(region):
    return reverse("regions:stakeholders", kwargs={"region": region.slug})


def test_it_maps_organisations_by_priority_and_sector(region, other_region):
    workplan = factories.workplan(region)
    lead = org(region, "Regional Directorate")
    partner = org(region, "Red Cross", Sector.CIVIL_SOCIETY)
    org(region, "Idle body")
    second = workplan.template.priorities.get(number=2)
    factories.action(workplan, lead_organisation=lead, partner_organisations=[partner])
    factories.action(workplan, priority=second, partner_organisations=[lead])
    other_plan = factories.workplan(other_region)
    factories.action(other_plan, lead_organisation=org(other_region, "Foreign body"))
    table = sector_priority_map(region)
    assert [r["number"] for r in table["rows"]] == [1, 2]
    sectors = [code for code, _label in table["sectors"]]
    first = table["rows"][0]["cells"]
    assert first[sectors.index(Sector.PUBLIC)] == [{"name": "Regional Directorate", "lead": True}]
    assert first[sectors.index(Sector.CIVIL_SOCIETY)] == [{"name": "Red Cross", "lead": False}]
    assert table["rows"][1]["cells"][sectors.index(Sector.PUBLIC)] == [
        {"name": "Regional Directorate", "lead": False}
    ]
    assert table["rows"][0]["total"] == 2


def test_it_shows_the_priority_map_in_constant_queries(
    login, region, contributor, django_assert_num_queries
):
    workplan = factories.workplan(region)
    client = login(contributor)

    def add(start, stop):
        for i in range(start, stop):
            factories.action(workplan, title=f"A{i}", lead_organisation=org(region, f"Body {i}"))

    add(0, 1)
    client.get(stakeholders_url(region))
    with CaptureQueriesContext(connection) as first:
        reply = client.get(stakeholders_url(region))
    assert reply.status_code == 200
    assert "Body 0" in reply.content.decode()
    add(1, 6)
    with django_assert_num_queries(len(first.captured_queries)):
        reply = client.get(stakeholders_url(region))
    assert "Body 4" in reply.content.decode()


def test_it_keeps_the_priority_map_from_outsiders(login, region, outsider):
    factories.action(factories.workplan(region), lead_organisation=org(region, "Body"))
    reply = login(outsider).get(stakeholders_url(region))
    assert reply.status_code in (403, 404)


def test_it_links_demo_actions_to_demo_stakeholders_once():
    from regions import seed as regions_seed
    from toolkit import seed

    regions_seed.seed()
    seed.seed()
    action = Action.objects.filter(lead_stakeholder__gt="").select_related("region").first()
    body = org(action.region, action.lead_stakeholder.upper())
    partner = org(action.region, "Municipal Association")
    seed.seed()
    seed.seed()
    action.refresh_from_db()
    assert action.lead_organisation == body
    assert action.lead_stakeholder == ""
    assert list(action.partner_organisations.all()) == [partner]
    assert action.partner_stakeholders == "Migrant-led organisations"
    assert ActionPartner.objects.filter(action=action).count() == 1
