"""Exports follow the reader's language: interface text, document language and shared content."""

from eubelong.exports.registry import get_kind
from eubelong.exports.rendering import html_to_pdf, render_html
from handbook.models import TranslationStatus
from handbook.translation.services import content_translation_save
from tests.exports.pdfcheck import assert_accessible, inspect
from tests.handbook import factories as handbook_factories
from tests.toolkit import factories as toolkit_factories


def _pdf(kind, region, language, user=None) -> dict:
    html, title = render_html(
        get_kind(kind), region=region, object_id="", user=user, language=language
    )
    info = inspect(html_to_pdf(html))
    info["html"] = html
    return info


def test_it_exports_the_region_profile_in_polish(region, editor):
    info = _pdf("region-profile", region, "pl")
    assert_accessible(info, lang="pl")
    for heading in ("Profil regionu", "Spis treści", "Członkowie"):
        assert heading in info["text"], heading
    assert "Region profile" not in info["text"]
    assert info["title"].startswith("Profil regionu")


def test_it_exports_translated_framework_content_and_marks_the_rest_english(db, coordinator):
    translated = handbook_factories.section("framework", 1, title="Principles of belonging")
    handbook_factories.section("framework", 2, title="Shared ground", body="Only in English.")
    content_translation_save(
        obj=translated,
        language="pl",
        values={
            "title": ("Zasady przynależności", TranslationStatus.REVIEWED),
            "body": ("Tekst po polsku.", TranslationStatus.MACHINE),
        },
        user=coordinator,
    )
    toolkit_factories.published_template()
    info = _pdf("framework", None, "pl")
    assert_accessible(info, lang="pl")
    text = " ".join(info["text"].split())
    assert "Zasady przynależności" in text and "Tekst po polsku." in text
    assert "1. Zasady przynależności" in info["outline"]
    assert '<div lang="en" class="fallback"><p>Only in English.</p>' in info["html"]
    assert "(po angielsku)" in text


def test_it_marks_the_regions_own_words_with_the_workplan_language(region, editor):
    workplan = toolkit_factories.filled_workplan(region)
    workplan.language = "ro"
    workplan.save(update_fields=["language"])
    html, _title = render_html(
        get_kind("workplan"),
        region=region,
        object_id=f"current:{workplan.uuid}",
        user=editor,
        language="pl",
    )
    assert '<html lang="pl"' in html
    assert '<h4 lang="ro">' in html
    assert '<td lang="ro">' in html
