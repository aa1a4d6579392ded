"""Catalog's providers. One `SqlProductCatalog` serves both contracts catalog provides, so inventory
and marketplace see the same products. The figures ledger and the vendor directory come from tenancy
through `core`; `core.price_listeners` is the list catalog collects from the modules whose figures
follow prices (empty when none is enabled)."""

from __future__ import annotations

from dependency_injector import containers, providers

from kernel.source_figures import SourceFigures
from modules.catalog.figures import CatalogFigureSource
from modules.catalog.metrics import CatalogMetricsProvider
from modules.catalog.product_catalog import SqlProductCatalog
from modules.catalog.service import ProductService

__all__ = ("CatalogContainer",)


class CatalogContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    product_catalog = providers.Singleton(
        SqlProductCatalog, clock=core.clock, ledger=core.figure_ledger, price_listeners=core.price_listeners
    )
    product_publisher = product_catalog
    product_service = providers.Singleton(
        ProductService,
        sessions=core.session_factory,
        clock=core.clock,
        ledger=core.figure_ledger,
        price_listeners=core.price_listeners,
    )
    figure_sources = providers.Singleton(CatalogFigureSource)
    metrics_provider = providers.Singleton(CatalogMetricsProvider, figures=core.figure_ledger)
    reference_metrics = providers.Singleton(
        CatalogMetricsProvider,
        figures=providers.Singleton(SourceFigures, figure_sources, core.vendor_directory),
    )
    """The same figures computed from the raw tables at request time: what the ledger is tested against."""
