"""The typeset document itself: structure, language, outline, fonts, charts."""

import re

from django.urls import reverse

from eubelong.exports.models import ExportJob, Status
from eubelong.exports.registry import get_kind
from eubelong.exports.rendering import html_to_pdf, render_html
from tests import factories

from .pdfcheck import assert_accessible, inspect

DIACRITICS = "Śląsk Łódź · Ștefănești Țară Îmbrățișare · Müßiggang · Señoría Camí l·lí · Perché è"


def _profile_pdf(region, user=None) -> dict:
    html, _title = render_html(
        get_kind("region-profile"), region=region, object_id="", user=user, language="en"
    )
    return inspect(html_to_pdf(html))


def test_it_typesets_a_tagged_region_profile(region, editor):
    info = _profile_pdf(region)
    assert_accessible(info)
    # Cover, then contents and parts flowing on without forced page breaks.
    assert info["pages"] >= 2
    for heading in ("Region profile", "Contents", "Profile", "Contextual analysis", "Members"):
        assert heading in info["text"]
    assert region.name in info["text"]
    assert info["outline"] == ["Region profile", "Profile", "Contextual analysis", "Members"]
    assert info["title"] == f"Region profile · {region.name}"


def test_it_numbers_pages_and_the_table_of_contents(region, editor):
    info = _profile_pdf(region)
    total = info["pages"]
    assert f"2 / {total}" in info["text"]
    # target-counter() filled the page numbers of the contents.
    match = re.search(r"Members[ .]{5,}(\d+)", info["text"])
    assert match and 2 <= int(match[1]) <= total


def test_it_covers_the_network_languages_with_the_shipped_font(db):
    region = factories.region(name=DIACRITICS, contextual_analysis=DIACRITICS)
    info = _profile_pdf(region)
    assert all("EB-Sans" in font for font in info["fonts"]), info["fonts"]
    flat = " ".join(info["text"].split())
    for word in DIACRITICS.split():
        assert word in flat, word


def test_it_draws_charts_as_svg_with_alt_text_and_a_data_table(region, editor, contributor):
    html, _title = render_html(
        get_kind("region-profile"), region=region, object_id="", user=None, language="en"
    )
    assert "<svg" in html and "<title>Members by role. " in html
    assert "Data: Members by role" in html
    info = inspect(html_to_pdf(html))
    figures = [alt for role, alt in info["structure"] if role == "/Figure"]
    assert figures and figures[0].startswith("Members by role. ")
    assert "/Table" in {role for role, _alt in info["structure"]}


def test_it_serves_a_repeated_export_from_the_stored_file(
    login, editor, region, eager, django_capture_on_commit_callbacks, monkeypatch
):
    client = login(editor)
    url = reverse("exports:region-create", kwargs={"region": region.slug})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "region-profile"})
    first = ExportJob.objects.get()
    renders = []
    monkeypatch.setattr(
        "eubelong.exports.services.html_to_pdf", lambda *a, **k: renders.append(1) or b""
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "region-profile"})
    second = ExportJob.objects.exclude(pk=first.pk).get()
    assert second.status == Status.DONE and second.reused and not renders
    assert (second.file, second.checksum, second.size) == (first.file, first.checksum, first.size)


def test_it_repeats_table_headers_across_pages(db):
    region = factories.region(name="Many Members")
    from regions.models import Role

    for _ in range(45):
        factories.member(region, Role.CONTRIBUTOR)
    html, _title = render_html(
        get_kind("region-profile"), region=region, object_id="", user=None, language="en"
    )
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(html)))
    pages_with_header = [
        page for page in reader.pages if "Name Role" in " ".join(page.extract_text().split())
    ]
    assert len(pages_with_header) >= 2
