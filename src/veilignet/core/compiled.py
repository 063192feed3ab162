"""Querysets of a fixed shape, turned into SQL once per process instead of per request.

Django compiles a queryset to SQL again every time it is evaluated; on a case page that
took more of the request's CPU than the database did (docs/benchmarks.md, load test,
fifth session). `CompiledQuery` wraps a function that builds a queryset from arguments
which reach the SQL only as parameters:

    @CompiledQuery
    def visible_case(user, pk, now):
        return Case.objects.for_user(user, at=now).filter(pk=pk)

    cases = visible_case(request.user, pk, timezone.now())  # a list of Case

The first call per database and shape builds the queryset with stand-in values, compiles
it and notes which parameter each argument became; later calls put the values in their
places and run the same SQL through Django's compiler, so rows become the model
instances (with their `select_related` objects) or `values_list()` tuples or values the
queryset itself would give. `rows=slice(start, stop)` takes a slice of the queryset (a
page), compiled once per slice; `counted(queryset)` makes a queryset's COUNT a query of
one value, so that counts can be compiled too.

Arguments are ints, strings, aware datetimes and users. Of a user the function may read
only `pk`, `organisation_id`, `role` and `is_authenticated` (anything else raises); the
SQL is kept per role and per "has an organisation", the branches `for_user` takes. With
`settings.COMPILED_QUERY_CHECK` (on in the test suite) every call also compiles the
queryset as usual and raises if the SQL or its parameters differ, so any function whose
SQL depends on more than this fails the tests instead of returning another shape's rows.
It uses Django's compiler and model iterables beyond their documented API (Django 5.2):
the same suite is what shows an upgrade kept them.
"""

import copy
import datetime
import functools
import itertools
import operator

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, Value
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable

# Stand-in values, never sent to the database: no constant or timestamp of the app's
# queries comes near them. The ints fit every integer column but the smallest (Django
# treats a value outside a column's range as "no rows", which would fix that shape).
_INT_BASE = 2_000_000_000
_INT64 = range(-(2**63), 2**63)
_DATETIME_BASE = datetime.datetime(1901, 1, 1, tzinfo=datetime.UTC)
# What Django's iterables read of a queryset is known for these (see _Evaluation).
_ITERABLES = (ModelIterable, ValuesListIterable, FlatValuesListIterable)


class _StandInUser:
    """What a compiled function may read of a user (any other attribute raises)."""

    __slots__ = ("id", "is_authenticated", "organisation_id", "pk", "role")

    def __init__(self, pk, organisation_id, role):
        self.pk = self.id = pk
        self.organisation_id = organisation_id
        self.role = role
        self.is_authenticated = True


def _shape(value):
    """The part of an argument that may change the SQL (its type, a user's branches)."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"CompiledQuery takes no {value!r}: it may change the SQL")
    if isinstance(value, int | str):
        return type(value)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise TypeError("CompiledQuery takes aware datetimes only")
        return datetime.datetime
    if getattr(value, "is_authenticated", False) and hasattr(value, "role"):
        return ("user", value.role, value.organisation_id is None)
    raise TypeError(f"CompiledQuery takes ints, strings, datetimes and users, not {value!r}")


class _Evaluation:
    """What Django's model and values-list iterables read of a queryset: its database,
    its query's compiler and no related objects known in advance."""

    _known_related_objects = {}

    def __init__(self, db, compiler):
        self.db, self.query, self._compiler = db, self, compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler


def _stand_in(arg, position, counter, ops):
    """A stand-in for the argument at `position` and, for each parameter it may become,
    (the stand-in's value as a parameter, a getter of the real value from the args)."""
    get = operator.itemgetter(position)
    if isinstance(arg, int):
        value = _INT_BASE + next(counter)
        return value, [(value, get)]
    if isinstance(arg, str):
        value = f"\u2063stand-in {next(counter)}\u2063"
        return value, [(value, get)]
    if isinstance(arg, datetime.datetime):
        value = _DATETIME_BASE + datetime.timedelta(seconds=next(counter))
        adapt = ops.adapt_datetimefield_value  # a string on SQLite
        return value, [(value, get), (adapt(value), lambda args: adapt(get(args)))]
    user = _StandInUser(
        _INT_BASE + next(counter),
        None if arg.organisation_id is None else _INT_BASE + next(counter),
        arg.role,
    )
    found = [(user.pk, lambda args: get(args).pk)]
    if user.organisation_id is not None:
        found.append((user.organisation_id, lambda args: get(args).organisation_id))
    return user, found


