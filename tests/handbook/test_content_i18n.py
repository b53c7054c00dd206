import pytest
from django.urls import reverse

from handbook.models import ContentTranslation, TranslationStatus
from handbook.translation.kinds import KINDS
from handbook.translation.lookup import statuses, translate
from handbook.translation.services import content_translation_save
from tests import factories as base

from . import factories


def _polish(client):
    client.cookies["django_language"] = "pl"
    return client


@pytest.fixture
def area(db):
    return factories.area(
        slug="housing", title="Housing", summary="Homes for all.", challenges="Rents rise."
    )


def test_it_marks_english_fallback_on_a_translated_page(login, contributor, area):
    client = _polish(login(contributor))
    page = client.get(reverse("handbook:area", kwargs={"area": "housing"})).text
    assert (
        '<span lang="en" class="fallback">Housing <span class="fallback-marker" lang="pl">' in page
    )
    assert '<div lang="en" class="fallback"><p>Rents rise.</p>' in page


def test_it_shows_the_translation_without_a_marker(login, contributor, coordinator, area):
    content_translation_save(
        obj=area,
        language="pl",
        values={"title": ("Mieszkalnictwo", TranslationStatus.REVIEWED)},
        user=coordinator,
    )
    client = _polish(login(contributor))
    page = client.get(reverse("handbook:area", kwargs={"area": "housing"})).text
    assert "Mieszkalnictwo</h1>" in page
    english = login(contributor)
    english.cookies["django_language"] = "en"
    page = english.get(reverse("handbook:area", kwargs={"area": "housing"})).text
    assert "Housing</h1>" in page
    assert 'class="fallback"' not in page


def test_it_marks_a_translation_outdated_once_the_source_changes(coordinator, area):
    content_translation_save(
        obj=area,
        language="de",
        values={"title": ("Wohnen", TranslationStatus.REVIEWED)},
        user=coordinator,
    )
    kind = KINDS["area"]
    summary_and_challenges = {
        "summary": ("Wohnungen.", "machine"),
        "challenges": ("Mieten.", "machine"),
    }
    content_translation_save(
        obj=area, language="de", values=summary_and_challenges, user=coordinator
    )
    assert statuses([area], kind, ["de", "pl"]) == {
        (area.pk, "de"): TranslationStatus.MACHINE,
        (area.pk, "pl"): TranslationStatus.MISSING,
    }
    area.title = "Housing and neighbourhoods"
    area.save()
    assert statuses([area], kind, ["de"])[(area.pk, "de")] == TranslationStatus.OUTDATED
    # Still shown: closer to the reader than English.
    assert translate(area, "title", "de") == ("Wohnen", False)


def test_it_lets_a_coordinator_enter_and_review_a_translation(login, coordinator, area):
    client = login(coordinator)
    listing = client.get(reverse("translations:list") + "?kind=area")
    assert listing.status_code == 200
    url = reverse("translations:edit", kwargs={"kind": "area", "key": "housing", "language": "pl"})
    assert url in listing.text
    assert client.get(url).status_code == 200
    data = {f"text-{f}": "" for f in KINDS["area"].fields}
    data.update({f"status-{f}": "machine" for f in KINDS["area"].fields})
    data["text-title"] = "Mieszkalnictwo"
    data["status-title"] = "reviewed"
    data["stamp"] = client.get(url).context["stamp"]
    response = client.post(url, data)
    assert response.status_code == 302
    row = ContentTranslation.objects.get(field="title", language="pl")
    assert (row.text, row.status, row.updated_by) == ("Mieszkalnictwo", "reviewed", coordinator)
    bad = client.post(url, {**data, "status-title": "outdated"})
    assert bad.status_code == 400


