"""The editor's checklist rows, written in Python.

Forty checklist items a page, each a form of three fields with its links and counts: through the
template engine (an include, a URL tag, a translation tag and three field tags per item) this
loop was the largest part of the editor's time. The markup is that of
`toolkit/_autosave.html#item-form` in its plain state (no errors, no conflict), which the
autosave still renders for its answers; a test compares the two.
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eubelong.core.fasthtml import conditional_escape, escape
from handbook.templatetags.content_i18n import marked
from handbook.translation.lookup import translate_state

from ..templatetags.toolkit_tags import quick_field


def _item_text(request, item) -> str:
    """As {% translated item "text" %}: in the page's language, marked when it is not."""
    cache = getattr(request, "_content_translations", None)
    if cache is None:
        cache = request._content_translations = {}
    text, state = translate_state(item, "text", cache=cache)
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


def item_rows(request, region, workplan, rows) -> str:
    """One <li> per (response, form) of an editable workplan, as the editor lists them."""
    save = _("Save")
    language = workplan.language
    out = []
    for response, form in rows:
        hex_ = response.uuid.hex
        url = escape(
            reverse(
                "toolkit:item",
                kwargs={
                    "region": region.slug,
                    "workplan": workplan.uuid,
                    "response": response.uuid,
                },
            )
        )
        number = escape(response.item.number)
        notes = ""
        if response.review_notes:
            notes = render_to_string(
                "toolkit/_review_notes.html",
                {"response": response, "region": region, "workplan": workplan},
            )
        out.append(
            f'<li id="item-{hex_}-row"><form id="item-{hex_}" class="item-form" method="post" '
            f'novalidate action="{url}" data-hx-post="{url}" data-hx-trigger="change, submit" '
            f'data-hx-target="#state-{hex_}" data-hx-swap="innerHTML">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
            f'<input type="hidden" name="version" value="{escape(form["version"].value())}" '
            f'id="version-{hex_}">'
            f'<input type="hidden" name="base" value="{escape(form["base"].value() or "")}" '
            f'id="base-{hex_}">'
            f"<fieldset><legend>{number}. {_item_text(request, response.item)}</legend>"
            f'<div class="item-fields"><div>{quick_field(form["status"])}</div>'
            f"<div>{quick_field(form['evidence'], lang=language)}</div>"
            f"<div>{quick_field(form['link'])}</div></div></fieldset>"
            f'<p class="save-row"><button type="submit" class="button secondary">{save}'
            f'<span class="visually-hidden"> {number}</span></button>'
            f'<span id="state-{hex_}" class="save-state"></span></p></form>'
            f"{notes}{_counts(url, response)}</li>"
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)
