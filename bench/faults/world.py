"""The system faults are played on: a throwaway PostgreSQL cluster seeded by the CLI, `tessera serve`
on it, and bearer tokens for a super admin and one owner per vendor.

The database is made the way an operator makes one (`tessera db upgrade`, `tessera seed`, `tessera
users create`); the owners are made through the API, one request each, which is quicker than one
CLI process each. Tokens outlive servers (same secret), so they are made once.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from adapters.settings_file import load_settings
from bench.pg_cluster import TemporaryCluster
from bench.processes import REPOSITORY, BenchError, Server, executable, free_port, serving, tessera
from bench.scales import seed_database

__all__ = ("Tokens", "make_environ", "prepare_database", "served", "sign_up")

ADMIN_EMAIL = "faults-admin@bench.example.com"


@dataclass(frozen=True)
class Tokens:
    admin: str
    owners: dict[int, str]
    """Vendor id → its owner's token: each writer writes as another vendor, as real traffic does."""
    platform_id: int
    """The default platform, whose vendors the owners are: the admin dashboard readers ask for."""


def make_environ(cluster: TemporaryCluster) -> dict[str, str]:
    """What the CLI and the server read: the cluster's database and a fresh secret, nothing tuned."""
    settings = Path(os.environ.get("TESSERA_SETTINGS") or REPOSITORY / "settings.yaml").resolve()
    return dict(os.environ) | {
        "TESSERA_SETTINGS": str(settings),
        "TESSERA_DATABASE__URL": cluster.url,
        "TESSERA_AUTH__JWT_SECRET": secrets.token_urlsafe(48),
    }


def prepare_database(environ: Mapping[str, str], scale: str, seed: int) -> str:
    """Migrate, seed and make a super admin; the password every account of the run shares."""
    password = secrets.token_urlsafe(24)
    tessera(environ, "db", "upgrade")
    seed_database(environ, scale, seed)
    tessera(
        environ, "users", "create", "--email", ADMIN_EMAIL, "--password", password, "--role", "super_admin"
    )
    return password


@contextmanager
def served(environ: Mapping[str, str], workers: int, log: Path) -> Iterator[Server]:
    """`tessera serve --workers N` on a free port, its stdout and stderr in `log`."""
    port = free_port()
    command = [executable("tessera"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with serving([*command, "--workers", str(workers)], environ, port, log) as server:
        yield server


def _sign_in(client: httpx.Client, email: str, password: str) -> str:
    answer = client.post("/api/v1/auth/token", json={"email": email, "password": password})
    if answer.status_code != 200:
        raise BenchError(f"sign-in as {email}: {answer.status_code} {answer.text}")
    return str(answer.json()["access_token"])


def _checked(answer: httpx.Response, what: str) -> httpx.Response:
    if answer.status_code not in (200, 201):
        raise BenchError(f"{what}: {answer.status_code} {answer.text}")
    return answer


def _default_platform(client: httpx.Client, headers: dict[str, str], environ: Mapping[str, str]) -> int:
    """The platform requests to 127.0.0.1 belong to (`platform.default`): its owners can sign in there."""
    listed = _checked(client.get("/api/v1/admin/platforms?limit=100", headers=headers), "list platforms")
    default = load_settings(environ=environ, require_secret=False).settings.platform.default
    found = [platform["id"] for platform in listed.json()["items"] if platform["slug"] == default]
    if not found:
        raise BenchError(f"the seeded database has no platform {default!r}")
    return int(found[0])


def sign_up(server: Server, password: str, environ: Mapping[str, str]) -> Tokens:
    """The admin's token, and an owner for each active vendor of the default platform, signed in."""
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        admin = _sign_in(client, ADMIN_EMAIL, password)
        headers = {"Authorization": f"Bearer {admin}"}
        platform = _default_platform(client, headers, environ)
        path = f"/api/v1/admin/vendors?platform_id={platform}&limit=100"
        vendors = _checked(client.get(path, headers=headers), "list vendors").json()["items"]
        owners = {}
        for vendor in (vendor for vendor in vendors if vendor["is_active"]):  # the seed deactivates some
            email = f"faults-owner-{vendor['id']}@bench.example.com"
            body = {"email": email, "password": password, "role": "vendor_owner", "vendor_id": vendor["id"]}
            _checked(client.post("/api/v1/admin/users", json=body, headers=headers), f"create {email}")
            owners[int(vendor["id"])] = _sign_in(client, email, password)
    if not owners:
        raise BenchError("the seeded database has no active vendor on the default platform")
    return Tokens(admin, owners, platform)
