"""The open-data catalogue as DCAT-AP 3.0 RDF: the catalogue, each dataset, its three
distributions, the publisher, the contact point, the licence, and the places and years covered.

Every mandatory and recommended property of DCAT-AP 3.0.0 (section 4, "Main entities", and
section 5, "Supportive entities") is given for each class used; values come from the EU
authority tables (data themes, file types, languages, countries, planned availability) where
the profile names one. tests/publishing/test_dcat.py checks the result with SHACL."""

from datetime import date, datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from eubelong.core.l10n import COUNTRY_CODES

from .. import selectors as core
from . import selectors
from .columns import DATASETS

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
THEMES = URIRef(AUTHORITY + "data-theme")
THEME_LABELS = {"SOCI": "Population and society", "GOVE": "Government and public sector"}
FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (XLSX)", "json": "JSON"}
# The EU language table's code of each platform language.
LANGUAGE_TABLE = {
    "en": "ENG", "ro": "RON", "es": "SPA", "ca": "CAT", "it": "ITA", "de": "DEU", "pl": "POL",
}  # fmt: skip
# The EU licence table and the ADMS licence type of each licence the networks may choose.
LICENCES = {
    "CC-BY-4.0": ("CC_BY_4_0", "Attribution"),
    "CC-BY-SA-4.0": ("CC_BYSA_4_0", "ShareAlike"),
    "CC0-1.0": ("CC0", "PublicDomain"),
}
# ISO 3166 alpha-3, as the EU country table names countries.
ALPHA3 = {
    "AT": "AUT", "BE": "BEL", "BG": "BGR", "HR": "HRV", "CY": "CYP", "CZ": "CZE", "DK": "DNK",
    "EE": "EST", "FI": "FIN", "FR": "FRA", "DE": "DEU", "GR": "GRC", "HU": "HUN", "IE": "IRL",
    "IT": "ITA", "LV": "LVA", "LT": "LTU", "LU": "LUX", "MT": "MLT", "NL": "NLD", "NO": "NOR",
    "PL": "POL", "PT": "PRT", "RO": "ROU", "SK": "SVK", "SI": "SVN", "ES": "ESP", "SE": "SWE",
    "CH": "CHE", "UA": "UKR", "GB": "GBR",
}  # fmt: skip
# Terms before any network exists (a fresh installation).
NO_NETWORK = {
    "code": "CC-BY-4.0",
    "label": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "publisher": "EU-Belong",
    "contact_email": "",
}
CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "dcatap": str(DCATAP),
    "xsd": str(XSD),
}


def _en(text) -> Literal:
    return Literal(str(text), lang="en")


def _datetime(value: datetime) -> Literal:
    return Literal(value.isoformat(timespec="seconds"), datatype=XSD.dateTime)


def _concept(g: Graph, uri: URIRef, label: str, scheme: URIRef | None = None) -> URIRef:
    g.add((uri, RDF.type, SKOS.Concept))
    g.add((uri, SKOS.prefLabel, _en(label)))
    if scheme is not None:
        g.add((uri, SKOS.inScheme, scheme))
    return uri


def _places(g: Graph, items: list[dict]) -> list[URIRef]:
    """NUTS regions where known, the member state otherwise."""
    found = {}
    for s in items:
        region = s["region"]
        code = (region["nuts_code"] or "").strip().upper()
        if code:
            uri = URIRef(f"http://data.europa.eu/nuts/code/{code}")
            found[uri] = f"{region['name']} (NUTS {code})"
        alpha2 = COUNTRY_CODES.get((region["country"] or "").strip().lower())
        if alpha2 in ALPHA3 and not code:
            found[URIRef(AUTHORITY + "country/" + ALPHA3[alpha2])] = region["country"]
    for uri, label in found.items():
        g.add((uri, RDF.type, DCTERMS.Location))
        g.add((uri, SKOS.prefLabel, _en(label)))
    return sorted(found)


def _period(g: Graph, start_year: int, end_year: int) -> BNode:
    node = BNode()
    g.add((node, RDF.type, DCTERMS.PeriodOfTime))
    g.add((node, DCAT.startDate, Literal(date(start_year, 1, 1), datatype=XSD.date)))
    g.add((node, DCAT.endDate, Literal(date(end_year, 12, 31), datatype=XSD.date)))
    return node