class _Compiled:
    """One shape's SQL, its constant parameters and where each argument goes."""

    def __init__(self, build, args, using):
        counter, ops = itertools.count(), connections[using].ops
        stand_ins, getters = [], {}
        for position, arg in enumerate(args):
            stand_in, found = _stand_in(arg, position, counter, ops)
            stand_ins.append(stand_in)
            getters.update(found)
        queryset = build(*stand_ins)
        self.iterable = queryset._iterable_class
        if self.iterable not in _ITERABLES or queryset._prefetch_related_lookups:
            raise TypeError(
                "CompiledQuery runs model querysets and values_list() without prefetch_related"
            )
        if queryset._known_related_objects:
            raise TypeError("CompiledQuery needs querysets of a manager, not a relation")
        self.compiler = queryset.query.get_compiler(using=using)
        self.sql, self.params = _as_sql(self.compiler)
        self.slots = [(i, getters[p]) for i, p in enumerate(self.params) if _is_key(p, getters)]
        if self.sql and any(str(value) in self.sql for value in getters):
            raise TypeError("CompiledQuery: an argument became part of the SQL text")

    def bind(self, args):
        """The parameters with the arguments' values in their places."""
        params = list(self.params)
        for index, getter in self.slots:
            params[index] = getter(args)
        return params

    def run(self, args, using):
        """The rows of the query with `args` in place."""
        if self.sql is None:
            return []
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[using]
        sql, params = self.sql, self.bind(args)
        compiler.as_sql = lambda *a, **kw: (sql, params)
        return list(self.iterable(_Evaluation(using, compiler)))


def _as_sql(compiler):
    """The compiler's SQL and parameters; (None, []) for a query that can have no rows."""
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None, []
    return sql, list(params)


def _is_key(value, mapping):
    try:
        return value in mapping
    except TypeError:  # unhashable constants (lists, JSON) are never stand-ins
        return False


class CompiledQuery:
    """Decorator: a queryset-building function whose SQL is compiled once per shape."""

    def __init__(self, build):
        self.build = build
        self.compiled = {}
        functools.update_wrapper(self, build)

    def __call__(self, *args, using=DEFAULT_DB_ALIAS, rows=None):
        """The rows of the queryset the function builds from `args`, or of its slice
        `rows` (compiled once per slice: a page's LIMIT and OFFSET are SQL text)."""
        build = self.build if rows is None else _sliced(self.build, rows)
        if any(isinstance(arg, int) and arg not in _INT64 for arg in args):
            return list(build(*args))  # an id no column holds: Django finds no rows
        key = (using, *map(_shape, args), None if rows is None else (rows.start, rows.stop))
        compiled = self.compiled.get(key)
        if compiled is None:
            compiled = self.compiled.setdefault(key, _Compiled(build, args, using))
        if settings.COMPILED_QUERY_CHECK:
            self.check(compiled, build, args, using)
        return compiled.run(args, using)

    def check(self, compiled, build, args, using):
        """Raise unless the cached SQL and parameters are what Django compiles now."""
        expected = _as_sql(build(*args).query.get_compiler(using=using))
        cached = (compiled.sql, compiled.bind(args))
        if cached != expected:
            raise AssertionError(
                f"{self.build.__qualname__}: the compiled SQL differs from Django's for "
                f"these arguments:\n{cached}\n{expected}"
            )


def _sliced(build, rows):
    if rows.step is not None:
        raise TypeError("CompiledQuery takes slices without a step")
    return lambda *args: build(*args)[rows]


def counted(queryset):
    """The number of rows of `queryset`, as a values list of one value (Django's own
    `SELECT COUNT(*) ... WHERE ...`, but lazy: a CompiledQuery can return it). Not for
    distinct, sliced or combined querysets, whose count needs a subquery."""
    query = queryset.query
    if query.distinct or query.is_sliced or query.combinator:
        raise TypeError("counted() counts plain querysets only; use .count()")
    return (
        queryset.order_by()
        .values(_all=Value(1))  # groups nothing: a constant, so no GROUP BY
        .annotate(count=Count("*"))
        .values_list("count", flat=True)
    )
