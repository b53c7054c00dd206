from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.signin import pass_second_factor
from toolkit.completeness import completeness
from toolkit.models import Change, ItemResponse, ItemStatus, Workplan, WorkplanStatus

from . import factories

pytestmark = pytest.mark.django_db


def edit_url(workplan):
    return reverse(
        "toolkit:workplan-edit", kwargs={"region": workplan.region.slug, "workplan": workplan.uuid}
    )


def item_url(response):
    return reverse(
        "toolkit:item",
        kwargs={
            "region": response.region.slug,
            "workplan": response.workplan.uuid,
            "response": response.uuid,
        },
    )


def first_response(workplan) -> ItemResponse:
    return (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan)
        .select_related("workplan", "region", "item")
        .order_by("item__priority__number", "item__number")
        .first()
    )


def test_it_lets_an_editor_create_the_workplan_of_a_cycle(login, region, editor):
    factories.published_template()
    cycle = factories.cycle(2025)
    client = login(editor)
    url = reverse("toolkit:workplan-list", kwargs={"region": region.slug})
    assert "2025–2027" in client.get(url).content.decode()
    response = client.post(url, {"cycle": str(cycle.uuid)})
    workplan = Workplan.objects.for_region(region).get()
    assert response.status_code == 302
    assert workplan.responses.count() == 8
    assert workplan.priorities.count() == 4
    assert client.get(edit_url(workplan)).status_code == 200


def test_it_refuses_workplan_creation_to_read_only_roles(login, region, contributor, coordinator):
    factories.published_template()
    cycle = factories.cycle(2025)
    url = reverse("toolkit:workplan-list", kwargs={"region": region.slug})
    for user in (contributor, coordinator):
        assert login(user).post(url, {"cycle": str(cycle.uuid)}).status_code == 403
    assert not Workplan.objects.for_region(region).exists()


def test_it_hides_the_editor_from_outsiders(login, region, outsider):
    workplan = factories.workplan(region)
    assert login(outsider).get(edit_url(workplan)).status_code == 404


def test_it_shows_contributors_a_read_only_editor(login, region, contributor):
    workplan = factories.workplan(region)
    page = login(contributor).get(edit_url(workplan))
    assert page.status_code == 200
    assert b"hx-post" not in page.content
    response = first_response(workplan)
    saved = login(contributor).post(item_url(response), {"version": 1, "status": "done"})
    assert saved.status_code == 403


def _editor_queries(client, workplan) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(edit_url(workplan)).status_code == 200
    return len(ctx.captured_queries)


def test_it_opens_the_editor_in_a_constant_number_of_queries(login, region, other_region, editor):
    small = factories.filled_workplan(region, items=1, actions=1)
    big = factories.filled_workplan(other_region, items=10, actions=10)
    from regions.models import Role
    from regions.services import membership_add

    membership_add(user=editor, region=other_region, role=Role.EDITOR)
    client = login(editor)
    _editor_queries(client, small)  # warm the session
    assert _editor_queries(client, big) == _editor_queries(client, small)
    assert big.responses.count() == 40
    assert big.actions.count() == 40


def test_it_edits_one_priority_per_page_and_keeps_progress_of_all(login, region, editor):
    workplan = factories.filled_workplan(region, items=2, actions=1)
    third = (
        ItemResponse.objects.for_region(region)
        .filter(workplan=workplan, item__priority__number=3)
        .select_related("workplan", "region", "item__priority")
        .first()
    )
    client = login(editor)
    saved = client.post(
        item_url(third), {"version": 1, "status": "done", "evidence": "", "link": ""}
    )
    assert saved["Location"].endswith(f"?priority=3#item-{third.uuid.hex}")

    first_page = client.get(edit_url(workplan)).content.decode()
    assert "Item 1.1" in first_page and "Action 1.0" in first_page
    assert "Item 3.1" not in first_page and "Action 3.0" not in first_page
    # The progress table still counts the answer given under priority 3: one of eight items.
    assert '<meter min="0" max="100" value="13"' in first_page  # 1 done of 8 items
    assert '<a href="?priority=1#priority-1" aria-current="page">' in first_page
    assert "Continue with priority 2" in first_page

    third_page = client.get(edit_url(workplan) + "?priority=3").content.decode()
    assert f'id="item-{third.uuid.hex}"' in third_page and "Action 3.0" in third_page
    assert "Item 1.1" not in third_page
    assert '<a href="?priority=3#priority-3" aria-current="page">' in third_page
    for junk in ("9", "abc", "-1", ""):
        page = client.get(edit_url(workplan), {"priority": junk})
        assert page.status_code == 200 and "Item 1.1" in page.content.decode()


def test_it_opens_every_priority_in_the_same_number_of_queries(login, region, editor):
    workplan = factories.filled_workplan(region, items=3, actions=2)
    client = login(editor)
    _editor_queries(client, workplan)  # warm the session
    counts = set()
    for number in (1, 2, 3, 4):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(edit_url(workplan), {"priority": number}).status_code == 200
        counts.add(len(ctx.captured_queries))
    assert len(counts) == 1, counts


