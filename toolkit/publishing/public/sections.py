"""The priority sections of a public strategy page, written in Python.

A published strategy runs to hundreds of checklist items, actions and table rows; through the
template engine that page took about 30 ms to render, most of it node overhead. These
functions write the same HTML with the same escaping: text from the region is escaped, the
Approach goes through the Markdown renderer, and shared content missing a translation carries
its "(English)" marker (see handbook's `shared_text`).
"""

from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eubelong.core import l10n
from eubelong.core.fasthtml import escape
from eubelong.core.text import render_markdown
from handbook.templatetags.content_i18n import english_marked
from handbook.translation.lookup import EnglishText


class _Formats:
    """The page's numbers and dates, each formatted once: a strategy repeats the same amounts,
    values and dates many times, and the locale's formatting is the costly part of a cell."""

    def __init__(self):
        self.seen = {}
        # handbook's english_marked() around a placeholder, split once for the page.
        self.english = tuple(english_marked("\x00").split("\x00"))

    def _memo(self, kind, value, make):
        key = (kind, type(value), str(value))
        if key not in self.seen:
            self.seen[key] = make(value)
        return self.seen[key]

    def money(self, value):
        return self._memo("money", value, lambda v: escape(l10n.money(v, cents=False)))

    def num(self, value):
        return self._memo("num", value, lambda v: escape(l10n.number(v) or "—"))

    def pct(self, value):
        return self._memo("pct", value, lambda v: escape(l10n.percent(v, places=0) or "—"))

    def date(self, value):
        if not value:
            return "—"
        return self._memo(
            "date",
            value,
            lambda v: (
                f'<time datetime="{v.isoformat()}">{escape(date_format(v, "DATE_FORMAT"))}</time>'
            ),
        )

    def shared(self, text) -> str:
        """Shared content in the page's language; English, marked as such, when missing."""
        if isinstance(text, EnglishText):
            start, end = self.english
            return f"{start}{escape(text)}{end}"
        return escape(text)


def _checklist(items, lang_attr, words, n) -> str:
    out = [f"<h3>{words['checklist']}</h3>", '<ol class="checklist">']
    for item in items:
        status = escape(item["status"])
        out.append(
            f'<li value="{escape(item["number"])}"><span>{n.shared(item["text"])}</span>'
            f'<span class="badge status-{status}">{escape(item["status_label"])}</span>'
        )
        if item.get("evidence") or item.get("href"):
            out.append(
                f'<p class="evidence"><span class="evidence-label">{words["evidence"]}</span> '
            )
            if item.get("evidence"):
                out.append(f"<span{lang_attr}>{escape(item['evidence'])}</span>")
            if item.get("href"):
                out.append(
                    f' <a href="{escape(item["href"])}" rel="noopener noreferrer">'
                    f"{words['linked']}</a>"
                )
            out.append("</p>")
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def _facts(action, words, n) -> str:
    out = ['<dl class="facts">']
    if action.get("status_label"):
        out.append(f"<dt>{words['status']}</dt><dd>{escape(action['status_label'])}</dd>")
    if action["start"] or action["end"]:
        out.append(
            f"<dt>{words['dates']}</dt><dd>{n.date(action['start'])} – {n.date(action['end'])}</dd>"
        )
    out.append(f"<dt>{words['budget']}</dt><dd>{n.money(action['budget'])}</dd>")
    if action.get("lead_organisation"):
        out.append(f"<dt>{words['lead']}</dt><dd>{escape(action['lead_organisation'])}</dd>")
    if action.get("partner_organisations"):
        partners = ", ".join(escape(p) for p in action["partner_organisations"])
        out.append(f"<dt>{words['partners']}</dt><dd>{partners}</dd>")
    if action.get("thematic_areas"):
        areas = "; ".join(n.shared(t) for t in action["thematic_areas"])
        out.append(f"<dt>{words['areas']}</dt><dd>{areas}</dd>")
    out.append("</dl>")
    return "".join(out)


