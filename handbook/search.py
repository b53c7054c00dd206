"""One search across the framework, the handbook, thematic areas, modules and resources.

On PostgreSQL: full-text search with ranking and ts_headline snippets. Elsewhere (SQLite for local
development): a case-insensitive match on every word, ranked by how often the words occur.
Snippets are escaped first and only then marked, so stored text can never inject markup.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Resource, Section, ThematicArea
from .selectors import module_choices

START, STOP = "\x02", "\x03"
MAX_WORDS = 8
LIMIT = 50


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    rank: float


def _section_url(obj):
    name = "handbook:framework-section" if obj.publication == "framework" else "handbook:section"
    return reverse(name, kwargs={"section": obj.slug})


SOURCES = [
    {
        "kind": _("Section"),
        "queryset": lambda: Section.objects.all(),
        "fields": ["title", "body"],
        "url": _section_url,
        "label": lambda obj: f"{obj.get_publication_display()} · {obj.number}. {obj.title}",
    },
    {
        "kind": _("Thematic area"),
        "queryset": lambda: ThematicArea.objects.all(),
        "fields": ["title", "summary", "challenges", "stakeholders", "training_topics"],
        "url": lambda obj: reverse("handbook:area", kwargs={"area": obj.slug}),
        "label": lambda obj: f"{obj.number}. {obj.title}",
    },
    {
        "kind": _("Training module"),
        "queryset": module_choices,
        "fields": ["title", "summary", "learning_objectives"],
        "url": lambda obj: reverse("handbook:module", kwargs={"module": obj.uuid}),
        "label": lambda obj: f"{obj.title} ({obj.region.name})",
    },
    {
        "kind": _("Resource"),
        "queryset": lambda: Resource.objects.all(),
        "fields": ["title", "description"],
        "url": lambda obj: reverse("handbook:resources") + f"#resource-{obj.uuid}",
        "label": lambda obj: obj.title,
    },
]

_MARKUP = re.compile(r"[*_#>`|\[\]]+|\(https?://[^)]*\)")


def _plain(text: str) -> str:
    """Markdown source reduced to readable text for a snippet."""
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", text or "")).strip()


def _marked(text: str) -> SafeString:
    safe = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 - escaped above; only our own markers become tags


def words(query: str) -> list[str]:
    return re.findall(r"\w+", query or "")[:MAX_WORDS]


def search(query: str) -> list[Hit]:
    terms = words(query)
    if not terms:
        return []
    run = _search_postgres if connection.vendor == "postgresql" else _search_simple
    hits = []
    for source in SOURCES:
        hits.extend(run(source, query, terms))
    hits.sort(key=lambda hit: (-hit.rank, hit.title))
    return hits[:LIMIT]


def _search_postgres(source, query, terms):
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    fields = source["fields"]
    weights = ["A"] + ["B"] * (len(fields) - 1)
    vector = SearchVector(fields[0], weight="A", config="english")
    for field, weight in zip(fields[1:], weights[1:], strict=True):
        vector += SearchVector(field, weight=weight, config="english")
    search_query = SearchQuery(query, search_type="websearch", config="english")
    text = Concat(
        *[part for f in fields[1:] for part in (F(f), Value(" "))], output_field=TextField()
    )
    rows = (
        source["queryset"]()
        .annotate(document=vector)
        .filter(document=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            headline=SearchHeadline(
                text,
                search_query,
                config="english",
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank")[:LIMIT]
    )
    return [
        Hit(
            kind=str(source["kind"]),
            title=source["label"](row),
            url=source["url"](row),
            snippet=_marked(_plain(row.headline)),
            rank=float(row.rank),
        )
        for row in rows
    ]


def _search_simple(source, query, terms):
    fields = source["fields"]
    condition = Q()
    for term in terms:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": term})
        condition &= any_field
    hits = []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    for row in source["queryset"]().filter(condition)[:LIMIT]:
        title = getattr(row, fields[0]) or ""
        body = _plain(" ".join(getattr(row, f) or "" for f in fields[1:]))
        body = body.replace(START, "").replace(STOP, "")
        rank = 2 * len(pattern.findall(title)) + len(pattern.findall(body))
        hits.append(
            Hit(
                kind=str(source["kind"]),
                title=source["label"](row),
                url=source["url"](row),
                snippet=_snippet(body, pattern),
                rank=float(rank),
            )
        )
    return hits


def _snippet(text: str, pattern, width: int = 200) -> SafeString:
    match = pattern.search(text)
    start = max(0, (match.start() if match else 0) - width // 3)
    piece = text[start : start + width]
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    marked = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", piece)
    return _marked(prefix + marked + suffix)
