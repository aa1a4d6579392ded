"""Orders' providers; the vendor directory comes from tenancy through the root's `core`."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.orders.metrics import OrdersMetricsProvider
from modules.orders.service import OrderService

__all__ = ("OrdersContainer",)


class OrdersContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    order_service = providers.Singleton(OrderService, sessions=core.session_factory, clock=core.clock)
    metrics_provider = providers.Singleton(OrdersMetricsProvider, vendors=core.vendor_directory)
