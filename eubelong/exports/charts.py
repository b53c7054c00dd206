"""Charts drawn into PDFs as inline SVG, with their data for the table beside them."""


def bar_chart(*, title, rows: list[tuple[str, int]]) -> dict:
    """Geometry of a horizontal bar chart drawn as inline SVG, with its data for the table."""
    largest = max((value for _label, value in rows), default=0) or 1
    bar_height, gap, label_width, width = 18, 8, 150, 460
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height + gap)
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "text_y": y + bar_height - 4,
                "width": max(1, round((width - label_width - 40) * value / largest)),
            }
        )
    description = "; ".join(f"{label}: {value}" for label, value in rows)
    return {
        "title": title,
        "alt": f"{title}. {description}" if rows else title,
        "bars": bars,
        "rows": rows,
        "height": max(bar_height, len(rows) * (bar_height + gap)),
        "width": width,
        "label_width": label_width,
        "bar_height": bar_height,
    }
