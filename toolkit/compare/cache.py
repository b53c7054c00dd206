"""The network-wide registry panels of the comparison (stakeholders by sector, capacity-building
reach), kept per set of regions and language until something they count may have changed.

One generation number renews them all. It moves on every audited change (the services that
create, edit, import or delete stakeholders and capacity-building records, or rename a region,
all write an audit entry) and on any save or delete of those rows, now and again after the
transaction commits, so a reader between the two cannot keep the old figures.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from eubelong.core.generations import Generation

REGISTRY = Generation("compare:registry-generation")
bump_now_and_after_commit = REGISTRY.bump_now_and_after_commit
TIMEOUT = 60 * 60


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
