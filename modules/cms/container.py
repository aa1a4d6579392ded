"""CMS providers. From the root's `core`: sessions, the clock, the ledger, tenancy's tenant directory
(platform look-ups for the platform-owned pages) and the per-platform module switches.
`ledger_sources` and `ledger_metrics` join the lists tenancy collects."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.cms.ledger_keys import CmsLedgerSource
from modules.cms.media_service import MediaService
from modules.cms.metrics import CMS_METRICS
from modules.cms.page_service import PageService
from modules.cms.theme_service import ThemeService

__all__ = ("CmsContainer",)


class CmsContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    page_service = providers.Singleton(
        PageService,
        sessions=core.session_factory,
        clock=core.clock,
        tenants=core.tenant_directory,
        switches=core.module_switches,
        ledger=core.ledger,
    )
    media_service = providers.Singleton(
        MediaService, sessions=core.session_factory, clock=core.clock, ledger=core.ledger
    )
    theme_service = providers.Singleton(
        ThemeService, sessions=core.session_factory, clock=core.clock, ledger=core.ledger
    )
    ledger_sources = providers.Singleton(CmsLedgerSource)
    ledger_metrics = providers.Object(CMS_METRICS)
