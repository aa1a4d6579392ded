"""Orders find their customer, through the real API on both databases: a new email becomes a customer
of the vendor at the order's moment, a later order from it (any case) finds it, a customer recorded
first is found too; so customers >= customers with orders >= repeat customers on every dashboard.
Two orders from one new email at once make one customer. With customers off in settings orders work
as before and add none; the next ledger rebuild adds them. A platform that switches customers off
still has its vendors' orders find their customers (customers are the vendor's, not the platform's).

Every test needs the customers module: the removability matrix, which takes it away, skips them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import MetaData, Table, func, select

from adapters.container import Container
from adapters.http.app import create_app
from adapters.ledger import rebuild_ledger
from kernel.context import MetricsContext
from modules.orders.schemas import OrderCreate
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw_everywhere
from tests.races import run_together
from tests.removal import REMOVED

pytestmark = pytest.mark.skipif("customers" in REMOVED, reason="the removability matrix took customers away")

CUSTOMERS = "/api/v1/vendor/customers"
VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WINDOW = MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True)


def _on(day: int) -> datetime:
    return datetime(2026, 6, day, 9, 0, tzinfo=UTC)


def _customers(api: Api, owner: dict[str, str], **params: Any) -> Any:
    response = api.client.get(CUSTOMERS, headers=owner, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _counts(dashboard: dict[str, Any]) -> tuple[int, int, int]:
    """(customers, customers with orders, repeat customers): never increasing, left to right."""
    orders = figures(dashboard, "orders")
    return (
        figures(dashboard, "customers")["customers.total"],
        orders["orders.customers_with_orders"],
        orders["orders.repeat_customers"],
    )


def test_an_order_adds_its_customer_and_later_orders_find_it(
    api: Api, container: Container, clock: FrozenClock
) -> None:
    shop = api.three_vendors()
    acme = shop["acme_owner"]
    clock.set(_on(1))
    api.order(acme, 1_000, "paid", email="Ana@Example.com")
    clock.set(_on(2))
    api.order(acme, 2_000, "pending", email="ANA@example.COM")  # the same customer, whatever the case
    clock.set(_on(3))
    api.post(CUSTOMERS, acme, email="bob@x.test", name="Bob Berg")
    api.post(CUSTOMERS, acme, email="cy@x.test")  # a customer who never ordered
    clock.set(_on(4))
    api.order(acme, 500, "paid", email="Bob@x.test")  # finds Bob, as he was recorded
    api.order(shop["bolt_owner"], 700, "paid", email="ana@example.com")  # bolt's own customer
    clock.set(TODAY)

    found = _customers(api, acme)
    assert [(c["email"], c["name"], c["created_at"]) for c in found["items"]] == [
        ("cy@x.test", None, "2026-06-03T09:00:00Z"),
        ("bob@x.test", "Bob Berg", "2026-06-03T09:00:00Z"),
        ("ana@example.com", None, "2026-06-01T09:00:00Z"),  # at her first order
    ]
    assert _customers(api, shop["bolt_owner"])["total"] == 1
    again = api.client.post(CUSTOMERS, json={"email": "ana@example.com"}, headers=acme)
    assert again.status_code == 409  # her order made her a customer already
    dashboard = api.stats(VENDOR, acme)
    assert figures(dashboard, "customers") == {"customers.total": 3, "customers.new_in_period": 3}
    orders = figures(dashboard, "orders")
    assert (orders["orders.customers_with_orders"], orders["orders.repeat_customers"]) == (2, 1)
    main = api.stats(ADMIN, shop["root"], platform_id=shop["main"])  # acme's and bolt's
    assert _counts(main) == (4, 3, 1)
    eu = api.stats(ADMIN, shop["root"], platform_id=shop["eu"])  # bolt's
    assert _counts(eu) == (1, 1, 0)
    vendors, platforms = (shop[v] for v in ("acme", "bolt", "crux")), (shop["main"], shop["eu"])
    for module in ("customers", "orders"):
        fast_equals_raw_everywhere(container, module, vendors, platforms, [WINDOW])


def test_a_refused_order_adds_no_customer(api: Api, clock: FrozenClock) -> None:
    shop = api.three_vendors()
    clock.set(_on(1))
    lines = [{"sku": "A", "title": "A", "quantity": 1, "unit_price_cents": 100}]
    body = {"customer_email": "ana@x.test", "total_cents": 999, "lines": lines}
    refused = api.client.post("/api/v1/vendor/orders", json=body, headers=shop["acme_owner"])
    assert refused.status_code == 400
    assert _customers(api, shop["acme_owner"])["total"] == 0


def test_an_email_too_long_once_lower_cased_is_a_400_naming_it(api: Api) -> None:
    shop = api.three_vendors()
    email = "İ" * 120 + "@" + "a" * 128 + ".io"  # 252 characters; 372 once lower-cased
    body = {"customer_email": email, "total_cents": 100}
    refused = api.client.post("/api/v1/vendor/orders", json=body, headers=shop["acme_owner"])
    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "customer_email: longer than 254 characters once lower-cased (some capitals, like İ, become two)"
    )
    assert _customers(api, shop["acme_owner"])["total"] == 0


def test_two_orders_from_one_new_email_at_once_make_one_customer(
    api: Api, container: Container, clock: FrozenClock
) -> None:
    shop = api.three_vendors()
    clock.set(_on(1))
    service, acme = container.orders.order_service(), shop["acme"]
    for attempt in range(4):
        start = threading.Barrier(2, timeout=30)
        email = f"new{attempt}@x.test"

        def order(barrier: threading.Barrier = start, email: str = email) -> None:
            barrier.wait()
            service.create(acme, OrderCreate(customer_email=email, total_cents=100, status="paid"))

        run_together(order, order)
    clock.set(TODAY)
    assert _customers(api, shop["acme_owner"])["total"] == 4
    assert _counts(api.stats(VENDOR, shop["acme_owner"])) == (4, 4, 4)
    fast_equals_raw_everywhere(container, "customers", [acme], [shop["main"]], [WINDOW])


def test_with_customers_off_orders_add_none_until_the_ledger_is_rebuilt(
    api: Api, container: Container, make_container: Callable[..., Container], clock: FrozenClock
) -> None:
    """Orders recorded while customers was off in settings: they work as always and add no customer;
    once customers is on again, the next rebuild (`tessera db upgrade` after a migration, `tessera db
    rebuild-ledger`) makes their emails customers, at their first order."""
    shop = api.three_vendors()
    without = make_container(settings={"modules": {"customers": {"enabled": False}}})
    with TestClient(create_app(without), base_url="http://testserver.local") as client:
        off = Api(client, without)
        clock.set(_on(2))
        placed = off.order(shop["acme_owner"], 1_000, "paid", email="ana@x.test")
        assert placed["customer_email"] == "ana@x.test"
        clock.set(_on(5))
        off.order(shop["acme_owner"], 1_000, "paid", email="ana@x.test")
        clock.set(TODAY)
        dashboard = off.stats(VENDOR, shop["acme_owner"])
        assert "customers" not in dashboard["categories"]
        assert figures(dashboard, "orders")["orders.customers_with_orders"] == 1
    with container.session_factory()() as session:
        assert session.scalar(select(func.count()).select_from(_customer_table(container))) == 0

    assert rebuild_ledger(container)
    assert [(c["email"], c["created_at"]) for c in _customers(api, shop["acme_owner"])["items"]] == [
        ("ana@x.test", "2026-06-02T09:00:00Z")
    ]
    assert _counts(api.stats(VENDOR, shop["acme_owner"])) == (1, 1, 1)


def test_a_platform_that_switches_customers_off_still_has_orders_find_them(
    api: Api, clock: FrozenClock
) -> None:
    shop = api.three_vendors()
    switch = f"/api/v1/admin/platforms/{shop['main']}/modules/customers"
    assert api.client.put(switch, json={"enabled": False}, headers=shop["root"]).status_code == 200
    clock.set(_on(1))
    api.order(shop["acme_owner"], 1_000, "paid", email="ana@x.test")
    assert api.client.get(CUSTOMERS, headers=shop["acme_owner"]).status_code == 404  # off here
    assert api.client.put(switch, json={"enabled": True}, headers=shop["root"]).status_code == 200
    clock.set(TODAY)
    assert _customers(api, shop["acme_owner"])["items"][0]["email"] == "ana@x.test"
    assert _counts(api.stats(VENDOR, shop["acme_owner"])) == (1, 1, 0)


def _customer_table(container: Container) -> Table:
    """Customers' table, read from the database: orders' tests import no other module's models."""
    return Table("customers", MetaData(), autoload_with=container.engine())
