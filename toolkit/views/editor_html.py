"""The editor's progress, written in Python: the progress section, the completeness badges of the
priority tabs and heading, and the pieces an autosave sends again out of band to replace them.

Through the template engine these were an include per figure and cell (five per priority, on
every editor view and every autosave from the editor). Every value is escaped; translations
are trusted text, as {% blocktranslate %} treats them.
"""

from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eubelong.core.fasthtml import escape
from eubelong.core.l10n import fixed

from .item_rows import content_text

_OOB = ' data-hx-swap-oob="true"'


def _figure(value) -> str:
    return "—" if value is None else f"{localize(value)}&nbsp;%"


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
        f'<span class="badge">{escape(label)}: {localize(count)}</span> '
        for _value, label, count in counts
        if count
    )


def _answers(number, counts, *, oob=False) -> str:
    cell = f'<td id="progress-answers-{number}"{_OOB if oob else ""}>{_counted(counts)}</td>'
    return f"<template>{cell}</template>" if oob else cell


def _total(value, *, oob=False) -> str:
    meter = ""
    if value is not None:
        meter = f' <meter min="0" max="100" value="{localize(value)}" aria-hidden="true"></meter>'
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


def _table(caption: str, head: list[str], rows: list[str], foot: str = "", **wrapper) -> str:
    attrs = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in wrapper.items())
    caption_id = ' id="budget-years-caption"' if wrapper else ""
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
            f'<td>{actions}</td><td class="num">{fixed(section["budget"]["total"])}</td></tr>'
        )
    return rows


def progress_section(request, editor: dict) -> str:
    """The progress section of the editor page."""
    th = '<th scope="col">{}</th>'.format
    explained = _(
        "How completeness is worked out: %(formula)s, as a percentage. Items marked not "
        "applicable are left out; a priority whose items are all not applicable shows “—”."
    ) % {"formula": escape(editor["formula"])}
    foot = (
        f'<tfoot><tr><th scope="row">{_("All priorities")}</th>'
        f"{_cell('all', editor['completeness'])}{_answers('all', editor['status_counts'])}"
        f"<td>{_counted(editor['action_counts'])}</td>"
        f'<td class="num">{fixed(editor["budget"]["total"])}</td></tr></tfoot>'
    )
    parts = [
        '<section aria-labelledby="progress-heading" class="progress" id="progress">',
        f'<h2 id="progress-heading">{_("Progress")}</h2>',
        f'<p class="completeness-total">{_("Overall completeness")}: '
        f"{_total(editor['completeness'])}</p>",
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
                f'<td class="num">{"" if amount is None else fixed(amount)}</td>'
                for amount in amounts
            )
            + f'<td class="num">{fixed(total)}</td></tr>'
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
            + "".join(f'<td class="num">{fixed(a) or "—"}</td>' for a in amounts)
            + f'<td class="num">{fixed(total)}</td></tr>'
            for label, amounts, total in years["rows"]
        ]
        totals = "".join(f'<td class="num">{fixed(t)}</td>' for t in years["totals"])
        foot = f'<tfoot><tr><th scope="row">{_("All sources")}</th>{totals}<td></td></tr></tfoot>'
        parts.append(
            _table(
                _("Budget by year and funding source (EUR)"),
                head,
                rows,
                foot,
                tabindex="0",
                role="region",
                aria_labelledby="budget-years-caption",
            )
        )
    parts.append("</section>")
    return mark_safe("\n".join(parts))  # noqa: S308 - built from escaped values above
