"""The interface language a person picks follows them from browser to browser, and the messages
sent to them are written in it."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from eubelong.core.i18n import SESSION_KEY

from ..models import UserProfile


@require_POST
def set_language(request):
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language and check_for_language(language):
        UserProfile.objects.update_or_create(user=request.user, defaults={"language": language})
        request.session[SESSION_KEY] = language
    return response


@receiver(user_logged_in, dispatch_uid="regions_remember_language")
def _remember_language(sender, request, user, **kwargs):
    language = UserProfile.objects.filter(user=user).values_list("language", flat=True).first()
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = language


def saved_language(*, user=None, email: str = "") -> str | None:
    """The interface language a person saved (by account, or by the address of an active
    account), when it is one the platform offers; None otherwise. Messages sent to them use it."""
    if user is not None:
        rows = UserProfile.objects.filter(user=user)
    elif email:
        rows = UserProfile.objects.filter(user__email__iexact=email.strip(), user__is_active=True)
    else:
        return None
    offered = {code for code, _name in settings.LANGUAGES}
    for language in rows.exclude(language="").values_list("language", flat=True)[:5]:
        if language in offered:
            return language
    return None
