"""Tenancy's providers. `core` is filled by the composition root with what every module shares."""

from __future__ import annotations

from argon2 import PasswordHasher
from dependency_injector import containers, providers

from kernel.source_figures import SourceFigures
from modules.tenancy.counts import TenancyCounts
from modules.tenancy.directory import CachedTenantDirectory, SqlVendorDirectory
from modules.tenancy.figures import TenancyFigureSource
from modules.tenancy.ledger import SqlFigureLedger
from modules.tenancy.metrics import TenancyMetricsProvider
from modules.tenancy.module_switches import PlatformModuleService
from modules.tenancy.platform_service import PlatformService
from modules.tenancy.user_service import UserService
from modules.tenancy.vendor_service import VendorService

__all__ = ("TenancyContainer",)


class TenancyContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    password_hasher = providers.Singleton(PasswordHasher)
    figure_ledger = providers.Singleton(
        SqlFigureLedger, observer=core.dashboard_cache, sources=core.figure_sources.provider
    )
    counts = providers.Singleton(TenancyCounts, ledger=figure_ledger)
    vendor_directory = providers.Singleton(SqlVendorDirectory)
    tenant_directory = providers.Singleton(
        CachedTenantDirectory,
        sessions=core.session_factory,
        ttl_s=core.settings.provided.platform.host_cache_ttl_s,
    )
    platform_service = providers.Singleton(
        PlatformService,
        sessions=core.session_factory,
        clock=core.clock,
        tenants=tenant_directory,
        ledger=figure_ledger,
    )
    vendor_service = providers.Singleton(
        VendorService,
        sessions=core.session_factory,
        clock=core.clock,
        tenants=tenant_directory,
        ledger=figure_ledger,
        counts=counts,
    )
    user_service = providers.Singleton(
        UserService, sessions=core.session_factory, clock=core.clock, hasher=password_hasher, counts=counts
    )
    module_switches = providers.Singleton(
        PlatformModuleService,
        sessions=core.session_factory,
        clock=core.clock,
        installed=core.installed_modules,
        started=core.enabled_modules,
        ttl_s=core.settings.provided.platform.host_cache_ttl_s,
    )
    figure_sources = providers.Singleton(TenancyFigureSource)
    metrics_provider = providers.Singleton(TenancyMetricsProvider, figures=figure_ledger)
    reference_metrics = providers.Singleton(
        TenancyMetricsProvider, figures=providers.Singleton(SourceFigures, figure_sources, vendor_directory)
    )
    """The same figures computed from the raw tables at request time: what the ledger is tested against."""
