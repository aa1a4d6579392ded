"""Customers' providers; the figures ledger and the vendor directory come from tenancy through `core`."""

from __future__ import annotations

from dependency_injector import containers, providers

from kernel.source_figures import SourceFigures
from modules.customers.figures import CustomersFigureSource
from modules.customers.metrics import CustomersMetricsProvider
from modules.customers.service import CustomerService

__all__ = ("CustomersContainer",)


class CustomersContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    customer_service = providers.Singleton(
        CustomerService, sessions=core.session_factory, clock=core.clock, ledger=core.figure_ledger
    )
    figure_sources = providers.Singleton(CustomersFigureSource)
    metrics_provider = providers.Singleton(CustomersMetricsProvider, figures=core.figure_ledger)
    reference_metrics = providers.Singleton(
        CustomersMetricsProvider,
        figures=providers.Singleton(SourceFigures, figure_sources, core.vendor_directory),
    )
    """The same figures computed from the raw table at request time: what the ledger is tested against."""
