"""Nothing typed is lost: saves that meet someone else's are merged field by field, a save after
the session ended is refused without a sign-in page, and the editor's figures follow an autosave."""

import pytest
from django.test import Client
from django.urls import reverse

from eubelong.core.locking import fingerprint, merge
from tests import factories as base_factories
from toolkit.models import ItemResponse
from toolkit.views.common import response_form

from . import factories
from .test_editor import edit_url, first_response, item_url

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _read(response) -> dict:
    """What the editor page hands the browser for one item."""
    form = response_form(response)
    return {
        "version": response.version,
        "base": form.initial["base"],
        "status": response.status,
        "evidence": response.evidence,
        "link": response.link,
    }


def _other_saves(client_of, response, **changes):
    reply = client_of.post(item_url(response), {**_read(response), **changes}, headers=HTMX)
    assert reply.status_code == 200 and "save-ok" in reply.content.decode()


@pytest.fixture
def two_editors(region, editor):
    other = base_factories.member(region, "editor", first_name="Aoife", last_name="Byrne")
    mine, theirs = Client(), Client()
    mine.force_login(editor)
    theirs.force_login(other)
    return mine, theirs


def test_merge_takes_each_side_where_only_it_changed():
    base = fingerprint({"status": "not_started", "evidence": "", "link": ""})
    mine = {"status": "done", "evidence": "", "link": ""}
    theirs = {"status": "not_started", "evidence": "Their note", "link": ""}
    assert merge(base, mine, theirs) == (
        {"status": "done", "evidence": "Their note", "link": ""},
        [],
    )
    assert merge(base, {**mine, "evidence": "Mine"}, theirs)[1] == ["evidence"]
    # The same change on both sides is no clash; without a fingerprint every difference is one.
    assert merge(base, {**mine, "evidence": "Their note"}, theirs)[1] == []
    assert merge("", mine, theirs)[1] == ["status", "evidence"]


def test_a_status_change_keeps_the_note_someone_else_just_saved(region, two_editors):
    mine, theirs = two_editors
    response = first_response(factories.workplan(region))
    seen = _read(response)
    _other_saves(theirs, response, evidence="Agreed with the housing office")

    reply = mine.post(item_url(response), {**seen, "status": "done"}, headers=HTMX)

    assert reply.status_code == 200
    body = reply.content.decode()
    assert "Aoife Byrne had saved this item" in body and "Evidence note" in body
    assert "Agreed with the housing office" in body  # the field now shows their note
    assert reply["HX-Retarget"] == f"#item-{response.uuid.hex}"
    response.refresh_from_db()
    assert (response.status, response.evidence) == ("done", "Agreed with the housing office")
    assert response.version == 3


def test_fields_both_changed_are_put_to_the_person_with_labels(region, two_editors):
    mine, theirs = two_editors
    response = first_response(factories.workplan(region))
    seen = _read(response)
    _other_saves(theirs, response, evidence="Their note", status="in_progress")

    reply = mine.post(
        item_url(response), {**seen, "status": "in_progress", "evidence": "My note"}, headers=HTMX
    )

    body = reply.content.decode()
    assert "Someone else changed this item while you were editing" in body
    assert "Aoife Byrne saved it on" in body
    # Only the evidence clashes: both set the same status.
    assert body.count('name="clash"') == 1 and 'value="evidence"' in body
    assert "Keep mine" in body and "Use theirs" in body
    assert "in_progress" not in body.split('id="conflict-')[1].split("</div>")[0]
    assert 'name="version" value="2"' in body
    stored = ItemResponse.objects.get(pk=response.pk)
    assert (stored.evidence, stored.version) == ("Their note", 2)

    # No choice yet: nothing is saved and the person is asked again.
    again = {**seen, "version": 2, "base": _read(stored)["base"], "status": "in_progress"}
    again.update(evidence="My note", clash="evidence")
    reply = mine.post(item_url(response), again, headers=HTMX)
    assert "Choose which version to keep for each field." in reply.content.decode()
    assert ItemResponse.objects.get(pk=response.pk).version == 2

    # "Use theirs": their note stays, and the form shows it.
    reply = mine.post(item_url(response), {**again, "keep_evidence": "theirs"}, headers=HTMX)
    assert 'data-announce="Saved"' in reply.content.decode()
    stored = ItemResponse.objects.get(pk=response.pk)
    assert (stored.evidence, stored.status, stored.version) == ("Their note", "in_progress", 3)


