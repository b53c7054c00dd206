import re

from django.urls import reverse

from handbook.search import search
from handbook.seed import seed

from . import factories


def test_it_ranks_and_highlights_on_postgres(db, needs_postgres, region):
    seed()
    factories.module(region, title="Housing first", summary="Housing advice for housing offices.")
    hits = search("housing")
    assert hits, "expected results"
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)
    assert any("<mark>" in h.snippet for h in hits)
    kinds = {h.kind for h in hits}
    assert {"Thematic area", "Training module"} <= kinds


def test_it_escapes_markup_on_postgres(db, needs_postgres):
    factories.resource(title="Note", description="<img src=x onerror=alert(1)> housing rules")
    hits = search("housing")
    snippet = next(h.snippet for h in hits if h.title == "Note")
    assert set(re.findall(r"<(/?\w+)", snippet)) <= {"mark", "/mark"}
    assert "<mark>housing</mark>" in snippet


def test_it_matches_simply_everywhere(db, region):
    factories.area(1, slug="housing", title="Housing", challenges="Affordable housing is scarce.")
    hits = search("affordable housing")
    assert hits[0].title == "1. Housing"
    assert "<mark>" in hits[0].snippet


def test_it_returns_nothing_for_an_empty_query(db):
    assert search("  ") == []


def test_it_serves_search_as_a_partial_to_htmx(login, contributor):
    factories.area(1, slug="housing", title="Housing")
    response = login(contributor).get(
        reverse("handbook:search"), {"q": "housing"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text and "Housing" in response.text
