"""User-written text records its language, and pages mark it for screen readers."""

import pytest
from django.urls import reverse
from django.utils import translation

from toolkit import services
from toolkit.models import Comment, ItemResponse

from . import factories

pytestmark = pytest.mark.django_db


def _url(name, workplan, **extra):
    return reverse(
        f"toolkit:{name}",
        kwargs={"region": workplan.region.slug, "workplan": workplan.uuid, **extra},
    )


def _first_response(workplan):
    return (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )


def test_it_records_the_authors_active_language(region, editor):
    factories.published_template()
    with translation.override("pl"):
        workplan = services.workplan_create(region=region, cycle=factories.cycle(2031), by=editor)
        comment = services.comment_add(
            response=_first_response(workplan), by=editor, kind="comment", body="Dobrze."
        )
    assert (workplan.language, comment.language) == ("pl", "pl")
    with translation.override("de-at"):
        other = services.comment_add(
            response=_first_response(workplan), by=editor, kind="comment", body="Gut."
        )
    assert other.language == "de"
    explicit = services.comment_add(
        response=_first_response(workplan), by=editor, kind="comment", body="Bé.", language="ca"
    )
    assert explicit.language == "ca"


def test_it_marks_comments_with_their_language(login, region, editor, contributor):
    workplan = factories.workplan(region)
    response = _first_response(workplan)
    client = login(contributor)
    client.cookies["django_language"] = "es"
    reply = client.post(
        _url("item-comment", workplan, response=response.uuid),
        {"kind": "comment", "body": "Falta el presupuesto."},
    )
    assert reply.status_code == 302
    assert Comment.objects.for_region(region).get().language == "es"
    reader = login(editor)
    reader.cookies["django_language"] = "en"
    page = reader.get(_url("item", workplan, response=response.uuid)).text
    assert '<div class="prose" lang="es"><p>Falta el presupuesto.</p></div>' in page


def test_it_marks_workplan_text_with_the_workplan_language(login, region, coordinator):
    workplan = factories.filled_workplan(region)
    workplan.language = "it"
    workplan.save(update_fields=["language"])
    page = login(coordinator).get(_url("workplan-edit", workplan)).text
    assert 'td lang="it"' in page
    assert 'lang="it">Welcome desk' in page or '" lang="it">' in page


def test_it_marks_the_editable_texts_with_the_workplan_language(login, region, editor):
    workplan = factories.filled_workplan(region)
    workplan.language = "ca"
    workplan.save(update_fields=["language"])
    page = login(editor).get(_url("workplan-edit", workplan)).text
    assert '<span lang="ca"><textarea' in page
