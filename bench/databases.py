"""One benchmark database per engine and scale: made, migrated, seeded and signed up for once.

Seeding a large database takes minutes, so a finished one carries a marker: a one-row table,
`bench_seeded`, written last, holding the seeding command line and what the harness needs to know
about the data (row counts, the busiest vendor, the platform with most vendors, the logins). A
database whose marker matches is reused, unless `tessera db upgrade` then migrates it (a new
migration may expect data that only seeding fills). One without a marker was interrupted:
`tessera seed` is run again on it, which finishes an interrupted run of the same command line.
Anything else (a marker of another command line or schema, a database that cannot be finished,
`--reseed`) is dropped and made again.

Its ledger is rebuilt from the raw tables only when the code that rebuilds it changed since
(a module newly on the ledger, a figure defined anew): the marker keeps a fingerprint of that code.
On SQLite at ten million orders a rebuild takes over ten minutes, so it is not done on every run.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from bench.processes import REPOSITORY, BenchError, tessera
from bench.scales import seed_arguments, seed_database
from modules.orders.models import Order
from modules.tenancy.models import Platform, Vendor, VendorPlatform

__all__ = ("Database", "Prepared", "locate", "prepare")

Kind = Literal["sqlite", "postgresql"]
_MARKER = "bench_seeded"
ADMIN_EMAIL = "bench-admin@bench.example.com"
OWNER_EMAIL = "bench-owner@bench.example.com"


@dataclass(frozen=True)
class Database:
    kind: Kind
    scale: str
    url: str
    """What Tessera connects to (`TESSERA_DATABASE__URL`)."""
    server_url: str | None = None
    """PostgreSQL only: a database on the same server to create and drop this one from."""

    def environ(self) -> dict[str, str]:
        return {"TESSERA_DATABASE__URL": self.url}


@dataclass(frozen=True)
class Prepared:
    """The marker's content: everything the run needs to know about the seeded data."""

    seeded_with: list[str]
    seeded_at: str
    """When: the data's history ends then, so a database reused long after has fewer recent orders."""
    migrations: dict[str, str]
    rows: dict[str, int]
    vendor: dict[str, Any]
    platform: dict[str, Any]
    logins: dict[str, str]
    password: str
    figures: str
    """`ledger_fingerprint()` when the ledger was last rebuilt from the raw tables (the field keeps
    its first name: a renamed field would make every seeded database's marker unreadable)."""


_FIELDS = {field.name for field in fields(Prepared)}


_LEDGER_CODE = (
    "modules/*/ledger_keys.py",
    "modules/*/ledger_source.py",
    "modules/tenancy/ledger/*.py",
    "adapters/ledger.py",
)


