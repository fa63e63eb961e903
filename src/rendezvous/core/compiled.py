"""Queries compiled to SQL once and run again with another key.

Building a query costs the ORM far more CPU than running a simple one: counting an edition's seats took 0.54 ms of
which 0.12 ms was the round trip to PostgreSQL. A registration burst runs a few such statements for every group it
commits, so those are compiled once (`CompiledQuery`) and the ORM's own converters are applied to their rows, so that
they give what the queryset would.
"""

import threading
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

# A key no table holds, put where the real key goes when the query is compiled, then found among its parameters.
_PLACEHOLDER = -7_319_024_611_853


class CompiledQuery:
    """`build(key)` (a queryset of `values_list`, `values` or models' columns filtered on an integer `key`), compiled
    on first use for each database and then run with the key given.

    `rows(key)` returns the rows as tuples, converted as the queryset would convert them. Only for querysets whose
    shape does not depend on the key.
    """

    def __init__(self, build: Callable[[int], QuerySet], *, using: str = "default"):
        self._build = build
        self._using = using
        self._compiled: dict[tuple, tuple] = {}
        self._mutex = threading.Lock()

    def rows(self, key: int) -> list[tuple]:
        connection = connections[self._using]
        sql, params, position, converters = self._compile(connection)
        params = list(params)
        params[position] = key
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

    def _compile(self, connection) -> tuple:
        # A test run may point the alias at another database; the SQL is the backend's.
        cache_key = (connection.vendor, connection.settings_dict["NAME"])
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            queryset = self._build(_PLACEHOLDER)
            compiler = queryset.query.get_compiler(using=self._using)
            sql, params = compiler.as_sql()
            positions = [index for index, value in enumerate(params) if value == _PLACEHOLDER]
            if len(positions) != 1:
                raise ValueError(f"The key must appear once among the query's parameters, not {len(positions)} times.")
            columns = [select[0] for select in compiler.select[: compiler.col_count]]
            converters = list(compiler.get_converters(columns).items())
            compiled = (sql, tuple(params), positions[0], converters)
            with self._mutex:
                self._compiled[cache_key] = compiled
        return compiled
