"""Marketplace's providers. The ledger and the module switches come from tenancy, the product
publisher from catalog, and `core.stock_levels` is the list marketplace collects (inventory's keeper
when inventory is enabled, else empty), all through the root's `core`; nothing here imports any of
those modules. `ledger_sources` and `ledger_metrics` join the lists tenancy collects."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.marketplace.approval import ImportApproval
from modules.marketplace.ledger_keys import MarketplaceLedgerSource
from modules.marketplace.metrics import MARKETPLACE_METRICS
from modules.marketplace.service import ImportService

__all__ = ("MarketplaceContainer",)


class MarketplaceContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    import_service = providers.Singleton(
        ImportService, sessions=core.session_factory, clock=core.clock, ledger=core.ledger
    )
    import_approval = providers.Singleton(
        ImportApproval,
        sessions=core.session_factory,
        clock=core.clock,
        publisher=core.product_publisher,
        ledger=core.ledger,
        stock=core.stock_levels,
        switches=core.module_switches,
    )
    ledger_sources = providers.Singleton(MarketplaceLedgerSource)
    ledger_metrics = providers.Object(MARKETPLACE_METRICS)
