"""The platform's search: a person's regions and the shared content in their language, never a
region they hold no role in."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from eubelong.search.matching import fold
from eubelong.search.selectors import search
from handbook.models import TranslationStatus
from handbook.translation.services import content_translation_save
from regions.models import Sector, Stakeholder
from tests.handbook import factories as hf
from tests.toolkit import factories as tf
from toolkit.models import Comment

pytestmark = pytest.mark.django_db
WORD = "zebrafish"


def _everything(region, author):
    """One row of every searchable kind in `region`, each carrying WORD."""
    workplan = tf.workplan(region)
    action = tf.action(workplan, title=f"{WORD} action of {region.name}")
    tf.indicator(action, name=f"{WORD} indicator of {region.name}")
    Stakeholder.objects.create(
        region=region, name=f"{WORD} office of {region.name}", sector=Sector.PUBLIC
    )
    Comment.objects.create(
        region=region,
        workplan=workplan,
        action=action,
        kind="comment",
        body=f"{WORD} note",
        author=author,
    )
    return action


def _kinds(groups):
    return {str(group.kind): [hit.title for hit in group.hits] for group in groups}


def test_it_finds_every_kind_only_in_the_regions_one_may_read(
    region, other_region, editor, outsider
):
    _everything(region, editor)
    _everything(other_region, outsider)
    found = _kinds(search(editor, WORD))
    assert f"{WORD} action of {region.name}" in found["Actions"]
    assert f"{WORD} indicator of {region.name}" in found["Indicators"]
    assert f"{WORD} office of {region.name}" in found["Stakeholders"]
    assert found["Comments"]
    everything = " ".join(t for titles in _kinds(search(editor, WORD)).values() for t in titles)
    assert other_region.name not in everything


def test_a_query_naming_every_region_returns_only_ones_own(
    login, region, other_region, editor, outsider
):
    _everything(region, editor)
    _everything(other_region, outsider)
    client = login(editor)
    query = f"{region.name} {other_region.name}"
    for headers in ({}, {"HX-Request": "true"}):
        for q in (query, region.name, other_region.name, WORD):
            page = client.get(reverse("search"), {"q": q}, headers=headers).content.decode()
            results = "".join(re.findall(r'<ol class="search-results">.*?</ol>', page, re.S))
            assert other_region.name not in results, q
            assert other_region.slug not in page, q


def test_the_region_its_workplans_and_actions_are_found_by_its_name(region, editor):
    action = _everything(region, editor)
    found = _kinds(search(editor, region.name))
    assert found["Regions"] == [region.name]
    assert found["Workplans"] and action.title in found["Actions"]


def test_shared_content_is_found_in_the_readers_language_and_in_english(editor, coordinator):
    area = hf.area(4, slug="housing", title="Housing and neighbourhoods")
    content_translation_save(
        obj=area,
        language="es",
        values={"title": ("Vivienda y barrios", TranslationStatus.TRANSLATED)},
        user=coordinator,
    )
    with translation.override("es"):
        assert "Vivienda y barrios" in _kinds(search(editor, "vivienda")).get(
            "Handbook, Framework and library", []
        ) or "Vivienda y barrios" in str(_kinds(search(editor, "vivienda")))
        # The English word still finds it, titled in Spanish.
        assert "Vivienda y barrios" in str(_kinds(search(editor, "housing")))


def test_words_are_folded_and_stemmed(editor, coordinator):
    area = hf.area(4, slug="housing", title="Housing")
    content_translation_save(
        obj=area,
        language="pl",
        values={"title": ("Pomoc w znalezieniu mieszkania", TranslationStatus.TRANSLATED)},
        user=coordinator,
    )
    assert fold("Timiș Łódź") == "timis lodz"
    with translation.override("pl"):
        assert "Pomoc w znalezieniu mieszkania" in str(_kinds(search(editor, "mieszkanie")))


def test_snippets_are_plain_text_with_marked_words(editor):
    hf.area(
        4,
        slug="housing",
        title="Housing",
        challenges="- **Affordable** housing is scarce\n- Landlords [refuse](https://example.org)",
    )
    hf.resource(title="Note", description="<img src=x onerror=alert(1)> housing rules")
    hits = [hit for group in search(editor, "housing") for hit in group.hits]
    assert hits
    for hit in hits:
        assert set(re.findall(r"<(/?\w+)", hit.snippet)) <= {"mark", "/mark"}
        assert "**" not in hit.snippet and "](" not in hit.snippet
    assert any("<mark>housing</mark>" in hit.snippet for hit in hits)


def test_an_empty_query_finds_nothing(editor):
    assert search(editor, "  ") == []


def test_the_page_groups_results_and_serves_a_partial_to_htmx(login, editor, region):
    _everything(region, editor)
    client = login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("search"), {"q": WORD}).content.decode()
    assert "<h3" in page and "Actions" in page and "<mark>" in page
    partial = client.get(reverse("search"), {"q": WORD}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.text


def test_search_works_with_full_text_search_on_postgres(
    needs_postgres, region, editor, coordinator
):
    area = hf.area(4, slug="housing", title="Housing and neighbourhoods")
    content_translation_save(
        obj=area,
        language="de",
        values={"title": ("Wohnungen und Nachbarschaften", TranslationStatus.TRANSLATED)},
        user=coordinator,
    )
    _everything(region, editor)
    with translation.override("de"):
        # German stemming: "Wohnung" finds "Wohnungen".
        assert "Wohnungen und Nachbarschaften" in str(_kinds(search(editor, "Wohnung")))
    assert _kinds(search(editor, WORD))["Actions"]


@pytest.mark.parametrize(
    "model, fields",
    [
        ("toolkit.Action", ["title", "objective", "description"]),
        ("toolkit.Indicator", ["name", "unit"]),
        ("toolkit.Comment", ["body"]),
        ("regions.Stakeholder", ["name"]),
    ],
)
def test_region_rows_are_searched_through_their_full_text_index(needs_postgres, model, fields):
    """The query reads the stored document its index is built on, so search stays fast as
    regions grow."""
    from django.apps import apps
    from django.db import connection

    from eubelong.core import fulltext as sql
    from eubelong.search.matching import matches

    queryset = apps.get_model(model).objects.all()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matches(queryset, fields, ["migrant"]).explain()
    assert sql.stored_index_name(queryset.model._meta.db_table) in plan


@pytest.mark.parametrize(
    "model", ["toolkit.Action", "toolkit.Indicator", "toolkit.Comment", "regions.Stakeholder"]
)
def test_a_kind_has_an_index_in_the_order_many_regions_are_searched(model):
    """Across many regions a kind picks its newest matches first: an index in that order lets
    PostgreSQL stop after a page's worth instead of reading every region's rows."""
    from django.apps import apps

    from eubelong.search.matching import _newest_first

    queryset = _newest_first(apps.get_model(model).objects.all())
    indexed = [list(index.fields) for index in queryset.model._meta.indexes]
    assert list(queryset.query.order_by) in indexed


def test_kept_shared_hits_follow_every_edit_of_shared_content(editor, coordinator):
    """Shared content's hits are kept per words and language; an edit through the Handbook's
    guarded save, a library entry's and a new translation each show at the next search."""
    from handbook.services import area_update
    from toolkit.models import LibraryIndicator
    from toolkit.reporting.services import library_update

    def shared(query):
        return _kinds(search(editor, query)).get("Handbook, Framework and library", [])

    area = hf.area(4, slug="housing", title="Quokka neighbourhoods")
    entry = LibraryIndicator.objects.create(code="HOU-1", name="Wombat households", unit="%")
    assert shared("quokka") == ["Quokka neighbourhoods"]
    assert shared("wombat") == ["Wombat households"]

    area_update(area=area, version=area.version, data={"title": "Quokka homes"}, by=coordinator)
    assert shared("quokka") == ["Quokka homes"]
    library_update(entry=entry, by=coordinator, version=entry.version, data={"name": "Quokka"})
    assert shared("wombat") == []
    assert sorted(shared("quokka")) == ["Quokka", "Quokka homes"]

    with translation.override("es"):
        assert "Quokka hogares" not in str(_kinds(search(editor, "quokka")))
    content_translation_save(
        obj=area,
        language="es",
        values={"title": ("Quokka hogares", TranslationStatus.TRANSLATED)},
        user=coordinator,
    )
    with translation.override("es"):
        assert "Quokka hogares" in str(_kinds(search(editor, "quokka")))


