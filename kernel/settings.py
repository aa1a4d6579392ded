"""The typed shape of `settings.yaml`.

Every key has a default that runs Tessera on the embedded SQLite file, except `auth.jwt_secret`,
which must be set outside demo mode. Bounds live in the types so a bad value is rejected at
start-up, with its key named, instead of surfacing as a strange failure at the first request.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

__all__ = (
    "AuthSettings",
    "DatabaseSettings",
    "LedgerSettings",
    "LoggingSettings",
    "MetricsSettings",
    "ModuleSettings",
    "PlatformSettings",
    "PrometheusSettings",
    "ServerSettings",
    "Settings",
)


class _Section(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    pass


class DatabaseSettings(_Section, frozen=True):
    url: str = "sqlite:///tessera.db"
    listen_url: str = ""
    """PostgreSQL: where each server process LISTENs for the others' changes to drop its caches
    ("": `url`). It must reach the server in a session of its own: past pgbouncer's transaction
    pooling (which would hand the session to other clients), and to the primary, not a replica."""
    transaction_pooling: bool = False
    """PostgreSQL: `url` reaches the server through a pooler in transaction mode (pgbouncer's
    `pool_mode = transaction`), which hands each transaction to any server connection. The timeouts
    are then set per transaction instead of at connect, psycopg prepares no statement, and
    `listen_url` must be set (`adapters/database/pooled_bounds.py`)."""
    read_url: str = ""
    """PostgreSQL: a streaming replica that dashboards, series and rankings read from ("": none, every
    read on `url`). Writes, and every read that must see them, stay on `url` (adapters/replica)."""
    replica_max_lag_ms: Annotated[int, msgspec.Meta(ge=100, le=3_600_000)] = 5000
    """Past this far behind the primary (or unreachable, or not in recovery) the replica is skipped."""
    read_your_writes_wait_ms: Annotated[int, msgspec.Meta(ge=0, le=60_000)] = 200
    """How long a dashboard waits for the replica to replay its owner's last write before it reads
    the primary instead."""
    pool_size: Annotated[int, msgspec.Meta(ge=1, le=200)] = 10
    echo: bool = False
    # Bounds on what one request may wait for (PostgreSQL; 0 = no bound). Batch commands lift them.
    statement_timeout_ms: Annotated[int, msgspec.Meta(ge=0, le=3_600_000)] = 5000
    lock_timeout_ms: Annotated[int, msgspec.Meta(ge=0, le=3_600_000)] = 2000
    pool_timeout_s: Annotated[float, msgspec.Meta(ge=0.1, le=300)] = 5.0
    connect_timeout_s: Annotated[int, msgspec.Meta(ge=1, le=300)] = 5
    # A paused or wedged server answers neither the statement nor its cancel, and its kernel keeps
    # acknowledging, so keepalives never fire: past its bound plus this grace the client cuts the socket.
    watchdog_grace_ms: Annotated[int, msgspec.Meta(ge=100, le=60_000)] = 1000
    ready_timeout_ms: Annotated[int, msgspec.Meta(ge=50, le=60_000)] = 1000
    """`/ready` answers 503 when the database has not answered its check within this."""

    def for_batch(self) -> DatabaseSettings:
        """Migrations, seeding and ledger rebuilds are meant to run long: no statement or lock bound."""
        return msgspec.structs.replace(self, statement_timeout_ms=0, lock_timeout_ms=0)


class ServerSettings(_Section, frozen=True):
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=1, le=65535)] = 8000
    workers: Annotated[int, msgspec.Meta(ge=1, le=64)] = 1
    # Limits on clients, each per worker process; what a client sees past each: README, "Operating
    # Tessera". The bounds are the server's own (granian: a buffer of 8 KiB at least, 60 s at most).
    max_header_bytes: Annotated[int, msgspec.Meta(ge=8192, le=1_048_576)] = 16_384
    """Request line and headers together; past it 431 and the connection is closed."""
    header_timeout_s: Annotated[float, msgspec.Meta(ge=0.1, le=60)] = 10.0
    """For a request's complete headers, counted from the connection's start or its previous
    response: so also how long an idle kept-alive connection stays open."""
    body_timeout_s: Annotated[float, msgspec.Meta(ge=0.1, le=600)] = 30.0
    """For a request's whole body, counted from its headers; past it 408 and the connection closes."""
    keep_alive: bool = True
    max_connections: Annotated[int, msgspec.Meta(ge=1, le=100_000)] = 1000
    """Open connections one worker serves; the next ones wait in the listen queue for a free slot."""
    access_log: bool = False
    """One line per request: off, so that a burst of failures under load cannot flood the log."""