def test_it_refuses_translation_pages_to_everyone_but_coordinators(login, editor, client, area):
    url = reverse("translations:edit", kwargs={"kind": "area", "key": "housing", "language": "pl"})
    listing = reverse("translations:list")
    assert client.get(url).status_code == 302
    signed_in = login(editor)
    assert signed_in.get(listing).status_code == 403
    assert signed_in.get(url).status_code == 403
    assert signed_in.post(url, {"text-title": "X", "status-title": "machine"}).status_code == 403
    assert not ContentTranslation.objects.exists()


def test_it_answers_404_for_unknown_content_or_language(login, coordinator, area):
    client = login(coordinator)
    for kwargs in [
        {"kind": "area", "key": "nowhere", "language": "pl"},
        {"kind": "nothing", "key": "housing", "language": "pl"},
        {"kind": "area", "key": "housing", "language": "en"},
        {"kind": "item", "key": "not-a-uuid", "language": "pl"},
    ]:
        assert client.get(reverse("translations:edit", kwargs=kwargs)).status_code == 404


def test_it_loads_translations_once_per_kind_per_page(
    login, contributor, django_assert_max_num_queries, db
):
    for number in range(1, 4):
        factories.section("framework", number=number)
    client = _polish(login(contributor))
    url = reverse("handbook:framework-section", kwargs={"section": "section-1"})
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for number in range(4, 12):
        factories.section("framework", number=number)
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_it_shows_a_conflict_instead_of_overwriting_a_newer_translation(login, coordinator, area):
    client = login(coordinator)
    url = reverse("translations:edit", kwargs={"kind": "area", "key": "housing", "language": "it"})
    stale = client.get(url).context["stamp"]
    content_translation_save(
        obj=area,
        language="it",
        values={"title": ("Abitare", TranslationStatus.REVIEWED)},
        user=base.coordinator(),
    )
    data = {f"text-{f}": "" for f in KINDS["area"].fields}
    data.update({f"status-{f}": "machine" for f in KINDS["area"].fields})
    data.update({"text-title": "Casa", "stamp": stale})
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Abitare" in response.text and "Casa" in response.text
    assert ContentTranslation.objects.get(field="title", language="it").text == "Abitare"
    data["stamp"] = response.context["stamp"]
    assert client.post(url, data).status_code == 302
    assert ContentTranslation.objects.get(field="title", language="it").text == "Casa"


@pytest.mark.parametrize("kind", ["item", "question"])
def test_it_lists_translation_status_in_a_fixed_number_of_queries(
    login, coordinator, django_assert_max_num_queries, kind
):
    from tests.toolkit import factories as toolkit_factories

    client = login(coordinator)
    url = reverse("translations:list") + f"?kind={kind}"
    toolkit_factories.template(priorities=1, items=2, number=1)
    factories.area()
    if kind == "question":
        from tests.compare import factories as compare_factories

        compare_factories.questionnaire(per_area=1)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)
    toolkit_factories.template(priorities=3, items=5, number=2)
    if kind == "question":
        from toolkit.compare.models import Question

        for question in list(Question.objects.all()):
            for n in range(2, 5):
                Question.objects.create(
                    questionnaire=question.questionnaire,
                    thematic_area=question.thematic_area,
                    number=n,
                    text=f"Q {question.thematic_area.number}.{n}",
                )
        assert "Q 1.4" in client.get(url).text
    with django_assert_max_num_queries(baseline):
        page = client.get(url)
    assert page.status_code == 200


def test_it_renders_the_tag_plain_shortened_and_as_markdown(area):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        '{% load content_i18n %}{% translated a "title" plain=True %}|'
        '{% translated a "summary" words=2 %}|{% translated a "challenges" markdown=True %}'
    )
    with translation.override("en"):
        assert template.render(Context({"a": area})) == "Housing|Homes for …|<p>Rents rise.</p>"
    with translation.override("pl"):
        plain, short, markdown = template.render(Context({"a": area})).split("|")
    assert plain == "Housing"
    assert short.startswith('<span lang="en" class="fallback">Homes for …')
    assert markdown.startswith('<div lang="en" class="fallback"><p>Rents rise.</p>')
    assert "(po angielsku)" in markdown
