from functools import partial

from .selectors import unread_count


def notices(request):
    """The header's unread count: templates call it only when a page shows it (partials never
    do)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notices_unread": partial(unread_count, user)}
