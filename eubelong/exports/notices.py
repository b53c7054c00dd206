"""Notices about exports: in-app only, as people usually wait for the document on screen."""

from django.utils.translation import gettext_lazy as _

from eubelong.notify.registry import NoticeKind, register_kind

register_kind(NoticeKind("export.ready", _("Your PDF “%(title)s” is ready"), email=False))
register_kind(NoticeKind("export.failed", _("Your PDF “%(title)s” could not be made"), email=False))
