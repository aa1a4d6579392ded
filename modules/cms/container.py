"""CMS providers. What it needs from the root it declares as dependencies, passed by name at start
(adapters/bootstrap.py): sessions, the clock, tenancy's ledger, its tenant directory (platform
look-ups for the platform-owned pages) and the per-platform module switches. `ledger_sources` and
`ledger_metrics` join the lists tenancy collects."""

from __future__ import annotations

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.module_switches import ModuleSwitches
from contracts.needs import needs
from contracts.tenancy import TenantDirectory
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.cms.ledger_keys import CmsLedgerSource
from modules.cms.media_service import MediaService
from modules.cms.metrics import CMS_METRICS
from modules.cms.page_service import PageService
from modules.cms.theme_service import ThemeService

__all__ = ("CmsContainer",)


class CmsContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger = needs(sessionmaker, Clock, LedgerWriter)
    tenant_directory, module_switches = needs(TenantDirectory, ModuleSwitches)

    page_service = providers.Singleton(
        PageService,
        sessions=session_factory,
        clock=clock,
        tenants=tenant_directory,
        switches=module_switches,
        ledger=ledger,
    )
    media_service = providers.Singleton(MediaService, sessions=session_factory, clock=clock, ledger=ledger)
    theme_service = providers.Singleton(ThemeService, sessions=session_factory, clock=clock, ledger=ledger)
    ledger_sources = providers.Singleton(CmsLedgerSource)
    ledger_metrics = providers.Object(CMS_METRICS)
