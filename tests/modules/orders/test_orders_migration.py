"""Orders recorded before their lifecycle was stamped get the stamps of the usual path to their status,
at their `created_at`: exactly what an order recorded straight in that status gets now. Those already
refunded get one refund of their total, dated when they were refunded."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text

from adapters.container import Container
from adapters.database.migrations import _config, upgrade
from adapters.ledger import rebuild_ledger
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock
from tests.removal import REMOVED

PLACED = datetime(2026, 3, 1, 8, 30)
STAMPS = ("paid_at", "shipped_at", "delivered_at", "cancelled_at", "refunded_at")


def test_orders_placed_before_the_lifecycle_get_the_stamps_of_their_path(
    api: Api, container: Container
) -> None:
    shop = api.three_vendors()
    engine, [orders] = container.engine(), [m for m in container.enabled_modules() if m.code == "orders"]
    statuses = ("pending", "paid", "shipped", "delivered", "cancelled", "refunded")
    try:
        with engine.begin() as connection:
            command.downgrade(_config(orders, connection), "orders_0002")
        with engine.begin() as connection:
            for status in statuses:
                connection.execute(
                    text(
                        "INSERT INTO orders (vendor_id, customer_email, status, total_cents, currency,"
                        " created_at) VALUES (:vendor, 'old@x.test', :status, 100, 'EUR', :at)"
                    ),
                    {"vendor": shop["acme"], "status": status, "at": PLACED},
                )
    finally:
        upgrade(engine, [orders])
    at = "2026-03-01T08:30:00Z"
    found = {
        order["status"]: {name: order[name] for name in STAMPS if order[name] is not None}
        for order in api.client.get("/api/v1/vendor/orders", headers=shop["acme_owner"]).json()["items"]
    }
    assert found == {
        "pending": {},
        "paid": {"paid_at": at},
        "shipped": {"paid_at": at, "shipped_at": at},
        "delivered": {"paid_at": at, "shipped_at": at, "delivered_at": at},
        "cancelled": {"cancelled_at": at},
        "refunded": {"paid_at": at, "refunded_at": at},
    }
    with engine.connect() as connection:
        refunds = connection.execute(text("SELECT amount_cents, reason FROM order_refunds")).all()
        refunded: dict[str, int] = dict(
            connection.execute(text("SELECT status, refunded_cents FROM orders")).all()
        )
    assert [tuple(row) for row in refunds] == [(100, None)]
    assert refunded == dict.fromkeys(statuses, 0) | {"refunded": 100}


@pytest.mark.skipif("customers" in REMOVED, reason="the removability matrix took customers away")
def test_the_emails_of_earlier_orders_become_customers_at_their_first_order(
    api: Api, container: Container, clock: FrozenClock
) -> None:
    """orders_0009: orders recorded before orders found their customer (raw rows here, as they were
    written then) make their emails customers of their vendor, at the first order; an email already
    a customer is left as it was, another vendor's orders make its own customers; and the rebuild
    `tessera db upgrade` runs next counts customers with orders."""
    shop = api.three_vendors()
    clock.set(datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    api.post("/api/v1/vendor/customers", shop["acme_owner"], email="bob@x.test", name="Bob")
    engine, [orders] = container.engine(), [m for m in container.enabled_modules() if m.code == "orders"]
    rows = [
        (shop["acme"], "ana@x.test", datetime(2026, 3, 2, 8, 0)),
        (shop["acme"], "ana@x.test", datetime(2026, 3, 1, 8, 0)),  # her first
        (shop["acme"], "bob@x.test", datetime(2026, 1, 1, 8, 0)),  # a customer already
        (shop["bolt"], "ana@x.test", datetime(2026, 4, 1, 8, 0)),
    ]
    try:
        with engine.begin() as connection:
            command.downgrade(_config(orders, connection), "orders_0006")
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
        upgrade(engine, [orders])
    acme = api.client.get("/api/v1/vendor/customers", headers=shop["acme_owner"]).json()["items"]
    bolt = api.client.get("/api/v1/vendor/customers", headers=shop["bolt_owner"]).json()["items"]
    assert sorted((c["email"], c["name"], c["created_at"]) for c in acme) == [
        ("ana@x.test", None, "2026-03-01T08:00:00Z"),
        ("bob@x.test", "Bob", "2026-06-01T09:00:00Z"),  # as he was recorded
    ]
    assert [(c["email"], c["created_at"]) for c in bolt] == [("ana@x.test", "2026-04-01T08:00:00Z")]
    assert rebuild_ledger(container)
    dashboard = api.stats("/api/v1/vendor/dashboard/stats", shop["acme_owner"])
    assert figures(dashboard, "customers")["customers.total"] == 2
    orders_figures = figures(dashboard, "orders")
    assert (orders_figures["orders.customers_with_orders"], orders_figures["orders.repeat_customers"]) == (
        2,
        1,
    )