def _publisher(g: Graph, uri: URIRef, licence: dict) -> URIRef:
    g.add((uri, RDF.type, FOAF.Agent))
    g.add((uri, FOAF.name, Literal(licence["publisher"])))
    kind = URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")
    g.add((uri, DCTERMS.type, _concept(g, kind, "Non-Profit Organisation")))
    return uri


def _licence(g: Graph, licence: dict) -> URIRef:
    table, kind = LICENCES[str(licence["code"])]
    uri = URIRef(AUTHORITY + "licence/" + table)
    g.add((uri, RDF.type, DCTERMS.LicenseDocument))
    g.add((uri, DCTERMS.title, _en(licence["label"])))
    g.add((uri, FOAF.page, URIRef(licence["url"])))
    kind_uri = URIRef("http://purl.org/adms/licencetype/" + kind)
    g.add((uri, DCTERMS.type, _concept(g, kind_uri, kind)))
    return uri


def _contact(g: Graph, licence: dict) -> BNode:
    email = licence["contact_email"] or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    node = BNode()
    g.add((node, RDF.type, VCARD.Kind))
    g.add((node, VCARD.fn, Literal(licence["publisher"])))
    g.add((node, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    return node


def _years(items: list[dict], name: str, capacity: list[dict]) -> tuple[int, int] | None:
    years = [y for s in items for y in (s["cycle"]["start_year"], s["cycle"]["end_year"])]
    if name == "capacity-building":
        years += [r["year"] for r in capacity if r["year"]]
    return (min(years), max(years)) if years else None


def _texts(g: Graph, subject, predicate, make) -> set[str]:
    """`make()` in English and in every platform language that translates it differently; the
    languages written."""
    with translation.override("en"):
        english = str(make())
    g.add((subject, predicate, Literal(english, lang="en")))
    written = {"en"}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = str(make())
        if code != "en" and text != english:
            g.add((subject, predicate, Literal(text, lang=code)))
            written.add(code)
    return written


def catalogue(base: str) -> Graph:
    """The catalogue with absolute URIs under `base` (e.g. https://host/open/data/)."""
    with translation.override("en"):
        return _catalogue(base)


def _catalogue(base: str) -> Graph:
    publications = core.live_publications()
    items = core.strategies(language="en")
    network = selectors.catalogue_network(publications)
    licence = core.licence_of(network) if network else NO_NETWORK
    dates = selectors.publication_dates()
    issued = dates["issued"] or timezone.now()
    capacity = selectors.capacity_reach(publications)
    g = Graph()
    for prefix, ns in CONTEXT.items():
        g.bind(prefix, ns)
    shared = {
        "issued": _datetime(issued),
        "modified": _datetime(dates["modified"] or issued),
        "publisher": _publisher(g, URIRef(base + "#publisher"), licence),
        "homepage": URIRef(base),
        "licence": _licence(g, licence),
        "contact": _contact(g, licence),
        "places": _places(g, items),
        "english": URIRef(AUTHORITY + "language/ENG"),
        "themes": [
            _concept(g, URIRef(f"{THEMES}/{c}"), label, THEMES)
            for c, label in THEME_LABELS.items()
        ],
        "availability": _concept(
            g, URIRef(AUTHORITY + "planned-availability/STABLE"), "stable",
            URIRef(AUTHORITY + "planned-availability"),
        ),
    }  # fmt: skip
    cat = URIRef(base + "#catalogue")
    g.add((cat, RDF.type, DCAT.Catalog))
    languages = _texts(g, cat, DCTERMS.title, lambda: _("EU-Belong open data"))
    languages |= _texts(g, cat, DCTERMS.description, lambda: _(
        "Open data published by the regions of the network: their approved integration "
        "strategies, actions, indicators, budgets and capacity-building reach. Only what a "
        "region has published is included; never personal data, drafts or review notes."
    ))  # fmt: skip
    g.add((cat, DCTERMS.publisher, shared["publisher"]))
    g.add((shared["homepage"], RDF.type, FOAF.Document))
    g.add((cat, FOAF.homepage, shared["homepage"]))
    g.add((cat, DCTERMS.license, shared["licence"]))
    g.add((cat, DCTERMS.issued, shared["issued"]))
    g.add((cat, DCTERMS.modified, shared["modified"]))
    for place in shared["places"]:
        g.add((cat, DCTERMS.spatial, place))
    g.add((THEMES, RDF.type, SKOS.ConceptScheme))
    g.add((THEMES, DCTERMS.title, _en("Data theme")))
    g.add((cat, DCAT.themeTaxonomy, THEMES))
    for name, dataset in DATASETS.items():
        uri = URIRef(f"{base}#{name}")
        g.add((cat, DCAT.dataset, uri))
        languages |= _dataset(g, uri, base, dataset, shared, _years(items, name, capacity))
    # The languages the catalogue's own texts are written in.
    for code in sorted(languages):
        language = URIRef(AUTHORITY + "language/" + LANGUAGE_TABLE[code])
        g.add((language, RDF.type, DCTERMS.LinguisticSystem))
        g.add((cat, DCTERMS.language, language))
    return g


def _dataset(g: Graph, uri: URIRef, base: str, dataset, shared: dict, span) -> set[str]:
    g.add((uri, RDF.type, DCAT.Dataset))
    g.add((uri, DCTERMS.identifier, Literal(dataset.name)))
    languages = _texts(g, uri, DCTERMS.title, lambda: dataset.title)
    languages |= _texts(g, uri, DCTERMS.description, lambda: dataset.description)
    for keyword in dataset.keywords:
        languages |= _texts(g, uri, DCAT.keyword, lambda k=keyword: k)
    g.add((uri, DCAT.contactPoint, shared["contact"]))
    g.add((uri, DCTERMS.publisher, shared["publisher"]))
    # The data itself is written in English.
    g.add((shared["english"], RDF.type, DCTERMS.LinguisticSystem))
    g.add((uri, DCTERMS.language, shared["english"]))
    g.add((uri, DCAT.landingPage, shared["homepage"]))
    g.add((uri, DCTERMS.issued, shared["issued"]))
    g.add((uri, DCTERMS.modified, shared["modified"]))
    for theme in shared["themes"]:
        g.add((uri, DCAT.theme, theme))
    for place in shared["places"]:
        g.add((uri, DCTERMS.spatial, place))
    if span:
        g.add((uri, DCTERMS.temporal, _period(g, *span)))
    dictionary = URIRef(f"{base}{dataset.name}/dictionary.json")
    g.add((dictionary, RDF.type, DCTERMS.Standard))
    languages |= _texts(g, dictionary, DCTERMS.title, lambda: _("Data dictionary of %(title)s") % {
        "title": dataset.title
    })  # fmt: skip
    for fmt in FILE_TYPES:
        dist = URIRef(f"{base}{dataset.name}.{fmt}#distribution")
        g.add((uri, DCAT.distribution, dist))
        languages |= _distribution(g, dist, f"{base}{dataset.name}.{fmt}", fmt, dataset, shared)
        g.add((dist, DCTERMS.conformsTo, dictionary))
    return languages


def _distribution(g: Graph, dist: URIRef, url: str, fmt: str, dataset, shared) -> set[str]:
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.accessURL, URIRef(url)))
    g.add((dist, DCAT.downloadURL, URIRef(url)))

    def values():
        return {"title": dataset.title, "format": FORMAT_NAMES[fmt]}

    languages = _texts(g, dist, DCTERMS.title, lambda: _("%(title)s (%(format)s)") % values())
    languages |= _texts(g, dist, DCTERMS.description, lambda: _(
        "%(title)s as %(format)s, one header row of column names; see the data dictionary."
    ) % values())  # fmt: skip
    format_uri = URIRef(AUTHORITY + "file-type/" + FILE_TYPES[fmt])
    g.add((format_uri, RDF.type, DCTERMS.MediaTypeOrExtent))
    g.add((dist, DCTERMS.format, format_uri))
    media = URIRef("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[fmt])
    g.add((media, RDF.type, DCTERMS.MediaType))
    g.add((dist, DCAT.mediaType, media))
    g.add((dist, DCTERMS.license, shared["licence"]))
    g.add((dist, DCATAP.availability, shared["availability"]))
    g.add((dist, DCTERMS.issued, shared["issued"]))
    g.add((dist, DCTERMS.modified, shared["modified"]))
    return languages


def serialise(graph: Graph, fmt: str) -> bytes:
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=CONTEXT, indent=1).encode("utf-8")
    return graph.serialize(format="turtle").encode("utf-8")
