"""Orders' providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): sessions, the clock, tenancy's ledger and `all_product_catalogs`, the
list orders collects (catalog's when catalog is enabled, else empty) to check lines' products,
`all_stock_levels` (inventory's keeper when inventory is enabled, else empty) and tenancy's module
switches, so that stock follows sales where inventory is on (stock.py), and `all_customer_books`
(customers' when it is enabled, else empty) to find or add each order's customer; for imports,
tenancy's directory (the vendors rows name) and the root's `field_errors` (the API's words).
`ledger_sources` and `ledger_metrics` join the lists tenancy collects: what rebuilds orders' keys
from the raw tables, and the table the ledger's batch reads them into."""

from __future__ import annotations

from collections.abc import Sequence

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.field_errors import FieldErrors
from contracts.module_switches import ModuleSwitches
from contracts.needs import needs
from contracts.tenancy import TenantDirectory
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.orders.ledger_source import OrdersLedgerSource
from modules.orders.metrics import ORDERS_METRICS
from modules.orders.order_import import OrderImportService
from modules.orders.refunds import RefundService
from modules.orders.service import OrderService
from modules.orders.stock import OrderStock

__all__ = ("OrdersContainer",)


class OrdersContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger, all_product_catalogs = needs(sessionmaker, Clock, LedgerWriter, Sequence)
    all_stock_levels, module_switches, all_customer_books = needs(Sequence, ModuleSwitches, Sequence)
    tenant_directory, field_errors = needs(TenantDirectory, FieldErrors)  # for imports (order_import.py)

    order_stock = providers.Singleton(OrderStock, keepers=all_stock_levels, switches=module_switches)
    order_service = providers.Singleton(
        OrderService,
        sessions=session_factory,
        clock=clock,
        ledger=ledger,
        catalogs=all_product_catalogs,
        stock=order_stock,
        customers=all_customer_books,
    )
    refund_service = providers.Singleton(
        RefundService, sessions=session_factory, clock=clock, ledger=ledger, stock=order_stock
    )
    order_import = providers.Singleton(
        OrderImportService,
        sessions=session_factory,
        clock=clock,
        ledger=ledger,
        tenants=tenant_directory,
        errors=field_errors,
        catalogs=all_product_catalogs,
        customers=all_customer_books,
    )
    ledger_sources = providers.Singleton(OrdersLedgerSource, customers=all_customer_books)
    ledger_metrics = providers.Object(ORDERS_METRICS)
