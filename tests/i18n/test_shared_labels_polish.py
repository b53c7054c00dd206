"""Live pages name priorities and thematic areas in the reader's language: in captions, choices,
filters and maps, not only in headings."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from handbook.models import ThematicArea, TranslationStatus
from handbook.translation.services import content_translation_save
from regions.models import Sector, Stakeholder
from tests.handbook import factories as hf
from tests.toolkit import factories as tf
from toolkit.models import Priority

pytestmark = pytest.mark.django_db

PRIORITY_PL = "Wzmacnianie programów regionalnych"
AREA_PL = "Edukacja i szkolenia"


@pytest.fixture
def translated(region, coordinator):
    workplan = tf.workplan(region)
    priority = Priority.objects.get(template=workplan.template, number=1)
    area = hf.area(1, title="Education and training")
    for obj, field, text in ((priority, "title", PRIORITY_PL), (area, "title", AREA_PL)):
        content_translation_save(
            obj=obj,
            language="pl",
            values={field: (text, TranslationStatus.REVIEWED)},
            user=coordinator,
        )
    lead = Stakeholder.objects.create(region=region, name="Welcome office", sector=Sector.PUBLIC)
    action = tf.action(workplan, priority=priority)
    action.thematic_areas.set([area], through_defaults={"region_id": region.pk})
    action.lead_organisation = lead
    action.save(update_fields=["lead_organisation"])
    hf.module(region).thematic_areas.set([area], through_defaults={"region_id": region.pk})
    return workplan


def _page(client, url) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_editor_and_action_form_name_priorities_and_areas_in_polish(
    login, region, editor, translated
):
    client = login(editor)
    kwargs = {"region": region.slug, "workplan": translated.uuid}
    editor_page = _page(client, reverse("toolkit:workplan-edit", kwargs=kwargs))
    assert f"<td>{AREA_PL}</td>" in editor_page
    with translation.override("pl"):
        caption = gettext("Actions under %(title)s") % {"title": PRIORITY_PL}
    assert f'<caption class="visually-hidden">{caption}</caption>' in editor_page
    assert "Education and training" not in editor_page

    form_page = _page(client, reverse("toolkit:action-new", kwargs=kwargs))
    assert f"1. {PRIORITY_PL}</option>" in form_page
    assert AREA_PL in form_page and "Education and training" not in form_page


def test_filters_modules_and_the_stakeholder_map_name_them_in_polish(
    login, region, editor, translated
):
    client = login(editor)
    modules = _page(client, reverse("handbook:modules"))
    assert AREA_PL in modules and "Education and training" not in modules

    dashboard = _page(client, reverse("compare:dashboard"))
    area = ThematicArea.objects.get(number=1)
    assert f'<option value="{area.title}">{AREA_PL}</option>' in dashboard

    registry = _page(client, reverse("regions:stakeholders", kwargs={"region": region.slug}))
    assert PRIORITY_PL in registry


def test_english_readers_keep_the_english_titles(login, region, editor, translated):
    client = login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    kwargs = {"region": region.slug, "workplan": translated.uuid}
    page = client.get(reverse("toolkit:action-new", kwargs=kwargs)).content.decode()
    assert "1. Priority 1</option>" in page and "Education and training" in page


def test_the_workplan_pdf_names_the_actions_areas_in_polish(region, editor, translated):
    from eubelong.exports.registry import get_kind
    from eubelong.exports.rendering import render_html

    html, _title = render_html(
        get_kind("workplan"),
        region=region,
        object_id=f"current:{translated.uuid}",
        user=editor,
        language="pl",
    )
    assert f"<td>{AREA_PL}</td>" in html
    assert "Education and training" not in html
