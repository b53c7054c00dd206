from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "eubelong.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self):
        # The mail tasks are registered in every process that sends notices.
        from . import tasks  # noqa: F401

        # Each app registers the kinds of notice it sends there.
        autodiscover_modules("notices")

        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from .selectors import forget_unread_of

        # Roles are groups: when a person's groups change, so may the regions whose notices
        # they can read, and the cached unread count with them.
        def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
            if action in {"post_add", "post_remove", "post_clear"}:
                forget_unread_of([instance.pk] if not reverse else list(pk_set or []))

        # Held strongly: the handler is local to this method, so a weak reference (the
        # default) would let the garbage collector drop it in a long-running process.
        m2m_changed.connect(
            _groups_changed,
            sender=get_user_model().groups.through,
            dispatch_uid="notify.groups_changed",
            weak=False,
        )
