"""The action form: where it leads after saving, the organisation lists, dates and amounts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from regions.models import Sector, Stakeholder
from toolkit.forms import ActionForm
from toolkit.models import Action, ActionPartner, Indicator

from . import factories
from .test_actions import action_data, edit_url, new_url

pytestmark = pytest.mark.django_db


def org(region, name, sector=Sector.PUBLIC):
    return Stakeholder.objects.create(region=region, name=name, sector=sector, level="regional")


def editor_at(workplan, priority, anchor):
    url = reverse(
        "toolkit:workplan-edit", kwargs={"region": workplan.region.slug, "workplan": workplan.uuid}
    )
    return f"{url}?priority={priority.number}#{anchor}"


def action_url(name, action, **extra):
    kwargs = {"region": action.region.slug, "workplan": action.workplan.uuid, "action": action.uuid}
    return reverse(f"toolkit:{name}", kwargs={**kwargs, **extra})


# Where saving leads


def test_it_returns_to_the_priority_of_a_new_action(login, region, editor):
    workplan = factories.workplan(region)
    priority = workplan.template.priorities.get(number=3)
    reply = login(editor).post(f"{new_url(workplan)}?priority={priority.uuid}", action_data())
    action = Action.objects.for_region(region).get()
    assert reply.status_code == 302
    assert reply["Location"] == editor_at(workplan, priority, f"action-{action.uuid.hex}")


def test_it_returns_to_the_priority_after_each_save(login, region, editor):
    workplan = factories.workplan(region)
    priority = workplan.template.priorities.get(number=2)
    action = factories.action(workplan, priority=priority)
    here = editor_at(workplan, priority, f"action-{action.uuid.hex}")
    client = login(editor)
    reply = client.post(edit_url(action), action_data(version="1"))
    assert reply["Location"] == here
    reply = client.post(
        action_url("indicator-new", action), {"name": "People reached", "unit": "people"}
    )
    assert reply["Location"] == here
    assert Indicator.objects.for_region(region).count() == 1
    reply = client.post(action_url("action-funding", action), {"version": "2"})
    assert reply.status_code == 302 and reply["Location"] == here
    reply = client.post(action_url("action-delete", action))
    assert reply["Location"] == editor_at(workplan, priority, "actions")


def test_it_links_back_to_the_priority_and_the_action(login, region, editor):
    workplan = factories.workplan(region)
    priority = workplan.template.priorities.get(number=4)
    action = factories.action(workplan, priority=priority)
    client = login(editor)
    page = client.get(edit_url(action)).content.decode()
    back = editor_at(workplan, priority, f"action-{action.uuid.hex}")
    assert f'href="{back}"' in page
    page = client.get(f"{new_url(workplan)}?priority={priority.uuid}").content.decode()
    assert f'href="{editor_at(workplan, priority, "actions")}"' in page


def test_it_says_indicators_come_next_and_offers_them_in_the_editor(login, region, editor):
    workplan = factories.workplan(region)
    client = login(editor)
    page = client.get(new_url(workplan)).content.decode()
    assert "After saving, you add indicators and the funding by year." in page
    reply = client.post(new_url(workplan), action_data(), follow=True)
    action = Action.objects.for_region(region).get()
    body = reply.content.decode()
    assert "Next, add its indicators and its funding by year." in body
    assert f'href="{action_url("action-edit", action)}#add-indicator"' in body
    assert 'id="add-indicator"' in client.get(edit_url(action)).content.decode()


# The organisation lists


def test_it_groups_the_organisations_by_sector(login, region, other_region, editor):
    workplan = factories.workplan(region)
    org(region, "Regional Directorate")
    red_cross = org(region, "Red Cross", Sector.CIVIL_SOCIETY)
    org(region, "Newcomers' Voice", Sector.MIGRANT_LED)
    org(other_region, "Foreign body", Sector.CIVIL_SOCIETY)
    page = login(editor).get(new_url(workplan)).content.decode()
    lead = page[page.index('<select name="lead_organisation"') :]
    lead = lead[: lead.index("</select>")]
    labels = ["Public authority", "Civil society", "Migrant-led organisation"]
    positions = [lead.index(f'<optgroup label="{label}">') for label in labels]
    assert positions == sorted(positions)
    assert f'<option value="{red_cross.pk}">Red Cross</option>' in lead
    partners = page[page.index('id="id_partner_organisations"') :]
    for label in labels:
        assert f"<legend>{label}</legend>" in partners
    assert "Foreign body" not in page


def test_it_groups_them_with_the_readers_sector_names(login, region, editor):
    workplan = factories.workplan(region)
    org(region, "Red Cross", Sector.CIVIL_SOCIETY)
    client = login(editor)
    client.cookies["django_language"] = "de"
    page = client.get(new_url(workplan)).content.decode()
    with translation.override("de"):
        label = str(Sector.CIVIL_SOCIETY.label)
    assert label != "Civil society"
    assert f'<optgroup label="{label}">' in page
    assert f"<legend>{label}</legend>" in page


def test_it_offers_a_filter_for_long_lists_only(login, region, editor):
    workplan = factories.workplan(region)
    client = login(editor)
    for n in range(3):
        org(region, f"Organisation {n}")
    page = client.get(new_url(workplan)).content.decode()
    assert "js/option-filter.js" in page
    assert "data-filter-label" not in page
    for n in range(3, 8):
        org(region, f"Organisation {n}")
    page = client.get(new_url(workplan)).content.decode()
    assert page.count('data-filter-label="Find an organisation in the list"') == 2


def test_it_points_to_the_registry_when_it_is_empty(login, region, editor, regional_admin):
    workplan = factories.workplan(region)
    registry = reverse("regions:stakeholders", kwargs={"region": region.slug})
    page = login(editor).get(new_url(workplan)).content.decode()
    assert "The region's stakeholder registry has no organisations yet." in page
    assert f'<a href="{registry}">stakeholder registry</a>' in page
    assert 'name="lead_organisation"' not in page
    assert 'name="partner_organisations"' not in page
    page = login(regional_admin).get(new_url(workplan)).content.decode()
    assert f'<a href="{registry}">Add organisations to the stakeholder registry first</a>' in page


@pytest.mark.parametrize("field", ["lead_organisation", "partner_organisations"])
def test_it_refuses_another_regions_organisation_with_a_clear_error(
    login, region, other_region, editor, field
):
    workplan = factories.workplan(region)
    org(region, "Red Cross", Sector.CIVIL_SOCIETY)
    foreign = org(other_region, "Foreign body")
    value = str(foreign.pk) if field == "lead_organisation" else [str(foreign.pk)]
    client = login(editor)
    reply = client.post(new_url(workplan), action_data(**{field: value}))
    assert reply.status_code == 400
    message = "Choose an organisation from the list: it holds the region&#x27;s registry only."
    assert message in reply.content.decode()
    assert f'href="#id_{field}"' in reply.content.decode()
    assert not Action.objects.for_region(region).exists()
    # Nor does an edit link it.
    action = factories.action(workplan)
    reply = client.post(
        edit_url(action), action_data(version="1", title="Changed", **{field: value})
    )
    assert reply.status_code == 400
    action.refresh_from_db()
    assert action.title == "Welcome desk" and action.lead_organisation is None
    assert not ActionPartner.objects.exists()


def test_it_refuses_a_foreign_organisation_when_the_registry_is_empty(
    login, region, other_region, editor
):
    workplan = factories.workplan(region)
    foreign = org(other_region, "Foreign body")
    reply = login(editor).post(new_url(workplan), action_data(lead_organisation=str(foreign.pk)))
    assert reply.status_code == 400
    assert 'id="id_lead_organisation"' in reply.content.decode()
    assert not Action.objects.for_region(region).exists()


# A rejected form keeps what was typed


def test_it_keeps_everything_typed_when_it_refuses_the_form(login, region, editor):
    from handbook.models import ThematicArea

    area = ThematicArea.objects.first() or ThematicArea.objects.create(
        number=99, slug="test-area", title="Test area"
    )
    workplan = factories.workplan(region)
    lead = org(region, "Regional Directorate")
    partner = org(region, "Red Cross", Sector.CIVIL_SOCIETY)
    data = action_data(
        title="Typed title",
        objective="Typed objective",
        description="Typed description",
        thematic_areas=[str(area.pk)],
        lead_organisation=str(lead.pk),
        partner_organisations=[str(partner.pk)],
        lead_stakeholder="Typed lead",
        partner_stakeholders="Typed partner",
        start_date="2025-05-01",
        end_date="2025-04-01",
        budget="25 000.50",
        funding_source="esf_plus",
        status="ongoing",
        legal_basis="Typed law",
    )
    reply = login(editor).post(new_url(workplan), data)
    assert reply.status_code == 400
    form = reply.context["form"]
    assert list(form.errors) == ["end_date"]
    page = reply.content.decode()
    for typed in ('value="Typed title"', "Typed objective", "Typed description", "Typed law",
                  'value="Typed lead"', "Typed partner", 'value="2025-05-01"',
                  'value="2025-04-01"', 'value="25 000.50"'):  # fmt: skip
        assert typed in page
    assert f'<option value="{lead.pk}" selected>' in page
    assert f'value="{partner.pk}" id="id_partner_organisations_1_0" checked' in page
    assert f'value="{area.pk}"' in page and "checked" in page
    assert '<option value="esf_plus" selected>' in page
    assert '<option value="ongoing" selected>' in page
    # The error summary points at the field that holds the error.
    assert 'href="#id_end_date"' in page and 'id="id_end_date"' in page


# Dates and amounts


def test_it_shows_the_euro_sign_beside_the_budget_where_the_reader_writes_it(region):
    workplan = factories.workplan(region)
    with translation.override("en"):
        english = str(ActionForm(cycle=workplan.cycle, region=region)["budget"])
    with translation.override("de"):
        form = ActionForm(cycle=workplan.cycle, region=region)
        german = str(form["budget"])
        hint = str(form.fields["budget"].help_text)
    sign = '<span class="input-affix-sign" aria-hidden="true">€</span>'
    assert english.index(sign) < english.index("<input")
    assert german.index(sign) > german.index("<input")
    assert 'inputmode="decimal"' in german
    assert "45.000,50" in hint


def test_it_hints_the_dates_of_the_cycle(login, region, editor):
    workplan = factories.workplan(region)
    page = login(editor).get(new_url(workplan)).content.decode()
    assert 'type="date"' in page
    assert 'min="2025-01-01" max="2027-12-31"' in page
    assert "type year-month-day, for example 2025-01-01" in page


# Queries


def test_it_reads_the_form_in_as_many_queries_for_5_as_for_50_organisations(login, region, editor):
    workplan = factories.workplan(region)
    action = factories.action(workplan)
    client = login(editor)
    # The first requests of a session read more (sign-in, cached lookups).
    client.get(new_url(workplan))
    client.get(edit_url(action))
    counts = []
    for total in (5, 50):
        for n in range(Stakeholder.objects.for_region(region).count(), total):
            org(region, f"Organisation {n}", list(Sector)[n % len(Sector)])
        with CaptureQueriesContext(connection) as new_page:
            assert client.get(new_url(workplan)).status_code == 200
        with CaptureQueriesContext(connection) as edit_page:
            assert client.get(edit_url(action)).status_code == 200
        counts.append((len(new_page), len(edit_page)))
    assert counts[0] == counts[1]
