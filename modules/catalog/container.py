"""Catalog's providers. One `SqlProductCatalog` serves both contracts catalog provides, so inventory
and marketplace see the same products."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.catalog.metrics import CatalogMetricsProvider
from modules.catalog.product_catalog import SqlProductCatalog
from modules.catalog.service import ProductService

__all__ = ("CatalogContainer",)


class CatalogContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    product_catalog = providers.Singleton(SqlProductCatalog, clock=core.clock)
    product_publisher = product_catalog
    product_service = providers.Singleton(ProductService, sessions=core.session_factory, clock=core.clock)
    metrics_provider = providers.Singleton(CatalogMetricsProvider, vendors=core.vendor_directory)
