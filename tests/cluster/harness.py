"""Start the whole multi-node set-up, and take every part of it down again whatever happens.

Order: the primary (a throwaway cluster set up for replication), its replica (streaming before we
go on), pgbouncer, the schema and a small seeded world (through the primary directly, as an operator
would migrate), a vendor owner made with the CLI, then nodes A and B (`tessera serve --workers 2`),
each ready (`/ready` 200) before it is handed out. The nodes reach the primary through pgbouncer in
transaction pooling mode (`database.transaction_pooling`), and LISTEN on the primary directly.
Every part is registered on one `ExitStack` as soon as it exists, so a failure at any step, or
Ctrl-C, takes down exactly what was started.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.pg_cluster import TemporaryCluster
from bench.processes import Server, executable, free_port, serving, tessera
from tests.cluster.bouncer import Bouncer
from tests.cluster.standby import Standby

__all__ = ("ADMIN", "MEMBER", "OWNER", "PASSWORD", "Harness", "database_side", "node", "running_harness")

OWNER = "owner@cluster.test"
MEMBER = "member@cluster.test"
"""A member of the owner's vendor: the account the checks switch off and on again."""
ADMIN = "admin@cluster.test"
PASSWORD = "cluster-harness-password"

# wal_level and max_wal_senders are PostgreSQL 15's defaults, written out because replication needs them;
# initdb's pg_hba.conf already lets 127.0.0.1 replicate under trust.
_PRIMARY_SETTINGS = "wal_level = replica\nmax_wal_senders = 5\nmax_replication_slots = 5\n"


@dataclass(frozen=True)
class Harness:
    primary: TemporaryCluster
    replica: Standby
    bouncer: Bouncer
    node_a: Server
    node_b: Server
    vendor_id: int
    currency: str
    platform_id: int

    @property
    def primary_dsn(self) -> str:
        return _dsn(self.primary.port)


def _dsn(port: int) -> str:
    return f"host=127.0.0.1 port={port} user=postgres dbname=tessera connect_timeout=5"


def _node_environ(database_url: str, secret: str) -> dict[str, str]:
    """What every `tessera` process of the harness reads; pools kept small for a 2-core machine
    that runs four worker processes, the two clusters and the clients at once."""
    return dict(os.environ) | {
        "TESSERA_SETTINGS": str(Path(__file__).resolve().parents[2] / "settings.yaml"),
        "TESSERA_DATABASE__URL": database_url,
        "TESSERA_DATABASE__LISTEN_URL": "",
        "TESSERA_DATABASE__TRANSACTION_POOLING": "false",
        "TESSERA_AUTH__JWT_SECRET": secret,
        "TESSERA_DATABASE__POOL_SIZE": "5",
        "TESSERA_METRICS__MAX_WORKERS": "4",
        "TESSERA_LOGGING__LEVEL": "WARNING",
    }


def _through_the_bouncer(environ: dict[str, str], primary_url: str) -> dict[str, str]:
    """The nodes' statements go through pgbouncer's transaction pooling, as in production; each
    process's LISTEN goes to the primary directly (README, "Running several nodes")."""
    pooled = {"TESSERA_DATABASE__TRANSACTION_POOLING": "true", "TESSERA_DATABASE__LISTEN_URL": primary_url}
    return environ | pooled


def _seed(environ: dict[str, str], primary_dsn: str) -> tuple[int, str, int]:
    """A small world (one platform, three vendors, 300 orders), an owner and a member for its first
    vendor, and a super admin; the vendor's id and currency, and the platform's id."""
    tessera(environ, "db", "upgrade")
    tessera(environ, "seed", "--platforms", "1", "--vendors", "3", "--orders", "300", "--days", "30")
    with psycopg.connect(primary_dsn) as connection:
        row = connection.execute("SELECT id, slug, currency FROM vendors ORDER BY id LIMIT 1").fetchone()
    assert row is not None, "the seed made no vendor"
    vendor_id, slug, currency = row
    tessera(environ, "users", "create", "--email", OWNER, "--password", PASSWORD, "--role", "vendor_owner",
            "--vendor", slug)  # fmt: skip
    tessera(environ, "users", "create", "--email", MEMBER, "--password", PASSWORD, "--role", "vendor_member",
            "--vendor", slug)  # fmt: skip
    tessera(environ, "users", "create", "--email", ADMIN, "--password", PASSWORD, "--role", "super_admin")
    with psycopg.connect(primary_dsn) as connection:
        platform = connection.execute("SELECT min(id) FROM platforms").fetchone()
    assert platform is not None
    return int(vendor_id), str(currency), int(platform[0])


def node(stack: ExitStack, environ: dict[str, str], log: Path) -> Server:
    """`tessera serve --workers 2` on a free port, answering `/ready`; stopped with `stack`."""
    port = free_port()
    command = [executable("tessera"), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    return stack.enter_context(serving(command, environ, port, log))


def database_side(stack: ExitStack) -> tuple[TemporaryCluster, Standby, Bouncer]:
    """The primary, its replica (streaming before this returns) and pgbouncer in front of the
    primary, each registered on `stack` as soon as it exists (bench/scale starts the same)."""
    primary = stack.enter_context(TemporaryCluster(settings=_PRIMARY_SETTINGS))
    replica = Standby(primary.port)
    stack.callback(replica.close)
    replica.wait_streaming(_dsn(primary.port))
    bouncer = Bouncer(primary.port)
    stack.callback(bouncer.close)
    return primary, replica, bouncer


@contextmanager
def running_harness(log_dir: Path) -> Iterator[Harness]:
    with ExitStack() as stack:
        primary, replica, bouncer = database_side(stack)
        primary_dsn = _dsn(primary.port)
        secret = secrets.token_urlsafe(48)
        vendor_id, currency, platform_id = _seed(_node_environ(primary.url, secret), primary_dsn)
        environ = _through_the_bouncer(_node_environ(bouncer.url, secret), primary.url)
        environ |= replica.read_by_nodes()
        node_a = node(stack, environ, log_dir / "node-a.log")
        node_b = node(stack, environ, log_dir / "node-b.log")
        yield Harness(primary, replica, bouncer, node_a, node_b, vendor_id, currency, platform_id)
