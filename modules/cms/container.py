"""CMS providers. From the root's `core`: sessions, the clock, and tenancy's two directories (the
vendors active on a platform for the figures, platform look-ups for the platform-owned pages) and
the per-platform module switches."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.cms.media_service import MediaService
from modules.cms.metrics import CmsMetricsProvider
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
    )
    media_service = providers.Singleton(MediaService, sessions=core.session_factory, clock=core.clock)
    theme_service = providers.Singleton(ThemeService, sessions=core.session_factory, clock=core.clock)
    metrics_provider = providers.Singleton(CmsMetricsProvider, vendors=core.vendor_directory)
