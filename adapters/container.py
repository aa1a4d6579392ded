"""The composition root: the one place that builds services and wires modules together.

The declared providers are what modules may ask for: a module's container names the ones it needs
as `providers.Dependency()` attributes and gets exactly those. `bootstrap()` then adds one
sub-container per enabled module (under its code, e.g. `container.orders`), publishes the contracts
modules provide to each other (e.g. `container.ledger`) and the lists some collect
(`container.all_ledger_sources`), and fills `metrics_batches`, what the aggregator
asks: the ledger's batch (every module's `ledger_metrics`, read at once), then each module that reads
on its own, its `metrics_provider` alone. `process_metrics` counts what Prometheus scrapes
(requests, dashboard categories, cache look-ups) and `prometheus` answers the scrape.
`change_notices` tells every process's caches of each committed change (`change_listeners`, to
which bootstrap adds the core module's caches), through `change_channel`. `read_router` says where
dashboards read: the primary, or with `database.read_url` the replica (`replica_engine`), while
`replica_monitor` finds it fresh enough and it has each owner's last write (`written_positions`, fed
by the change notices). Tests override any of these, e.g.
`container.orders.ledger_metrics.override(providers.Object(FakeOrdersMetrics()))`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import msgspec
from dependency_injector import containers, providers
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from adapters.change_notices.channels import change_channel, change_listener, kinds_heard
from adapters.change_notices.hub import ChangeHub
from adapters.change_notices.postgres import postgres_connector
from adapters.dashboards.cache import DashboardCache
from adapters.dashboards.change_listeners import DashboardsOnChange, RankingsOnChange
from adapters.dashboards.freshness import Sourced
from adapters.dashboards.last_good import LastGood
from adapters.dashboards.series_service import DashboardSeries
from adapters.dashboards.service import DashboardService
from adapters.dashboards.windows import DashboardWindows
from adapters.database.engine import create_database_engine, create_metrics_engine, database_url
from adapters.database.readiness import DatabaseReadiness, ReadinessProbe
from adapters.database.sessions import EngineSessions
from adapters.database.watchdog import ConnectionWatchdog
from adapters.field_errors import ApiFieldErrors
from adapters.http.tokens import JwtTokens
from adapters.prometheus.multiprocess_dir import MULTIPROC_VARIABLE
from adapters.replica.monitor import ReplicaMonitor
from adapters.replica.positions import WrittenPositions
from adapters.replica.probes import PrimaryProbe, ReplicaProbe
from adapters.replica.routing import ReadRouter, Replica, ReplicaWatch
from contracts.ledger_census import LedgerCensus
from contracts.module_switches import EveryPlatformSwitches
from kernel.aggregator import Dashboard, StatsAggregator
from kernel.clock import Clock, SystemClock
from kernel.contracts.dashboard_observer import DashboardObserver
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics_batch import MetricsBatch
from kernel.module import ModuleDefinition
from kernel.settings import DatabaseSettings, MetricsSettings, Settings

if TYPE_CHECKING:
    from adapters.prometheus.exposition import Exposition
    from adapters.prometheus.instruments import ProcessMetrics

__all__ = ("Container",)


def _engine(settings: DatabaseSettings, source: str) -> Iterator[Engine]:
    engine = create_database_engine(settings, source)
    yield engine
    engine.dispose()


def _metrics_engine(database: DatabaseSettings, metrics: MetricsSettings, source: str) -> Iterator[Engine]:
    engine = create_metrics_engine(database, metrics.max_workers, metrics.provider_timeout_ms / 1000, source)
    yield engine
    engine.dispose()


def _replica_engine(
    database: DatabaseSettings, metrics: MetricsSettings, source: str
) -> Iterator[Engine | None]:
    """The dashboards' pool on the replica, sized and bounded as on the primary; none without one.
    `read_url` reaches the replica directly (README, "Behind pgbouncer"), so its connections carry
    their bounds from the start whatever `transaction_pooling` says of `url`."""
    if not database.read_url:
        yield None
        return
    replica = msgspec.structs.replace(database, url=database.read_url, transaction_pooling=False)
    engine = create_metrics_engine(replica, metrics.max_workers, metrics.provider_timeout_ms / 1000, source)
    yield engine
    engine.dispose()


def _replica_sessions(engine: Engine | None, watchdog: ConnectionWatchdog) -> EngineSessions | None:
    return None if engine is None else EngineSessions(engine, watchdog)


def _replica_monitor(
    database: DatabaseSettings, clock: Clock, observer: ProcessMetrics
) -> Iterator[ReplicaMonitor | None]:
    """Built here, started with the app (`create_app`): a CLI command never runs one."""
    if not database.read_url:
        yield None
        return
    timeout_s, name = database.connect_timeout_s, "tessera-replica-monitor"
    pooled = database.transaction_pooling  # the primary's url may be pgbouncer's; the replica's is direct
    primary = PrimaryProbe(postgres_connector(database_url(database.url), name, timeout_s, pooled=pooled))
    replica = ReplicaProbe(postgres_connector(database_url(database.read_url), name, timeout_s))

    def cut() -> None:
        primary.close()
        replica.close()

    max_lag_s = database.replica_max_lag_ms / 1000
    monitor = ReplicaMonitor(
        primary.position, replica.status, clock, max_lag_s=max_lag_s, observer=observer, on_stop=cut
    )
    yield monitor
    monitor.stop()


def _written_positions(database: DatabaseSettings) -> WrittenPositions | None:
    """Each owner's last write, kept past the lag bound by a second's margin (positions.py says why)."""
    return WrittenPositions(database.replica_max_lag_ms / 1000 + 1.0) if database.read_url else None


def _read_router(
    primary: EngineSessions,
    clock: Clock,
    database: DatabaseSettings,
    observer: ProcessMetrics,
    sessions: EngineSessions | None,
    monitor: ReplicaWatch | None,
    positions: WrittenPositions | None,
) -> ReadRouter:
    replica = None
    if sessions is not None and monitor is not None and positions is not None:
        replica = Replica(sessions, monitor, positions, database.read_your_writes_wait_ms / 1000)
    return ReadRouter(primary, clock, replica, observer)


def _replica_detail(router: ReadRouter) -> Callable[[], str | None]:
    def detail() -> str | None:
        state = router.replica_state()
        return None if state is None else state.reason

    return detail


def _watchdog(database: DatabaseSettings, metrics: MetricsSettings) -> Iterator[ConnectionWatchdog]:
    """One thread per aggregator worker: each stuck call holds a worker until the watchdog frees it."""
    watchdog = ConnectionWatchdog(database.watchdog_grace_ms / 1000, metrics.max_workers)
    yield watchdog
    watchdog.close()


def _readiness_probe(readiness: DatabaseReadiness, database: DatabaseSettings) -> Iterator[ReadinessProbe]:
    probe = ReadinessProbe(readiness.check, database.ready_timeout_ms / 1000)
    yield probe
    probe.close()


def _aggregator(
    batches: list[MetricsBatch],
    modules: list[ModuleDefinition],
    sessions: EngineSessions,
    timeout_ms: int,
    max_workers: int,
    observer: DashboardObserver,
) -> Iterator[StatsAggregator]:
    """Dashboards show the categories in the modules' start order, whichever batch answers them."""
    declared = [m.metrics_category for m in modules if m.metrics_category is not None]
    answered = [category for batch in batches for category in batch.categories]
    if sorted(declared) != sorted(answered):
        raise TypeError(
            f"the modules declare the metrics categories {', '.join(sorted(declared))} but their "
            f"providers report {', '.join(sorted(answered))}"
        )
    aggregator = StatsAggregator(
        batches,
        sessions,
        timeout_s=timeout_ms / 1000,
        max_workers=max_workers,
        order=declared,
        observer=observer,
    )
    yield aggregator
    aggregator.close()


