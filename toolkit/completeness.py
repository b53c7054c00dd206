"""How complete a workplan is: the one formula, shown to users beside every figure it makes."""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from .models import ItemStatus

FORMULA = "(done + ½ × in progress) ÷ (items − not applicable)"


def completeness(statuses) -> int | None:
    """Percent of applicable checklist items answered; in-progress items count half."""
    counts = Counter(statuses)
    applicable = sum(counts.values()) - counts[ItemStatus.NOT_APPLICABLE]
    if applicable <= 0:
        return None
    score = counts[ItemStatus.DONE] + Decimal("0.5") * counts[ItemStatus.IN_PROGRESS]
    return int((score * 100 / applicable).to_integral_value(rounding=ROUND_HALF_UP))
