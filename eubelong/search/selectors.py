"""One search over what a person may read: regions, workplans, actions, indicators, stakeholders
and comments of their regions, and the network's shared content in their language and English.

Words are folded (lower case, accents removed) on both sides. On PostgreSQL the match is full-text
search with the reader's language's stemming, or a prefix of each word for languages PostgreSQL
has no stemmer for (Polish); elsewhere every word's prefix must occur in the text. Snippets are
plain text: Markdown is rendered and its tags dropped before a word is marked.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eubelong.core.fasturls import fast_reverse
from eubelong.core.l10n import country_name
from handbook.models import ContentTranslation, Resource, Section, ThematicArea, TrainingModule
from handbook.translation.kinds import SOURCE_LANGUAGE, kind_of
from handbook.translation.lookup import translate
from regions.access import region_ids_for_user
from regions.models import Region, Stakeholder
from toolkit.models import Action, Comment, Indicator, LibraryIndicator, Workplan

from .cache import kept_shared
from .matching import MANY_REGIONS, PER_KIND, matches, plain, region_kind, snippet, words


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
    hits_html: str = ""  # the page's markup of `hits`


# Past this many regions a search is planned for its words (below, the region index decides).
CUSTOM_PLANS_FROM = MANY_REGIONS


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


# Each kind reads only what its hits show.
_regions_found = region_kind(
    lambda ids: Region.objects.filter(pk__in=ids).only("name", "slug", "country"),
    ["name", "country", "slug"],
    limit=None,
)
_actions_found = region_kind(
    lambda ids: Action.objects.filter(region__in=ids)
    .select_related("region", "workplan")
    .only(
        "uuid", "title", "objective", "description", "region__name", "region__slug",
        "workplan__uuid", "workplan__language",
    ),
    ["title", "objective", "description"],
)  # fmt: skip
_indicators_found = region_kind(
    lambda ids: Indicator.objects.filter(region__in=ids)
    .select_related("region", "action__workplan")
    .only(
        "name", "region__name", "region__slug", "action__uuid", "action__title",
        "action__workplan__uuid", "action__workplan__language",
    ),
    ["name", "unit"],
)  # fmt: skip
_stakeholders_found = region_kind(
    lambda ids: (
        Stakeholder.objects.filter(region__in=ids)
        .select_related("region")
        .only("uuid", "name", "sector", "region__name", "region__slug")
    ),
    ["name"],
)
_comments_found = region_kind(
    lambda ids: (
        Comment.objects.filter(region__in=ids)
        .select_related("region", "workplan")
        .only("body", "kind", "language", "region__name", "region__slug", "workplan__uuid")
    ),
    ["body"],
)


def _search(readable: list[int], terms: list[str]) -> list[Group]:
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    # Every readable region the words name (at most a few hundred): listed, and their workplans
    # and actions shown.
    named = list(_regions_found(readable, terms))
    named_ids = [r.pk for r in named]
    groups = [
        Group(_("Regions"), _regions(named[:PER_KIND], terms)),
        Group(_("Workplans"), _workplans(readable, named_ids, terms)),
        Group(_("Actions"), _actions(readable, named_ids, terms)),
        Group(_("Indicators"), _indicators(readable, terms)),
        Group(_("Stakeholders"), _stakeholders(readable, terms)),
        Group(_("Comments"), _comments(readable, terms)),
        Group(
            _("Handbook, Framework and library"),
            kept_shared(terms, language, lambda: _shared(terms, language)),
        ),
    ]
    return [group for group in groups if group.hits]


def _regions(rows, terms):
    return [
        Hit(
            title=region.name,
            url=fast_reverse("regions:home", kwargs={"region": region.slug}),
            snippet=snippet(country_name(region.country), terms),
        )
        for region in rows
    ]


def _workplans(readable, named, terms):
    if not named:
        return []
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
    rows = list(_actions_found(readable, terms))
    if named and len(rows) < PER_KIND:
        seen = {a.pk for a in rows}
        by_region = Action.objects.filter(region__in=readable).filter(region__in=named)
        rows += [
            a
            for a in by_region.select_related("region", "workplan").order_by(
                "region__name", "priority__number"
            )[:PER_KIND]
            if a.pk not in seen
        ][: PER_KIND - len(rows)]
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


def _indicators(readable, terms):
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
        for i in _indicators_found(readable, terms)
    ]


def _stakeholders(readable, terms):
    return [
        Hit(
            title=s.name,
            url=fast_reverse(
                "regions:stakeholder", kwargs={"region": s.region.slug, "stakeholder": s.uuid}
            ),
            snippet=snippet(s.get_sector_display(), terms),
            meta=s.region.name,
        )
        for s in _stakeholders_found(readable, terms)
    ]


def _comments(readable, terms):
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
        for c in _comments_found(readable, terms)
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
        for obj in matches(model.objects.all(), fields, terms, SOURCE_LANGUAGE, rank=True)[
            :PER_KIND
        ]:
            found[(model, obj.pk)] = (getattr(obj, "_rank", 0.0), obj, None)
    if language != SOURCE_LANGUAGE:
        rows = matches(
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
