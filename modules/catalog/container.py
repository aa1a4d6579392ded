"""Catalog's providers. One `SqlProductCatalog` serves both contracts catalog provides, so inventory
and marketplace see the same products. The ledger comes from tenancy through `core`, and
`core.price_listeners` is the list catalog collects from the modules whose figures follow prices
(empty when none is enabled). `ledger_sources` and `ledger_metrics` join the lists tenancy collects."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.catalog.ledger_keys import CatalogLedgerSource
from modules.catalog.metrics import CATALOG_METRICS
from modules.catalog.product_catalog import SqlProductCatalog
from modules.catalog.service import ProductService

__all__ = ("CatalogContainer",)


class CatalogContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    product_catalog = providers.Singleton(
        SqlProductCatalog, clock=core.clock, ledger=core.ledger, price_listeners=core.price_listeners
    )
    # The same object, as a provider of its own: swapping the publisher (as tests do) leaves the
    # catalog that inventory prices its stock with alone.
    product_publisher = product_catalog.provided
    product_service = providers.Singleton(
        ProductService,
        sessions=core.session_factory,
        clock=core.clock,
        ledger=core.ledger,
        price_listeners=core.price_listeners,
    )
    ledger_sources = providers.Singleton(CatalogLedgerSource)
    ledger_metrics = providers.Object(CATALOG_METRICS)
