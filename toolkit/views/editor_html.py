"""Parts of the editor page written in Python: the progress section, the completeness badges of
the priority tabs and heading (and the pieces an autosave sends again out of band to replace
them), and a priority's actions table.

Through the template engine these were an include per figure and cell (five per priority, on
every editor view and every autosave from the editor) and a URL tag, two loops and a filter per
action. Every value is escaped; translations
are trusted text, as {% blocktranslate %} treats them. Translated strings are never written inside
an f-string, where makemessages cannot find them.
"""

from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eubelong.core import l10n
from eubelong.core.fasthtml import escape, label_of
from eubelong.core.fasturls import fast_reverse
from handbook.translation.lookup import translate_state

from ..models import ActionStatus, FundingSource
from .item_rows import content_text, translations_of

_OOB = ' data-hx-swap-oob="true"'


def _figure(value) -> str:
    return "—" if value is None else f"{l10n.count(value)}&nbsp;%"


def badge(where: str, number, value, *, oob=False) -> str:
    hidden = _("complete")
    return mark_safe(  # noqa: S308 - numbers and a translation
        f'<span class="badge" id="badge-{where}-{number}"{_OOB if oob else ""}>{_figure(value)}'
        f'<span class="visually-hidden"> {hidden}</span></span>'
    )


def _cell(number, value, *, oob=False) -> str:
    cell = f'<td id="progress-done-{number}"{_OOB if oob else ""}>{_figure(value)}</td>'
    return f"<template>{cell}</template>" if oob else cell


def _counted(counts) -> str:
    return "".join(
        f'<span class="badge">{escape(label)}: {l10n.count(count)}</span> '
        for _value, label, count in counts
        if count
    )


def _answers(number, counts, *, oob=False) -> str:
    cell = f'<td id="progress-answers-{number}"{_OOB if oob else ""}>{_counted(counts)}</td>'
    return f"<template>{cell}</template>" if oob else cell


def _total(value, *, oob=False) -> str:
    meter = ""
    if value is not None:
        meter = f' <meter min="0" max="100" value="{l10n.count(value)}" aria-hidden="true"></meter>'
    return (
        f'<span id="progress-total"{_OOB if oob else ""}><strong>{_figure(value)}</strong>'
        f"{meter}</span>"
    )


def progress_oob(progress: dict, priority_number) -> str:
    """What an autosave sends with its answer: every figure the save may have changed."""
    out = []
    for s in progress["sections"]:
        number = s["number"]
        out.append(badge("tab", number, s["completeness"], oob=True))
        if number == priority_number:
            out.append(badge("heading", number, s["completeness"], oob=True))
        out.append(_cell(number, s["completeness"], oob=True))
        out.append(_answers(number, s["status_counts"], oob=True))
    out.append(_total(progress["completeness"], oob=True))
    out.append(_cell("all", progress["completeness"], oob=True))
    out.append(_answers("all", progress["status_counts"], oob=True))
    return mark_safe("\n".join(out))  # noqa: S308 - built from escaped values above


def _table(caption: str, head: list[str], rows: list[str], foot: str = "", caption_id="") -> str:
    """A table in its scrolling box; with `caption_id` the box is a focusable region named by
    the caption (a wide table a keyboard must scroll)."""
    attrs = ""
    if caption_id:
        attrs = f' tabindex="0" role="region" aria-labelledby="{caption_id}"'
        caption_id = f' id="{caption_id}"'
    cols = "".join(head)
    return (
        f'<div class="table-scroll"{attrs}><table><caption{caption_id}>{caption}</caption>'
        f"<thead><tr>{cols}</tr></thead><tbody>{''.join(rows)}</tbody>{foot}</table></div>"
    )


def _priority_rows(request, editor) -> list[str]:
    rows = []
    for section in editor["sections"]:
        priority = section["priority"]
        number = priority.number
        actions = _counted(section["action_counts"]) or (
            "—" if not section["action_counts"] else ""
        )
        rows.append(
            f'<tr><th scope="row">{number}. {content_text(request, priority, "title")}</th>'
            f"{_cell(number, section['completeness'])}"
            f"{_answers(number, section['status_counts'])}"
            f'<td>{actions}</td><td class="num">{l10n.fixed(section["budget"]["total"])}</td></tr>'
        )
    return rows


