"""The editor's checklist rows, written in Python.

Forty checklist items a page, each a form of three fields with its links and counts: through the
template engine (an include, a URL tag, a translation tag and three field tags per item) this
loop was the largest part of the editor's time. The markup is that of
`toolkit/_autosave.html#item-form` in its plain state (no errors, no conflict), which the
autosave still renders for its answers; a test compares the two.

The priority's summary form ("our approach") is written the same way, as
`toolkit/_autosave.html#summary-form` writes it in its plain state.

Each row is kept in the cache under a digest of everything it shows (the answer, its version,
the item's text in the page's language, the counts, the language), so an unchanged row costs a
cache read and no form; the CSRF token is put in per request. A row with open review notes is
written every time.
"""

import hashlib
from contextlib import suppress

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from eubelong.core.fasthtml import CSRF_STAND_IN, conditional_escape, escape, with_token
from eubelong.core.fasturls import fast_reverse
from handbook.templatetags.content_i18n import marked
from handbook.translation.lookup import translate_state

from ..templatetags.toolkit_tags import control_html, quick_field
from .common import response_form

ROW_TIMEOUT = 60 * 60
# Changes with the rows' markup, so a new release never serves an old row.
ROW_MARKUP = "1"


def translations_of(request) -> dict:
    """The shared-content translations a page has read, kept on its request as
    {% translated %} keeps them."""
    cache = getattr(request, "_content_translations", None)
    if cache is None:
        cache = request._content_translations = {}
    return cache


def content_text(request, obj, field: str) -> str:
    """As {% translated obj field %}: in the page's language, marked when it is not."""
    text, state = translate_state(obj, field, cache=translations_of(request))
    return conditional_escape(marked(text, state))


def _counts(url: str, response) -> str:
    comments = ngettext("%(n)s comment", "%(n)s comments", response.comment_count) % {
        "n": localize(response.comment_count)
    }
    # Translations are trusted text, as {% blocktranslate %} treats them.
    out = f'<p class="meta"><a href="{url}">{comments}</a>'
    if response.open_comments:
        open_ = ngettext(
            "%(n)s open proposal or review note",
            "%(n)s open proposals or review notes",
            response.open_comments,
        ) % {"n": localize(response.open_comments)}
        out += f" · <strong>{open_}</strong>"
    return out + "</p>"


def item_rows(request, region, workplan, responses) -> str:
    """One <li> per response of an editable workplan, as the editor lists them."""
    parts = [get_language(), workplan.language, region.slug, str(workplan.uuid)]
    keys, texts = {}, {}
    for response in responses:
        texts[response.pk] = text = content_text(request, response.item, "text")
        if response.review_notes:
            continue
        ident = "\x1f".join(
            [
                ROW_MARKUP,
                *parts,
                response.uuid.hex,
                str(response.version),
                response.status,
                response.evidence,
                response.link,
                str(response.comment_count),
                str(response.open_comments),
                str(response.item.number),
                text,
            ]
        )
        keys[response.pk] = "toolkit:row:" + hashlib.sha256(ident.encode()).hexdigest()[:40]
    try:
        found = cache.get_many(keys.values()) if keys else {}
    except Exception:  # noqa: BLE001 - the cache only saves time
        found = {}
    out, new = [], {}
    for response in responses:
        key = keys.get(response.pk)
        row = found.get(key) if key else None
        if row is None:
            row = _row(request, region, workplan, response, texts[response.pk])
            if key:
                new[key] = row
        out.append(row)
    if new:
        with suppress(Exception):
            cache.set_many(new, ROW_TIMEOUT)
    html = with_token(request, "".join(out))
    return mark_safe(html)  # noqa: S308 (every value in a row is escaped)


def _row(request, region, workplan, response, text) -> str:
    form = response_form(response)
    hex_ = response.uuid.hex
    save = _("Save")
    url = escape(
        reverse(
            "toolkit:item",
            kwargs={"region": region.slug, "workplan": workplan.uuid, "response": response.uuid},
        )
    )
    number = escape(response.item.number)
    notes = ""
    if response.review_notes:
        notes = render_to_string(
            "toolkit/_review_notes.html",
            {"response": response, "region": region, "workplan": workplan},
        )
    return (
        f'<li id="item-{hex_}-row"><form id="item-{hex_}" class="item-form" method="post" '
        f'novalidate action="{url}" data-hx-post="{url}" data-hx-trigger="change, submit" '
        f'data-hx-target="#state-{hex_}" data-hx-swap="innerHTML">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_STAND_IN}">'
        f'<input type="hidden" name="version" value="{escape(form["version"].value())}" '
        f'id="version-{hex_}">'
        f'<input type="hidden" name="base" value="{escape(form["base"].value() or "")}" '
        f'id="base-{hex_}">'
        f"<fieldset><legend>{number}. {text}</legend>"
        f'<div class="item-fields"><div>{quick_field(form["status"])}</div>'
        f"<div>{quick_field(form['evidence'], lang=workplan.language)}</div>"
        f"<div>{quick_field(form['link'])}</div></div></fieldset>"
        f'<p class="save-row"><button type="submit" class="button secondary">{save}'
        f'<span class="visually-hidden"> {number}</span></button>'
        f'<span id="state-{hex_}" class="save-state"></span></p></form>'
        f"{notes}{_counts(url, response)}</li>"
    )


def summary_form_html(request, region, workplan, summary, form) -> str:
    """The priority's summary form as the editor shows it (no errors, no conflict)."""
    hex_ = summary.uuid.hex
    url = escape(
        fast_reverse(
            "toolkit:priority-save",
            kwargs={"region": region.slug, "workplan": workplan.uuid, "summary": summary.uuid},
        )
    )
    bound = form["summary"]
    label = str(bound.label)
    if bound.marks_optional():
        optional = _("(optional)")
        label = f"{label} {optional}"
    if form.label_suffix and label[-1] not in ":?.!":
        label += form.label_suffix
    auto_id = escape(bound.auto_id)
    save = _("Save approach")
    html = (
        f'<form id="summary-{hex_}" class="summary-form" method="post" novalidate '
        f'action="{url}" data-hx-post="{url}" data-hx-trigger="change, submit" '
        f'data-hx-target="#state-{hex_}" data-hx-swap="innerHTML">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_STAND_IN}">'
        f'<input type="hidden" name="version" value="{escape(form["version"].value())}" '
        f'id="version-{hex_}">'
        f'<div><label for="{auto_id}">{conditional_escape(label)}</label>'
        f'<span lang="{escape(workplan.language)}">{control_html(bound)}</span>'
        f'<span class="helptext" id="{auto_id}_helptext">{conditional_escape(bound.help_text)}'
        f'</span></div><p class="save-row"><button type="submit" class="button secondary">'
        f'{save}</button><span id="state-{hex_}" class="save-state"></span></p></form>'
    )
    return mark_safe(with_token(request, html))  # noqa: S308 (every value in it is escaped)
