"""Querysets whose SQL is written once per shape and connection; later calls only bind values.

Turning a queryset into SQL (joins, selected columns, lookups) costs more than PostgreSQL takes
to run most of a page's queries, and a page asks the same questions on every view with other
ids. A function decorated with `@frozen_query` builds its queryset from its arguments alone;
the first call of each shape (the arguments' kinds, and each list's length) builds it with
stand-in values, compiles it and finds where each stand-in landed among the SQL parameters.
Every later call copies that compiled statement and puts its own values in those places.

What a frozen function may do, checked when it is first compiled (an error, not a slow path):
- take ids, UUIDs, short strings, booleans, None, or lists of ids, UUIDs or strings;
- use each value as a parameter as it is (an exact, `in`, or comparison lookup): a value that
  a lookup rewrites (`icontains` adds wildcards) or that lands in the SQL text is refused;
- prefetch with querysets of its own that do not depend on its arguments.
A frozen queryset is read as it is (iterated, listed): chaining a filter, slicing or counting
it raises, since its tree still holds the stand-ins.
"""

import functools
import inspect
import uuid
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Prefetch

# Stand-ins sit within a small integer column's range (Django turns an out-of-range id into an
# empty result before writing SQL) and far from any count a query holds as a constant.
_INT_BASE = 30011
_SHAPES_PER_CONNECTION = 2000


class FrozenQueryError(TypeError):
    pass


def _kind(value):
    """The part of a call's shape one argument gives: its type, and a list's length."""
    if value is None:
        return ("none",)
    if isinstance(value, bool):
        return ("bool", value)  # a flag may change the SQL; it is built in, not bound
    if isinstance(value, int):
        return ("int",)
    if isinstance(value, uuid.UUID):
        return ("uuid",)
    if isinstance(value, str):
        return ("str",)
    if isinstance(value, list | tuple | set | frozenset):
        values = list(value)
        kinds = {_kind(v) for v in values}
        if len(kinds) > 1 or kinds - {("int",), ("uuid",), ("str",)}:
            raise FrozenQueryError(f"a list of {kinds} cannot be bound")
        return ("list", len(values), next(iter(kinds))[0] if values else None)
    raise FrozenQueryError(f"{type(value).__name__} cannot be bound")


@dataclass
class _Entry:
    queryset: object  # built with stand-ins; never evaluated
    compiler: object  # compiled once: its columns and converters serve every call
    sql: str
    params: tuple
    slots: tuple  # (parameter index, argument index, element index or None, as hex)


class _Stand:
    """Stand-in values for one shape, and where each one is found again."""

    def __init__(self):
        self.found = {}
        self.n = 0

    def one(self, kind: str, where):
        self.n += 1
        if kind == "int":
            value = _INT_BASE + 7 * self.n
            self.found[value] = (where, False)
        elif kind == "uuid":
            value = uuid.UUID(int=(0xF7 << 120) + self.n)
            self.found[value] = (where, False)
            self.found[value.hex] = (where, True)
        else:
            value = f"\x1ffrozen-{self.n}\x1f"
            self.found[value] = (where, False)
        return value

    def args(self, args, shape):
        built = []
        for index, (value, kind) in enumerate(zip(args, shape, strict=True)):
            if kind[0] in ("none", "bool"):
                built.append(value)
            elif kind[0] == "list":
                built.append([self.one(kind[2], (index, n)) for n in range(kind[1])])
            else:
                built.append(self.one(kind[0], (index, None)))
        return built


def _in_text(sql: str, stand: _Stand) -> bool:
    return any(str(value) in sql for value in stand.found)


def _freeze(build, args, shape, connection) -> _Entry | None:
    stand = _Stand()
    queryset = build(*stand.args(args, shape))
    if queryset.db != connection.alias or queryset._known_related_objects:
        raise FrozenQueryError(f"{build.__qualname__}: a related manager's queryset")
    compiler = queryset.query.get_compiler(connection=connection)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None  # an empty list: Django answers without the database, nothing to keep
    slots, seen = [], set()
    for position, param in enumerate(params):
        try:
            hit = stand.found.get(param)
        except TypeError:  # an unhashable parameter (an array) holds no stand-in
            hit = None
        if hit is None:
            continue
        (index, element), as_hex = hit
        seen.add((index, element))
        slots.append((position, index, element, as_hex))
    wanted = {where for where, _hex in stand.found.values()}
    if seen != wanted or _in_text(sql, stand):
        raise FrozenQueryError(
            f"{build.__qualname__}: a value is rewritten by its lookup or written in the SQL"
        )
    for lookup in queryset._prefetch_related_lookups:
        if isinstance(lookup, Prefetch) and lookup.queryset is not None:
            inner = lookup.queryset.query.get_compiler(connection=connection)
            try:
                inner_sql, inner_params = inner.as_sql()
            except EmptyResultSet:
                continue
            if _in_text(inner_sql, stand) or any(
                isinstance(p, int | str | uuid.UUID) and p in stand.found for p in inner_params
            ):
                raise FrozenQueryError(f"{build.__qualname__}: a prefetch uses an argument")
    return _Entry(queryset, compiler, sql, tuple(params), tuple(slots))


class _Bound:
    """The stand-in query with one call's values: compiles to the kept SQL, refuses changes."""

    __slots__ = ("_compiler", "_query")

    def __init__(self, query, compiler):
        self._query = query
        self._compiler = compiler

    def __getattr__(self, name):
        value = getattr(self._query, name)
        if inspect.ismethod(value) and name != "get_meta":
            # The stand-in query's own methods (a count, a clone) would run on the stand-ins.
            raise FrozenQueryError(f"a frozen queryset is read as it is ({name})")
        return value

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def _refuse(self, *args, **kwargs):
        raise FrozenQueryError("a frozen queryset is read as it is, not changed")

    chain = clone = _refuse


def _bound_queryset(entry: _Entry, args):
    params = list(entry.params)
    for position, index, element, as_hex in entry.slots:
        value = args[index] if element is None else args[index][element]
        params[position] = value.hex if as_hex else value
    compiler = object.__new__(type(entry.compiler))
    compiler.__dict__.update(entry.compiler.__dict__)
    sql, bound = entry.sql, tuple(params)
    compiler.as_sql = lambda *_a, **_k: (sql, bound)
    template = entry.queryset
    queryset = object.__new__(type(template))
    queryset.__dict__.update(template.__dict__)
    queryset._query = _Bound(template.query, compiler)
    queryset._result_cache = None
    queryset._prefetch_done = False
    return queryset


def frozen_query(build):
    """Decorate a function of plain values that returns a queryset (see the module's notes)."""

    @functools.wraps(build)
    def call(*args):
        connection = connections[DEFAULT_DB_ALIAS]
        kept = connection.__dict__.setdefault("_frozen_queries", {})
        args = [list(a) if isinstance(a, set | frozenset) else a for a in args]
        shape = tuple(_kind(a) for a in args)
        key = (call, shape)
        try:
            entry = kept[key]
        except KeyError:
            if len(kept) >= _SHAPES_PER_CONNECTION:
                kept.clear()
            entry = kept[key] = _freeze(build, args, shape, connection)
        if entry is None:
            return build(*args)
        return _bound_queryset(entry, args)

    call.build = build
    return call
