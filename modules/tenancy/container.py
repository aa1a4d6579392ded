"""Tenancy's providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): the settings, sessions, the clock, the installed and started modules
(for the per-platform switches), the HTTP adapter's token issuer, where to tell what its writes
change (`change_notices`: every process's caches), and the two lists tenancy collects for the
ledger it keeps: every enabled module's `ledger_sources` (its keys from the raw tables) and
`ledger_metrics` (its table, for the batch), its own among them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from argon2 import PasswordHasher
from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.change_notices import ChangeNotices
from contracts.needs import needs
from contracts.security import TokenIssuer
from kernel.clock import Clock
from kernel.settings import Settings
from modules.tenancy.counts import TenancyCounts
from modules.tenancy.directory import CachedTenantDirectory
from modules.tenancy.ledger import LedgerBatch, SqlLedger
from modules.tenancy.ledger.census import SqlLedgerCensus
from modules.tenancy.ledger_keys import TenancyLedgerSource
from modules.tenancy.metrics import TENANCY_METRICS
from modules.tenancy.module_switches import PlatformModuleService
from modules.tenancy.platform_service import PlatformService
from modules.tenancy.user_service import UserService
from modules.tenancy.vendor_service import VendorService

__all__ = ("TenancyContainer",)


class TenancyContainer(containers.DeclarativeContainer):
    settings, session_factory, clock, installed_modules = needs(Settings, sessionmaker, Clock, Mapping)
    enabled_modules, token_issuer, change_notices = needs(Sequence, TokenIssuer, ChangeNotices)
    all_ledger_sources, all_ledger_metrics = needs(Sequence, Sequence)

    password_hasher = providers.Singleton(PasswordHasher)
    ledger = providers.Singleton(SqlLedger, notices=change_notices, sources=all_ledger_sources.provider)
    counts = providers.Singleton(TenancyCounts, ledger=ledger)
    tenant_directory = providers.Singleton(
        CachedTenantDirectory, sessions=session_factory, ttl_s=settings.provided.platform.host_cache_ttl_s
    )
    platform_service = providers.Singleton(
        PlatformService, sessions=session_factory, clock=clock, notices=change_notices, ledger=ledger
    )
    vendor_service = providers.Singleton(
        VendorService,
        sessions=session_factory,
        clock=clock,
        notices=change_notices,
        ledger=ledger,
        counts=counts,
    )
    user_service = providers.Singleton(
        UserService,
        sessions=session_factory,
        clock=clock,
        hasher=password_hasher,
        counts=counts,
        notices=change_notices,
    )
    module_switches = providers.Singleton(
        PlatformModuleService,
        sessions=session_factory,
        clock=clock,
        installed=installed_modules,
        started=enabled_modules,
        ttl_s=settings.provided.platform.host_cache_ttl_s,
        notices=change_notices,
    )
    # A Factory: each aggregator built gets a batch of the tables as they are then (tests override them).
    ledger_batch = providers.Factory(LedgerBatch, reader=ledger, tables=all_ledger_metrics)
    ledger_census = providers.Singleton(SqlLedgerCensus)  # every platform at once, for /metrics
    ledger_sources = providers.Singleton(TenancyLedgerSource)
    ledger_metrics = providers.Object(TENANCY_METRICS)
