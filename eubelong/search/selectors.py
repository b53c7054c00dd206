"""One search over what a person may read: regions, workplans, actions, indicators, stakeholders
and comments of their regions, and the network's shared content in their language and English.

Words are folded (lower case, accents removed) on both sides. On PostgreSQL the match is full-text
search with the reader's language's stemming, or a prefix of each word for languages PostgreSQL
has no stemmer for (Polish); elsewhere every word's prefix must occur in the text. Snippets are
plain text: Markdown is rendered and its tags dropped before a word is marked.
"""

import html
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eubelong.core import fulltext as sql
from eubelong.core.fasturls import fast_reverse
from eubelong.core.l10n import country_name
from eubelong.core.text import render_markdown
from handbook.models import ContentTranslation, Resource, Section, ThematicArea, TrainingModule
from handbook.translation.kinds import SOURCE_LANGUAGE, kind_of
from handbook.translation.lookup import translate
from regions.access import region_ids_for_user
from regions.models import Region, Stakeholder
from toolkit.models import Action, Comment, Indicator, LibraryIndicator, Workplan

from .cache import kept_shared

MAX_WORDS = 8
PER_KIND = 20
# Letters unicodedata does not decompose, folded as the database's eub_fold does.
_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i"})


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions stay comparable)."""
    text = (text or "").lower()
    if text.isascii():
        return text
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFD", char)[0].translate(_EXTRA)
    return folded if len(folded) == 1 else char


def words(query: str) -> list[str]:
    return [fold(w) for w in re.findall(r"\w+", query or "")][:MAX_WORDS]


def stem(word: str) -> str:
    """A crude stem for prefix matching: enough for `mieszkanie` to find `mieszkania`."""
    if len(word) >= 7:
        return word[:-2]
    if len(word) >= 5:
        return word[:-1]
    return word


@dataclass
class Hit:
    title: str
    url: str
    snippet: SafeString
    rank: float = 0.0
    meta: str = ""
    lang: str = ""


@dataclass
class Group:
    kind: str
    hits: list[Hit] = field(default_factory=list)


def _prefixes(terms: list[str]) -> str:
    """A tsquery of every term's stem as a word prefix: `mieszkan:* & donegal:*`."""
    return " & ".join(f"{re.sub(r'[^0-9a-z]', '', stem(t)) or 'x'}:*" for t in terms)


def _matches(
    queryset, fields: list[str], terms: list[str], language: str = "", *, rank: bool = False
):
    """The rows of `queryset` where every term occurs in one of `fields`, best first.

    On PostgreSQL each word's prefix is matched in the folded text, plus, when `language` is
    given (for text written in that language), its stemmed form; the expressions are those the
    search indexes are built on (eubelong/core/fulltext.py). Shared content (a few hundred texts)
    is ranked by relevance; region rows are newest first."""
    if connection.vendor != "postgresql":
        condition = Q()
        for term in terms:
            any_field = Q()
            for name in fields:
                any_field |= Q(**{f"{name}__icontains": stem(term)})
            condition &= any_field
        return queryset.filter(condition)
    table = queryset.model._meta.db_table
    simple = sql.document(fields, table=table)
    where = f"{simple} @@ to_tsquery('simple', %s)"
    params = [_prefixes(terms)]
    config = sql.CONFIGS.get(language)
    if config:
        stemmed = sql.document(fields, config, table=table)
        where = f"({where} OR {stemmed} @@ plainto_tsquery('{config}', %s))"
        params.append(" ".join(terms))
    # extra(): the index expressions must be repeated verbatim; every value is a bound parameter.
    found = queryset.extra(where=[where], params=params)  # noqa: S610
    if not rank:
        # Region rows can match by the thousand: newest first costs a sort, not a ranking of
        # every match (which rebuilds each row's document).
        names = {f.name for f in queryset.model._meta.concrete_fields}
        newest = next((f for f in ("updated_at", "created_at") if f in names), "pk")
        return found.order_by(f"-{newest}")
    score = f"ts_rank({simple}, to_tsquery('simple', %s))"
    return found.extra(select={"_rank": score}, select_params=[_prefixes(terms)]).order_by(  # noqa: S610
        "-_rank"
    )


def plain(text: str, *, markdown: bool = False) -> str:
    """Text as a reader sees it: Markdown rendered and its tags dropped, spaces collapsed."""
    if markdown:
        # Blocks (list items, paragraphs, cells) stay apart, as a reader sees them.
        rendered = re.sub(r"</(li|p|h\d|td|th)>", " · ", render_markdown(text or ""))
        text = html.unescape(strip_tags(rendered))
    text = re.sub(r"\s+", " ", text or "").strip()
    return re.sub(r"(\s·)+\s*$|^\s*·\s*", "", re.sub(r"(·\s*)+·", "·", text))


