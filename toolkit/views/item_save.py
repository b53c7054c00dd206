"""Saving one checklist answer: saved, merged with what someone else saved meanwhile, or put
back to the person with only the fields both changed and a choice for each."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from eubelong.core.locking import ConflictError, conflict_rows, save_merging

from .. import selectors, services
from ..forms import ResponseForm, read_fingerprint, saved_field
from .common import editor_url, response_form
from .editor_html import progress_oob

FIELDS = tuple(ResponseForm._meta.fields)
KEEP_MINE, USE_THEIRS = "mine", "theirs"


def _choices(post) -> tuple[dict, list[str]]:
    """The keep-mine / use-theirs answers for the fields last put to the person, and the
    fields still without one."""
    chosen, missing = {}, []
    for name in dict.fromkeys(post.getlist("clash")):
        if name not in FIELDS:
            continue
        choice = post.get(f"keep_{name}")
        if choice in (KEEP_MINE, USE_THEIRS):
            chosen[name] = choice
        else:
            missing.append(name)
    return chosen, missing


def item_save(request, region, workplan, response):
    """Handle the POST; returns a response, or the context of the item page to show again
    (with its status) when there is no htmx to answer."""
    form = ResponseForm(request.POST, instance=response, auto_id=f"id_%s_{response.uuid.hex}")
    stored = {name: getattr(response, name) for name in FIELDS}
    conflict, clashes, missing = None, [], []
    if form.is_valid():
        for name, value in stored.items():
            setattr(response, name, value)
        data = {name: form.cleaned_data[name] for name in FIELDS}
        chosen, missing = _choices(request.POST)
        for name, choice in chosen.items():
            if choice == USE_THEIRS:
                data[name] = stored[name]
        if missing:
            conflict, clashes = response, [*chosen, *missing]
        else:
            outcome = _save(request, response, form, data)
            if outcome.clashes:
                conflict, clashes = outcome.current, outcome.clashes
                form.data = form.data.copy()
                form.data["version"] = conflict.version
                form.data["base"] = read_fingerprint(conflict)
            else:
                theirs = USE_THEIRS in chosen.values()
                return _saved(request, region, workplan, response, outcome, theirs)
    context = {
        "region": region,
        "workplan": workplan,
        "response": response,
        "form": form,
        "conflict": conflict,
        "conflict_rows": _clash_rows(request, form, conflict, clashes),
        "missing_choice": bool(missing),
        "can_edit": True,
    }
    if request.htmx:
        reply = render(request, "toolkit/_autosave.html#item-form", context)
        return reswap(retarget(reply, f"#item-{response.uuid.hex}"), "outerHTML")
    return context, 409 if conflict else 400


def _clash_rows(request, form, conflict, clashes) -> list[tuple]:
    """(field name, label, stored, typed, choice so far) of each field both people changed."""
    if conflict is None:
        return []
    names = [n for n, f in form.fields.items() if n in clashes and not f.widget.is_hidden]
    rows = conflict_rows(form, conflict, saved=saved_field, only=clashes)
    return [
        (name, *row, request.POST.get(f"keep_{name}", ""))
        for name, row in zip(names, rows, strict=True)
    ]


def _save(request, response, form, data):
    def save(version, values, current):
        if current is not None:  # the history row records what is replaced
            for name in FIELDS:
                setattr(response, name, getattr(current, name))
        services.response_update(response=response, by=request.user, version=version, data=values)

    try:
        return save_merging(
            save,
            version=form.cleaned_data["version"],
            data=data,
            base=form.cleaned_data["base"],
            fields=FIELDS,
        )
    except ConflictError:  # deleted meanwhile
        raise Http404 from None


def _saved(request, region, workplan, response, outcome, theirs):
    merged = outcome.merged_with
    if request.htmx and merged is None and not theirs:
        context = {
            "obj": response,
            "version": response.version,
            "base": read_fingerprint(response),
            **_progress(request, region, workplan, response),
        }
        return render(request, "toolkit/_autosave.html#saved", context)
    if request.htmx:
        # The page still shows the fields someone else changed as they were: show them now.
        form = response_form(response)
        context = {
            "region": region,
            "workplan": workplan,
            "response": response,
            "form": form,
            "merged_with": merged,
            "saved_now": True,
            "merged_fields": [str(form.fields[name].label) for name in outcome.taken],
            "can_edit": True,
            **_progress(request, region, workplan, response),
        }
        reply = render(request, "toolkit/_autosave.html#item-form", context)
        return reswap(retarget(reply, f"#item-{response.uuid.hex}"), "outerHTML")
    if merged is not None:
        messages.success(
            request, _("Checklist item saved, together with changes someone else made.")
        )
    else:
        messages.success(request, _("Checklist item saved."))
    anchor = f"item-{response.uuid.hex}"
    return redirect(editor_url(region, workplan, anchor, response.item.priority))


def _progress(request, region, workplan, response) -> dict:
    """The editor's completeness figures, when the save came from the editor page that shows
    them (the item page has none)."""
    if urlsplit(request.htmx.current_url or "").path != editor_url(region, workplan):
        return {}
    progress = selectors.checklist_progress(workplan)
    return {"progress_oob": progress_oob(progress, response.item.priority.number)}
