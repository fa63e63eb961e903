"""Queries compiled to SQL once and run again with other values.

Building a query costs the ORM far more CPU than running a simple one: counting an edition's seats took 0.54 ms of
which 0.12 ms was the round trip to PostgreSQL. A registration burst runs a few such statements for every group it
commits, so those are compiled once (`CompiledQuery`) and the ORM's own converters are applied to their rows, so that
they give what the queryset would.
"""

import threading
import uuid
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.postgresql.compiler import SQLInsertCompiler as PostgresInsertCompiler
from django.db.models import Model, QuerySet
from django.db.models.sql import InsertQuery
from django.db.models.sql.compiler import SQLInsertCompiler
from django.utils.functional import cached_property

# Values no table holds, put where the real values go when the query is compiled, then found among its parameters.
_INTEGER_PLACEHOLDER = -7_319_024_611_853
_UUID_PLACEHOLDER = 0x5EED_0000_0000_4000_8000_0000_0000_0000
# What a shape compiles to when its values can match nothing (an empty list in every branch): no statement is run.
_NOTHING = None
# Compiled shapes kept per query: one per length of its lists (a burst's groups hold 1 to 100 applications).
MAX_SHAPES = 256


def _placeholder(kind, number: int):
    if kind is int:
        return _INTEGER_PLACEHOLDER - number
    if kind is str:
        return f"\x1fcompiled-query-placeholder-{number}\x1f"
    if kind is uuid.UUID:
        return uuid.UUID(int=_UUID_PLACEHOLDER + number)
    raise TypeError(f"CompiledQuery cannot stand in for {kind.__name__} values.")


def _forms(placeholder) -> dict:
    """How a placeholder may appear among the compiled parameters (a backend without a UUID type stores its hex)."""
    forms = {placeholder: None}
    if isinstance(placeholder, uuid.UUID):
        forms[placeholder.hex] = "hex"
    return forms


