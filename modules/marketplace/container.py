"""Marketplace's providers. The figures ledger, the vendor directory and the module switches come from
tenancy, the product publisher from catalog, and `core.stock_levels` is the list marketplace collects
(inventory's keeper when inventory is enabled, else empty), all through the root's `core`; nothing
here imports any of those modules."""

from __future__ import annotations

from dependency_injector import containers, providers

from kernel.source_figures import SourceFigures
from modules.marketplace.approval import ImportApproval
from modules.marketplace.figures import MarketplaceFigureSource
from modules.marketplace.metrics import MarketplaceMetricsProvider
from modules.marketplace.service import ImportService

__all__ = ("MarketplaceContainer",)


class MarketplaceContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    import_service = providers.Singleton(
        ImportService, sessions=core.session_factory, clock=core.clock, ledger=core.figure_ledger
    )
    import_approval = providers.Singleton(
        ImportApproval,
        sessions=core.session_factory,
        clock=core.clock,
        publisher=core.product_publisher,
        ledger=core.figure_ledger,
        stock=core.stock_levels,
        switches=core.module_switches,
    )
    figure_sources = providers.Singleton(MarketplaceFigureSource)
    metrics_provider = providers.Singleton(MarketplaceMetricsProvider, figures=core.figure_ledger)
    reference_metrics = providers.Singleton(
        MarketplaceMetricsProvider,
        figures=providers.Singleton(SourceFigures, figure_sources, core.vendor_directory),
    )
    """The same figures computed from the raw tables at request time: what the ledger is tested against."""