def _process_metrics() -> ProcessMetrics:
    """Imported here, not at the top: prometheus-client chooses at its import whether values go to
    the workers' shared files, and `tessera serve` names their directory only once it serves, after
    this module is imported and before the workers fork (adapters/prometheus/__init__.py)."""
    from adapters.prometheus.instruments import ProcessMetrics  # noqa: PLC0415 - see above

    return ProcessMetrics()


def _prometheus(
    process: ProcessMetrics,
    sessions: Callable[[], Session],
    modules: list[ModuleDefinition],
    census: LedgerCensus | None = None,
    tables: Sequence[LedgerMetrics] = (),
    switches: EveryPlatformSwitches | None = None,
) -> Exposition:
    """The scrape: the process's counters, and, when the core module keeps a ledger, every
    platform's figures read from it. Imported here for the reason `_process_metrics` gives."""
    from adapters.prometheus.exposition import Exposition  # noqa: PLC0415
    from adapters.prometheus.ledger_collector import LedgerCollector  # noqa: PLC0415

    categories = {m.code: m.metrics_category for m in modules if m.metrics_category is not None}
    ledger = None if census is None else LedgerCollector(sessions, census, tables, categories, switches)
    return Exposition(process, ledger, os.environ.get(MULTIPROC_VARIABLE))


