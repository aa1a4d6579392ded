"""Inventory's providers. Products are reached only through catalog's `product_catalog` contract,
which the root hands over as `core.product_catalog`; the figures ledger and the vendor directory come
from tenancy. `price_listeners` joins the list catalog collects, so stock value follows prices;
`stock_levels` joins the list marketplace collects, so approved imports set stock."""

from __future__ import annotations

from dependency_injector import containers, providers

from kernel.source_figures import SourceFigures
from modules.inventory.figures import InventoryFigureSource
from modules.inventory.metrics import InventoryMetricsProvider
from modules.inventory.price_listener import StockValueListener
from modules.inventory.service import StockService
from modules.inventory.stock_levels import InventoryStockLevels

__all__ = ("InventoryContainer",)


class InventoryContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    stock_service = providers.Singleton(
        StockService,
        sessions=core.session_factory,
        clock=core.clock,
        catalog=core.product_catalog,
        ledger=core.figure_ledger,
    )
    price_listeners = providers.Singleton(StockValueListener, ledger=core.figure_ledger)
    stock_levels = providers.Singleton(
        InventoryStockLevels, clock=core.clock, catalog=core.product_catalog, ledger=core.figure_ledger
    )
    figure_sources = providers.Singleton(InventoryFigureSource, catalog=core.product_catalog)
    metrics_provider = providers.Singleton(InventoryMetricsProvider, figures=core.figure_ledger)
    reference_metrics = providers.Singleton(
        InventoryMetricsProvider,
        figures=providers.Singleton(SourceFigures, figure_sources, core.vendor_directory),
    )
    """The same figures computed from the raw tables at request time: what the ledger is tested against."""
