"""What the comparison keeps between views: the filters' choices, the regions a person may
compare, the network-wide registry panels (stakeholders by sector, capacity-building reach) per set of regions and
language, the drill-down's matrix per page of frozen snapshots, and the rendered results of the
dashboard and the drill-down when they show submitted workplans only, until something they show
may have changed.

One generation number renews them all. It moves on every audited change (submissions, reviews,
withdrawals, template edits, and the services that create, edit, import or delete stakeholders
and capacity-building records, or rename a region, all write an audit entry) and on any save or
delete of those rows, of snapshots, workplans, sharing settings, translations of shared text,
thematic areas, cycles, templates and priorities, now and again after the transaction commits, so a reader between the two cannot keep the old
figures. Autosaves in drafts write no audit entry: they never reach what is kept here.
"""

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from eubelong.core.generations import Generation
from regions.access import is_coordinator

REGISTRY = Generation("compare:registry-generation")
bump_now_and_after_commit = REGISTRY.bump_now_and_after_commit


def kept_matrix(srcs, number: int, evidence_url: str, build):
    """The drill-down's columns and rows for a page of sources, built once when every source is
    a snapshot (frozen: its answers never change). Keyed by the sources' regions and snapshots in
    page order, the priority, the evidence links' query and the language; region names and
    shared-text translations renew the generation. A page with a live draft is built each time."""
    if not srcs or any(src.is_draft for src in srcs):
        return build()
    ids = ";".join(f"{src.region.pk}:{src.snapshot_id}" for src in srcs)
    return REGISTRY.kept("compare:matrix", [get_language(), ids, str(number), evidence_url], build)


def _ids(pks) -> str:
    return ",".join(str(pk) for pk in sorted(pks))


def kept(name: str, regions, build):
    """`build(regions)`, computed once per generation, language and exact set of regions (so
    two people who may compare different regions never share an entry)."""
    parts = [get_language(), _ids(r.pk for r in regions)]
    return REGISTRY.kept(f"compare:{name}", parts, lambda: build(regions))


def kept_choices(language: str, build):
    """`build()`, the comparison filters' choices of cycles, priorities and thematic areas, once
    per generation and language (templates, areas and cycles renew the generation)."""
    return REGISTRY.kept("compare:choices", [language], build, in_process=True)


def kept_scope(readable_ids, build):
    """`build()`, the regions a person may compare and those they read in full, once per
    generation and exact set of regions the person holds a role in: the rule depends on nothing
    else (their networks and the sharing settings renew the generation)."""
    return REGISTRY.kept("compare:scope", [_ids(readable_ids)], build, in_process=True)


# What a results key may hold of the query: anything else is built every time, so odd links
# cannot fill the cache.
QUERY_KEYS = frozenset({"cycle", "country", "priority", "area", "regions", "page"})
MAX_QUERY = 400


def kept_results(request, name: str, scope, filters, build) -> tuple[str, list[str]]:
    """The rendered results of a comparison page and the slugs of the regions they show
    (`build()`), kept when they cite submitted workplans only. Keyed by the page, the whole
    query (the links carry it), the language, the regions in scope, the regions the reader may
    read in full and whether they review (both decide the links): two readers share an entry
    only when they would see the same page."""
    if (
        filters.drafts
        or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY
        or not set(request.GET) <= QUERY_KEYS
    ):
        return build()

    def built():
        html, read = build()
        return str(html), list(read)

    parts = [
        name,
        get_language(),
        request.GET.urlencode(),
        ",".join(str(r.pk) for r in scope.regions),
        _ids(scope.readable),
        "r" if is_coordinator(request.user) else "",
    ]
    html, read = REGISTRY.kept("compare:results", parts, built)
    return mark_safe(html), read  # noqa: S308 (rendered by the template engine)
