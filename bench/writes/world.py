"""The world the writers write into, one per target and database: a database of its own, `tessera
serve` on it, a super admin, and vendors with an owner each in two layouts side by side.

- `shared`: `vendors` vendors all on one platform (each order adds to that platform's figures too);
- `own`: `vendors` more, each alone on a platform of its own.

The schema and the super admin come from the target's CLI, as an operator makes them; platforms,
vendors and owners through the admin API, as bench/faults/world.py does, a few requests at a time
(signing in hashes a password, which takes a moment).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import httpx

from bench.pg_cluster import TemporaryCluster
from bench.processes import BenchError, Server, free_port, serving
from bench.writes.targets import Target, run_tessera

__all__ = ("Accounts", "DatabaseKind", "World", "built_world")

DatabaseKind = Literal["postgresql", "sqlite"]
ADMIN_EMAIL = "writes-admin@bench.example.com"
_SIGN_UP_THREADS = 4


@dataclass(frozen=True)
class Accounts:
    admin: str
    """The super admin's token: the platform's dashboard in the mixed scenario."""
    shared_platform: int
    shared_owners: list[str]
    """One token per vendor of the shared platform, in the order the vendors were made."""
    own_owners: list[str]
    """One token per vendor alone on its platform."""


@dataclass(frozen=True)
class World:
    target: Target
    kind: DatabaseKind
    server: Server
    accounts: Accounts
    cluster: TemporaryCluster | None
    """PostgreSQL: the throwaway cluster, whose backends the lock-wait sampler watches."""


def _checked(answer: httpx.Response, what: str) -> dict[str, Any]:
    if answer.status_code not in (200, 201):
        raise BenchError(f"{what}: {answer.status_code} {answer.text[:300]}")
    return dict(answer.json())


def _sign_in(client: httpx.Client, email: str, password: str) -> str:
    body = {"email": email, "password": password}
    return str(_checked(client.post("/api/v1/auth/token", json=body), f"sign-in as {email}")["access_token"])


class _Builder:
    """Makes platforms, vendors and owners through the admin API of one server."""

    def __init__(self, client: httpx.Client, admin: str, password: str) -> None:
        self._client, self._password = client, password
        self._headers = {"Authorization": f"Bearer {admin}"}

    def platform(self, slug: str) -> int:
        body = {"slug": slug, "name": f"Writes {slug}"}
        answer = self._client.post("/api/v1/admin/platforms", json=body, headers=self._headers)
        return int(_checked(answer, f"create platform {slug}")["id"])

    def owner(self, slug: str, platform_id: int) -> str:
        """A vendor on `platform_id` and its owner, signed in: the owner's token."""
        body: dict[str, Any] = {"slug": slug, "name": f"Vendor {slug}", "platform_ids": [platform_id]}
        answer = self._client.post("/api/v1/admin/vendors", json=body, headers=self._headers)
        vendor = _checked(answer, f"create vendor {slug}")["id"]
        email = f"{slug}@bench.example.com"
        user = {"email": email, "password": self._password, "role": "vendor_owner", "vendor_id": vendor}
        _checked(
            self._client.post("/api/v1/admin/users", json=user, headers=self._headers), f"create {email}"
        )
        return _sign_in(self._client, email, self._password)


def _sign_up(server: Server, password: str, vendors: int) -> Accounts:
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        admin = _sign_in(client, ADMIN_EMAIL, password)
        build = _Builder(client, admin, password)
        shared = build.platform("writes-shared")
        own = [build.platform(f"writes-own-{n}") for n in range(vendors)]
        with ThreadPoolExecutor(_SIGN_UP_THREADS) as pool:
            shared_owners = list(pool.map(lambda n: build.owner(f"shared-{n}", shared), range(vendors)))
            own_owners = list(pool.map(lambda n: build.owner(f"own-{n}", own[n]), range(vendors)))
    return Accounts(admin, shared, shared_owners, own_owners)


def _database_url(
    kind: DatabaseKind, target: Target, work: Path, stack: ExitStack
) -> tuple[str, TemporaryCluster | None]:
    """A fresh database for one target: a throwaway cluster, or a SQLite file in `work`."""
    if kind == "postgresql":
        cluster = stack.enter_context(TemporaryCluster())
        return cluster.url, cluster
    return f"sqlite:///{work / f'{target.name}.db'}", None


@contextmanager
def built_world(
    kind: DatabaseKind, target: Target, base: Mapping[str, str], vendors: int, workers: int, work: Path
) -> Iterator[World]:
    """The database made, `tessera serve --workers N` of the target on it, the accounts signed up."""
    with ExitStack() as stack:
        url, cluster = _database_url(kind, target, work, stack)
        environ = target.environ(base) | {
            "TESSERA_DATABASE__URL": url,
            "TESSERA_AUTH__JWT_SECRET": secrets.token_urlsafe(48),
        }
        password = secrets.token_urlsafe(24)
        run_tessera(target, environ, "db", "upgrade")
        run_tessera(target, environ, "users", "create", "--email", ADMIN_EMAIL, "--password", password,
                    "--role", "super_admin")  # fmt: skip
        port = free_port()
        command = [
            target.tessera,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
        log = work / f"{target.name}-{kind}.log"
        server = stack.enter_context(serving(command, environ, port, log, cwd=target.root))
        yield World(target, kind, server, _sign_up(server, password, vendors), cluster)
