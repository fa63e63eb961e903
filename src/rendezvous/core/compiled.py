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
from django.db.models import QuerySet

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
