"""The editor's checklist rows, written in Python, are the item form the autosave renders from
its template, with the item's notes and counts after it."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from eubelong.core.i18n import SESSION_KEY
from tests.signin import pass_second_factor
from toolkit.models import CommentKind, ItemResponse
from toolkit.services.discussion import comment_add
from toolkit.views.common import response_form

from . import factories
from .test_editor import edit_url

pytestmark = pytest.mark.django_db


def _plain(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("language", ["en", "pl"])
def test_each_row_is_the_autosave_form_with_its_notes_and_counts(
    login, region, editor, coordinator, language
):
    workplan = factories.workplan(region)
    responses = list(
        ItemResponse.objects.for_region(region)
        .filter(workplan=workplan, item__priority__number=1)
        .select_related("item")
        .order_by("item__number")
    )
    first, second = responses[0], responses[1]
    first.evidence = '<b>Minutes</b> & "notes"'
    first.link = "https://example.org/?a=1&b=2"
    first.save()
    comment_add(by=editor, kind=CommentKind.COMMENT, body="A remark", response=first)
    comment_add(by=editor, kind=CommentKind.PROPOSAL, body="Proposed text", response=first)
    comment_add(by=coordinator, kind=CommentKind.REVIEW, body="Please say more", response=second)

    client = login(editor)
    pass_second_factor(client, editor, required=True)
    session = client.session
    session[SESSION_KEY] = language
    session.save()
    reply = client.get(edit_url(workplan))
    assert reply.status_code == 200 and reply["Content-Language"] == language
    page = reply.content.decode()
    plain_page = _plain(page)
    assert "&lt;b&gt;Minutes&lt;/b&gt; &amp; &quot;notes&quot;" in page
    assert "Please say more" in page and "<b>Minutes" not in page

    request = RequestFactory().get("/")
    request.user = editor
    with translation.override(language):
        for response in responses:
            response.refresh_from_db()
            expected = render_to_string(
                "toolkit/_autosave.html#item-form",
                {
                    "response": response,
                    "form": response_form(response),
                    "region": region,
                    "workplan": workplan,
                },
                request=request,
            )
            assert _plain(expected) in plain_page, response.item.number
    assert plain_page.count('class="item-form"') == len(responses)
    assert plain_page.count('<div class="review-note">') == 1


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)


def test_kept_rows_show_every_change_and_carry_each_readers_own_token(region, editor):
    """Rows come from the cache once written: an autosave, a new comment or another language
    shows at once, and every row carries the token of the person reading, so their autosave
    passes the CSRF check."""
    from django.middleware.csrf import _unmask_cipher_token
    from django.test import Client

    from toolkit.services.workplans import response_update

    workplan = factories.workplan(region)
    response = (
        ItemResponse.objects.for_region(region)
        .filter(workplan=workplan, item__priority__number=1)
        .select_related("item")
        .order_by("item__number")
        .first()
    )
    readers = []
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        pass_second_factor(client, editor, required=True)
        readers.append(client)
    first, second = readers

    assert first.get(edit_url(workplan)).status_code == 200
    response_update(
        response=response, by=editor, version=response.version, data={"evidence": "Kept?"}
    )
    page = first.get(edit_url(workplan)).content.decode()
    assert "Kept?" in page
    comment_add(by=editor, kind=CommentKind.COMMENT, body="A remark", response=response)
    assert "1 comment<" in first.get(edit_url(workplan)).content.decode()

    session = second.session
    session[SESSION_KEY] = "pl"
    session.save()
    polish = second.get(edit_url(workplan)).content.decode()
    with translation.override("pl"):
        assert translation.gettext("Save") in polish and "Kept?" in polish

    for client, body in ((first, page), (second, polish)):
        secret = client.cookies["csrftoken"].value
        tokens = _tokens(body)
        assert tokens and {_unmask_cipher_token(t) for t in tokens} == {secret}
    response.refresh_from_db()
    saved = second.post(
        f"{edit_url(workplan)}items/{response.uuid}/",
        {
            "csrfmiddlewaretoken": _tokens(polish)[-1],
            "status": "done",
            "evidence": "From the second reader",
            "link": "",
            "version": response.version,
        },
    )
    assert saved.status_code == 302
    assert "From the second reader" in first.get(edit_url(workplan)).content.decode()


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_summary_form_is_the_autosave_partial(login, region, editor, language):
    """The priority's summary form on the editor page is the markup the autosave's partial
    renders in its plain state, in the reader's language, with the reader's token."""
    from toolkit.models import PriorityResponse
    from toolkit.views.common import summary_form

    workplan = factories.workplan(region)
    summary = (
        PriorityResponse.objects.for_region(region)
        .filter(workplan=workplan)
        .order_by("priority__number")
        .first()
    )
    summary.summary = '<script>alert("x")</script> & our **plan**'
    summary.save()
    client = login(editor)
    pass_second_factor(client, editor, required=True)
    session = client.session
    session[SESSION_KEY] = language
    session.save()
    page = client.get(edit_url(workplan)).content.decode()
    assert '<script>alert("x")' not in page

    request = RequestFactory().get("/")
    request.user = editor
    with translation.override(language):
        expected = render_to_string(
            "toolkit/_autosave.html#summary-form",
            {
                "summary": summary,
                "form": summary_form(summary),
                "region": region,
                "workplan": workplan,
            },
            request=request,
        )
    assert _plain(expected) in _plain(page)


def test_a_page_masks_its_csrf_token_once_and_each_response_anew(login, region, editor):
    """Every form of a page (the chrome's, the rows', the summary's, the template's) carries the
    same masked token; the next response another mask; all of them the reader's secret."""
    from django.middleware.csrf import _unmask_cipher_token

    workplan = factories.workplan(region)
    client = login(editor)
    pass_second_factor(client, editor, required=True)
    first, second = (_tokens(client.get(edit_url(workplan)).content.decode()) for _ in range(2))
    assert len(first) > 3 and len(set(first)) == 1 and len(set(second)) == 1
    assert first[0] != second[0]
    secret = client.cookies["csrftoken"].value
    assert {_unmask_cipher_token(first[0]), _unmask_cipher_token(second[0])} == {secret}
    page = client.get(edit_url(workplan)).content.decode()
    assert f'"X-CSRFToken": "{_tokens(page)[0]}"' in page  # the template's token is the same