def test_a_search_across_many_regions_is_planned_for_its_words(needs_postgres):
    """A generic plan cannot weigh the words; across many regions each search is planned for
    them, while one region's search keeps the prepared plan."""
    from django.db import connection

    from eubelong.search.selectors import CUSTOM_PLANS_FROM, _planned_for_these_words

    def mode():
        with connection.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            return cursor.fetchone()[0]

    with _planned_for_these_words(list(range(CUSTOM_PLANS_FROM))):
        assert mode() == "force_custom_plan"
    assert mode() == "auto"
    with _planned_for_these_words([1]):
        assert mode() == "auto"


def test_two_readers_in_turn_each_find_only_their_own_regions(
    region, other_region, editor, outsider
):
    """The region kinds' statements are kept per connection with the region ids bound in: the
    second reader's search reuses the first one's statement, never its regions."""
    _everything(region, editor)
    _everything(other_region, outsider)
    for person, own, other in ((editor, region, other_region), (outsider, other_region, region)):
        found = " ".join(t for titles in _kinds(search(person, WORD)).values() for t in titles)
        assert f"{WORD} action of {own.name}" in found
        assert other.name not in found


def test_region_rows_are_read_through_kept_statements_on_postgres(needs_postgres, region, editor):
    """Other words, the same SQL: the words are bound, not written into the statement."""
    from django.db import connection

    _everything(region, editor)

    def statements(words):
        sent = []

        def keep(execute, sql, params, many, context):
            sent.append(sql)  # as sent, before the values are put in
            return execute(sql, params, many, context)

        with connection.execute_wrapper(keep):
            search(editor, words)
        tables = ["regions_region", "toolkit_action", "toolkit_indicator"]
        tables += ["regions_stakeholder", "toolkit_comment"]
        return [s for s in sent if "to_tsquery" in s and any(f'FROM "{t}"' in s for t in tables)]

    first, second = statements(WORD), statements("another")
    assert len(first) == 5  # regions, actions, indicators, stakeholders, comments
    assert first == second
    assert not any(WORD in sql or "anoth" in sql for sql in first)


