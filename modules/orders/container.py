"""Orders' providers; the figures ledger and the vendor directory come from tenancy through `core`."""

from __future__ import annotations

from dependency_injector import containers, providers

from kernel.source_figures import SourceFigures
from modules.orders.figures import OrdersFigureSource
from modules.orders.metrics import OrdersMetricsProvider
from modules.orders.service import OrderService

__all__ = ("OrdersContainer",)


class OrdersContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    order_service = providers.Singleton(
        OrderService, sessions=core.session_factory, clock=core.clock, ledger=core.figure_ledger
    )
    figure_sources = providers.Singleton(OrdersFigureSource)
    metrics_provider = providers.Singleton(OrdersMetricsProvider, figures=core.figure_ledger)
    reference_metrics = providers.Singleton(
        OrdersMetricsProvider,
        figures=providers.Singleton(SourceFigures, figure_sources, core.vendor_directory),
    )
    """The same figures computed from the raw tables at request time: what the ledger is tested against."""
