"""The notices the toolkit sends about workplans, their review and their discussion.

Stored parameters are plain: the workplan's name, a person's name, and what the notice is about
(`item`: a checklist item's number such as "2.3", or `action`: an action's title), written into
words in the reader's language when the notice is shown or mailed."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eubelong.notify.registry import NoticeKind, register_kind


def _target(params: dict) -> dict:
    if params.get("item"):
        return {"target": gettext("checklist item %(number)s") % {"number": params["item"]}}
    if params.get("action"):
        return {"target": gettext("action “%(title)s”") % {"title": params["action"]}}
    return {"target": gettext("the workplan")}


def _kind(key, title, **options):
    return register_kind(NoticeKind(key, title, localise=_target, **options))


_kind("workplan.ready", _("%(person)s marked %(workplan)s ready for submission"))
_kind("workplan.submit_asked", _("%(person)s asks you to submit %(workplan)s for review"))
_kind("workplan.submitted", _("%(person)s submitted %(workplan)s for review"))
_kind("workplan.withdrawn", _("%(person)s withdrew %(workplan)s from review"))
_kind("workplan.changes_requested", _("Changes requested on %(workplan)s"), urgent=True)
_kind("workplan.approved", _("%(workplan)s was approved"), urgent=True)
_kind("review.assigned", _("%(person)s asked you to review %(workplan)s"), urgent=True)
_kind("note.added", _("%(person)s left a review note on %(target)s of %(workplan)s"))
_kind("note.replied", _("%(person)s replied to a review note on %(target)s of %(workplan)s"))
_kind("note.resolved", _("%(person)s resolved a review note on %(target)s of %(workplan)s"))
_kind("note.reopened", _("%(person)s reopened a review note on %(target)s of %(workplan)s"))
_kind("comment.added", _("%(person)s commented on %(target)s of %(workplan)s"))
_kind("proposal.added", _("%(person)s proposed text for %(target)s of %(workplan)s"))
_kind("proposal.accepted", _("Your proposed text for %(target)s of %(workplan)s was accepted"))
_kind("proposal.dismissed", _("Your proposed text for %(target)s of %(workplan)s was dismissed"))
_kind("mention", _("%(person)s mentioned you on %(target)s of %(workplan)s"), urgent=True)
