"""What the handbook's edit pages share: the versioned edit page with its conflict answer, and the
history page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows

from .. import selectors

EDIT_METHODS = ["GET", "HEAD", "POST"]


def edit_page(
    request,
    *,
    obj,
    form_class,
    save,
    context,
    success_url,
    template="handbook/edit.html",
    message=None,
):
    """The edit page of anything versioned: form, optimistic lock, conflict answer."""
    conflict = None
    rows = []
    if request.method == "POST":
        # A fresh instance, so the service still sees the saved values as "before".
        form = form_class(request.POST, request.FILES, instance=type(obj).objects.get(pk=obj.pk))
        if form.is_valid():
            try:
                save(form)
            except ConflictError as error:
                conflict = conflict_keep(form, error)
                rows = conflict_rows(form, conflict)
            else:
                messages.success(request, message or _("Saved."))
                return redirect(success_url)
    else:
        form = form_class(instance=obj, initial={"version": obj.version})
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    return render(
        request,
        template,
        {"form": form, "conflict": conflict, "conflict_rows": rows, "object": obj} | context,
        status=status,
    )


def history_page(request, *, obj, title, back_url):
    revisions = list(selectors.history(obj))
    model = type(obj)
    labels = {}
    for field in model._meta.get_fields():
        labels[field.name] = getattr(field, "verbose_name", field.name)
    labels.setdefault("material", _("material"))
    rows = [
        {
            "revision": revision,
            "changes": [
                (str(labels.get(key, key)).capitalize(), before, after)
                for key, before, after in revision.changes()
            ],
        }
        for revision in revisions
    ]
    return render(
        request,
        "handbook/history.html",
        {"title": title, "back_url": back_url, "rows": rows, "object": obj},
    )
