"""Bar charts of the public pages, written in Python: a region's progress chart has a bar and a
table row per indicator, which through a template include cost more than the rest of the page.

Each bar is drawn by a one-rect SVG (no inline style, so the page's CSP holds), and the chart's
data follows as a table for screen readers and anyone who wants the figures.
"""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eubelong.core import l10n
from eubelong.core.fasthtml import escape as _e


def bar_figure(*, chart_id, title, bars, money, label_heading, value_heading, label_lang=""):
    """`bars` from figures.bars() or share_bars(); amounts in euro when `money`, else shares on
    a 0-100 scale."""
    chart_id, title = _e(chart_id), _e(title)
    lang = f' lang="{_e(label_lang)}"' if label_lang else ""

    def value(bar):
        if money:
            return _e(l10n.money(bar["value"], cents=False))
        return _e(l10n.percent(bar["value"], places=0) or "—")

    rows = [(_e(bar["label"]), value(bar), _e(bar["width"])) for bar in bars]
    items = "".join(
        f'<li><span class="bar-label"{lang}>{label}</span><span class="bar-value">{shown}</span>'
        '<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false"><rect x="0" y="0" height="1" width="{width}"/></svg></li>'
        for label, shown, width in rows
    )
    cells = "".join(
        f'<tr><th scope="row"{lang}>{label}</th><td class="num">{shown}</td></tr>'
        for label, shown, _width in rows
    )
    caption = _("Data: %(title)s") % {"title": title}
    show_table = _("Show the data as a table")
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<figure class="bar-figure" aria-labelledby="{chart_id}-title">'
        f'<figcaption id="{chart_id}-title" class="bar-title">{title}</figcaption>'
        f'<ul class="bar-chart">{items}</ul>'
        f'<details class="chart-data"><summary>{show_table}</summary>'
        f'<div class="table-scroll" role="region" aria-labelledby="{chart_id}-caption" '
        f'tabindex="0"><table><caption id="{chart_id}-caption">{caption}</caption>'
        f'<thead><tr><th scope="col">{_e(label_heading)}</th>'
        f'<th scope="col" class="num">{_e(value_heading)}</th></tr></thead>'
        f"<tbody>{cells}</tbody></table></div></details></figure>"
    )
