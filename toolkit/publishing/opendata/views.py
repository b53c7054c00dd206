"""The open-data catalogue: a page for people, the datasets as files on stable URLs, their data
dictionaries, and the DCAT-AP catalogue. Read without signing in.

Built bytes are cached under the publishing generation, so publishing or withdrawing a strategy
changes every file at once. Each process also holds the few files it served last, with their
hash, under the same keys: a file of a megabyte is then neither copied out of the shared cache
nor hashed again on every request."""

import hashlib
import threading
import time
from collections import OrderedDict

from django.core.cache import cache as django_cache
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .. import cache
from .. import selectors as core
from . import datasets, dcat, formats, selectors
from .columns import DATASETS, Dataset

TIMEOUT = 60 * 60
CATALOGUE_TYPES = {"jsonld": "application/ld+json", "ttl": "text/turtle; charset=utf-8"}


# key (under the publishing generation) -> (monotonic time kept, {"body", "modified", "etag"}),
# newest last; no older than the shared cache's entries.
_SERVED: OrderedDict = OrderedDict()
_SERVED_LOCK = threading.Lock()
SERVED_FILES = 16


def _cached(key: str, build) -> dict:
    kept = _SERVED.get(key)
    if kept is not None and time.monotonic() - kept[0] < TIMEOUT:
        return kept[1]
    found = django_cache.get(key)
    if found is None:
        found = _tagged(build())
        django_cache.set(key, found, TIMEOUT)
    found = _tagged(found)  # kept by an earlier release, without its tag
    with _SERVED_LOCK:
        _SERVED[key] = (time.monotonic(), found)
        while len(_SERVED) > SERVED_FILES:
            _SERVED.popitem(last=False)
    return found


def _tagged(found: dict) -> dict:
    """A file with its tag. Harvesters ask again and again; an unchanged file costs them a
    header, not the file. The tag is the content's hash: an accepted report or a new licence
    changes the file without a new publication date, so the date alone cannot say "unchanged"."""
    if "body" not in found or "etag" in found:
        return found
    return {**found, "etag": '"' + hashlib.sha256(found["body"]).hexdigest()[:32] + '"'}


def _respond(request, found: dict, content_type: str, filename: str, attachment: bool):
    etag = found["etag"]
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(found["body"], content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    response["ETag"] = etag
    if found["modified"] is not None:
        response["Last-Modified"] = http_date(found["modified"].timestamp())
    return response


def _dataset_or_404(name: str) -> Dataset:
    if name not in DATASETS:
        raise Http404
    return DATASETS[name]


@require_safe
def distribution(request, name: str, fmt: str):
    _dataset_or_404(name)
    if fmt not in formats.FORMATS:
        raise Http404

    def build():
        with translation.override("en"):
            built = datasets.build(name)
            body = formats.render(built, fmt, datasets.dictionary(name))
        return {"body": body, "modified": built["modified"]}

    found = _cached(cache.key("dataset", name, fmt), build)
    return _respond(request, found, formats.FORMATS[fmt], f"eubelong-{name}.{fmt}", fmt != "json")


@require_safe
def dictionary(request, name: str):
    dataset = _dataset_or_404(name)
    language = translation.get_language()

    def build():
        return {
            "dataset": name,
            "title": str(dataset.title),
            "language": language,
            "columns": datasets.dictionary(name),
        }

    payload = _cached(cache.key("dataset", name, "dictionary", language), build)
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Cache-Control"] = "public, max-age=300"
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def _base(request) -> str:
    return request.build_absolute_uri(reverse("opendata:index"))


@require_safe
def catalogue(request, fmt: str):
    if fmt not in CATALOGUE_TYPES:
        raise Http404
    base = _base(request)
    site = hashlib.sha256(base.encode()).hexdigest()[:12]

    def build():
        graph = dcat.catalogue(base)
        return {
            "body": dcat.serialise(graph, fmt),
            "modified": selectors.publication_dates()["modified"],
        }

    found = _cached(cache.key("catalogue", fmt, site), build)
    return _respond(request, found, CATALOGUE_TYPES[fmt], f"eubelong-catalogue.{fmt}", False)


@require_safe
def index(request):
    publications = core.live_publications()
    network = selectors.catalogue_network(publications)
    entries = [
        {
            "name": name,
            "title": dataset.title,
            "description": dataset.description,
            "columns": datasets.dictionary(name),
            "downloads": [
                (fmt, reverse("opendata:distribution", args=[name, fmt]))
                for fmt in ("csv", "xlsx", "json")
            ],
            "dictionary_url": reverse("opendata:dictionary", args=[name]),
        }
        for name, dataset in DATASETS.items()
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": entries,
            "licence": core.licence_of(network) if network else None,
            "modified": selectors.publication_dates()["modified"],
            "regions": sorted({p.region.name for p in publications}),
        },
    )