def test_it_autosaves_a_checklist_item_with_htmx(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    client = login(editor)
    pass_second_factor(client, editor, required=True)
    client.get(edit_url(workplan))
    with CaptureQueriesContext(connection) as ctx:
        reply = client.post(
            item_url(response),
            {"version": 1, "status": "done", "evidence": "Mapped in 2025", "link": ""},
            headers={"HX-Request": "true"},
        )
    assert reply.status_code == 200
    body = reply.content.decode()
    assert 'data-announce="Saved"' in body
    assert 'hx-swap-oob="true"' in body and 'value="2"' in body
    response.refresh_from_db()
    assert (response.status, response.evidence, response.version) == ("done", "Mapped in 2025", 2)
    assert response.updated_by == editor
    # The whole request: the user, their second-factor device, the region door, the item, and
    # one statement that updates it and records its history (on PostgreSQL; elsewhere an UPDATE
    # and an INSERT in one savepoint). The session comes from the cache.
    sql = [q["sql"] for q in ctx.captured_queries]
    if connection.vendor == "postgresql":
        assert len(sql) == 5, sql
    else:
        work = [q for q in sql if not q.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
        assert len(work) == 6 and work[-2].startswith("UPDATE") and work[-1].startswith("INSERT")
    assert not any("django_session" in q for q in sql)
    change = Change.objects.for_region(region).get(kind="response")
    assert change.by == editor and change.object_uuid == response.uuid
    assert change.before == {"status": "not_started", "evidence": "", "link": ""}
    assert change.after == {"status": "done", "evidence": "Mapped in 2025", "link": ""}


def test_it_records_no_history_when_an_autosave_conflicts(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    client = login(editor)
    data = {"version": 1, "status": "done", "evidence": "First", "link": ""}
    assert client.post(item_url(response), data, headers={"HX-Request": "true"}).status_code == 200
    stale = client.post(
        item_url(response), {**data, "evidence": "Second"}, headers={"HX-Request": "true"}
    )
    assert stale["HX-Retarget"] == f"#item-{response.uuid.hex}"
    response.refresh_from_db()
    assert (response.evidence, response.version) == ("First", 2)
    assert Change.objects.for_region(region).filter(kind="response").count() == 1


def test_it_saves_an_item_without_javascript(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    reply = login(editor).post(
        item_url(response), {"version": 1, "status": "in_progress", "evidence": "", "link": ""}
    )
    assert reply.status_code == 302
    assert reply["Location"].endswith(f"#item-{response.uuid.hex}")


def test_it_shows_both_versions_when_two_people_save_the_same_item(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    client = login(editor)
    first = {"version": 1, "status": "done", "evidence": "First text", "link": ""}
    assert client.post(item_url(response), first).status_code == 302
    second = {"version": 1, "status": "in_progress", "evidence": "Second text", "link": ""}
    conflict = client.post(item_url(response), second)
    assert conflict.status_code == 409
    body = conflict.content.decode()
    assert "First text" in body and "Second text" in body
    response.refresh_from_db()
    assert response.evidence == "First text"
    htmx = client.post(item_url(response), second, headers={"HX-Request": "true"})
    assert htmx["HX-Retarget"] == f"#item-{response.uuid.hex}"
    assert "Second text" in htmx.content.decode()
    assert 'value="2"' in htmx.content.decode()


def test_it_keeps_what_was_typed_when_an_item_is_rejected(login, region, editor):
    workplan = factories.workplan(region)
    response = first_response(workplan)
    reply = login(editor).post(
        item_url(response),
        {"version": 1, "status": "done", "evidence": "Kept text", "link": "not a link"},
        headers={"HX-Request": "true"},
    )
    body = reply.content.decode()
    assert "Enter a valid URL" in body
    assert "Kept text" in body
    response.refresh_from_db()
    assert response.version == 1


def test_it_derives_completeness_from_the_checklist():
    assert completeness([ItemStatus.DONE, ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED]) == 50
    assert completeness([ItemStatus.DONE, ItemStatus.NOT_APPLICABLE]) == 100
    assert completeness([ItemStatus.NOT_APPLICABLE]) is None


def test_it_shows_completeness_change_on_the_page(login, region, editor):
    workplan = factories.workplan(region)
    client = login(editor)
    assert "0&nbsp;%" in client.get(edit_url(workplan)).content.decode()
    response = first_response(workplan)
    client.post(item_url(response), {"version": 1, "status": "done", "evidence": "", "link": ""})
    page = client.get(edit_url(workplan)).content.decode()
    assert "13&nbsp;%" in page  # 1 of 8 items
    assert "50&nbsp;%" in page  # 1 of the 2 items of priority 1
    assert "not applicable" in page


def test_it_totals_budgets_per_priority_and_funding_source(login, region, editor):
    workplan = factories.workplan(region)
    factories.action(workplan, budget=Decimal("1500"), funding_source="amif")
    factories.action(workplan, budget=Decimal("500"), funding_source="esf_plus", status="ongoing")
    page = login(editor).get(edit_url(workplan)).content.decode()
    assert "2,000.00" in page
    assert "ESF+" in page and "AMIF" in page
    assert "Ongoing: 1" in page


def test_it_refuses_edits_once_submitted(login, region, editor):
    workplan = factories.workplan(region)
    from toolkit import services

    services.workplan_submit(workplan=workplan, by=editor)
    response = first_response(workplan)
    reply = login(editor).post(
        item_url(response), {"version": 1, "status": "done", "evidence": "", "link": ""}
    )
    assert reply.status_code == 403
    assert Workplan.objects.get(pk=workplan.pk).status == WorkplanStatus.SUBMITTED


def test_quick_field_refuses_widgets_it_cannot_write():
    from django import forms

    from toolkit.templatetags.toolkit_tags import quick_field

    class Choice(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    with pytest.raises(TypeError):
        quick_field(Choice()["pick"])


def test_its_progress_escapes_titles_and_speaks_the_readers_language(login, region, editor):
    workplan = factories.workplan(region)
    workplan.template.priorities.filter(number=1).update(title="Housing & <b>homes</b>")
    factories.action(workplan, budget=Decimal("1234.5"), funding_source="amif")
    client = login(editor)
    page = client.get(edit_url(workplan)).content.decode()
    assert "1. Housing &amp; &lt;b&gt;homes&lt;/b&gt;" in page
    assert "<b>homes" not in page
    assert '<th scope="col">Priority 1</th>' in page  # the funding table's heads
    assert 'id="badge-tab-1">0&nbsp;%' in page and 'id="badge-heading-1">0&nbsp;%' in page

    client.cookies["django_language"] = "pl"
    page = client.get(edit_url(workplan)).content.decode()
    assert "1\xa0234,50" in page or "1 234,50" in page
    assert "Postęp" in page  # the section's heading, translated


def test_its_actions_table_escapes_what_people_wrote(login, region, editor, contributor):
    workplan = factories.workplan(region)
    action = factories.action(workplan, title="Desk <script>x</script> & more")
    type(action).objects.filter(pk=action.pk).update(based_on_label="Leipzig <i>2024</i>")
    page = login(editor).get(edit_url(workplan)).content.decode()
    row = page[page.index(f'id="action-{action.uuid.hex}"') :]
    row = row[: row.index("</tr>")]
    assert "Desk &lt;script&gt;x&lt;/script&gt; &amp; more</a>" in row
    assert "Based on Leipzig &lt;i&gt;2024&lt;/i&gt;" in row
    assert "1,000.00" in row and "AMIF" in row
    # No indicator yet: the editor is offered one, named for the action, a reader sees a dash.
    assert "#add-indicator" in row and "to “Desk &lt;script&gt;" in row
    page = login(contributor).get(edit_url(workplan)).content.decode()
    row = page[page.index(f'id="action-{action.uuid.hex}"') :]
    assert "#add-indicator" not in row[: row.index("</tr>")]


def test_it_shows_the_pages_actions_with_their_areas_and_indicators_and_open_discussion(
    login, region, other_region, editor, coordinator
):
    """Areas, indicators and discussion counts are read for this workplan only (two workplans
    through the same kept statements)."""
    from handbook.models import ThematicArea
    from toolkit.models import ActionThematicArea, CommentKind
    from toolkit.services.discussion import comment_add

    areas = [
        ThematicArea.objects.get_or_create(number=n, defaults={"slug": f"a-{n}", "title": t})[0]
        for n, t in ((7, "Zinnia housing"), (3, "Yarrow schools"))
    ]
    pages = {}
    for place, word in ((region, "Quince"), (other_region, "Medlar")):
        workplan = factories.workplan(place)
        action = factories.action(workplan, title=f"{word} desk")
        factories.indicator(action, name=f"{word} visitors")
        for area in areas if place == region else areas[:1]:
            ActionThematicArea.objects.create(region=place, action=action, thematic_area=area)
        pages[place] = workplan
    first = first_response(pages[region])
    comment_add(by=editor, kind=CommentKind.PROPOSAL, body="Proposed text", response=first)
    comment_add(by=editor, kind=CommentKind.COMMENT, body="A remark", response=first)
    comment_add(by=coordinator, kind=CommentKind.REVIEW, body="Say more", response=first)

    page = login(editor).get(edit_url(pages[region])).text
    assert "Quince visitors" in page and "Medlar" not in page
    assert "Yarrow schools, Zinnia housing" in page  # in the areas' order
    assert "1 open review note" in page and "1 proposal waiting for a decision" in page
