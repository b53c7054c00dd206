"""The platform's search page: everything a person may read, grouped by kind."""

from django.contrib.auth.decorators import login_required
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from eubelong.core.fasthtml import conditional_escape, escape
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
    language = get_language()
    for group in groups:
        group.hits_html = _hits_html(group.hits, language)
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "count": sum(len(group.hits) for group in groups),
    }
    return render_page(request, "search/search.html", context, partial="results")


def _hits_html(hits, language: str) -> str:
    """A group's results as list items, written directly: a search shows up to 140 of them."""
    items = []
    for hit in hits:
        lang = f' lang="{escape(hit.lang)}"' if hit.lang and hit.lang != language else ""
        meta = f'<p class="meta">{conditional_escape(hit.meta)}</p>' if hit.meta else ""
        snippet = f'<p class="snippet">{conditional_escape(hit.snippet)}</p>' if hit.snippet else ""
        items.append(
            f'<li{lang}><h4><a href="{escape(hit.url)}">{conditional_escape(hit.title)}</a></h4>'
            f"{meta}{snippet}</li>"
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped above
