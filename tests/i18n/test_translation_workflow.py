"""The translation workflow: shipped starter translations, out-of-date marking, completeness,
structure checks and the PO exchange with translators working offline."""

import json
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from handbook.models import ContentTranslation, ThematicArea, TranslationStatus
from handbook.translation import starter
from handbook.translation.checks import problems
from handbook.translation.exchange import po_export, po_import
from handbook.translation.lookup import translate, translate_state
from handbook.translation.progress import completeness
from handbook.translation.services import content_translation_save

pytestmark = pytest.mark.django_db
LANGUAGES = ["ro", "es", "ca", "it", "de", "pl"]


def _starter_content():
    from handbook.seed import seed as handbook_seed
    from regions.seed import seed as regions_seed
    from toolkit.compare.seed import questionnaire_seed
    from toolkit.seed import template_seed

    regions_seed()
    handbook_seed()
    template_seed()
    questionnaire_seed()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_translation_keeps_placeholders_and_layout(language):
    table = starter.table(language)
    assert len(table) > 250
    broken = {source[:60]: problems(source, text, markdown=True) for source, text in table.items()}
    assert not {k: v for k, v in broken.items() if v}


def test_the_starter_content_is_complete_in_every_language_after_loading():
    _starter_content()
    created = starter.load()
    assert created > 1500
    assert starter.load() == 0  # idempotent
    rows = completeness(LANGUAGES)
    incomplete = [
        (row["kind"].code, cell["language"], cell["share"])
        for row in rows
        for cell in row["cells"]
        if row["total"] and not cell["complete"]
    ]
    assert not incomplete
    stored = ContentTranslation.objects.filter(language="es").values_list("status", flat=True)
    assert set(stored) == {TranslationStatus.TRANSLATED}
    housing = ThematicArea.objects.get(slug="housing")
    assert translate(housing, "title", "es") == ("Vivienda y barrios", False)


def test_loading_never_replaces_a_translation_someone_entered(coordinator):
    _starter_content()
    housing = ThematicArea.objects.get(slug="housing")
    content_translation_save(
        obj=housing,
        language="pl",
        values={"title": ("Mieszkanie", TranslationStatus.REVIEWED)},
        user=coordinator,
    )
    starter.load(["pl"])
    assert translate(housing, "title", "pl") == ("Mieszkanie", False)


def test_editing_the_english_source_marks_the_translations_out_of_date(login, coordinator):
    _starter_content()
    starter.load(["de"])
    housing = ThematicArea.objects.get(slug="housing")
    housing.summary = "Affordable homes for everyone, in mixed neighbourhoods."
    housing.save()
    assert translate_state(housing, "summary", "de")[1] == "outdated"
    row = next(r for r in completeness(["de"]) if r["kind"].code == "area")
    assert row["cells"][0]["outdated"] == 1 and not row["cells"][0]["complete"]
    client = login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    page = client.get(reverse("handbook:area", kwargs={"area": "housing"})).content.decode()
    assert 'class="outdated-marker"' in page
    listing = client.get(reverse("translations:list")).content.decode()
    assert "1 veraltet" in listing or "1 out of date" in listing


def _edit_url(obj, language):
    return reverse(
        "translations:edit", kwargs={"kind": "area", "key": obj.slug, "language": language}
    )


