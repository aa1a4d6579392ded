"""Orders' providers; the ledger comes from tenancy through `core`. `ledger_sources` and
`ledger_metrics` join the lists tenancy collects: what rebuilds orders' keys from the raw tables,
and the table the ledger's batch reads them into."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.orders.ledger_keys import OrdersLedgerSource
from modules.orders.metrics import ORDERS_METRICS
from modules.orders.service import OrderService

__all__ = ("OrdersContainer",)


class OrdersContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    order_service = providers.Singleton(
        OrderService, sessions=core.session_factory, clock=core.clock, ledger=core.ledger
    )
    ledger_sources = providers.Singleton(OrdersLedgerSource)
    ledger_metrics = providers.Object(ORDERS_METRICS)
