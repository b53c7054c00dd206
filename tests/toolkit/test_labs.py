"""Learning labs: a region opens one on a workplan; people join through its link without an
account, as contributors of that workplan only and while it is open; the facilitator sees what
arrives; the summary counts who took part, lists what was proposed and accepted, feeds capacity
building, invites participants to stay on, and exports to PDF."""

from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eubelong.exports.registry import ExportUnavailable, get_kind
from eubelong.exports.rendering import html_to_pdf, render_html
from handbook.models import CapacityActivity
from regions.models import AuditEntry, Invitation
from tests.exports.pdfcheck import inspect
from toolkit import services
from toolkit.models import Comment, ItemResponse, Lab, LabParticipant
from toolkit.services import labs
from toolkit.views import lab_room

from . import factories
from .test_live import _close, _frames_open, _next_event

pytestmark = pytest.mark.django_db


def _open_lab(workplan, *, hours_ago=1, hours_left=8, **kwargs) -> Lab:
    now = timezone.now()
    return labs.lab_open(
        workplan=workplan,
        title=kwargs.get("title", "Learning lab, day 1"),
        starts_at=now - timedelta(hours=hours_ago),
        ends_at=now + timedelta(hours=hours_left),
        by=kwargs.get("by"),
    )


def _kwargs(lab):
    return {"region": lab.workplan.region.slug, "workplan": lab.workplan.uuid, "lab": lab.uuid}


def _answer(workplan, n=0) -> ItemResponse:
    return (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan)
        .select_related("item__priority")
        .order_by("item__priority__number", "item__number")[n]
    )


def _join(client, lab, **fields):
    data = {"name": "Amina Yusuf", "organisation": "Migrant Women Network", "sector": "migrant"}
    return client.post(reverse("lab:join", kwargs={"token": lab.token}), {**data, **fields})


def _contribute(client, lab, answer, body="Include the language cafés.", kind="proposal"):
    url = reverse("lab:contribute", kwargs={"token": lab.token, "response": answer.uuid})
    return client.post(url, {"kind": kind, "body": body})


def test_an_editor_opens_a_lab_and_gets_its_link_and_qr_code(login, region, editor):
    workplan = factories.workplan(region)
    client = login(editor)
    url = reverse("toolkit:labs", kwargs={"region": region.slug, "workplan": workplan.uuid})
    start = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    end = (timezone.localtime() + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M")
    reply = client.post(url, {"title": "Lab day 1", "starts_at": start, "ends_at": end})
    lab = Lab.objects.for_region(region).get()
    assert reply.status_code == 302 and reply["Location"].endswith(f"/labs/{lab.uuid}/")
    assert len(lab.token) >= 12 and lab.is_open
    page = client.get(reply["Location"]).content.decode()
    assert f"/lab/{lab.token}/" in page and '<svg role="img"' in page
    assert AuditEntry.objects.filter(action="lab.opened", region=region).exists()


def test_a_lab_that_closes_before_it_opens_is_refused_with_what_was_typed(login, region, editor):
    workplan = factories.workplan(region)
    url = reverse("toolkit:labs", kwargs={"region": region.slug, "workplan": workplan.uuid})
    data = {"title": "Day two", "starts_at": "2031-05-02T10:00", "ends_at": "2031-05-02T09:00"}
    reply = login(editor).post(url, data)
    page = reply.content.decode()
    assert reply.status_code == 400 and "The lab must close after it opens." in page
    assert 'value="Day two"' in page and 'value="2031-05-02T09:00"' in page
    assert not Lab.objects.exists()


def test_only_editors_and_admins_open_close_or_highlight(login, region, contributor, editor):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    client = login(contributor)
    url = reverse("toolkit:labs", kwargs={"region": region.slug, "workplan": workplan.uuid})
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "x"}).status_code == 403
    assert client.post(reverse("toolkit:lab-close", kwargs=_kwargs(lab))).status_code == 403
    assert client.post(reverse("toolkit:lab-highlight", kwargs=_kwargs(lab))).status_code == 403
    lab.refresh_from_db()
    assert lab.closed_at is None


def test_someone_with_the_link_joins_and_proposes_text_on_one_item(client, region):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    reply = _join(client, lab, email="amina@example.org")
    assert reply.status_code == 302 and reply["Location"].endswith(f"/lab/{lab.token}/room/")
    cookie = reply.cookies[lab_room.COOKIE]
    assert cookie["path"] == f"/lab/{lab.token}/" and cookie["httponly"]
    room = client.get(reply["Location"])
    assert room.status_code == 200 and "Amina Yusuf" in room.content.decode()

    answer = _answer(workplan)
    reply = _contribute(client, lab, answer)
    assert reply.status_code == 302
    comment = Comment.objects.for_region(region).get(lab_participant__lab=lab)
    assert comment.kind == "proposal" and comment.response == answer
    assert comment.author is None and comment.lab_participant.name == "Amina Yusuf"


