"""CMS providers. From the root's `core`: sessions, the clock, the figures ledger, and tenancy's two
directories (the vendors active on a platform for the reference figures, platform look-ups for the
platform-owned pages) and the per-platform module switches."""

from __future__ import annotations

from dependency_injector import containers, providers

from kernel.source_figures import SourceFigures
from modules.cms.figures import CmsFigureSource
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
        ledger=core.figure_ledger,
    )
    media_service = providers.Singleton(
        MediaService, sessions=core.session_factory, clock=core.clock, ledger=core.figure_ledger
    )
    theme_service = providers.Singleton(
        ThemeService, sessions=core.session_factory, clock=core.clock, ledger=core.figure_ledger
    )
    figure_sources = providers.Singleton(CmsFigureSource)
    metrics_provider = providers.Singleton(CmsMetricsProvider, figures=core.figure_ledger)
    reference_metrics = providers.Singleton(
        CmsMetricsProvider,
        figures=providers.Singleton(SourceFigures, figure_sources, core.vendor_directory),
    )
    """The same figures computed from the raw tables at request time: what the ledger is tested against."""
