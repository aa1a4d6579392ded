"""The customers table keeps its rules in the database: one email per vendor, indexed for the
dashboards, and its foreign key to vendors (which lives in the migration only). The model and the
migration are compared by `tests/adapters/database/test_migrations.py`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from adapters.container import Container
from adapters.database.migrations import _config, upgrade
from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.removal import REMOVED


def test_the_table_keeps_its_rules(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        inspector = inspect(engine)
        unique = inspector.get_unique_constraints("customers")
        indexes = [index["column_names"] for index in inspector.get_indexes("customers")]
        foreign = inspector.get_foreign_keys("customers")
    finally:
        engine.dispose()
    assert [(u["name"], u["column_names"]) for u in unique] == [
        ("uq_customers_vendor_email", ["vendor_id", "email"])
    ]
    assert ["vendor_id", "created_at"] in indexes
    assert [(f["constrained_columns"], f["referred_table"]) for f in foreign] == [(["vendor_id"], "vendors")]


@pytest.mark.skipif("orders" in REMOVED, reason="the removability matrix took orders away")
def test_the_emails_of_earlier_orders_become_customers_at_their_first_order(
    api: Api, container: Container, clock: FrozenClock
) -> None:
    """customers_0002: orders recorded before orders found their customer (raw rows here, as they
    were written then) make their emails customers of their vendor, at the first order; an email
    already a customer is left as it was, and another vendor's orders make its own customers."""
    shop = api.three_vendors()
    clock.set(datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    api.post("/api/v1/vendor/customers", shop["acme_owner"], email="bob@x.test", name="Bob")
    engine = container.engine()
    [customers] = [m for m in container.enabled_modules() if m.code == "customers"]
    rows = [
        (shop["acme"], "ana@x.test", datetime(2026, 3, 2, 8, 0)),
        (shop["acme"], "ana@x.test", datetime(2026, 3, 1, 8, 0)),  # her first
        (shop["acme"], "bob@x.test", datetime(2026, 1, 1, 8, 0)),  # a customer already
        (shop["bolt"], "ana@x.test", datetime(2026, 4, 1, 8, 0)),
    ]
    try:
        with engine.begin() as connection:
            command.downgrade(_config(customers, connection), "customers_0001")
        with engine.begin() as connection:
            for vendor, email, at in rows:
                connection.execute(
                    text(
                        "INSERT INTO orders (vendor_id, customer_email, status, total_cents, currency,"
                        " created_at) VALUES (:vendor, :email, 'paid', 100, 'EUR', :at)"
                    ),
                    {"vendor": vendor, "email": email, "at": at},
                )
    finally:
        upgrade(engine, [customers])
    acme = api.client.get("/api/v1/vendor/customers", headers=shop["acme_owner"]).json()["items"]
    bolt = api.client.get("/api/v1/vendor/customers", headers=shop["bolt_owner"]).json()["items"]
    assert sorted((c["email"], c["name"], c["created_at"]) for c in acme) == [
        ("ana@x.test", None, "2026-03-01T08:00:00Z"),
        ("bob@x.test", "Bob", "2026-06-01T09:00:00Z"),  # as he was recorded
    ]
    assert [(c["email"], c["created_at"]) for c in bolt] == [("ana@x.test", "2026-04-01T08:00:00Z")]
