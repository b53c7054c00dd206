"""The platform's search page: everything a person may read, grouped by kind."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from eubelong.core.htmx import render_page
from eubelong.core.ratelimit import ratelimit
from handbook.forms import SearchForm

from .selectors import search as run_search


@require_safe
@login_required
@ratelimit("search", methods=("GET", "HEAD"))
def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    groups = run_search(request.user, query) if query else []
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "count": sum(len(group.hits) for group in groups),
    }
    return render_page(request, "search/search.html", context, partial="results")
