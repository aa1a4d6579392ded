"""Orders' providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): sessions, the clock, tenancy's ledger, `all_product_catalogs`, the
list orders collects (catalog's when catalog is enabled, else empty) to check lines' products, and
`all_customer_books` (customers' when it is enabled, else empty) to find or add each order's customer.
`ledger_sources` and `ledger_metrics` join the lists tenancy collects: what rebuilds orders' keys
from the raw tables, and the table the ledger's batch reads them into."""

from __future__ import annotations

from collections.abc import Sequence

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.needs import needs
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.orders.ledger_keys import OrdersLedgerSource
from modules.orders.metrics import ORDERS_METRICS
from modules.orders.refunds import RefundService
from modules.orders.service import OrderService

__all__ = ("OrdersContainer",)


class OrdersContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger, all_product_catalogs = needs(sessionmaker, Clock, LedgerWriter, Sequence)
    (all_customer_books,) = needs(Sequence)

    order_service = providers.Singleton(
        OrderService,
        sessions=session_factory,
        clock=clock,
        ledger=ledger,
        catalogs=all_product_catalogs,
        customers=all_customer_books,
    )
    refund_service = providers.Singleton(RefundService, sessions=session_factory, clock=clock, ledger=ledger)
    ledger_sources = providers.Singleton(OrdersLedgerSource, customers=all_customer_books)
    ledger_metrics = providers.Object(ORDERS_METRICS)
