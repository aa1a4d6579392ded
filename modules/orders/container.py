"""Orders' providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): sessions, the clock and tenancy's ledger. `ledger_sources` and
`ledger_metrics` join the lists tenancy collects: what rebuilds orders' keys from the raw tables,
and the table the ledger's batch reads them into."""

from __future__ import annotations

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
    session_factory, clock, ledger = needs(sessionmaker, Clock, LedgerWriter)

    order_service = providers.Singleton(OrderService, sessions=session_factory, clock=clock, ledger=ledger)
    refund_service = providers.Singleton(RefundService, sessions=session_factory, clock=clock, ledger=ledger)
    ledger_sources = providers.Singleton(OrdersLedgerSource)
    ledger_metrics = providers.Object(ORDERS_METRICS)
