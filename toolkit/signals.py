"""Events the toolkit announces to the apps above it, which it may not import.

`snapshot_frozen(snapshot)`: a workplan was submitted and its snapshot frozen. Sent by
`toolkit.services.workplan_submit` inside its transaction; the comparison app summarises the
snapshot for comparisons (`toolkit.compare.selectors.snapshot_summarise`).
"""

from django.dispatch import Signal

snapshot_frozen = Signal()
report_accepted = Signal()