def _table(kind, uuid, caption, head, rows) -> str:
    return (
        f'<div class="table-scroll" role="region" aria-labelledby="{kind}-{uuid}" tabindex="0">'
        f'<table><caption id="{kind}-{uuid}">{caption}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _funding(action, uuid, words, n) -> str:
    rows = []
    for row in action["funding"]:
        year = f"{row['year']:d}" if row.get("year") else "—"
        rows.append(
            f"<tr><td>{year}</td><td>{escape(row['label'])}</td>"
            f'<td class="num">{n.money(row["amount"])}</td></tr>'
        )
    for row in action.get("spent") or ():
        rows.append(
            f"<tr><td>{row['period']:d}</td><td>{words['spent']}</td>"
            f'<td class="num">{n.money(row["amount"])}</td></tr>'
        )
    return _table("funding", uuid, words["funding"], words["funding_head"], "".join(rows))


def _indicators(action, uuid, lang_attr, words, n) -> str:
    rows = []
    for i in action["indicators"]:
        unit = (
            f' <span class="meta"{lang_attr}>({escape(i["unit"])})</span>' if i.get("unit") else ""
        )
        cells = "".join(f'<td class="num">{n.num(v)}</td>' for v in i["by_period"])
        rows.append(
            f'<tr><th scope="row"><span{lang_attr}>{escape(i["name"])}</span>{unit}</th>'
            f'<td class="num">{n.num(i["baseline"])}</td><td class="num">{n.num(i["target"])}</td>'
            f"{cells}</tr>"
        )
    return _table("indicators", uuid, words["indicators"], words["indicators_head"], "".join(rows))


def _action(action, lang_attr, words, n) -> str:
    uuid = escape(action["uuid"])
    out = [
        f'<article class="action" aria-labelledby="action-{uuid}">',
        f'<h4 id="action-{uuid}"{lang_attr}>{escape(action["title"])}</h4>',
    ]
    if action.get("objective"):
        out.append(f"<p{lang_attr}>{escape(action['objective'])}</p>")
    out.append(_facts(action, words, n))
    if action.get("funding"):
        out.append(_funding(action, uuid, words, n))
    if action.get("indicators"):
        out.append(_indicators(action, uuid, lang_attr, words, n))
    out.append("</article>")
    return "".join(out)


def _words(periods) -> dict:
    """The page's fixed words, translated once (trusted text, as {% translate %} treats it)."""
    t = {
        "checklist": _("Checklist"),
        "evidence": _("Evidence:"),
        "linked": _("linked document"),
        "status": _("Status"),
        "dates": _("Dates"),
        "budget": _("Budget"),
        "lead": _("Lead organisation"),
        "partners": _("Partner organisations"),
        "areas": _("Thematic areas"),
        "funding": _("Funding by year and source"),
        "spent": _("Spent (reported)"),
        "indicators": _("Indicators"),
        "approach": _("Approach"),
        "actions": _("Actions"),
        "no_actions": _("No action is planned under this priority."),
    }
    words = dict(t)
    # Translations outside the f-strings, where makemessages finds them.
    year, fund, amount = _("Year"), _("Fund"), _("Amount")
    words["funding_head"] = (
        f'<th scope="col">{year}</th><th scope="col">{fund}</th>'
        f'<th scope="col" class="num">{amount}</th>'
    )
    reported_in = _("Reported %(year)s")
    reported = "".join(
        f'<th scope="col" class="num">{reported_in % {"year": f"{period:d}"}}</th>'
        for period in periods
    )
    indicator, baseline, target = _("Indicator"), _("Baseline"), _("Target")
    words["indicators_head"] = (
        f'<th scope="col">{indicator}</th>'
        f'<th scope="col" class="num">{baseline}</th>'
        f'<th scope="col" class="num">{target}</th>{reported}'
    )
    return words


def priority_sections(data: dict, priorities: list[dict]) -> str:
    """Every priority of a published strategy: approach, checklist and actions with their
    funding and indicator tables (one <section> each)."""
    lang_attr = f' lang="{escape(data["language"])}"'
    words = _words(data["periods"])
    n = _Formats()
    out = []
    for p in priorities:
        number = escape(p["number"])
        heading = _("Priority %(number)s:") % {"number": number}
        meta = _("Completeness %(completeness)s · budget %(budget)s") % {
            "completeness": n.pct(p["completeness"]),
            "budget": n.money(p["budget"]),
        }
        out.append(
            f'<section aria-labelledby="priority-{number}" class="priority">'
            f'<h2 id="priority-{number}">{heading} {n.shared(p["title"])}</h2>'
            f'<p class="meta">{meta}</p>'
        )
        if p.get("summary"):
            out.append(
                f"<h3>{words['approach']}</h3>"
                f'<div class="prose"{lang_attr}>{render_markdown(p["summary"])}</div>'
            )
        if p["items"]:
            out.append(_checklist(p["items"], lang_attr, words, n))
        out.append(f"<h3>{words['actions']}</h3>")
        if p["actions"]:
            out.extend(_action(a, lang_attr, words, n) for a in p["actions"])
        else:
            out.append(f"<p>{words['no_actions']}</p>")
        out.append("</section>")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)
