"""Words and how they are found: folding, the full-text match the search indexes serve, and
the snippets shown around a match (see selectors.py for what is searched)."""

import html
import re
import unicodedata
from functools import lru_cache

from django.db import connection
from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from eubelong.core import fulltext as sql
from eubelong.core.frozensql import frozen_query
from eubelong.core.text import render_markdown

MAX_WORDS = 8
PER_KIND = 20
# From this many regions a search's rows are many (see region_kind and selectors.py).
MANY_REGIONS = 10
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


def _prefixes(terms: list[str]) -> str:
    """A tsquery of every term's stem as a word prefix: `mieszkan:* & donegal:*`."""
    return " & ".join(f"{re.sub(r'[^0-9a-z]', '', stem(t)) or 'x'}:*" for t in terms)


def matches(
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
    config = sql.CONFIGS.get(language)
    stemmed = " ".join(terms) if config else None
    found = _found(queryset, fields, _prefixes(terms), config, stemmed)
    if not rank:
        return _newest_first(found)
    simple = sql.document(fields, table=queryset.model._meta.db_table)
    score = f"ts_rank({simple}, to_tsquery('simple', %s))"
    return found.extra(select={"_rank": score}, select_params=[_prefixes(terms)]).order_by(  # noqa: S610
        "-_rank"
    )


def _found(
    queryset,
    fields,
    prefixes: str,
    config: str | None = None,
    stemmed: str | None = None,
    *,
    subquery=False,
):
    """PostgreSQL: the rows matching the tsquery `prefixes` (or `stemmed` words in `config`).

    With `subquery` the stored document is named without its table: Django renames a
    subquery's tables, which extra() text does not follow (a name with the table would point
    at the outer query's row)."""
    table = queryset.model._meta.db_table
    stored = ""
    if fields == sql.REGION_TABLES.get(table):
        stored = f'"{sql.STORED_COLUMN}"' if subquery else sql.stored_document(table)
    simple = stored or sql.document(fields, table=table)
    where = f"{simple} @@ to_tsquery('simple', %s)"
    params = [prefixes]
    if config:
        where = f"({where} OR {sql.document(fields, config, table=table)} @@ "
        where += f"plainto_tsquery('{config}', %s))"
        params.append(stemmed)
    # extra(): index expressions must be repeated verbatim; every value is a bound parameter.
    return queryset.extra(where=[where], params=params)  # noqa: S610


def _newest_first(queryset):
    # Region rows can match by the thousand: newest first costs a sort, not a ranking of every
    # match (which rebuilds each row's document).
    names = {f.name for f in queryset.model._meta.concrete_fields}
    newest = next((f for f in ("updated_at", "created_at") if f in names), "pk")
    return queryset.order_by(f"-{newest}")


def region_kind(rows_of, fields: list[str], limit: int | None = PER_KIND):
    """A function (readable region ids, words) -> the matching rows of one kind, newest first.

    On PostgreSQL its statement is kept per connection (frozensql) with the region ids and the
    words' tsquery bound into it: a search asks six of these on every view."""

    @frozen_query
    def kept(readable: list[int], prefixes: str):
        if limit is None or len(readable) < MANY_REGIONS:
            # A few regions' rows are few: one join, whose prepared plan serves every call.
            return _newest_first(_found(rows_of(readable), fields, prefixes))[:limit]
        # The newest ids first, then their rows and related rows: a common word matches
        # thousands of rows across a network, which PostgreSQL would otherwise join before
        # keeping twenty.
        matched = _found(rows_of(readable), fields, prefixes, subquery=True)
        ids = _newest_first(matched).values("pk")
        return _newest_first(rows_of(readable).filter(pk__in=ids[:limit]))

    def rows(readable: list[int], terms: list[str]):
        if connection.vendor == "postgresql":
            return kept(readable, _prefixes(terms))
        return matches(rows_of(readable), fields, terms)[:limit]

    return rows


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