def ledger_fingerprint(root: Path = REPOSITORY) -> str:
    """A digest of the files that say how the ledger is computed from the raw tables: each module's
    `LedgerSource`, the ledger's own rebuild and its caller. Any edit to them counts as a change,
    which may rebuild once too often but never leaves stale figures behind."""
    digest = hashlib.sha256()
    for path in sorted(path for pattern in _LEDGER_CODE for path in root.glob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def locate(kind: Kind, scale: str, data_dir: Path, server_url: str, prefix: str) -> Database:
    if kind == "sqlite":
        data_dir.mkdir(parents=True, exist_ok=True)
        return Database(kind, scale, f"sqlite:///{(data_dir / f'{prefix}_{scale}.db').resolve()}")
    url = make_url(server_url).set(drivername="postgresql+psycopg", database=f"{prefix}_{scale}")
    return Database(kind, scale, url.render_as_string(hide_password=False), server_url)


def _exists(database: Database) -> bool:
    if database.kind == "sqlite":
        return Path(make_url(database.url).database or "").exists()
    admin = create_engine(database.server_url or "", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            found = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": make_url(database.url).database},
            )
        return found is not None
    finally:
        admin.dispose()


def _recreate(database: Database) -> None:
    """An empty database: `tessera seed` only ever fills an empty one."""
    name = make_url(database.url).database or ""
    if database.kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    admin = create_engine(database.server_url or "", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


def _read_marker(engine: Engine) -> dict[str, Any] | None:
    if not inspect(engine).has_table(_MARKER):
        return None
    with engine.connect() as connection:
        payload = connection.scalar(text(f"SELECT payload FROM {_MARKER}"))  # noqa: S608 - a constant
    return json.loads(payload) if payload else None


def _write_marker(engine: Engine, prepared: Prepared) -> None:
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE IF EXISTS {_MARKER}"))
        connection.execute(text(f"CREATE TABLE {_MARKER} (payload TEXT NOT NULL)"))
        statement = text(f"INSERT INTO {_MARKER} (payload) VALUES (:payload)")  # noqa: S608 - a constant
        connection.execute(statement, {"payload": json.dumps(asdict(prepared))})


def _facts(engine: Engine) -> tuple[dict[str, Any], dict[str, Any]]:
    """The vendor with most orders, and the platform with most vendors (lowest id on a tie)."""
    orders = func.count(Order.id)
    busiest = (
        select(Vendor.id, Vendor.slug, orders)
        .join(Order, Order.vendor_id == Vendor.id)
        .group_by(Vendor.id, Vendor.slug)
        .order_by(orders.desc(), Vendor.id)
        .limit(1)
    )
    members = func.count(VendorPlatform.vendor_id)
    widest = (
        select(Platform.id, Platform.slug, members)
        .join(VendorPlatform, VendorPlatform.platform_id == Platform.id)
        .group_by(Platform.id, Platform.slug)
        .order_by(members.desc(), Platform.id)
        .limit(1)
    )
    with engine.connect() as connection:
        vendor = connection.execute(busiest).one()
        platform = connection.execute(widest).one()
    return (
        {"id": vendor[0], "slug": vendor[1], "orders": vendor[2]},
        {"id": platform[0], "slug": platform[1], "vendors": platform[2]},
    )


def _migrations(database: Database) -> dict[str, str]:
    """Each module's migration version (`alembic_version_<code>`)."""
    engine = create_engine(database.url)
    try:
        tables = [t for t in inspect(engine).get_table_names() if t.startswith("alembic_version")]
        with engine.connect() as connection:
            return {
                table: str(connection.scalar(text(f'SELECT version_num FROM "{table}"')))  # noqa: S608 - schema names
                for table in sorted(tables)
            }
    finally:
        engine.dispose()


def _row_counts(engine: Engine) -> dict[str, int]:
    tables = [t for t in inspect(engine).get_table_names() if not t.startswith("alembic_version")]
    with engine.connect() as connection:
        return {
            table: int(connection.scalar(text(f'SELECT count(*) FROM "{table}"')) or 0)  # noqa: S608 - schema names
            for table in sorted(tables)
            if table != _MARKER
        }


def _sign_up(environ: Mapping[str, str], vendor_slug: str) -> tuple[dict[str, str], str]:
    """A super admin and the busiest vendor's owner, through the command people use for it."""
    password = secrets.token_urlsafe(24)
    common = ("users", "create", "--password", password)
    tessera(environ, *common, "--email", ADMIN_EMAIL, "--role", "super_admin")
    tessera(environ, *common, "--email", OWNER_EMAIL, "--role", "vendor_owner", "--vendor", vendor_slug)
    return {"admin": ADMIN_EMAIL, "owner": OWNER_EMAIL}, password


def _marker(database: Database) -> dict[str, Any] | None:
    if not _exists(database):
        return None
    engine = create_engine(database.url)
    try:
        return _read_marker(engine)
    finally:
        engine.dispose()


def _rewrite_marker(database: Database, prepared: Prepared) -> None:
    engine = create_engine(database.url)
    try:
        _write_marker(engine, prepared)
    finally:
        engine.dispose()


def _seed(database: Database, seed: int, environ: Mapping[str, str]) -> Prepared:
    tessera(environ, "db", "upgrade")
    seed_database(environ, database.scale, seed)
    engine = create_engine(database.url)
    try:
        vendor, platform = _facts(engine)
        logins, password = _sign_up(environ, vendor["slug"])
        seeded_at = datetime.now(UTC).isoformat(timespec="seconds")
        wanted, migrations = seed_arguments(database.scale, seed), _migrations(database)
        counts = _row_counts(engine)
        fingerprint = ledger_fingerprint()  # `tessera seed` rebuilt the ledger as it finished
        prepared = Prepared(
            wanted, seeded_at, migrations, counts, vendor, platform, logins, password, fingerprint
        )
        _write_marker(engine, prepared)
    finally:
        engine.dispose()
    return prepared


def prepare(database: Database, seed: int, reseed: bool, environ: Mapping[str, str]) -> tuple[Prepared, str]:
    """The seeded database, and how: "reused" as it was (its ledger rebuilt if its code changed),
    "finished" after an interruption, or "seeded"."""
    wanted = seed_arguments(database.scale, seed)
    marker = None if reseed else _marker(database)
    if marker is not None and marker.get("seeded_with") == wanted and set(marker) == _FIELDS:
        tessera(environ, "db", "upgrade")
        if _migrations(database) == marker["migrations"]:
            prepared, current = Prepared(**marker), ledger_fingerprint()
            if prepared.figures == current:
                return prepared, "reused"
            tessera(environ, "db", "rebuild-ledger")
            prepared = replace(prepared, figures=current)
            _rewrite_marker(database, prepared)
            return prepared, "reused, ledger rebuilt"
    elif marker is None and not reseed and _exists(database):
        try:
            return _seed(database, seed, environ), "finished"
        except BenchError:
            pass  # seeded by another command line, or not by `tessera seed` at all: start again
    _recreate(database)
    return _seed(database, seed, environ), "seeded"