def progress_section(request, editor: dict) -> str:
    """The progress section of the editor page."""
    th = '<th scope="col">{}</th>'.format
    explained = _(
        "How completeness is worked out: %(formula)s, as a percentage. Items marked not "
        "applicable are left out; a priority whose items are all not applicable shows “—”."
    ) % {"formula": escape(editor["formula"])}
    all_priorities = _("All priorities")
    foot = (
        f'<tfoot><tr><th scope="row">{all_priorities}</th>'
        f"{_cell('all', editor['completeness'])}{_answers('all', editor['status_counts'])}"
        f"<td>{_counted(editor['action_counts'])}</td>"
        f'<td class="num">{l10n.fixed(editor["budget"]["total"])}</td></tr></tfoot>'
    )
    heading, overall = _("Progress"), _("Overall completeness")
    parts = [
        '<section aria-labelledby="progress-heading" class="progress" id="progress">',
        f'<h2 id="progress-heading">{heading}</h2>',
        f'<p class="completeness-total">{overall}: {_total(editor["completeness"])}</p>',
        f'<p class="helptext">{explained}</p>',
        _table(
            _("Checklist and actions per priority"),
            [
                th(_("Priority")),
                th(_("Completeness")),
                th(_("Checklist answers")),
                th(_("Actions by status")),
                th(_("Budget (EUR)")),
            ],
            _priority_rows(request, editor),
            foot,
        ),
    ]
    budget = editor["budget"]
    if budget["rows"]:
        head = [th(_("Funding source"))]
        head += [th(_("Priority %(n)s") % {"n": s["priority"].number}) for s in editor["sections"]]
        head.append(th(_("Total")))
        rows = [
            f'<tr><th scope="row">{escape(label)}</th>'
            + "".join(
                f'<td class="num">{"" if amount is None else l10n.fixed(amount)}</td>'
                for amount in amounts
            )
            + f'<td class="num">{l10n.fixed(total)}</td></tr>'
            for label, amounts, total in budget["matrix"]
        ]
        parts.append(_table(_("Budget by funding source (EUR)"), head, rows))
    years = budget["years"]
    if years["rows"]:
        num = '<th scope="col" class="num">{}</th>'.format
        head = [th(_("Funding source"))] + [num(localize(y)) for y in years["years"]]
        head.append(num(_("Total")))
        rows = [
            f'<tr><th scope="row">{escape(label)}</th>'
            + "".join(f'<td class="num">{l10n.fixed(a) or "—"}</td>' for a in amounts)
            + f'<td class="num">{l10n.fixed(total)}</td></tr>'
            for label, amounts, total in years["rows"]
        ]
        totals = "".join(f'<td class="num">{l10n.fixed(t)}</td>' for t in years["totals"])
        all_sources = _("All sources")
        foot = f'<tfoot><tr><th scope="row">{all_sources}</th>{totals}<td></td></tr></tfoot>'
        parts.append(
            _table(
                _("Budget by year and funding source (EUR)"),
                head,
                rows,
                foot,
                caption_id="budget-years-caption",
            )
        )
    parts.append("</section>")
    return mark_safe("\n".join(parts))  # noqa: S308 - built from escaped values above


def _period(action) -> str:
    start, end = (
        l10n.short_date(day) if day else "—" for day in (action.start_date, action.end_date)
    )
    return f"{start} – {end}"


def _indicators(lang: str, action, url: str, can_edit: bool) -> str:
    shown = []
    for indicator in action.indicators.all():
        text = f'<span lang="{lang}">{escape(indicator.name)}</span>'
        if indicator.target is not None:
            target = _("target")
            text += (
                f" ({target} {l10n.number(indicator.target)} "
                f'<span lang="{lang}">{escape(indicator.unit)}</span>)'
            )
        shown.append(text)
    if shown:
        return "; ".join(shown)
    if not can_edit:
        return "—"
    add = _('Add an indicator<span class="visually-hidden"> to “%(title)s”</span>') % {
        "title": escape(action.title)
    }
    return f'<a href="{url}#add-indicator">{add}</a>'


def actions_table(request, region, workplan, section: dict, can_edit: bool) -> str:
    """A priority's actions as the editor lists them."""
    if not section["actions"]:
        none = _("No actions planned under this priority yet.")
        return mark_safe(f"<p>{none}</p>")  # noqa: S308 - a translation
    lang = escape(workplan.language)
    title, _state = translate_state(section["priority"], "title", cache=translations_of(request))
    th = '<th scope="col">{}</th>'.format
    head = "".join(
        th(label)
        for label in (
            _("Action"),
            _("Status"),
            _("Period"),
            _("Budget (EUR)"),
            _("Thematic areas"),
            _("Indicators"),
        )
    )
    rows = []
    for action in section["actions"]:
        url = escape(
            fast_reverse(
                "toolkit:action-edit",
                kwargs={"region": region.slug, "workplan": workplan.uuid, "action": action.uuid},
            )
        )
        based_on = ""
        if action.based_on_label:
            label = _("Based on %(label)s") % {"label": escape(action.based_on_label)}
            based_on = f'<br><span class="meta">{label}</span>'
        budget = "—"
        if action.budget is not None:
            source = escape(label_of(FundingSource, action.funding_source))
            budget = f'{l10n.money(action.budget)} <span class="meta">{source}</span>'
        areas = ", ".join(
            content_text(request, area, "title") for area in action.thematic_areas.all()
        )
        rows.append(
            f'<tr id="action-{action.uuid.hex}"><th scope="row"><a href="{url}" lang="{lang}">'
            f"{escape(action.title)}</a>{based_on}</th>"
            f"<td>{escape(label_of(ActionStatus, action.status))}</td><td>{_period(action)}</td>"
            f'<td class="num">{budget}</td><td>{areas or "—"}</td>'
            f"<td>{_indicators(lang, action, url, can_edit)}</td></tr>"
        )
    caption = _("Actions under %(title)s") % {"title": escape(title)}
    return mark_safe(  # noqa: S308 - built from escaped values above
        f'<div class="table-scroll"><table><caption class="visually-hidden">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
