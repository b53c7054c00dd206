"""Server-rendered SVG charts with a title, a text summary and the data table they draw.

Every chart is a `Chart`: `svg` is safe markup for inline use (no scripts, no style attributes,
only SVG presentation attributes), `columns`/`rows` are the same numbers as a table. Colours come
from a colour-blind-safe palette, every series also has its own fill pattern and every value is
printed, so nothing depends on colour alone. See docs/compare.md.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from eubelong.core import l10n

# Okabe–Ito colours; each pairs with a hatch so print and colour-blind readers can tell them apart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#555555"]
HATCHES = ["", "M0,6 L6,0", "M0,0 L6,6", "M3,0 L3,6", "M0,3 L6,3", "M0,6 L6,0 M0,0 L6,6"]
# Sequential blues for 0–100; text colour chosen per step for AA contrast.
HEAT = [
    ("#eff3ff", "#1b1f24"),
    ("#c6dbef", "#1b1f24"),
    ("#6baed6", "#1b1f24"),
    ("#2171b5", "#ffffff"),
    ("#08306b", "#ffffff"),
]

WIDTH = 640
LABEL_W = 170
ROW_H = 26
BAR_H = 18
TOP = 8


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    svg: SafeString
    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    # Why there is nothing to draw, in a sentence; pages show it instead of an empty chart.
    empty: str = ""
    # Per row, where its region's name leads ("" for nowhere); set by the caller.
    links: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[tuple[str, object, list]]:
        """The table's rows as (link, first cell, other cells)."""
        links = self.links
        return [
            (links[n] if n < len(links) else "", row[0], row[1:]) for n, row in enumerate(self.rows)
        ]


def _safe(parts: list[str]) -> SafeString:
    # Every text fragment went through escape(); numbers and ids are ours.
    return mark_safe("".join(parts))  # noqa: S308


