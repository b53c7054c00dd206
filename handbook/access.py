"""Cross-region reads of capacity building for network coordinators."""

import logging

from regions.access import regions_for_user

log = logging.getLogger(__name__)


def coordinated_regions(user):
    """Every region the user reviews as a network coordinator; a logged cross-region read."""
    regions = regions_for_user(user, "review_workplan")
    log.info("cross-region read of capacity building by user %s", user.pk)
    return regions