class AuthSettings(_Section, frozen=True):
    jwt_secret: str = ""
    token_lifetime_s: Annotated[int, msgspec.Meta(ge=60, le=30 * 24 * 3600)] = 3600
    secure_cookies: bool = False
    """The pages' cookies are `Secure` on every answer; otherwise only on requests that came over
    HTTPS (or say so in `X-Forwarded-Proto`). Set it behind a proxy that terminates TLS."""


class MetricsSettings(_Section, frozen=True):
    provider_timeout_ms: Annotated[int, msgspec.Meta(ge=1, le=60_000)] = 2000
    max_workers: Annotated[int, msgspec.Meta(ge=1, le=256)] = 16
    cache_ttl_s: Annotated[float, msgspec.Meta(ge=0, le=3600)] = 0.0
    """Keep whole dashboards this long per process (0: off); see adapters/dashboards/cache.py."""
    ranking_ttl_s: Annotated[float, msgspec.Meta(ge=0, le=3600)] = 10.0
    """Keep a platform's top-vendor ranking this long per process (0: rank on every view), even
    with the dashboard cache off: ranking is the one read of a platform page that grows with its
    vendors; see adapters/dashboards/series_service.py."""
    serve_stale_s: Annotated[float, msgspec.Meta(ge=0, le=7 * 24 * 3600)] = 0.0
    """While the database does not answer, serve a dashboard's last complete answer up to this old,
    marked stale (0: off, answer 503); see adapters/dashboards/last_good.py."""


class LedgerSettings(_Section, frozen=True):
    fold_interval_ms: Annotated[int, msgspec.Meta(ge=0, le=3_600_000)] = 1000
    """Each server process folds the writes' deltas into the ledger's rows this often (0: never;
    then `tessera db fold` must); see modules/tenancy/ledger/fold.py."""


class PlatformSettings(_Section, frozen=True):
    default: Annotated[str, msgspec.Meta(pattern=r"^([a-z0-9][a-z0-9-]{0,62})?$")] = "main"
    host_cache_ttl_s: Annotated[float, msgspec.Meta(ge=0, le=3600)] = 30.0
    """Keep tenant look-ups and module switches this long per process (0: read on every request).
    Every change is told to every process, which drops them at once: this is only the backstop
    for a message lost (README, "Running several nodes")."""


class LoggingSettings(_Section, frozen=True):
    """What the servers write to stderr (adapters/logs): one line per failing cause per interval."""

    format: Literal["text", "json"] = "text"
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    """The least severe line written, named as the lines name it."""
    repeat_interval_s: Annotated[float, msgspec.Meta(ge=0, le=3600)] = 10.0
    """Repeats of one cause within this many seconds are counted, not written (0: every line as logged)."""


class PrometheusSettings(_Section, frozen=True):
    """Who may scrape `/metrics` (adapters/prometheus/access.py). Loopback may by default: a scraper
    on the same machine (or a sidecar in the same network namespace) needs nothing set."""

    scrape_token: str | None = None
    """A client elsewhere sends `Authorization: Bearer <this>`; None: no token opens it."""
    allow_networks: tuple[str, ...] = ()
    """CIDR networks (`10.0.0.0/8`, `fd00::/8`) whose clients may scrape without the token."""
    trust_loopback: bool = True
    """False behind a reverse proxy on the same machine that adds no forwarding header: every client
    then looks like loopback, and loopback must send the token like any other."""


class ModuleSettings(_Section, frozen=True):
    enabled: bool = True


class Settings(_Section, frozen=True):
    database: DatabaseSettings = msgspec.field(default_factory=DatabaseSettings)
    server: ServerSettings = msgspec.field(default_factory=ServerSettings)
    auth: AuthSettings = msgspec.field(default_factory=AuthSettings)
    metrics: MetricsSettings = msgspec.field(default_factory=MetricsSettings)
    ledger: LedgerSettings = msgspec.field(default_factory=LedgerSettings)
    platform: PlatformSettings = msgspec.field(default_factory=PlatformSettings)
    logging: LoggingSettings = msgspec.field(default_factory=LoggingSettings)
    prometheus: PrometheusSettings = msgspec.field(default_factory=PrometheusSettings)
    modules: dict[str, ModuleSettings] = msgspec.field(default_factory=dict)
