import pytest
from django.urls import reverse

from handbook.models import Revision, ThematicArea
from regions.models import Role
from tests import factories as base

from . import factories


@pytest.fixture
def seeded(region):
    """The shared content these pages show, made with factories; the whole starter content has
    its own test (tests/handbook/test_content_i18n.py, tests/toolkit/test_seed.py)."""
    factories.section(
        "framework", 3, slug="regional-contexts", title="Regional contexts", shows="contexts"
    )
    factories.section("framework", 4, slug="objectives", title="Objectives")
    factories.section("handbook", 1, slug="framework", title="The intercultural framework")
    factories.area(
        4,
        slug="housing",
        title="Housing and neighbourhoods",
        challenges="Rents rise.",
        stakeholders="Housing associations.",
        training_topics="Fair letting.",
    )
    return region


def test_it_lets_a_signed_in_user_read_framework_and_handbook(login, contributor, seeded):
    client = login(contributor)
    assert "Regional contexts" in client.get(reverse("handbook:framework")).text
    page = client.get(
        reverse("handbook:framework-section", kwargs={"section": "regional-contexts"})
    )
    assert page.status_code == 200
    assert "Context of the region." in page.text
    handbook = client.get(reverse("handbook:index")).text
    assert "Housing and neighbourhoods" in handbook


