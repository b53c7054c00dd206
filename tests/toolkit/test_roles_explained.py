"""Where a role decides, the page says so: contributors learn that they can comment and propose,
and a refusal names the role it needs and who in the region holds it, never the workplan's state
when the role is the reason."""

import html

import pytest
from django.urls import reverse

from regions.models import Role
from regions.roles import role_needed
from tests import factories as people
from toolkit.models import ItemResponse, Workplan, WorkplanStatus

from . import factories

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.text if hasattr(response, "text") else response)


NOT_NOW = "cannot be edited now"
ROLE_SENTENCE = "Only the region's editors and regional admins can change"


@pytest.fixture
def named(region):
    return {
        "editor": people.member(region, Role.EDITOR, first_name="Ana", last_name="Pop"),
        "admin": people.member(region, Role.ADMIN, first_name="Ion", last_name="Vlad"),
        "contributor": people.member(region, Role.CONTRIBUTOR, first_name="Eva", last_name="Kis"),
    }


def _urls(workplan):
    kwargs = {"region": workplan.region.slug, "workplan": workplan.uuid}
    response = (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )
    return {
        "edit": reverse("toolkit:workplan-edit", kwargs=kwargs),
        "item": reverse("toolkit:item", kwargs={**kwargs, "response": response.uuid}),
        "new_action": reverse("toolkit:action-new", kwargs=kwargs),
    }


def test_it_tells_a_contributor_what_they_can_do_and_who_can_edit(login, region, named):
    workplan = factories.workplan(region)
    urls = _urls(workplan)
    page = text(login(named["contributor"]).get(urls["edit"]).text)
    assert "As a contributor you can read this workplan, comment" in page
    assert ROLE_SENTENCE + " this workplan." in page
    assert "Editors: Ana Pop" in page and "Regional admins: Ion Vlad" in page
    assert f'{urls["item"]}#comment-form">Comment or propose' in page
    assert "You can read this workplan but not edit it." not in page
    item = text(login(named["contributor"]).get(urls["item"]).text)
    assert "propose a new text for its evidence note" in item and 'id="comment-form"' in item
    assert "Editors: Ana Pop" in item


def test_it_shows_an_editor_no_role_notice(login, region, named):
    workplan = factories.workplan(region)
    page = text(login(named["editor"]).get(_urls(workplan)["edit"]).text)
    assert ROLE_SENTENCE not in page and "As a contributor" not in page


def test_a_contributor_on_the_new_action_page_reads_the_role_not_the_state(login, region, named):
    workplan = factories.workplan(region)
    page = text(login(named["contributor"]).get(_urls(workplan)["new_action"]).text)
    assert NOT_NOW not in page
    assert ROLE_SENTENCE + " this workplan's actions." in page and "Ana Pop" in page


def test_a_refused_write_names_the_role_and_its_holders(login, region, named):
    workplan = factories.workplan(region)
    response = login(named["contributor"]).post(_urls(workplan)["new_action"], {"title": "X"})
    assert response.status_code == 403
    page = text(response)
    assert ROLE_SENTENCE + " this." in page
    assert "Editors: Ana Pop" in page and "Regional admins: Ion Vlad" in page
    assert NOT_NOW not in page and "under review or approved" not in page


def test_a_refusal_for_the_workplans_state_says_so_and_not_the_role(login, region, named):
    workplan = factories.workplan(region)
    Workplan.objects.filter(pk=workplan.pk).update(status=WorkplanStatus.SUBMITTED)
    response = login(named["editor"]).post(_urls(workplan)["new_action"], {"title": "X"})
    assert response.status_code == 403
    assert "under review or approved" in text(response)
    assert ROLE_SENTENCE not in text(response) and "Ana Pop" not in text(response)


def test_a_members_page_refusal_names_the_regional_admins(login, region, named):
    response = login(named["editor"]).get(reverse("regions:members", args=[region.slug]))
    assert response.status_code == 403
    assert "Only the region's regional admins can manage its members" in text(response)
    assert "Regional admins: Ion Vlad" in text(response)


def test_it_names_only_active_people_of_the_region(login, region, other_region, named):
    people.member(other_region, Role.EDITOR, first_name="Zoe", last_name="Elsewhere")
    people.member(region, Role.EDITOR, first_name="Max", last_name="Gone", is_active=False)
    page = text(login(named["contributor"]).get(_urls(factories.workplan(region))["edit"]).text)
    assert "Ana Pop" in page
    assert "Elsewhere" not in page and "Max Gone" not in page


def test_it_names_nobody_to_someone_without_a_role_in_the_region(region, named):
    needed = role_needed(region, "edit_workplan", frozenset())
    assert needed["sentence"] and needed["holders"] == []
    assert role_needed(region, "edit_workplan", frozenset({"edit_workplan"})) is None


def test_an_outsider_still_gets_not_found(login, outsider, region, named):
    workplan = factories.workplan(region)
    response = login(outsider).post(_urls(workplan)["new_action"], {"title": "X"})
    assert response.status_code == 404 and "Ana Pop" not in text(response)


def test_a_refused_submission_names_the_role_and_its_holders(client, region, named):
    workplan = factories.workplan(region, by=named["editor"])
    client.force_login(named["editor"])
    url = reverse(
        "toolkit:workplan-submit", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    reply = client.get(url)
    assert reply.status_code == 403
    body = text(reply.content.decode())
    assert "Only the region's regional admins can submit a workplan for review." in body
    assert "Ion Vlad" in body and NOT_NOW not in body
