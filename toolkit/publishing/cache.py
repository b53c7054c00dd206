"""One number that every cached public page, dataset and API answer is keyed by. Publishing,
withdrawing, accepting a report or changing the licence draws a new one, so nothing public
outlives the decision that made it public, in any process sharing the cache."""

from eubelong.core.generations import Generation

PUBLIC = Generation("publishing:generation")
generation = PUBLIC.current
bump = PUBLIC.bump
bump_now_and_after_commit = PUBLIC.bump_now_and_after_commit


def key(*parts) -> str:
    """A cache key under the current generation."""
    return ":".join(["public", generation(), *(str(p) for p in parts)])