class Container(containers.DeclarativeContainer):
    settings: providers.Dependency[Settings] = providers.Dependency(instance_of=Settings)
    settings_source = providers.Object("settings")
    installed_modules: providers.Dependency[dict[str, ModuleDefinition]] = providers.Dependency(
        instance_of=dict
    )
    enabled_modules: providers.Dependency[list[ModuleDefinition]] = providers.Dependency(instance_of=list)

    clock = providers.Singleton(SystemClock)
    engine = providers.Resource(_engine, settings.provided.database, settings_source)
    session_factory = providers.Singleton(sessionmaker, bind=engine, expire_on_commit=False)
    metrics_engine = providers.Resource(
        _metrics_engine, settings.provided.database, settings.provided.metrics, settings_source
    )
    watchdog = providers.Resource(_watchdog, settings.provided.database, settings.provided.metrics)
    metrics_sessions = providers.Singleton(EngineSessions, metrics_engine, watchdog)
    process_metrics = providers.Singleton(_process_metrics)
    dashboard_observer = process_metrics  # the aggregator's categories, counted for Prometheus
    prometheus = providers.Singleton(_prometheus, process_metrics, session_factory, enabled_modules)

    # A replica to read dashboards from (`database.read_url`): each is None without one.
    replica_engine = providers.Resource(
        _replica_engine, settings.provided.database, settings.provided.metrics, settings_source
    )
    replica_sessions = providers.Singleton(_replica_sessions, replica_engine, watchdog)
    replica_monitor = providers.Resource(_replica_monitor, settings.provided.database, clock, process_metrics)
    written_positions = providers.Singleton(_written_positions, settings.provided.database)
    read_router = providers.Singleton(
        _read_router,
        metrics_sessions,
        clock,
        settings.provided.database,
        process_metrics,
        replica_sessions,
        replica_monitor,
        written_positions,
    )

    readiness = providers.Singleton(
        DatabaseReadiness, engine, enabled_modules, providers.Callable(_replica_detail, read_router)
    )
    readiness_probe = providers.Resource(_readiness_probe, readiness, settings.provided.database)
    tokens = providers.Singleton(JwtTokens, settings.provided.auth)
    field_errors = providers.Singleton(ApiFieldErrors)  # the API's sentences, for rows checked by modules
    token_issuer = tokens

    metrics_batches = providers.List()
    aggregator = providers.Resource(
        _aggregator,
        metrics_batches,
        enabled_modules,
        metrics_sessions,
        settings.provided.metrics.provider_timeout_ms,
        settings.provided.metrics.max_workers,
        dashboard_observer,
    )
    dashboard_cache: providers.Singleton[DashboardCache[Sourced[Dashboard]]] = providers.Singleton(
        DashboardCache, settings.provided.metrics.cache_ttl_s, observer=process_metrics
    )
    last_good_dashboards: providers.Singleton[LastGood[Sourced[Dashboard]]] = providers.Singleton(
        LastGood, settings.provided.metrics.serve_stale_s
    )
    dashboard_windows = providers.Singleton(DashboardWindows, clock, enabled_modules)
    dashboard_service = providers.Singleton(
        DashboardService,
        aggregator,
        dashboard_windows,
        read_router,
        cache=dashboard_cache,
        last_good=last_good_dashboards,
    )
    # `bootstrap` gives it the ledger and every module's metrics table when the core module is on.
    ranking_cache: providers.Singleton[DashboardCache[Any]] = providers.Singleton(
        DashboardCache, settings.provided.metrics.ranking_ttl_s
    )
    dashboard_series = providers.Singleton(
        DashboardSeries, dashboard_windows, read_router, cache=dashboard_cache, rankings=ranking_cache
    )
    # Every committed change drops what this process cached of it, and is told to the others.
    change_listeners = providers.List(
        providers.Singleton(DashboardsOnChange, dashboard_cache),
        providers.Singleton(RankingsOnChange, ranking_cache),
    )
    change_channel = providers.Resource(
        change_channel, settings.provided.database, settings_source, process_metrics.provider
    )
    change_notices = providers.Singleton(
        ChangeHub,
        change_listeners.provider,
        change_channel,
        heard=providers.Callable(kinds_heard, settings.provided.metrics, settings.provided.database),
        positions=written_positions,
    )
    change_listener = providers.Singleton(
        change_listener, settings.provided.database, change_notices, process_metrics.provider
    )

    if TYPE_CHECKING:
        # `bootstrap` adds each enabled module's container under its code (`container.orders`) and
        # the contracts modules provide (`container.ledger`); their names are not known here.
        def __getattr__(self, name: str) -> Any: ...
