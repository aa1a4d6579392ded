"""Catalog's providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): sessions, the clock, tenancy's ledger, and `all_price_listeners`, the
list catalog collects from the modules whose figures follow prices (empty when none is enabled).
One `SqlProductCatalog` serves both contracts catalog provides, so inventory and marketplace see
the same products. `ledger_sources` and `ledger_metrics` join the lists tenancy collects."""

from __future__ import annotations

from collections.abc import Sequence

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.needs import needs
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.catalog.ledger_keys import CatalogLedgerSource
from modules.catalog.metrics import CATALOG_METRICS
from modules.catalog.product_catalog import SqlProductCatalog
from modules.catalog.service import ProductService

__all__ = ("CatalogContainer",)


class CatalogContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger, all_price_listeners = needs(sessionmaker, Clock, LedgerWriter, Sequence)

    product_catalog = providers.Singleton(
        SqlProductCatalog, clock=clock, ledger=ledger, price_listeners=all_price_listeners
    )
    # The same object, as a provider of its own: swapping the publisher (as tests do) leaves the
    # catalog that inventory prices its stock with alone.
    product_publisher = product_catalog.provided
    product_catalogs = product_catalog.provided  # joins the list orders checks lines' products with
    product_service = providers.Singleton(
        ProductService,
        sessions=session_factory,
        clock=clock,
        ledger=ledger,
        price_listeners=all_price_listeners,
    )
    ledger_sources = providers.Singleton(CatalogLedgerSource)
    ledger_metrics = providers.Object(CATALOG_METRICS)
