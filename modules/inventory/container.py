"""Inventory's providers. Products are reached only through catalog's `product_catalog` contract,
which the root hands over as `core.product_catalog`; the ledger comes from tenancy. `ledger_sources`
and `ledger_metrics` join the lists tenancy collects, `price_listeners` the one catalog collects (so
stock value follows prices), `stock_levels` the one marketplace collects (so approved imports set
stock)."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.inventory.ledger_keys import InventoryLedgerSource
from modules.inventory.metrics import INVENTORY_METRICS
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
        ledger=core.ledger,
    )
    price_listeners = providers.Singleton(StockValueListener, ledger=core.ledger)
    stock_levels = providers.Singleton(
        InventoryStockLevels, clock=core.clock, catalog=core.product_catalog, ledger=core.ledger
    )
    ledger_sources = providers.Singleton(InventoryLedgerSource, catalog=core.product_catalog)
    ledger_metrics = providers.Object(INVENTORY_METRICS)
