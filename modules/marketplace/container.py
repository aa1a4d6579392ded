"""Marketplace's providers. The vendor directory comes from tenancy and the product publisher from
catalog, both through the root's `core`; nothing here imports either module."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.marketplace.approval import ImportApproval
from modules.marketplace.metrics import MarketplaceMetricsProvider
from modules.marketplace.service import ImportService

__all__ = ("MarketplaceContainer",)


class MarketplaceContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    import_service = providers.Singleton(ImportService, sessions=core.session_factory, clock=core.clock)
    import_approval = providers.Singleton(
        ImportApproval, sessions=core.session_factory, clock=core.clock, publisher=core.product_publisher
    )
    metrics_provider = providers.Singleton(MarketplaceMetricsProvider, vendors=core.vendor_directory)