def test_a_translation_that_breaks_the_layout_is_refused_and_kept(login, coordinator):
    _starter_content()
    housing = ThematicArea.objects.get(slug="housing")
    client = login(coordinator)
    data = {"stamp": "", "text-title": "Wohnen", "status-title": "translated"}
    data["text-challenges"] = (
        "Zu wenig bezahlbarer Wohnraum und Diskriminierung"  # one line for three
    )
    data["status-challenges"] = "translated"
    for name in ("summary", "stakeholders", "training_topics"):
        data[f"text-{name}"], data[f"status-{name}"] = "", "translated"
    response = client.post(_edit_url(housing, "de"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "bullet points: 3 in English, 0 here" in page
    assert "Zu wenig bezahlbarer Wohnraum und Diskriminierung" in page
    assert not ContentTranslation.objects.filter(language="de", object_id=housing.pk).exists()


def test_a_lost_placeholder_is_named():
    found = problems("Your PDF “%(title)s” is ready", "Ihr PDF ist fertig")
    assert found and "%(title)s" in found[0]


def test_the_po_export_names_every_text_and_flags_what_is_out_of_date(coordinator):
    _starter_content()
    starter.load(["it"])
    area = ThematicArea.objects.get(slug="media")
    area.title = "Media and public narratives"
    area.save()
    po = polib.pofile(po_export("it"))
    assert po.metadata["Language"] == "it"
    entry = po.find(f"area|{area.slug}|title", by="msgctxt")
    assert entry.msgid == "Media and public narratives" and "fuzzy" in entry.flags
    body = po.find("section|framework.purpose|body", by="msgctxt")
    assert "markdown" in body.flags and body.msgstr


def test_a_po_file_round_trips_and_a_broken_one_changes_nothing(coordinator):
    _starter_content()
    po = polib.pofile(po_export("pl"))
    for entry in po:
        if entry.msgctxt == "area|housing|title":
            entry.msgstr = "Mieszkalnictwo"
        elif entry.msgctxt == "area|housing|challenges":
            entry.msgstr = "Brak tanich mieszkań"  # three bullet points lost
    result = po_import(str(po).encode(), language="pl", status="translated", user=coordinator)
    assert result.saved == 0 and result.errors and "bullet" in result.errors[0]
    assert not ContentTranslation.objects.filter(language="pl").exists()
    po.find("area|housing|challenges", by="msgctxt").msgstr = ""
    result = po_import(str(po).encode(), language="pl", status="reviewed", user=coordinator)
    assert not result.errors and result.saved == 1
    housing = ThematicArea.objects.get(slug="housing")
    assert translate(housing, "title", "pl") == ("Mieszkalnictwo", False)
    again = po_import(str(po).encode(), language="pl", status="reviewed", user=coordinator)
    assert again.saved == 0 and again.unchanged == 1


def test_a_po_file_for_another_language_is_refused(coordinator):
    _starter_content()
    result = po_import(
        po_export("de").encode(), language="pl", status="translated", user=coordinator
    )
    assert result.errors and not ContentTranslation.objects.exists()


def test_the_import_page_reports_errors_at_the_top_and_saves_nothing(login, coordinator):
    _starter_content()
    client = login(coordinator)
    upload = SimpleUploadedFile("x.po", b"not a po file \xff", content_type="text/plain")
    response = client.post(
        reverse("translations:import"), {"language": "es", "status": "translated", "file": upload}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page and "<title>Error:" in page
    assert not ContentTranslation.objects.exists()


def test_only_coordinators_export_or_import(login, editor):
    client = login(editor)
    assert client.get(reverse("translations:export", kwargs={"language": "es"})).status_code in {
        403,
        404,
    }
    assert client.get(reverse("translations:import")).status_code in {403, 404}


def test_the_source_texts_shipped_are_those_the_platform_seeds():
    _starter_content()
    from toolkit.models import LibraryIndicator

    sources = set(json.loads((Path(starter.__file__).parent / "es.json").read_text()))
    assert ThematicArea.objects.get(slug="housing").title in sources
    assert LibraryIndicator.objects.get(code="EMP-1").definition.strip() in sources


def test_two_versions_never_differ_by_the_language_they_are_read_in(region, editor):
    from django.utils import translation

    from tests.toolkit import factories as tf
    from toolkit.selectors import compare_versions
    from toolkit.selectors.snapshots import workplan_data

    workplan = tf.filled_workplan(region, items=2, actions=1, by=editor)
    workplan.actions.update(funding_source="regional", status="ongoing")
    frozen = workplan_data(workplan)  # labels frozen in English, as at a submission
    with translation.override("pl"):
        assert compare_versions(frozen, workplan_data(workplan)) == []
