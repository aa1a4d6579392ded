"""Which channel carries a process's changes to the others, chosen by the database they share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from adapters.change_notices.hub import ChangeChannel, ChangeHub, NoChannel
from adapters.change_notices.listener import ChangeListenerThread
from adapters.change_notices.observer import ChangeObserver, Observing
from adapters.change_notices.postgres import CUT_AFTER_S, NotifyChannel, postgres_connector
from adapters.change_notices.sidecar import SidecarChannel
from adapters.database.engine import database_url
from contracts.change_notices import KINDS, Change, ChangeKind
from kernel.settings import DatabaseSettings, MetricsSettings

__all__ = ("change_channel", "change_listener", "kinds_heard")


def change_channel(
    database: DatabaseSettings, source: str, observer: Callable[[], ChangeObserver] | None = None
) -> Iterator[ChangeChannel]:
    """PostgreSQL: NOTIFY through `database.url` (pgbouncer may sit in between). SQLite: the file
    beside the database, which every process serving it shares. `observer`: where notices that
    could not be sent are counted (Prometheus), found when one is."""
    url = database_url(database.url, source)
    channel: NotifyChannel | SidecarChannel | None = None
    if url.get_backend_name() == "postgresql":
        connect = postgres_connector(
            url, "tessera-notices", database.connect_timeout_s, pooled=database.transaction_pooling
        )
        stamped = bool(database.read_url)  # for read-your-writes
        bound_s = CUT_AFTER_S if database.transaction_pooling else None  # no statement_timeout there
        channel = NotifyChannel(
            connect, stamped=stamped, observer=Observing(observer), client_bound_s=bound_s
        )
    elif url.database:
        channel = SidecarChannel(Path(url.database))
    yield channel or NoChannel()
    if channel is not None:
        channel.close()


def change_listener(
    database: DatabaseSettings, hub: ChangeHub, observer: Callable[[], ChangeObserver] | None = None
) -> ChangeListenerThread | None:
    """The thread hearing other processes' changes: PostgreSQL only (SQLite's are read per request).
    `database.listen_url` was checked at start-up (`adapters/bootstrap.py`)."""
    url = database_url(database.listen_url or database.url)
    if url.get_backend_name() != "postgresql":
        return None
    connect = postgres_connector(url, "tessera-listener", database.connect_timeout_s)

    def dropped() -> None:
        hub.apply(Change.everything())

    return ChangeListenerThread(connect, hub.receive, dropped, Observing(observer))


def kinds_heard(metrics: MetricsSettings, database: DatabaseSettings) -> tuple[ChangeKind, ...]:
    """Ledger changes only while whole dashboards are cached, or read from a replica (whose reads
    wait for the owner's last write): with `metrics.cache_ttl_s` at 0 (the default) and no
    `database.read_url`, nothing listens for them, and an order's write pays nothing to tell them."""
    if metrics.cache_ttl_s > 0 or database.read_url:
        return KINDS
    return tuple(kind for kind in KINDS if kind != "ledger")
