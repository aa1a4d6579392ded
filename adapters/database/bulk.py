"""Write many rows at once: COPY on PostgreSQL, one prepared INSERT run over all rows on SQLite.

Seeding millions of rows through the ORM's INSERT ... VALUES spends most of its time building
statements; COPY streams the rows instead. The values go through each column type's own bind
processing first (e.g. `UTCDateTime` normalising to naive UTC), so a row written here reads back
exactly like one the ORM wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert

__all__ = ("bulk_insert",)

_BATCH = 10_000


def _processors(
    connection: Connection, table: Table, columns: list[str]
) -> list[Callable[[Any], Any] | None]:
    dialect = connection.dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]


def _values(
    rows: Iterable[Mapping[str, Any]], columns: list[str], connection: Connection, table: Table
) -> Iterable[tuple[Any, ...]]:
    processors = list(enumerate(_processors(connection, table, columns)))
    for row in rows:
        values = [row[name] for name in columns]
        for position, process in processors:
            if process is not None and values[position] is not None:
                values[position] = process(values[position])
        yield tuple(values)


def _copy(connection: Connection, table: Table, columns: list[str], values: Iterable[tuple[Any, ...]]) -> int:
    quote = connection.dialect.identifier_preparer
    names = ", ".join(quote.quote(name) for name in columns)
    count = 0
    driver: Any = connection.connection.driver_connection  # psycopg's own connection, which has COPY
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy,
    ):
        for row in values:
            copy.write_row(row)
            count += 1
    return count


def _insert_many(
    connection: Connection, table: Table, columns: list[str], values: Iterable[tuple[Any, ...]]
) -> int:
    """The driver's own executemany over one compiled INSERT, in batches to bound memory."""
    statement = str(insert(table).values({name: bindparam(name) for name in columns}).compile(connection))
    count, batch = 0, []
    for row in values:
        batch.append(row)
        if len(batch) == _BATCH:
            connection.exec_driver_sql(statement, batch)
            count, batch = count + len(batch), []
    if batch:
        connection.exec_driver_sql(statement, batch)
        count += len(batch)
    return count


def bulk_insert(connection: Connection, model: type[Any], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert `rows` (dicts keyed by column name, all with the same keys) into the table of the
    mapped class `model`; returns how many."""
    table: Table = model.__table__
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    unknown = set(first) - {column.name for column in table.columns}
    if unknown:
        raise ValueError(f"{table.name} has no column(s) {', '.join(sorted(unknown))}")
    # In the table's order, which is the order a compiled INSERT takes its parameters in.
    columns = [column.name for column in table.columns if column.name in first]
    values = _values(chain((first,), iterator), columns, connection, table)
    if connection.dialect.name == "postgresql":
        return _copy(connection, table, columns, values)
    return _insert_many(connection, table, columns, values)