def test_keep_mine_replaces_their_text(region, two_editors):
    mine, theirs = two_editors
    response = first_response(factories.workplan(region))
    seen = _read(response)
    _other_saves(theirs, response, evidence="Their note")
    mine.post(item_url(response), {**seen, "evidence": "My note"}, headers=HTMX)
    stored = ItemResponse.objects.get(pk=response.pk)
    choice = {**seen, "version": 2, "base": _read(stored)["base"], "evidence": "My note"}
    reply = mine.post(
        item_url(response), {**choice, "clash": "evidence", "keep_evidence": "mine"}, headers=HTMX
    )
    assert "save-ok" in reply.content.decode()
    assert ItemResponse.objects.get(pk=response.pk).evidence == "My note"


def test_an_autosave_from_the_editor_updates_its_completeness(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    client = login(editor)
    page = client.get(edit_url(workplan)).content.decode()
    assert 'id="badge-tab-1"' in page and 'id="progress-done-all"' in page

    headers = {**HTMX, "HX-Current-URL": "http://testserver" + edit_url(workplan)}
    reply = client.post(item_url(response), {**_read(response), "status": "done"}, headers=headers)
    body = reply.content.decode()
    assert 'id="badge-tab-1" data-hx-swap-oob="true"' in body
    assert 'id="badge-heading-1" data-hx-swap-oob="true"' in body
    assert '<template><td id="progress-done-all" data-hx-swap-oob="true">' in body
    assert 'id="base-' in body  # the next save merges against what was just saved

    # From the item's own page there are no figures to update.
    response.refresh_from_db()
    headers["HX-Current-URL"] = "http://testserver" + item_url(response)
    reply = client.post(item_url(response), {**_read(response), "evidence": "x"}, headers=headers)
    assert "badge-tab-1" not in reply.content.decode()


def test_an_autosave_after_the_session_ended_is_refused_without_a_sign_in_page(
    client, region, editor
):
    response = first_response(factories.workplan(region))
    client.force_login(editor)
    client.logout()
    reply = client.post(item_url(response), {**_read(response), "evidence": "Typed"}, headers=HTMX)
    assert reply.status_code == 401
    assert reply["X-Session-Check"] == "1" and reply["HX-Reswap"] == "none"
    assert "<form" not in reply.content.decode()
    assert ItemResponse.objects.get(pk=response.pk).evidence == ""
    # Without htmx the usual redirect to the sign-in page stays.
    reply = client.post(item_url(response), _read(response))
    assert reply.status_code == 302 and reverse("accounts:login") in reply["Location"]


def test_a_stale_form_token_asks_the_page_to_refresh_it(region, editor):
    response = first_response(factories.workplan(region))
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    data = {**_read(response), "evidence": "Typed", "csrfmiddlewaretoken": "x" * 64}
    reply = client.post(item_url(response), data, headers=HTMX)
    assert reply.status_code == 403 and reply["X-Session-Check"] == "1"
    reply = client.post(item_url(response), data)
    assert reply.status_code == 403
    assert "Your form could not be sent" in reply.content.decode()
    assert ItemResponse.objects.get(pk=response.pk).evidence == ""


def test_the_page_learns_when_the_person_is_signed_in_again(client, editor):
    state = reverse("accounts:session-state")
    assert client.get(state).json() == {"signed_in": False, "token": ""}
    client.force_login(editor)
    reply = client.get(state)
    assert reply.json()["signed_in"] is True and len(reply.json()["token"]) == 64
    assert "no-cache" in reply["Cache-Control"]
    page = client.get(reverse("accounts:signed-in-again"))
    assert "data-signed-in-again" in page.content.decode()


def test_a_form_sent_back_with_errors_is_summed_up_at_the_top(login, region, editor):
    workplan = factories.workplan(region)
    url = reverse("toolkit:action-new", kwargs={"region": region.slug, "workplan": workplan.uuid})
    client = login(editor)
    page = client.get(url).content.decode()
    assert "(optional)" in page and "error-summary" not in page
    reply = client.post(url, {"title": "", "budget": "-5"})
    body = reply.content.decode()
    assert reply.status_code == 400
    assert "<title>Error: " in body
    summary = body.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_title"' in summary and "There is a problem" in summary
    assert "Title: This field is required." in summary
    assert body.count('class="error-summary"') == 1


def test_time_elements_carry_whole_seconds(login, region, editor):
    from django.utils import timezone

    from eubelong.core.templatetags.eubelong import isotime_filter

    moment = timezone.now().replace(microsecond=123456)
    assert "." not in isotime_filter(moment) and isotime_filter(moment).endswith("+00:00")
    assert isotime_filter(None) == ""