def heat_step(value) -> int | None:
    """The heat-scale step (0–4) of a 0–100 value; None for no value."""
    if value is None:
        return None
    return min(4, max(0, int(value) // 20))


def _num(value) -> str:
    if value is None:
        return "—"
    return l10n.number(value, places=0 if abs(float(value)) >= 100 else 2)


def _value(value, unit: str) -> str:
    """A value as drawn beside its bar or in its cell, in the reader's locale."""
    if unit == "%" and value is not None:
        return l10n.percent(value)
    return _num(value) + (unit if value is not None else "")


def _open(chart_id: str, title: str, summary: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="12" '
        f'font-family="DejaVu Sans, Noto Sans, sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]


def _patterns(chart_id: str, count: int) -> str:
    defs = ["<defs>"]
    for i in range(count):
        colour = PALETTE[i % len(PALETTE)]
        hatch = HATCHES[i % len(HATCHES)]
        defs.append(
            f'<pattern id="{chart_id}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>'
            + (f'<path d="{hatch}" stroke="#ffffff" stroke-width="1.2"/>' if hatch else "")
            + "</pattern>"
        )
    defs.append("</defs>")
    return "".join(defs)


def _label(x: float, y: float, text: str, anchor: str = "end", fill: str = "#1b1f24") -> str:
    short = text if len(text) <= 26 else text[:25] + "…"
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" '
        f'dominant-baseline="middle">{escape(short)}</text>'
    )


def bar_chart(
    *,
    id: str,
    title: str,
    summary: str,
    rows: list[tuple[str, object]],
    unit: str = "",
    max_value=None,
    value_label: str = "",
    label_column: str = "",
) -> Chart:
    """Horizontal bars, one per (label, value)."""
    values = [float(v) for _, v in rows if v is not None]
    top = float(max_value) if max_value else max(values, default=0) or 1
    height = TOP * 2 + ROW_H * max(1, len(rows))
    plot_w = WIDTH - LABEL_W - 70
    parts = _open(id, title, summary, height) + [_patterns(id, 1)]
    for n, (label, value) in enumerate(rows):
        y = TOP + n * ROW_H
        parts.append(_label(LABEL_W - 6, y + ROW_H / 2, str(label)))
        width = 0 if value is None else plot_w * float(value) / top
        if width:
            parts.append(
                f'<rect x="{LABEL_W}" y="{y + (ROW_H - BAR_H) / 2:.1f}" width="{width:.1f}" '
                f'height="{BAR_H}" fill="url(#{id}-p0)" stroke="#12355b" stroke-width="0.5"/>'
            )
        parts.append(_label(LABEL_W + width + 4, y + ROW_H / 2, _value(value, unit), "start"))
    parts.append(
        f'<line x1="{LABEL_W}" y1="{TOP}" x2="{LABEL_W}" y2="{height - TOP}" stroke="#4a5360"/>'
    )
    parts.append("</svg>")
    return Chart(
        id=id,
        title=title,
        summary=summary,
        svg=_safe(parts),
        columns=[label_column, value_label or title],
        rows=[[label, value] for label, value in rows],
    )


def stacked_bar_chart(
    *,
    id: str,
    title: str,
    summary: str,
    categories: list[str],
    series: list[str],
    values: list[list],
    unit: str = "",
    label_column: str = "",
) -> Chart:
    """One horizontal bar per category, split into the series (values[category][series])."""
    totals = [sum(float(v or 0) for v in row) for row in values]
    if all(isinstance(v, int) or v is None for row in values for v in row):
        totals = [int(total) for total in totals]
    top = max(totals, default=0) or 1
    legend_rows = (len(series) + 2) // 3
    height = TOP * 2 + ROW_H * max(1, len(categories)) + legend_rows * 20 + 8
    plot_w = WIDTH - LABEL_W - 80
    parts = _open(id, title, summary, height) + [_patterns(id, len(series))]
    for n, (category, row) in enumerate(zip(categories, values, strict=True)):
        y = TOP + n * ROW_H
        parts.append(_label(LABEL_W - 6, y + ROW_H / 2, str(category)))
        x = float(LABEL_W)
        for i, value in enumerate(row):
            if not value:
                continue
            width = plot_w * float(value) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y + (ROW_H - BAR_H) / 2:.1f}" width="{width:.1f}" '
                f'height="{BAR_H}" fill="url(#{id}-p{i})" stroke="#ffffff" stroke-width="0.8">'
                f"<title>{escape(category)} · {escape(series[i])}: {_value(value, unit)}</title></rect>"
            )
            x += width
        parts.append(_label(x + 4, y + ROW_H / 2, _value(totals[n], unit), "start"))
    legend_y = TOP + ROW_H * max(1, len(categories)) + 8
    for i, name in enumerate(series):
        lx = 10 + (i % 3) * 210
        ly = legend_y + (i // 3) * 20
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="url(#{id}-p{i})" '
            f'stroke="#1b1f24" stroke-width="0.5"/>'
        )
        parts.append(_label(lx + 20, ly + 7, name, "start"))
    parts.append("</svg>")
    return Chart(
        id=id,
        title=title,
        summary=summary,
        svg=_safe(parts),
        columns=[label_column, *series, gettext("Total")],
        rows=[
            [category, *row, totals[n]]
            for n, (category, row) in enumerate(zip(categories, values, strict=True))
        ],
    )


def heat_matrix(
    *,
    id: str,
    title: str,
    summary: str,
    row_labels: list[str],
    col_labels: list[str],
    values: list[list],
    unit: str = "",
    label_column: str = "",
) -> Chart:
    """A grid of 0–100 values, each cell shaded on the heat scale and its number printed."""
    cell_w = max(40, min(110, (WIDTH - LABEL_W) // max(1, len(col_labels))))
    height = TOP * 2 + 24 + ROW_H * max(1, len(row_labels))
    parts = _open(id, title, summary, height)
    for j, label in enumerate(col_labels):
        parts.append(_label(LABEL_W + j * cell_w + cell_w / 2, TOP + 10, label, "middle"))
    for i, (label, row) in enumerate(zip(row_labels, values, strict=True)):
        y = TOP + 24 + i * ROW_H
        parts.append(_label(LABEL_W - 6, y + ROW_H / 2, label))
        for j, value in enumerate(row):
            step = heat_step(value)
            fill, ink = HEAT[step] if step is not None else ("#ffffff", "#1b1f24")
            x = LABEL_W + j * cell_w
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{ROW_H - 2}" fill="{fill}" '
                f'stroke="#c9d1db"/>'
            )
            text = _value(value, unit)
            parts.append(_label(x + cell_w / 2 - 1, y + ROW_H / 2, text, "middle", ink))
    parts.append("</svg>")
    return Chart(
        id=id,
        title=title,
        summary=summary,
        svg=_safe(parts),
        columns=[label_column, *col_labels],
        rows=[[label, *row] for label, row in zip(row_labels, values, strict=True)],
    )
