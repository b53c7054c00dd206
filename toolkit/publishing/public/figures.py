"""Published data shaped for the pages: bar widths for the charts, dates read from the
snapshot's ISO strings, and reported values laid out by reporting period."""

from decimal import Decimal

from django.utils.dateparse import parse_date


def bars(rows) -> list[dict]:
    """(label, value, extra) rows with each bar's width as a share of the largest value, as an
    SVG attribute wants it (a dot decimal, whatever the page's language)."""
    rows = list(rows)
    top = max((value or 0 for _label, value, _extra in rows), default=0)
    out = []
    for label, value, extra in rows:
        share = (Decimal(value or 0) / Decimal(top) * 100) if top else Decimal(0)
        out.append({"label": label, "value": value, "extra": extra, "width": f"{share:.1f}"})
    return out


def share_bars(rows) -> list[dict]:
    """(label, value on a 0-100 scale, extra) rows, each bar as long as its value."""
    out = []
    for label, value, extra in rows:
        share = min(max(Decimal(value or 0), Decimal(0)), Decimal(100))
        out.append({"label": label, "value": value, "extra": extra, "width": f"{share:.1f}"})
    return out


def _indicator(indicator: dict, periods: list) -> dict:
    by_period = {row["period"]: row["value"] for row in indicator["values"]}
    return {**indicator, "by_period": [by_period.get(period) for period in periods]}


def _action(action: dict, periods: list) -> dict:
    return {
        **action,
        "start": parse_date(action.get("start_date") or ""),
        "end": parse_date(action.get("end_date") or ""),
        "indicators": [_indicator(i, periods) for i in action["indicators"]],
    }


def _item(item: dict) -> dict:
    link = item.get("link") or ""
    # Only web addresses become links; anything else the region typed stays text.
    return {**item, "href": link if link.startswith(("https://", "http://")) else ""}


def priorities(data: dict) -> list[dict]:
    """The published priorities with dates as dates and values per period (new dicts: the
    cached data is shared and stays as it is)."""
    periods = data["periods"]
    return [
        {
            **p,
            "items": [_item(i) for i in p["items"]],
            "actions": [_action(a, periods) for a in p["actions"]],
        }
        for p in data["priorities"]
    ]


def progress_bars(priorities_: list[dict]) -> list[dict]:
    """Each indicator with a target and a reported value: how far it has come (0-100)."""
    rows = []
    for p in priorities_:
        for a in p["actions"]:
            for i in a["indicators"]:
                if i["latest"] is None or not i["target"]:
                    continue
                rows.append((i["name"], i["latest"] / i["target"] * 100, i))
    return share_bars(rows)
