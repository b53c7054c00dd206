"""The funding mix of an action: planned amounts per year and per funding source. The rules that
spread a single budget over years, total the mix and give its EU co-financing share."""

from collections import defaultdict
from decimal import Decimal

CENT = Decimal("0.01")


def action_years(cycle, start_date=None, end_date=None) -> list[int]:
    """The years of the cycle the action runs in (all of them when it has no dates)."""
    first = max(cycle.start_year, start_date.year) if start_date else cycle.start_year
    last = min(cycle.end_year, end_date.year) if end_date else cycle.end_year
    if first > last:
        first, last = cycle.start_year, cycle.end_year
    return list(range(first, last + 1))


def spread(total: Decimal, years: list[int]) -> dict[int, Decimal]:
    """`total` over `years` in equal parts to the cent, the last year taking the remainder, so
    the parts always add up to the total."""
    if not years:
        return {}
    part = (total / len(years)).quantize(CENT)
    parts = dict.fromkeys(years, part)
    parts[years[-1]] = total - part * (len(years) - 1)
    return parts


def main_source(amounts: dict[tuple[int, str], Decimal]) -> str:
    """The source with the largest share (the first of equals in alphabetical order)."""
    by_source = defaultdict(Decimal)
    for (_year, source), amount in amounts.items():
        by_source[source] += amount
    if not by_source:
        return ""
    return sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def eu_share(amounts: dict[tuple[int, str], Decimal], eu_funds) -> int | None:
    """The EU funds' share of the total, in per cent."""
    total = sum(amounts.values(), Decimal(0))
    if not total:
        return None
    eu = sum((a for (_y, source), a in amounts.items() if source in eu_funds), Decimal(0))
    return round(eu / total * 100)


def totals(rows) -> dict:
    """Totals of (year, source, amount) rows per year, per source and overall."""
    by_year, by_source = defaultdict(Decimal), defaultdict(Decimal)
    for year, source, amount in rows:
        by_year[year] += amount
        by_source[source] += amount
    return {
        "by_year": dict(sorted(by_year.items())),
        "by_source": dict(by_source),
        "total": sum(by_year.values(), Decimal(0)),
    }