def test_the_region_sees_who_wrote_it_on_the_item_and_the_facilitator_screen(
    client, login, region, editor
):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    _join(client, lab)
    answer = _answer(workplan)
    _contribute(client, lab, answer, body="Add the county libraries.")
    staff = login(editor)
    item = reverse(
        "toolkit:item",
        kwargs={"region": region.slug, "workplan": workplan.uuid, "response": answer.uuid},
    )
    page = staff.get(item).content.decode()
    assert "Add the county libraries." in page
    assert "Amina Yusuf (Migrant Women Network), in the lab “Learning lab, day 1”" in page
    board = staff.get(reverse("toolkit:lab", kwargs=_kwargs(lab)), headers={"HX-Request": "true"})
    html = board.content.decode()
    assert "Add the county libraries." in html and "<html" not in html
    assert "1 participant" in html and "1 contribution" in html


def test_a_participant_reaches_only_the_lab_s_own_workplan(client, region):
    workplan = factories.workplan(region)
    other = factories.workplan(region, start_year=2028)
    lab = _open_lab(workplan)
    _join(client, lab)
    # Another workplan's item, even in the same region: not found.
    assert _contribute(client, lab, _answer(other)).status_code == 404
    # Region pages stay closed: the lab cookie is no account.
    editor_page = reverse(
        "toolkit:workplan-edit", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    assert client.get(editor_page).status_code == 302
    # Another lab's link does not know this participant.
    second = _open_lab(other, title="Another lab")
    room = client.get(reverse("lab:room", kwargs={"token": second.token}))
    assert room.status_code == 302 and room["Location"].endswith(f"/lab/{second.token}/")
    assert _contribute(client, second, _answer(other)).status_code == 302
    assert not Comment.objects.filter(lab_participant__isnull=False).exists()


def test_a_forged_or_foreign_cookie_is_no_participant(client, region, other_region):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    client.cookies[lab_room.COOKIE] = f"{lab.uuid.hex}:{'0' * 32}"
    assert client.get(reverse("lab:room", kwargs={"token": lab.token})).status_code == 302
    other = _open_lab(factories.workplan(other_region), title="Elsewhere")
    person = labs.lab_join(lab=other, name="X", organisation="Y", sector="other")
    signed = HttpResponse()
    signed.set_signed_cookie(
        lab_room.COOKIE, f"{other.uuid.hex}:{person.uuid.hex}", salt=lab_room.SALT
    )
    client.cookies[lab_room.COOKIE] = signed.cookies[lab_room.COOKIE].value
    assert client.get(reverse("lab:room", kwargs={"token": lab.token})).status_code == 302
    assert _contribute(client, lab, _answer(workplan)).status_code == 302
    assert not Comment.objects.filter(lab_participant__isnull=False).exists()


def test_a_closed_or_ended_lab_takes_nothing_more_and_keeps_what_it_has(client, region, editor):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    _join(client, lab)
    _contribute(client, lab, _answer(workplan))
    staff = Client()
    staff.force_login(editor)
    staff.post(reverse("toolkit:lab-close", kwargs=_kwargs(lab)))
    lab.refresh_from_db()
    assert lab.closed_at is not None
    gone = _contribute(client, lab, _answer(workplan), body="Too late")
    assert gone.status_code == 410 and "This lab has ended" in gone.content.decode()
    assert Comment.objects.filter(lab_participant__lab=lab).count() == 1
    newcomer = _join(Client(), lab)
    assert newcomer.status_code == 410
    assert LabParticipant.objects.filter(lab=lab).count() == 1


def test_a_lab_not_open_yet_says_when_it_opens(client, region):
    lab = _open_lab(factories.workplan(region), hours_ago=-2, hours_left=6)
    page = client.get(reverse("lab:join", kwargs={"token": lab.token}))
    assert page.status_code == 200 and "This lab opens at" in page.content.decode()
    assert _join(client, lab).status_code == 200
    assert not LabParticipant.objects.exists()
    assert client.get(reverse("lab:join", kwargs={"token": "nosuchlab123"})).status_code == 404


def test_a_join_form_with_errors_keeps_what_was_typed(client, region):
    lab = _open_lab(factories.workplan(region))
    reply = _join(client, lab, name="", organisation="Chamber of Commerce")
    page = reply.content.decode()
    assert reply.status_code == 400 and 'value="Chamber of Commerce"' in page
    assert "There is a problem" in page


def test_proposals_only_while_the_workplan_is_a_draft(client, region):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    services.workplan_submit(workplan=workplan, by=None)
    _join(client, lab)
    room = client.get(reverse("lab:room", kwargs={"token": lab.token})).content.decode()
    assert 'value="proposal"' not in room
    reply = _contribute(client, lab, _answer(workplan), kind="proposal")
    assert reply.status_code == 400
    assert _contribute(client, lab, _answer(workplan), kind="comment").status_code == 302


def test_contributions_are_rate_limited_per_participant(client, region, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "lab-contribute": "2/m"}
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    _join(client, lab)
    answer = _answer(workplan)
    assert [_contribute(client, lab, answer).status_code for _ in range(3)] == [302, 302, 429]
    assert Comment.objects.filter(lab_participant__lab=lab).count() == 2


def test_the_facilitator_highlights_only_the_lab_s_own_contributions(client, login, region, editor):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    _join(client, lab)
    _contribute(client, lab, _answer(workplan), body="Shown large")
    comment = Comment.objects.get(lab_participant__lab=lab)
    staff = login(editor)
    url = reverse("toolkit:lab-highlight", kwargs=_kwargs(lab))
    assert staff.post(url, {"comment": comment.uuid.hex}).status_code == 302
    lab.refresh_from_db()
    assert lab.highlighted == comment
    page = staff.get(reverse("toolkit:lab", kwargs=_kwargs(lab))).content.decode()
    assert "<blockquote" in page and "Shown large" in page
    stranger = services.comment_add(
        response=_answer(workplan), by=editor, kind="comment", body="Not from the lab"
    )
    assert staff.post(url, {"comment": stranger.uuid.hex}).status_code == 404
    assert staff.post(url, {"comment": ""}).status_code == 302
    lab.refresh_from_db()
    assert lab.highlighted is None


def test_the_summary_counts_sectors_feeds_capacity_building_and_invites(
    client, login, region, editor
):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan, by=editor)
    _join(client, lab, email="amina@example.org")
    _contribute(client, lab, _answer(workplan), body="Proposal one")
    other = Client()
    _join(other, lab, name="Jon Berg", organisation="Harbour Ltd", sector="private")
    _contribute(other, lab, _answer(workplan, 1), body="Comment two", kind="comment")
    proposal = Comment.objects.get(body="Proposal one")
    services.proposal_decide(proposal=proposal, by=editor, accept=True)

    staff = login(editor)
    url = reverse("toolkit:lab-summary", kwargs=_kwargs(lab))
    page = staff.get(url).content.decode()
    assert "Jon Berg" in page and "Harbour Ltd" in page and "Proposal one" in page
    assert "amina@example.org" not in page  # e-mail addresses are not shown
    assert staff.post(url, {"do": "record"}).status_code == 302
    staff.post(url, {"do": "record"})
    activity = CapacityActivity.objects.for_region(region).get()
    assert activity.kind == "learning_lab" and activity.title == lab.title
    assert (activity.participants_migrant, activity.participants_private) == (1, 1)
    assert "1 accepted" in activity.outcome

    amina = LabParticipant.objects.get(name="Amina Yusuf")
    assert staff.post(url, {"do": "invite", "who": amina.uuid.hex}).status_code == 302
    invitation = Invitation.objects.get(email="amina@example.org")
    assert invitation.role == "contributor" and invitation.region == region
    jon = LabParticipant.objects.get(name="Jon Berg")
    assert staff.post(url, {"do": "invite", "who": jon.uuid.hex}).status_code == 404


