"""How far an indicator is, and which reported values cannot be right: the one set of rules,
used by the report editor, the board and the checks before submitting.

Counts are reported per period (people trained in 2026) and the value reached adds the periods up
from the baseline; levels (a percentage, a rate) are reported as they stand at the end of the
period, so the value reached is the latest one. An indicator is on track when the share of the way from baseline to target
covered so far keeps up with the share of the cycle elapsed (less a margin), at risk when it has
reached at least half of that, off track below."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"
STATE_LABELS = {
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    OFF_TRACK: _("Off track"),
}
MARGIN = Decimal("0.10")
# Spending above the plan for the period by more than this share needs a word of explanation.
OVERSPEND = Decimal("1.25")


def elapsed_share(cycle, year: int) -> Decimal:
    """The share of the cycle over by the end of `year`."""
    years = cycle.years
    done = min(max(year - years[0] + 1, 0), len(years))
    return Decimal(done) / Decimal(len(years))


def cumulative(baseline, values) -> Decimal | None:
    """Baseline plus every period's value so far; None when nothing was reported."""
    reported = [v for v in values if v is not None]
    if not reported:
        return None
    return (baseline or Decimal(0)) + sum(reported, Decimal(0))


def state(*, baseline, target, reached, share: Decimal) -> str | None:
    if target is None or reached is None:
        return None
    start = baseline or Decimal(0)
    span = target - start
    if span == 0:
        return ON_TRACK if reached == target else OFF_TRACK
    achieved = (reached - start) / span
    if achieved >= share - MARGIN:
        return ON_TRACK
    if achieved >= share / 2:
        return AT_RISK
    return OFF_TRACK


@dataclass(frozen=True)
class IndicatorFigures:
    previous: Decimal | None  # cumulative before this period
    reached: Decimal | None  # cumulative with this period
    state: str | None

    @property
    def state_label(self):
        return STATE_LABELS.get(self.state, "")


def latest(values) -> Decimal | None:
    reported = [v for v in values if v is not None]
    return reported[-1] if reported else None


def figures(indicator, value, earlier_values, share) -> IndicatorFigures:
    if is_level(indicator.unit):
        previous = latest(earlier_values)
        reached = latest([*earlier_values, value])
    else:
        previous = cumulative(indicator.baseline, earlier_values)
        reached = cumulative(indicator.baseline, [*earlier_values, value])
    return IndicatorFigures(
        previous=previous,
        reached=reached,
        state=state(
            baseline=indicator.baseline, target=indicator.target, reached=reached, share=share
        ),
    )


def planned_for_period(action, cycle) -> Decimal | None:
    """The action's budget spread evenly over the cycle's years."""
    if action.budget is None:
        return None
    return (action.budget / len(cycle.years)).quantize(Decimal("0.01"))


def is_percentage(unit: str) -> bool:
    return unit.strip().lower() in {"%", "percent", "per cent", "percentage"}


def is_level(unit: str) -> bool:
    """A value that stands on its own each period rather than adding up."""
    return is_percentage(unit) or unit.strip().lower() in {"rate", "ratio", "index", "points"}


def achievement(row: dict) -> int | None:
    """How much of the way from baseline to target a reported indicator has come, in per cent."""
    if row.get("target") in (None, "") or row.get("reached") in (None, ""):
        return None
    start = Decimal(row.get("baseline") or 0)
    span = Decimal(row["target"]) - start
    if span == 0:
        return 100 if Decimal(row["reached"]) == start else 0
    return max(0, round((Decimal(row["reached"]) - start) / span * 100))


def _dec(value) -> Decimal:
    try:
        return Decimal(value) if value not in (None, "") else Decimal(0)
    except ArithmeticError:
        return Decimal(0)


def by_source(action: dict) -> list[tuple[str, Decimal, Decimal]]:
    """(source, planned, spent) of one reported action: per source of its funding mix, else all
    of it under its one funding source ("" when it has none)."""
    planned = action.get("planned_by_source") or {}
    spent = action.get("spent_by_source") or {}
    if planned or spent:
        return [
            (source, _dec(planned.get(source)), _dec(spent.get(source)))
            for source in sorted(set(planned) | set(spent))
        ]
    return [
        (action.get("funding_source") or "", _dec(action.get("planned")), _dec(action.get("spent")))
    ]


def report_summary(data: dict) -> dict:
    """The counts and sums of a frozen report that comparisons read, as plain JSON."""
    states, statuses = {}, {}
    for row in data.get("indicators") or []:
        states[row.get("state") or ""] = states.get(row.get("state") or "", 0) + 1
    funds: dict[str, list[Decimal]] = {}
    for action in data.get("actions") or []:
        key = action.get("status") or ""
        statuses[key] = statuses.get(key, 0) + 1
        for source, planned, spent in by_source(action):
            fund = funds.setdefault(source, [Decimal(0), Decimal(0)])
            fund[0] += planned
            fund[1] += spent
    return {
        "states": states,
        "statuses": statuses,
        "planned": str(sum((f[0] for f in funds.values()), Decimal(0))),
        "spent": str(sum((f[1] for f in funds.values()), Decimal(0))),
        "funds": {source: [str(p), str(s)] for source, (p, s) in funds.items()},
        "library": {
            row["library"]: [row["name"], row.get("reached")]
            for row in data.get("indicators") or []
            if row.get("library")
        },
    }
