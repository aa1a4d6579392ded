"""Inventory's providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): sessions, the clock, tenancy's ledger and catalog's `product_catalog`
contract, its only way to products. `ledger_sources` and `ledger_metrics` join the lists tenancy
collects, `price_listeners` the one catalog collects (so stock value follows prices), `stock_levels`
the one marketplace collects (so approved imports set stock)."""

from __future__ import annotations

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.catalog import ProductCatalog
from contracts.needs import needs
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.inventory.ledger_keys import InventoryLedgerSource
from modules.inventory.metrics import INVENTORY_METRICS
from modules.inventory.price_listener import StockValueListener
from modules.inventory.service import StockService
from modules.inventory.stock_levels import InventoryStockLevels

__all__ = ("InventoryContainer",)


class InventoryContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger, product_catalog = needs(sessionmaker, Clock, LedgerWriter, ProductCatalog)

    stock_service = providers.Singleton(
        StockService, sessions=session_factory, clock=clock, catalog=product_catalog, ledger=ledger
    )
    price_listeners = providers.Singleton(StockValueListener, ledger=ledger)
    stock_levels = providers.Singleton(
        InventoryStockLevels, clock=clock, catalog=product_catalog, ledger=ledger
    )
    ledger_sources = providers.Singleton(InventoryLedgerSource, catalog=product_catalog)
    ledger_metrics = providers.Object(INVENTORY_METRICS)