class CompiledQuery:
    """`build(*arguments)`, a queryset whose shape depends only on how many values each list argument holds,
    compiled on first use for each database and shape, then run with the values given.

    `kinds` gives each argument's type: int, str or uuid.UUID for one value, or a one-element list of it for a list
    of values (`[str]`). `rows(*arguments)` returns the rows as tuples, converted as the queryset would convert them.
    """

    def __init__(self, build: Callable[..., QuerySet], *kinds, using: str = "default"):
        self._build = build
        self._kinds = kinds or (int,)
        self._using = using
        self._compiled: dict[tuple, tuple | None] = {}
        self._mutex = threading.Lock()

    def rows(self, *arguments) -> list[tuple]:
        connection = connections[self._using]
        values = [value for argument in arguments for value in (argument if isinstance(argument, list) else [argument])]
        shape = tuple(len(argument) if isinstance(argument, list) else None for argument in arguments)
        compiled = self._compile(connection, shape)
        if compiled is _NOTHING:
            return []
        sql, params, substitutions, converters = compiled
        params = list(params)
        for position, index, form in substitutions:
            params[position] = values[index].hex if form == "hex" else values[index]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            row = list(row)
            for column, (functions, expression) in converters:
                for function in functions:
                    row[column] = function(row[column], expression, connection)
            converted.append(tuple(row))
        return converted

    def _compile(self, connection, shape: tuple) -> tuple:
        # A test run may point the alias at another database; the SQL is the backend's.
        cache_key = (connection.vendor, connection.settings_dict["NAME"], shape)
        if cache_key in self._compiled:
            return self._compiled[cache_key]
        arguments, placeholders = [], []
        for kind, length in zip(self._kinds, shape, strict=True):
            if length is None:
                placeholders.append(_placeholder(kind, len(placeholders)))
                arguments.append(placeholders[-1])
            else:
                first = len(placeholders)
                placeholders += [_placeholder(kind[0], first + offset) for offset in range(length)]
                arguments.append(placeholders[first:])
        compiler = self._build(*arguments).query.get_compiler(using=self._using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # as the queryset itself would answer
            return self._keep(cache_key, _NOTHING)
        substitutions = []
        for index, placeholder in enumerate(placeholders):
            forms = _forms(placeholder)
            found = [(position, forms[value]) for position, value in enumerate(params) if _is_one_of(value, forms)]
            if len(found) != 1:
                raise ValueError(f"Each value must appear once among the query's parameters, not {len(found)} times.")
            substitutions.append((found[0][0], index, found[0][1]))
        columns = [select[0] for select in compiler.select[: compiler.col_count]]
        return self._keep(
            cache_key, (sql, tuple(params), substitutions, list(compiler.get_converters(columns).items()))
        )

    def _keep(self, cache_key: tuple, compiled):
        with self._mutex:
            if len(self._compiled) >= MAX_SHAPES:
                self._compiled.clear()
            self._compiled[cache_key] = compiled
        return compiled


def _is_one_of(value, forms: dict) -> bool:
    try:
        return value in forms
    except TypeError:  # an unhashable parameter (a list) is none of them
        return False


class _RowsInsertCompiler(PostgresInsertCompiler):
    """PostgreSQL's insert compiler writing one row of values per object, as it does for a single row."""

    def assemble_as_sql(self, fields, value_rows):
        return SQLInsertCompiler.assemble_as_sql(self, fields, value_rows)


class CompiledInsert:
    """`model.objects.bulk_create(objs)` for new rows that every group of a burst writes, with the statement compiled
    once per database and shape.

    bulk_create builds its statement afresh each time: for one or two rows most of its cost is checking and
    assembling, not the values (0.63 ms against 0.43 for two applications, 2026-12-01). Here the rows are prepared as
    bulk_create prepares them (each field's `pre_save` and `get_db_prep_save`, related objects checked first) and the
    statement is the one bulk_create writes on PostgreSQL: one array per column (UNNEST), which serves any number of
    rows, except that up to ROWS_AS_VALUES rows go as rows of values, which psycopg binds with a third fewer calls
    than arrays (measured with the applications: 1,001 calls against 1,631 for two rows, 2,330 against 2,126 for
    three). Each object gets its primary key back and is marked saved.

    A model whose primary key is not generated by the database (a UUID with a default) is written with the key each
    object holds, and nothing is returned.

    On other databases, and for whatever this does not cover (an object with its database-generated primary key set
    or one without its own key, a value that is an expression, a model with parent tables or whose insert returns
    more than its primary key or is not written as bulk_create writes it), it is bulk_create itself.
    """

    ROWS_AS_VALUES = 2

    def __init__(self, model: type[Model], using: str = "default"):
        # Made at import time (a module's constant), so the model's fields are read only when first needed.
        self._model = model
        self._using = using
        self._compiled: dict[tuple, str | None] = {}
        self._mutex = threading.Lock()

    @cached_property
    def _fields(self) -> list:
        meta = self._model._meta
        return [field for field in meta.concrete_fields if not field.generated and field is not meta.auto_field]

    def insert(self, objs: list[Model]) -> list[Model]:
        connection = connections[self._using]
        as_values = len(objs) <= self.ROWS_AS_VALUES
        sql = None
        if objs and connection.vendor == "postgresql":
            sql = self._compile(connection, len(objs) if as_values else None)
        keys_given = self._model._meta.auto_field is None
        if sql is None or any((obj.pk is not None) != keys_given for obj in objs):
            return self._bulk_create(objs)
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
        rows = []
        for obj in objs:
            row = []
            for field in self._fields:
                value = field.pre_save(obj, add=True)
                if hasattr(value, "resolve_expression"):
                    return self._bulk_create(objs)
                row.append(field.get_db_prep_save(value, connection=connection))
            rows.append(row)
        if as_values:
            params = [value for row in rows for value in row]
        else:
            params = [list(column) for column in zip(*rows, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            keys = [obj.pk for obj in objs] if keys_given else [key for (key,) in cursor.fetchall()]
        attname = self._model._meta.pk.attname
        for obj, key in zip(objs, keys, strict=True):
            setattr(obj, attname, key)
            obj._state.adding = False
            obj._state.db = self._using
        return objs

    def _bulk_create(self, objs: list[Model]) -> list[Model]:
        return self._model._default_manager.using(self._using).bulk_create(objs)

    def _compile(self, connection, rows: int | None) -> str | None:
        """The statement for `rows` rows of values, or (None) bulk_create's UNNEST statement; None if bulk_create
        would write another."""
        cache_key = (connection.settings_dict["NAME"], rows)
        if cache_key in self._compiled:
            return self._compiled[cache_key]
        meta = self._model._meta
        sql = None
        # What the insert returns: the key the database generates, or nothing when each object holds its own.
        returning = [meta.pk] if meta.auto_field else []
        # bulk_create refuses a model with parent tables; let it say so.
        if list(meta.db_returning_fields) == returning and not meta.parents:
            query = InsertQuery(self._model)
            # Blank objects (two for arrays, since bulk_create writes a single row without them): only the statement
            # is kept.
            query.insert_values(self._fields, [self._model() for _row in range(rows or 2)])
            compiler_class = _RowsInsertCompiler if rows else PostgresInsertCompiler
            compiler = compiler_class(query, connection, self._using)
            compiler.returning_fields = returning or None
            [(statement, params)] = compiler.as_sql()
            if rows:
                shaped = len(params) == rows * len(self._fields) and statement.count("%s") == len(params)
            else:
                shaped = len(params) == len(self._fields) and all(
                    isinstance(param, list) and len(param) == 2 for param in params
                )
            if shaped:
                sql = statement
        with self._mutex:
            self._compiled[cache_key] = sql
        return sql
