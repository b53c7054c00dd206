"""Who may edit the network's shared content."""

import logging
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from regions.access import regions_for_user
from regions.models import Network

log = logging.getLogger(__name__)


def is_coordinator(user) -> bool:
    """Members of a network's coordinator group edit shared content; nobody else does."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_handbook_is_coordinator", None)
    if cached is None:
        cached = Network.objects.filter(coordinator_group__user=user).exists()
        user._handbook_is_coordinator = cached
    return cached


def coordinator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinated_regions(user):
    """Every region the user reviews as a network coordinator; a logged cross-region read."""
    regions = regions_for_user(user, "review_workplan")
    log.info("cross-region read of capacity building by user %s", user.pk)
    return regions
