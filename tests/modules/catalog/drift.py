"""Compare a module's models with the tables its migrations built, the way
`tests/adapters/database/test_migrations.py` does for tenancy and orders.

Foreign keys to other modules' tables live in the migration only (a module never imports another
module's models), so a foreign key the model does not know about is expected and ignored.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, MetaData, create_engine, inspect


def _foreign_to_another_module(metadata: MetaData, diff: Any) -> bool:
    return bool(diff[0] == "remove_fk" and diff[1].referred_table.name not in metadata.tables)


def assert_models_match_migrations(database_url: str, metadata: MetaData) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _: kind != "table" or name in metadata.tables,
                },
            )
            diffs = [
                d for d in compare_metadata(context, metadata) if not _foreign_to_another_module(metadata, d)
            ]
            checks = {
                table: sorted(
                    (c["name"], c["sqltext"]) for c in inspect(connection).get_check_constraints(table)
                )
                for table in metadata.tables
            }
    finally:
        engine.dispose()
    assert diffs == []
    for name, table in metadata.tables.items():  # alembic does not compare check constraints
        declared = sorted(
            (str(c.name), str(c.sqltext)) for c in table.constraints if isinstance(c, CheckConstraint)
        )
        assert checks[name] == declared, name
