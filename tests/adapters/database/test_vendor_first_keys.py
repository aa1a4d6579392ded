"""The vendor-first keys (docs/scaling.md, "Changed now") go down and up again over a seeded database
on both databases: every module's revisions before them, then back to the newest, with every row as
it was, and row errors given their job's vendor again."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Engine, inspect, text

from adapters.container import Container
from adapters.database.migrations import _config, migration_states, upgrade
from adapters.seeding import seed_database
from contracts.seeding import SeedSize

BEFORE = {
    "orders": "orders_0009",
    "marketplace": "marketplace_0002",
    "inventory": "inventory_0001",
    "catalog": "catalog_0001",
    "cms": "cms_0001",
    "customers": "customers_0001",
    "tenancy": "tenancy_0006",
}
"""Each module's revision before its keys led with the vendor; downgraded in this order (the
foreign keys of orders, marketplace and inventory need catalog's and orders' unique keys)."""


def _rows(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table, its columns by name, in a fixed order (written out: NULLs sort too)."""
    dump = {}
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            if not table.startswith("alembic_version"):
                rows = connection.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608 - schema names
                dump[table] = sorted(repr(sorted(row._mapping.items())) for row in rows)
    return dump


def test_the_keys_go_down_and_up_again_keeping_every_row(container: Container) -> None:
    engine, modules = container.engine(), container.enabled_modules()
    size = SeedSize(platforms=2, vendors=12, orders=400, days=30)
    seed_database(engine, modules, seed=3, size=size, now=datetime(2026, 6, 1, 12, tzinfo=UTC))
    before = _rows(engine)
    by_code = {module.code: module for module in modules}
    for code, revision in BEFORE.items():
        if code in by_code:
            with engine.begin() as connection:
                command.downgrade(_config(by_code[code], connection), revision)
    states = {state.code: state.current for state in migration_states(engine, modules)}
    assert {code: states[code] for code in BEFORE if code in by_code} == {
        code: revision for code, revision in BEFORE.items() if code in by_code
    }
    upgrade(engine, modules)
    assert _rows(engine) == before
    if "marketplace" in by_code:
        assert before["marketplace_import_errors"]  # the seed made some, each with its job's vendor
        with engine.connect() as connection:
            strays = connection.execute(
                text(
                    "SELECT count(*) FROM marketplace_import_errors e JOIN marketplace_import_jobs j"
                    " ON j.id = e.job_id WHERE e.vendor_id <> j.vendor_id"
                )
            )
            assert strays.scalar_one() == 0