def test_hits_are_escaped_and_marked_with_their_language(login, region, editor):
    workplan = tf.workplan(region)
    type(workplan).objects.filter(pk=workplan.pk).update(language="de")
    tf.action(workplan, title=f'<img src=x onerror="alert(1)"> {WORD}')
    page = login(editor).get(reverse("search"), {"q": WORD}).content.decode()
    results = "".join(re.findall(r'<ol class="search-results">.*?</ol>', page, re.S))
    assert "<img src=x" not in results
    assert f'<li lang="de"><h4><a href="/regions/{region.slug}/workplans/' in results
    assert f"&lt;img src=x onerror=&quot;alert(1)&quot;&gt; {WORD}</a></h4>" in results


def test_a_row_s_stored_document_follows_its_edits(needs_postgres, region, editor):
    """PostgreSQL computes the stored document on every write, a bulk update's too."""
    from toolkit.models import Action

    action = _everything(region, editor)
    assert _kinds(search(editor, "okapi")).get("Actions") is None
    Action.objects.filter(pk=action.pk).update(title="Okapi corridors")
    assert _kinds(search(editor, "okapi"))["Actions"] == ["Okapi corridors"]
    assert f"{WORD} action of {region.name}" not in _kinds(search(editor, WORD)).get("Actions", [])


def test_a_search_across_many_regions_lists_the_newest_matches_of_those_only(
    needs_postgres, other_region, outsider
):
    """Past MANY_REGIONS a kind's newest matching ids are picked before their rows are joined:
    the same hits, newest first, and none from a region the reader holds no role in."""
    from eubelong.search.matching import MANY_REGIONS, PER_KIND
    from regions.models import Role
    from regions.services import membership_add
    from tests import factories as base

    regions = [base.region() for _ in range(MANY_REGIONS)]
    reader = base.member(regions[0], Role.EDITOR)
    for region in regions[1:]:
        membership_add(user=reader, region=region, role=Role.EDITOR)
    titles = []
    for n in range(PER_KIND + 2):
        workplan = tf.workplan(regions[n % len(regions)])
        titles.append(tf.action(workplan, title=f"{WORD} plan {n:02d}").title)
    _everything(other_region, outsider)
    found = _kinds(search(reader, WORD))["Actions"]
    assert found == titles[::-1][:PER_KIND]  # newest first