def snippet(text: str, terms: list[str], width: int = 180) -> SafeString:
    """A piece of plain text around the first match, every match marked; escaped first."""
    folded = fold(text)
    spans = []
    for term in {stem(t) for t in terms if t}:
        for match in re.finditer(r"(?<!\w)" + re.escape(term), folded):
            stop = match.end()
            while stop < len(folded) and folded[stop].isalnum():
                stop += 1  # mark the whole word the stem starts
            spans.append((match.start(), stop))
    spans.sort()
    start = max(0, (spans[0][0] if spans else 0) - width // 3)
    end = min(len(text), start + width)
    out, cursor = [], start
    for begin, stop in spans:
        if begin < cursor or stop > end:
            continue
        out += [escape(text[cursor:begin]), "<mark>", escape(text[begin:stop]), "</mark>"]
        cursor = stop
    out.append(escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece escaped above


# Past this many regions a search is planned for its words (below, the region index decides).
CUSTOM_PLANS_FROM = 10


@contextmanager
def _planned_for_these_words(readable):
    """On PostgreSQL, plans made for the words searched across many regions: a prepared
    statement's generic plan cannot tell a rare word from a common one and doubled the time of a
    coordinator's search across 300 regions. One region's rows are few: its generic plan
    stands, and saves the planning."""
    if connection.vendor != "postgresql" or len(readable) < CUSTOM_PLANS_FROM:
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('plan_cache_mode'), "
            "set_config('plan_cache_mode', 'force_custom_plan', true)"
        )
        before = cursor.fetchone()[0]
        yield
        # Inside an outer transaction the setting would outlive the search (on an error the
        # rollback undoes it).
        cursor.execute("SELECT set_config('plan_cache_mode', %s, true)", [before])


def search(user, query: str) -> list[Group]:
    """Results grouped by kind, each group best first, only from regions `user` may read."""
    terms = words(query)
    if not terms or not user.is_authenticated:
        return []
    # The ids as literals, not a subquery: PostgreSQL then reads a region's few hundred rows by
    # its index instead of every matching row of the network and filtering them afterwards.
    readable = region_ids_for_user(user)
    with _planned_for_these_words(readable):
        return _search(readable, terms)


def _search(readable: list[int], terms: list[str]) -> list[Group]:
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    named = _named(readable, terms)
    groups = [
        Group(_("Regions"), _regions(readable, terms, language)),
        Group(_("Workplans"), _workplans(readable, named, terms)),
        Group(_("Actions"), _actions(readable, named, terms)),
        Group(_("Indicators"), _indicators(readable, terms, language)),
        Group(_("Stakeholders"), _stakeholders(readable, terms, language)),
        Group(_("Comments"), _comments(readable, terms, language)),
        Group(
            _("Handbook, Framework and library"),
            kept_shared(terms, language, lambda: _shared(terms, language)),
        ),
    ]
    return [group for group in groups if group.hits]


def _regions(readable, terms, language):
    rows = _matches(Region.objects.filter(pk__in=readable), ["name", "country", "slug"], terms)[
        :PER_KIND
    ]
    return [
        Hit(
            title=region.name,
            url=fast_reverse("regions:home", kwargs={"region": region.slug}),
            snippet=snippet(country_name(region.country), terms),
        )
        for region in rows
    ]


def _named(readable, terms) -> list[int]:
    """The readable regions the words name (at most a few hundred ids)."""
    found = _matches(Region.objects.filter(pk__in=readable), ["name", "country", "slug"], terms)
    return list(found.values_list("pk", flat=True))


def _workplans(readable, named, terms):
    rows = (
        Workplan.objects.filter(region__in=readable)
        .filter(region__in=named)
        .select_related("region", "cycle")
        .order_by("region__name", "-cycle__start_year")[:PER_KIND]
    )
    return [
        Hit(
            title=f"{w.region.name} {w.cycle}",
            url=fast_reverse(
                "toolkit:workplan-edit", kwargs={"region": w.region.slug, "workplan": w.uuid}
            ),
            snippet=snippet(w.get_status_display(), terms),
            lang="",
        )
        for w in rows
    ]


def _actions(readable, named, terms):
    """Actions whose words match, then those of a region searched by name."""
    base = Action.objects.filter(region__in=readable).select_related("region", "workplan")
    rows = list(_matches(base, ["title", "objective", "description"], terms)[:PER_KIND])
    seen = {a.pk for a in rows}
    rows += [
        a
        for a in base.filter(region__in=named).order_by("region__name", "priority__number")[
            :PER_KIND
        ]
        if a.pk not in seen
    ][: max(0, PER_KIND - len(rows))]
    return [
        Hit(
            title=a.title,
            url=fast_reverse(
                "toolkit:action-edit",
                kwargs={"region": a.region.slug, "workplan": a.workplan.uuid, "action": a.uuid},
            ),
            snippet=snippet(plain(" ".join([a.objective, a.description])) or a.title, terms),
            meta=a.region.name,
            lang=a.workplan.language,
        )
        for a in rows
    ]


def _indicators(readable, terms, language):
    base = Indicator.objects.filter(region__in=readable).select_related(
        "region", "action__workplan"
    )
    rows = _matches(base, ["name", "unit"], terms)[:PER_KIND]
    return [
        Hit(
            title=i.name,
            url=fast_reverse(
                "toolkit:action-edit",
                kwargs={
                    "region": i.region.slug,
                    "workplan": i.action.workplan.uuid,
                    "action": i.action.uuid,
                },
            ),
            snippet=snippet(i.action.title, terms),
            meta=i.region.name,
            lang=i.action.workplan.language,
        )
        for i in rows
    ]


def _stakeholders(readable, terms, language):
    base = Stakeholder.objects.filter(region__in=readable).select_related("region")
    rows = _matches(base, ["name"], terms)[:PER_KIND]
    return [
        Hit(
            title=s.name,
            url=fast_reverse(
                "regions:stakeholder", kwargs={"region": s.region.slug, "stakeholder": s.uuid}
            ),
            snippet=snippet(s.get_sector_display(), terms),
            meta=s.region.name,
        )
        for s in rows
    ]


def _comments(readable, terms, language):
    base = Comment.objects.filter(region__in=readable).select_related("region", "workplan")
    rows = _matches(base, ["body"], terms)[:PER_KIND]
    return [
        Hit(
            title=f"{c.region.name} · {c.get_kind_display()}",
            url=fast_reverse(
                "toolkit:workplan-edit",
                kwargs={"region": c.region.slug, "workplan": c.workplan.uuid},
            ),
            snippet=snippet(plain(c.body), terms),
            meta=c.region.name,
            lang=c.language,
        )
        for c in rows
    ]


def _section_url(obj):
    name = "handbook:framework-section" if obj.publication == "framework" else "handbook:section"
    return fast_reverse(name, kwargs={"section": obj.slug})


# Shared content with a page of its own: model -> (fields searched, title field, URL).
SHARED = {
    Section: (["title", "body"], "title", _section_url),
    ThematicArea: (
        ["title", "summary", "challenges", "stakeholders", "training_topics"],
        "title",
        lambda obj: fast_reverse("handbook:area", kwargs={"area": obj.slug}),
    ),
    TrainingModule: (
        ["title", "summary", "learning_objectives", "duration"],
        "title",
        lambda obj: fast_reverse("handbook:module", kwargs={"module": obj.uuid}),
    ),
    Resource: (
        ["title", "description"],
        "title",
        lambda obj: fast_reverse("handbook:resources") + f"#resource-{obj.uuid}",
    ),
    LibraryIndicator: (
        ["name", "definition", "unit", "disaggregations", "source"],
        "name",
        lambda obj: fast_reverse("reporting:library") + f"#entry-{obj.code}",
    ),
}


def _shared(terms, language):
    """Shared content matched in English and in the reader's language, shown in the latter."""
    found: dict = {}  # (model, pk) -> (rank, matched text, is markdown)
    for model, (fields, _title, _url) in SHARED.items():
        for obj in _matches(model.objects.all(), fields, terms, SOURCE_LANGUAGE, rank=True)[
            :PER_KIND
        ]:
            found[(model, obj.pk)] = (getattr(obj, "_rank", 0.0), obj, None)
    if language != SOURCE_LANGUAGE:
        rows = _matches(
            ContentTranslation.objects.filter(
                language=language,
                content_type__model__in=[m._meta.model_name for m in SHARED],
                content_type__app_label__in={m._meta.app_label for m in SHARED},
            ).select_related("content_type"),
            ["text"],
            terms,
            language,
            rank=True,
        )[: PER_KIND * 2]
        by_model = {m._meta.label_lower: m for m in SHARED}
        wanted: dict = {}
        for row in rows:
            model = by_model.get(f"{row.content_type.app_label}.{row.content_type.model}")
            if model is not None:
                wanted.setdefault(model, {})[row.object_id] = row
        for model, matched in wanted.items():
            for obj in model.objects.filter(pk__in=matched):
                row = matched[obj.pk]
                rank = getattr(row, "_rank", 0.0) + 0.1
                if (model, obj.pk) not in found or found[(model, obj.pk)][0] < rank:
                    found[(model, obj.pk)] = (rank, obj, row)
    hits = []
    cache: dict = {}
    for (model, _pk), (rank, obj, row) in found.items():
        fields, title_field, url = SHARED[model]
        kind = kind_of(obj)
        markdown = set(kind.markdown) if kind else set()
        if row is not None:
            text = plain(row.text, markdown=row.field in markdown)
        else:
            text = " ".join(
                plain(translate(obj, name, language, cache)[0], markdown=name in markdown)
                for name in fields[1:]
            )
        hits.append(
            Hit(
                title=translate(obj, title_field, language, cache)[0],
                url=url(obj),
                snippet=snippet(text, terms),
                rank=float(rank or 0),
                meta=str(model._meta.verbose_name).capitalize(),
            )
        )
    hits.sort(key=lambda hit: -hit.rank)
    return hits[:PER_KIND]
