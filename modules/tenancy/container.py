"""Tenancy's providers. `core` is filled by the composition root with what every module shares,
and with the two lists tenancy collects for the ledger it keeps: every enabled module's
`ledger_sources` (its keys from the raw tables) and `ledger_metrics` (its table, for the batch)."""

from __future__ import annotations

from argon2 import PasswordHasher
from dependency_injector import containers, providers

from modules.tenancy.counts import TenancyCounts
from modules.tenancy.directory import CachedTenantDirectory
from modules.tenancy.ledger import LedgerBatch, SqlLedger
from modules.tenancy.ledger_keys import TenancyLedgerSource
from modules.tenancy.metrics import TENANCY_METRICS
from modules.tenancy.module_switches import PlatformModuleService
from modules.tenancy.platform_service import PlatformService
from modules.tenancy.user_service import UserService
from modules.tenancy.vendor_service import VendorService

__all__ = ("TenancyContainer",)


class TenancyContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    password_hasher = providers.Singleton(PasswordHasher)
    ledger = providers.Singleton(
        SqlLedger, observer=core.dashboard_cache, sources=core.ledger_sources.provider
    )
    counts = providers.Singleton(TenancyCounts, ledger=ledger)
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
        ledger=ledger,
    )
    vendor_service = providers.Singleton(
        VendorService,
        sessions=core.session_factory,
        clock=core.clock,
        tenants=tenant_directory,
        ledger=ledger,
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
    # A Factory: each aggregator built gets a batch of the tables as they are then (tests override them).
    ledger_batch = providers.Factory(LedgerBatch, reader=ledger, tables=core.ledger_metrics)
    ledger_sources = providers.Singleton(TenancyLedgerSource)
    ledger_metrics = providers.Object(TENANCY_METRICS)
