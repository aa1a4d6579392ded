"""Orders recorded before their lifecycle was stamped get the stamps of the usual path to their status,
at their `created_at`: exactly what an order recorded straight in that status gets now. Those already
refunded get one refund of their total, dated when they were refunded."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import text

from adapters.container import Container
from adapters.database.migrations import _config, upgrade
from tests.api import Api

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
