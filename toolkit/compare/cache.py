"""What the comparison keeps between views: the network-wide registry panels (stakeholders by
sector, capacity-building reach) per set of regions and language, and the drill-down's matrix per
page of frozen snapshots, until something they show may have changed.

One generation number renews them all. It moves on every audited change (the services that
create, edit, import or delete stakeholders and capacity-building records, or rename a region,
all write an audit entry) and on any save or delete of those rows or of a translation of shared
text, now and again after the transaction commits, so a reader between the two cannot keep the
old figures.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from eubelong.core.generations import Generation

REGISTRY = Generation("compare:registry-generation")
bump_now_and_after_commit = REGISTRY.bump_now_and_after_commit
TIMEOUT = 60 * 60


def kept_matrix(srcs, number: int, evidence_url: str, build):
    """The drill-down's columns and rows for a page of sources, built once when every source is
    a snapshot (frozen: its answers never change). Keyed by the sources' regions and snapshots in
    page order, the priority, the evidence links' query and the language; region names and
    shared-text translations renew the generation. A page with a live draft is built each time."""
    if not srcs or any(src.is_draft for src in srcs):
        return build()
    ids = ";".join(f"{src.region.pk}:{src.snapshot_id}" for src in srcs)
    digest = hashlib.sha256(f"{ids}|{number}|{evidence_url}".encode()).hexdigest()[:32]
    key = f"compare:matrix:{REGISTRY.current()}:{get_language()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, TIMEOUT)
    return found


def kept(name: str, regions, build):
    """`build(regions)`, computed once per generation, language and exact set of regions (so
    two people who may compare different regions never share an entry)."""
    ids = ",".join(str(pk) for pk in sorted(r.pk for r in regions))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:32]
    key = f"compare:{name}:{REGISTRY.current()}:{get_language()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = build(regions)
        cache.set(key, found, TIMEOUT)
    return found
