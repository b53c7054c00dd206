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
    g.add((uri, FOAF.name, _en(licence["publisher"])))
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
    g.add((node, VCARD.fn, _en(licence["publisher"])))
    g.add((node, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    return node


def _years(items: list[dict], name: str, capacity: list[dict]) -> tuple[int, int] | None:
    years = [y for s in items for y in (s["cycle"]["start_year"], s["cycle"]["end_year"])]
    if name == "capacity-building":
        years += [r["year"] for r in capacity if r["year"]]
    return (min(years), max(years)) if years else None


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
    modified = dates["modified"] or issued
    capacity = selectors.capacity_reach(publications)

    g = Graph()
    for prefix, ns in CONTEXT.items():
        g.bind(prefix, ns)
    cat = URIRef(base + "#catalogue")
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, _en(_("EU-Belong open data"))))
    g.add((cat, DCTERMS.description, _en(_(
        "Open data published by the regions of the network: their approved integration "
        "strategies, actions, indicators, budgets and capacity-building reach. Only what a "
        "region has published is included; never personal data, drafts or review notes."
    ))))  # fmt: skip
    publisher = _publisher(g, URIRef(base + "#publisher"), licence)
    g.add((cat, DCTERMS.publisher, publisher))
    homepage = URIRef(base)
    g.add((homepage, RDF.type, FOAF.Document))
    g.add((cat, FOAF.homepage, homepage))
    english = URIRef(AUTHORITY + "language/ENG")
    g.add((english, RDF.type, DCTERMS.LinguisticSystem))
    g.add((cat, DCTERMS.language, english))
    licence_uri = _licence(g, licence)
    g.add((cat, DCTERMS.license, licence_uri))
    g.add((cat, DCTERMS.issued, _datetime(issued)))
    g.add((cat, DCTERMS.modified, _datetime(modified)))
    places = _places(g, items)
    for place in places:
        g.add((cat, DCTERMS.spatial, place))
    g.add((THEMES, RDF.type, SKOS.ConceptScheme))
    g.add((THEMES, DCTERMS.title, _en("Data theme")))
    g.add((cat, DCAT.themeTaxonomy, THEMES))
    themes = [
        _concept(g, URIRef(f"{THEMES}/{c}"), label, THEMES) for c, label in THEME_LABELS.items()
    ]
    contact = _contact(g, licence)
    availability = _concept(
        g, URIRef(AUTHORITY + "planned-availability/STABLE"), "stable",
        URIRef(AUTHORITY + "planned-availability"),
    )  # fmt: skip

    for name, dataset in DATASETS.items():
        uri = URIRef(f"{base}#{name}")
        g.add((cat, DCAT.dataset, uri))
        g.add((uri, RDF.type, DCAT.Dataset))
        g.add((uri, DCTERMS.identifier, Literal(name)))
        g.add((uri, DCTERMS.title, _en(dataset.title)))
        g.add((uri, DCTERMS.description, _en(dataset.description)))
        g.add((uri, DCAT.contactPoint, contact))
        g.add((uri, DCTERMS.publisher, publisher))
        g.add((uri, DCTERMS.language, english))
        g.add((uri, DCAT.landingPage, homepage))
        g.add((uri, DCTERMS.issued, _datetime(issued)))
        g.add((uri, DCTERMS.modified, _datetime(modified)))
        for keyword in dataset.keywords:
            g.add((uri, DCAT.keyword, _en(keyword)))
        for theme in themes:
            g.add((uri, DCAT.theme, theme))
        for place in places:
            g.add((uri, DCTERMS.spatial, place))
        span = _years(items, name, capacity)
        if span:
            g.add((uri, DCTERMS.temporal, _period(g, *span)))
        dictionary = URIRef(f"{base}{name}/dictionary.json")
        g.add((dictionary, RDF.type, DCTERMS.Standard))
        g.add(
            (
                dictionary,
                DCTERMS.title,
                _en(_("Data dictionary of %(title)s") % {"title": dataset.title}),
            )
        )
        for fmt, file_type in FILE_TYPES.items():
            dist = URIRef(f"{base}{name}.{fmt}#distribution")
            download = URIRef(f"{base}{name}.{fmt}")
            g.add((uri, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCAT.accessURL, download))
            g.add((dist, DCAT.downloadURL, download))
            g.add((dist, DCTERMS.title, _en(f"{dataset.title} ({FORMAT_NAMES[fmt]})")))
            g.add((dist, DCTERMS.description, _en(_(
                "%(title)s as %(format)s, one header row of column names; see the data dictionary."
            ) % {"title": dataset.title, "format": FORMAT_NAMES[fmt]})))  # fmt: skip
            format_uri = URIRef(AUTHORITY + "file-type/" + file_type)
            g.add((format_uri, RDF.type, DCTERMS.MediaTypeOrExtent))
            g.add((dist, DCTERMS.format, format_uri))
            media = URIRef("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[fmt])
            g.add((media, RDF.type, DCTERMS.MediaType))
            g.add((dist, DCAT.mediaType, media))
            g.add((dist, DCTERMS.license, licence_uri))
            g.add((dist, DCATAP.availability, availability))
            g.add((dist, DCTERMS.conformsTo, dictionary))
            g.add((dist, DCTERMS.issued, _datetime(issued)))
            g.add((dist, DCTERMS.modified, _datetime(modified)))
    return g


def serialise(graph: Graph, fmt: str) -> bytes:
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=CONTEXT, indent=1).encode("utf-8")
    return graph.serialize(format="turtle").encode("utf-8")