def test_the_summary_pdf_lists_who_took_part_and_what_they_proposed(client, region, other_region):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    _join(client, lab)
    _contribute(client, lab, _answer(workplan), body="Language cafés in every district")
    html, title = render_html(
        get_kind("lab"), region=region, object_id=str(lab.uuid), user=None, language="en"
    )
    info = inspect(html_to_pdf(html))
    text = " ".join(info["text"].split())
    assert "Learning lab: Learning lab, day 1" in title
    for expected in ("Who took part", "Amina Yusuf", "Migrant Women Network"):
        assert expected in text
    assert "Language cafés in every district" in text
    # Another region's lab is not there to export.
    with pytest.raises(ExportUnavailable):
        render_html(
            get_kind("lab"),
            region=other_region,
            object_id=str(lab.uuid),
            user=None,
            language="en",
        )


def test_the_facilitator_s_stream_hears_each_contribution(
    client, region, editor, outsider, django_capture_on_commit_callbacks
):
    workplan = factories.workplan(region)
    lab = _open_lab(workplan)
    staff = Client()
    staff.force_login(editor)
    url = reverse("toolkit:lab-events", kwargs=_kwargs(lab)) + "?conn=" + "c" * 16
    state = _frames_open(staff.get(url), 1)
    with django_capture_on_commit_callbacks(execute=True):
        _join(client, lab)
        _contribute(client, lab, _answer(workplan))
    comment = Comment.objects.get(lab_participant__lab=lab)
    seen = [_next_event(state, "contribution") for _ in range(2)]
    assert comment.uuid.hex in seen[1]
    _close(state["response"])
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(url).status_code == 404
