"""Orders' providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): sessions, the clock, tenancy's ledger and `all_product_catalogs`, the
list orders collects (catalog's when catalog is enabled, else empty) to check lines' products; for
imports, tenancy's directory (the vendors rows name) and the root's `field_errors` (the API's words).
`ledger_sources` and `ledger_metrics` join the lists tenancy collects: what rebuilds orders' keys
from the raw tables, and the table the ledger's batch reads them into."""

from __future__ import annotations

from collections.abc import Sequence

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.field_errors import FieldErrors
from contracts.needs import needs
from contracts.tenancy import TenantDirectory
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.orders.ledger_keys import OrdersLedgerSource
from modules.orders.metrics import ORDERS_METRICS
from modules.orders.order_import import OrderImportService
from modules.orders.refunds import RefundService
from modules.orders.service import OrderService

__all__ = ("OrdersContainer",)


class OrdersContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger, all_product_catalogs = needs(sessionmaker, Clock, LedgerWriter, Sequence)
    tenant_directory, field_errors = needs(TenantDirectory, FieldErrors)  # for imports (order_import.py)

    order_service = providers.Singleton(
        OrderService, sessions=session_factory, clock=clock, ledger=ledger, catalogs=all_product_catalogs
    )
    refund_service = providers.Singleton(RefundService, sessions=session_factory, clock=clock, ledger=ledger)
    order_import = providers.Singleton(
        OrderImportService,
        sessions=session_factory,
        clock=clock,
        ledger=ledger,
        tenants=tenant_directory,
        errors=field_errors,
        catalogs=all_product_catalogs,
    )
    ledger_sources = providers.Singleton(OrdersLedgerSource)
    ledger_metrics = providers.Object(ORDERS_METRICS)
