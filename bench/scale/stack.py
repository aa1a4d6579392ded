"""The database side every deployment shares, started once: a primary, its streaming replica and
pgbouncer in front of the primary (the multi-node harness's own `database_side`), and a seeded
world with a super admin and an owner per vendor. Deployments differ only in their nodes.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

import httpx
import psycopg

from bench.pg_cluster import TemporaryCluster
from bench.processes import REPOSITORY, BenchError, tessera
from tests.cluster.bouncer import Bouncer
from tests.cluster.harness import database_side
from tests.cluster.standby import Standby

__all__ = ("Accounts", "Stack", "base_environ", "running_stack")

_PASSWORD = secrets.token_urlsafe(16)
_ADMIN = "admin@scale.bench"
_SELLING = (
    "SELECT slug FROM vendors WHERE is_active AND EXISTS (SELECT 1 FROM vendor_platforms vp"
    " WHERE vp.vendor_id = vendors.id AND vp.is_active) ORDER BY id"
)
"""Vendors whose owners can sign in: the seed leaves some switched off, as a real platform has."""


@dataclass(frozen=True)
class Accounts:
    """Tokens, good on every node (one secret) for the whole run (an hour's lifetime)."""

    admin_token: str
    owner_tokens: list[str]


@dataclass(frozen=True)
class Stack:
    primary: TemporaryCluster
    replica: Standby
    bouncer: Bouncer
    secret: str
    owners: list[str]
    """One owner's email per vendor."""
    platform_id: int

    def sign_in(self, base_url: str) -> Accounts:
        return Accounts(_sign_in(base_url, _ADMIN), [_sign_in(base_url, email) for email in self.owners])


def base_environ(database_url: str, secret: str) -> dict[str, str]:
    """What every `tessera` process reads: the settings file, small pools (four worker processes,
    two clusters, pgbouncer and k6 share two cores), the dashboard cache off as by default."""
    return dict(os.environ) | {
        "TESSERA_SETTINGS": str(REPOSITORY / "settings.yaml"),
        "TESSERA_DATABASE__URL": database_url,
        "TESSERA_AUTH__JWT_SECRET": secret,
        "TESSERA_DATABASE__POOL_SIZE": "5",
        "TESSERA_METRICS__MAX_WORKERS": "4",
        "TESSERA_LOGGING__LEVEL": "WARNING",
    }


def _sign_in(base_url: str, email: str) -> str:
    answer = httpx.post(
        f"{base_url}/api/v1/auth/token", json={"email": email, "password": _PASSWORD}, timeout=30
    )
    if answer.status_code != 200:
        raise BenchError(f"signing {email} in: {answer.status_code} {answer.text[:200]}")
    return str(answer.json()["access_token"])


def _seed(environ: dict[str, str], dsn: str, vendors: int, orders: int) -> tuple[list[str], int]:
    """The world, a super admin and an owner per vendor: the owners' emails, and the platform."""
    tessera(environ, "db", "upgrade")
    tessera(environ, "seed", "--platforms", "1", "--vendors", str(vendors), "--orders", str(orders),
            "--days", "90")  # fmt: skip
    with psycopg.connect(dsn) as connection:
        slugs = [row[0] for row in connection.execute(_SELLING).fetchall()]
        platform = connection.execute("SELECT min(id) FROM platforms").fetchone()
    if platform is None or not slugs:
        raise BenchError("the seed made no platform or no vendor")
    tessera(environ, "users", "create", "--email", _ADMIN, "--password", _PASSWORD, "--role", "super_admin")
    owners = []
    for slug in slugs:
        email = f"owner-{slug}@scale.bench"
        tessera(environ, "users", "create", "--email", email, "--password", _PASSWORD,
                "--role", "vendor_owner", "--vendor", slug)  # fmt: skip
        owners.append(email)
    return owners, int(platform[0])


@contextmanager
def running_stack(vendors: int, orders: int) -> Iterator[Stack]:
    """Everything but the nodes, seeded; all of it taken down on the way out, whatever happens."""
    with ExitStack() as stack:
        primary, replica, bouncer = database_side(stack)
        dsn = f"host=127.0.0.1 port={primary.port} user=postgres dbname=tessera connect_timeout=5"
        secret = secrets.token_urlsafe(48)
        owners, platform_id = _seed(base_environ(primary.url, secret), dsn, vendors, orders)
        yield Stack(primary, replica, bouncer, secret, owners, platform_id)
