"""Marketplace's providers. What it needs from the root it declares as dependencies, passed by name
at start (adapters/bootstrap.py): sessions, the clock, tenancy's ledger and module switches,
catalog's product publisher, and `all_stock_levels`, the list marketplace collects (inventory's
keeper when inventory is enabled, else empty); nothing here imports any of those modules.
`ledger_sources` and `ledger_metrics` join the lists tenancy collects."""

from __future__ import annotations

from collections.abc import Sequence

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.catalog import ProductPublisher
from contracts.module_switches import ModuleSwitches
from contracts.needs import needs
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.marketplace.approval import ImportApproval
from modules.marketplace.ledger_keys import MarketplaceLedgerSource
from modules.marketplace.metrics import MARKETPLACE_METRICS
from modules.marketplace.service import ImportService

__all__ = ("MarketplaceContainer",)


class MarketplaceContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger, module_switches = needs(sessionmaker, Clock, LedgerWriter, ModuleSwitches)
    product_publisher, all_stock_levels = needs(ProductPublisher, Sequence)

    import_service = providers.Singleton(ImportService, sessions=session_factory, clock=clock, ledger=ledger)
    import_approval = providers.Singleton(
        ImportApproval,
        sessions=session_factory,
        clock=clock,
        publisher=product_publisher,
        ledger=ledger,
        stock=all_stock_levels,
        switches=module_switches,
    )
    ledger_sources = providers.Singleton(MarketplaceLedgerSource)
    ledger_metrics = providers.Object(MARKETPLACE_METRICS)