def test_it_sends_anonymous_visitors_to_sign_in(client, seeded):
    response = client.get(reverse("handbook:framework"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_shows_a_thematic_area_with_its_modules(login, contributor, region, seeded):
    area = ThematicArea.objects.get(slug="housing")
    module = factories.module(region, title="Fair letting in practice")
    module.thematic_areas.add(area)
    page = login(contributor).get(reverse("handbook:area", kwargs={"area": "housing"}))
    assert page.status_code == 200
    assert "Fair letting in practice" in page.text
    assert "Stakeholders to engage" in page.text


def test_it_lets_a_coordinator_edit_a_thematic_area_and_see_its_history(login, coordinator, seeded):
    area = ThematicArea.objects.get(slug="housing")
    client = login(coordinator)
    url = reverse("handbook:area-edit", kwargs={"area": "housing"})
    assert client.get(url).status_code == 200
    data = {
        "title": area.title,
        "summary": "Homes for everyone.",
        "challenges": area.challenges,
        "stakeholders": area.stakeholders,
        "training_topics": area.training_topics,
        "version": area.version,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(reverse("handbook:area", kwargs={"area": "housing"}))
    assert "Homes for everyone." in page.text
    history = client.get(reverse("handbook:area-history", kwargs={"area": "housing"}))
    assert "Homes for everyone." in history.text
    assert coordinator.username in history.text or coordinator.get_full_name() in history.text
    assert Revision.objects.count() == 1


def test_it_answers_a_stale_edit_with_a_conflict(login, coordinator, seeded):
    area = ThematicArea.objects.get(slug="housing")
    client = login(coordinator)
    url = reverse("handbook:area-edit", kwargs={"area": "housing"})
    data = {"title": area.title, "summary": "First.", "version": area.version}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "summary": "Second."})
    assert response.status_code == 409
    area.refresh_from_db()
    assert area.summary == "First."


def test_it_forbids_shared_edits_to_a_regional_admin(login, regional_admin, seeded):
    client = login(regional_admin)
    url = reverse("handbook:area-edit", kwargs={"area": "housing"})
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x", "version": 1}).status_code == 403
    section_url = reverse("handbook:framework-section-edit", kwargs={"section": "objectives"})
    assert client.post(section_url, {"title": "x", "body": "y", "version": 1}).status_code == 403


def test_it_links_a_regional_admin_to_their_own_context(login, regional_admin, region, seeded):
    page = login(regional_admin).get(
        reverse("handbook:framework-section", kwargs={"section": "regional-contexts"})
    )
    assert reverse("regions:edit", kwargs={"region": region.slug}) in page.text


def test_it_keeps_the_module_list_query_count_flat(
    login, contributor, region, seeded, django_assert_max_num_queries
):
    client = login(contributor)
    url = reverse("handbook:modules")
    factories.module(region, title="First").thematic_areas.add(ThematicArea.objects.first())
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(5):
        module = factories.module(region, title=f"Module {n}")
        module.thematic_areas.add(ThematicArea.objects.first())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert "Module 4" in page.text


def test_it_filters_modules(login, contributor, region, other_region, seeded):
    factories.module(region, title="Online one", format="online")
    factories.module(other_region, title="Lab one", format="learning_lab")
    client = login(contributor)
    page = client.get(reverse("handbook:modules"), {"format": "learning_lab"})
    assert "Lab one" in page.text and "Online one" not in page.text
    page = client.get(reverse("handbook:modules"), {"region": region.slug})
    assert "Online one" in page.text and "Lab one" not in page.text
    partial = client.get(
        reverse("handbook:modules"), {"format": "online"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.text and "Online one" in partial.text


def test_it_lets_an_editor_add_a_module_for_their_region(login, editor, region, seeded):
    client = login(editor)
    area = ThematicArea.objects.get(slug="housing")
    response = client.post(
        reverse("handbook:module-create", kwargs={"region": region.slug}),
        {"title": "New module", "format": "online", "thematic_areas": [area.pk]},
    )
    assert response.status_code == 302
    assert area.modules.get().region == region


def test_it_forbids_module_writes_to_a_contributor(login, contributor, region, seeded):
    module = factories.module(region)
    client = login(contributor)
    url = reverse("handbook:module-edit", kwargs={"region": region.slug, "module": module.uuid})
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x", "format": "online", "version": 1}).status_code == 403


def test_it_hides_another_regions_module_editing(login, outsider, region, seeded):
    module = factories.module(region)
    url = reverse("handbook:module-edit", kwargs={"region": region.slug, "module": module.uuid})
    assert login(outsider).get(url).status_code == 404


def test_it_shows_region_reach_from_records(login, contributor, region, seeded):
    factories.activity(region, participants_public=40, participants_migrant=2)
    client = login(contributor)
    page = client.get(reverse("handbook:capacity", kwargs={"region": region.slug}))
    assert page.status_code == 200
    assert "47 people reached" in page.text
    home = client.get(reverse("regions:home", kwargs={"region": region.slug}))
    assert "47 people reached" in home.text


def test_it_keeps_capacity_pages_flat(login, editor, region, seeded, django_assert_max_num_queries):
    client = login(editor)
    url = reverse("handbook:capacity", kwargs={"region": region.slug})
    factories.activity(region, module=factories.module(region))
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for _ in range(5):
        factories.activity(region, module=factories.module(region))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_it_records_an_activity(login, editor, region, seeded):
    client = login(editor)
    response = client.post(
        reverse("handbook:activity-create", kwargs={"region": region.slug}),
        {
            "kind": "learning_lab",
            "title": "Lab",
            "date": "2024-05-01",
            "participants_public": 3,
            "participants_private": 0,
            "participants_civil": 0,
            "participants_migrant": 4,
            "participants_other": 0,
        },
    )
    assert response.status_code == 302
    assert region.capacity_activities.get().participants == 7


def test_it_forbids_activity_writes_to_a_contributor(login, contributor, region, seeded):
    url = reverse("handbook:activity-create", kwargs={"region": region.slug})
    assert login(contributor).post(url, {}).status_code == 403


def test_it_gives_the_network_reach_to_coordinators_only(
    login, coordinator, contributor, region, other_region, seeded, django_assert_max_num_queries
):
    factories.activity(region, participants_public=100, participants_civil=0)
    factories.activity(other_region, participants_public=50, participants_civil=0)
    url = reverse("handbook:network-reach")
    assert login(contributor).get(url).status_code == 403
    client = login(coordinator)
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert "150 people reached" in page.text
    assert region.name in page.text and other_region.name in page.text


def test_it_searches_with_highlighted_snippets(login, contributor, seeded):
    page = login(contributor).get(reverse("search"), {"q": "housing"})
    assert page.status_code == 200
    assert "<mark>" in page.text.lower() or "<mark>" in page.text
    assert "Housing and neighbourhoods" in page.text


def test_it_escapes_stored_markup_in_snippets(login, coordinator, contributor, seeded):
    factories.resource(title="Housing note", description="<script>alert(1)</script> housing")
    page = login(contributor).get(reverse("search"), {"q": "housing"})
    assert "<script>alert(1)" not in page.text


def test_it_seeds_idempotently_and_reaches_two_thousand(db):
    from handbook.seed import seed

    base.region(slug="arad", name="Arad")
    seed()
    seed()
    from handbook.models import CapacityActivity, Section

    assert Section.objects.filter(publication="framework").count() == 10
    assert Section.objects.filter(publication="handbook").count() == 4
    assert ThematicArea.objects.count() == 12
    assert CapacityActivity.objects.count() == 3


def test_it_lets_coordinators_only_add_resources(login, coordinator, editor, seeded):
    url = reverse("handbook:resource-create")
    assert login(editor).get(url).status_code == 403
    client = login(coordinator)
    response = client.post(
        url,
        {"title": "Guide", "kind": "guide", "url": "https://example.org", "language": "English"},
    )
    assert response.status_code == 302
    assert "Guide" in client.get(reverse("handbook:resources")).text


def test_it_markdown_is_sanitised(login, coordinator, contributor, seeded):
    section = factories.section("framework", 2)
    section.body = "<script>alert(1)</script>**bold**"
    section.save()
    page = login(contributor).get(
        reverse("handbook:framework-section", kwargs={"section": section.slug})
    )
    assert "<script>alert(1)" not in page.text
    assert "<strong>bold</strong>" in page.text


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR])
def test_it_hides_capacity_from_outsiders(login, outsider, region, role, seeded):
    url = reverse("handbook:capacity", kwargs={"region": region.slug})
    assert login(outsider).get(url).status_code == 404


def test_it_adds_a_module_to_a_draft_workplan(login, editor, region, other_region, seeded):
    from tests.toolkit import factories as toolkit_factories

    workplan = toolkit_factories.workplan(region)
    module = factories.module(other_region, title="Housing lab")
    module.thematic_areas.add(ThematicArea.objects.get(slug="housing"))
    client = login(editor)
    page = client.get(reverse("handbook:module", kwargs={"module": module.uuid}))
    assert "Use in my workplan" in page.text
    url = reverse("toolkit:module-use", kwargs={"region": region.slug, "module": module.uuid})
    response = client.post(url, {"workplan": str(workplan.uuid)})
    assert response.status_code == 302
    action = workplan.actions.get()
    assert action.title == "Housing lab"
    assert list(action.thematic_areas.values_list("slug", flat=True)) == ["housing"]


def test_it_forbids_using_a_module_to_a_contributor(login, contributor, region, seeded):
    from tests.toolkit import factories as toolkit_factories

    workplan = toolkit_factories.workplan(region)
    module = factories.module(region)
    url = reverse("toolkit:module-use", kwargs={"region": region.slug, "module": module.uuid})
    assert login(contributor).post(url, {"workplan": str(workplan.uuid)}).status_code == 403
    assert not workplan.actions.exists()


def test_a_region_without_activities_reaches_nobody(
    login, contributor, region, other_region, seeded
):
    """The home's totals count the region's own records only, and none as zero."""
    from handbook.selectors import region_reach

    factories.activity(other_region, participants_public=40)
    totals = region_reach(region)
    assert totals["activities"] == 0 and totals["total"] == 0
    assert region_reach(other_region)["total"] == 45  # and 5 from civil society
    home = login(contributor).get(reverse("regions:home", kwargs={"region": region.slug}))
    assert home.status_code == 200
    assert "45 people reached" not in home.text
