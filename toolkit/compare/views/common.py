"""What the comparison's pages share: the filter form and the regions it leaves in scope."""

from .. import report
from ..forms import FilterForm


def request_filters(request, *, priority_required=False):
    """The filter form of the request, its filters, and the regions they leave in scope."""
    scope = report.regions_in_scope(request.user)
    form = FilterForm(
        request.GET or None, countries=scope.countries, priority_required=priority_required
    )
    filters = form.filters()
    if priority_required and not filters.priority:
        filters.priority = 1
    return form, filters, scope.narrowed(filters)


def query_without(request, **drop) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()
