"""The DCAT-AP catalogue meets every mandatory and recommended property of DCAT-AP 3.0, checked
with SHACL shapes written from the profile's tables (dcat_ap_3_shapes.ttl), in Turtle and in
JSON-LD as served; and the shapes do fail when a property is missing."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from tests import factories as f
from tests.handbook import factories as hb

from .factories import published

pytestmark = pytest.mark.django_db

SHAPES = Graph().parse(Path(__file__).with_name("dcat_ap_3_shapes.ttl"), format="turtle")
DCATAP = Namespace("http://data.europa.eu/r5r/")


@pytest.fixture
def served(client):
    for nuts in ("PL63", "ES51"):
        region = f.region(nuts_code=nuts)
        published(region)
        hb.activity(region)

    def fetch(fmt):
        response = client.get(f"/open/data/catalogue.{fmt}")
        assert response.status_code == 200
        kind = {"ttl": "turtle", "jsonld": "json-ld"}[fmt]
        return Graph().parse(data=response.content.decode(), format=kind)

    return fetch


def _report(graph: Graph):
    conforms, results, text = validate(graph, shacl_graph=SHAPES, inference="none")
    return conforms, results, text


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_it_conforms_to_dcat_ap_3_mandatory_and_recommended(served, fmt):
    graph = served(fmt)
    conforms, _results, text = _report(graph)
    assert conforms, text
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(set(graph.objects(catalogue, DCAT.dataset))) == 5
    places = {str(p) for p in graph.objects(catalogue, DCTERMS.spatial)}
    assert places == {
        "http://data.europa.eu/nuts/code/PL63",
        "http://data.europa.eu/nuts/code/ES51",
    }
    themes = {str(t) for t in graph.objects(None, DCAT.theme)}
    assert "http://publications.europa.eu/resource/authority/data-theme/SOCI" in themes


def test_the_turtle_and_the_json_ld_say_the_same(served):
    from rdflib.compare import isomorphic

    assert isomorphic(served("ttl"), served("jsonld"))


def test_titles_come_in_every_language_that_translates_them(served):
    graph = served("ttl")
    titles = set(graph.objects(None, DCTERMS.title))
    assert Literal("Capacity-building reach", lang="en") in titles
    assert Literal("Reichweite des Kompetenzaufbaus", lang="de") in titles
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    languages = {str(u).rsplit("/", 1)[1] for u in graph.objects(catalogue, DCTERMS.language)}
    assert {"ENG", "DEU"} <= languages


def _violation_paths(results: Graph) -> set:
    return {
        results.value(r, SH.resultPath)
        for r in results.subjects(RDF.type, SH.ValidationResult)
        if results.value(r, SH.resultSeverity) == SH.Violation
    }


def test_it_fails_without_the_catalogue_publisher(served):
    graph = served("ttl")
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    graph.remove((catalogue, DCTERMS.publisher, None))
    conforms, results, _text = _report(graph)
    assert not conforms
    assert DCTERMS.publisher in _violation_paths(results)


def test_it_fails_without_a_distribution_access_url(served):
    graph = served("jsonld")
    distribution = next(graph.subjects(RDF.type, DCAT.Distribution))
    graph.remove((distribution, DCAT.accessURL, None))
    conforms, results, _text = _report(graph)
    assert not conforms
    assert DCAT.accessURL in _violation_paths(results)


def test_it_fails_without_a_recommended_property(served):
    graph = served("ttl")
    distribution = next(graph.subjects(RDF.type, DCAT.Distribution))
    graph.remove((distribution, DCATAP.availability, None))
    conforms, results, _text = _report(graph)
    assert not conforms
    assert DCATAP.availability in _violation_paths(results)


def test_every_shaped_class_is_present_so_no_shape_passes_vacuously(served):
    graph = served("ttl")
    targets = set(SHAPES.objects(None, SH.targetClass))
    assert len(targets) == 9
    missing = [t for t in targets if next(graph.subjects(RDF.type, t), None) is None]
    assert not missing
