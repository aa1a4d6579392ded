"""docs/scaling.md's table of tables matches the schema the migrations build, on both databases:
every table is listed, and each listed primary key and index is the schema's, columns in order.
A migration that changes a key fails here until the page says what it became."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import create_engine, inspect

DOC = Path(__file__).resolve().parents[2] / "docs" / "scaling.md"
_NOT_DISTRIBUTED = re.compile(r"^(alembic_version_\w+|tessera_seed_\w+|tessera_demo)$")
_NAMED = re.compile(r"`?(\w+) \(([^)]*)\)`?")
_ON_SQLITE = re.compile(r"^(.*) \(SQLite: (.*)\)$")


def _rows() -> dict[str, tuple[str, str]]:
    """`{table: (primary key cell, other keys cell)}` from the page's first table."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## The tables", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = (cells[3], cells[4])
    return rows


def _columns(written: str) -> list[str | None]:
    return [column.strip(" `") for column in written.split(",")]


def _primary(cell: str, dialect: str) -> list[str | None]:
    """`a, b` on both databases, or `a, b` (SQLite: `c`) where SQLite's differs."""
    split = _ON_SQLITE.match(cell)
    if split is None:
        return _columns(cell)
    return _columns(split[2] if dialect == "sqlite" else split[1])


def test_every_table_with_its_primary_key_and_indexes(migrated_database: str) -> None:
    rows = _rows()
    engine = create_engine(migrated_database)
    try:
        schema = inspect(engine)
        tables = {name for name in schema.get_table_names() if not _NOT_DISTRIBUTED.match(name)}
        assert sorted(rows) == sorted(tables)
        for table, (primary, others) in rows.items():
            primary_key = schema.get_pk_constraint(table)["constrained_columns"]
            assert _primary(primary, engine.dialect.name) == primary_key, table
            indexes: dict[str | None, list[str | None]] = {
                index["name"]: index["column_names"] for index in schema.get_indexes(table)
            }
            indexes |= {
                unique["name"]: list(unique["column_names"])
                for unique in schema.get_unique_constraints(table)
            }
            for name, columns in _NAMED.findall(others):
                if name.startswith(("uq_", "ix_", "ux_")):
                    assert indexes.get(name) == _columns(columns), (table, name)
    finally:
        engine.dispose()
