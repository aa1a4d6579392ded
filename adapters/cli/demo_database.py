"""What the demo knows about its database: whether a file is a demo's, how it was seeded, its logins.

The demo works in the database the settings name, so that every other command reads what the demo
wrote. That file may hold someone's real data, so the demo marks the databases it builds (one row
in `tessera_demo`) and touches no other: a file with tables and no mark is refused. A marked one is
kept on the next run with everything done in it; only the demo logins get new passwords, because
passwords are stored hashed and the banner must print ones that work.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    Table,
    create_engine,
    insert,
    inspect,
    select,
    update,
)

from adapters.container import Container
from kernel.errors import ConflictError
from kernel.identity import SYSTEM, Role
from kernel.persistence import UTCDateTime
from modules.tenancy.schemas import UserCreate

__all__ = ("DemoRecord", "demo_record", "mark_demo", "mark_seeded", "renew_logins")

_bookkeeping = MetaData()
_demo = Table(
    "tessera_demo",
    _bookkeeping,
    Column("id", Integer, primary_key=True),
    Column("seed", Integer, nullable=False),
    Column("orders", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("seeded_at", UTCDateTime(), nullable=True),
)


@dataclass(frozen=True, slots=True)
class DemoRecord:
    """How a demo database was seeded; `seeded_at` is None while seeding has not finished."""

    seed: int
    orders: int
    seeded_at: datetime | None


def demo_record(database: Path) -> DemoRecord | None:
    """The demo's record of `database`; None when there is nothing to lose (no file, or no tables).
    A database with tables and no record is someone's own: `ConflictError`, naming the way out."""
    if not database.exists():
        return None
    engine = create_engine(f"sqlite:///{database}")
    try:
        tables = inspect(engine).get_table_names()
        row = None
        if _demo.name in tables:
            with engine.connect() as connection:
                row = connection.execute(select(_demo.c.seed, _demo.c.orders, _demo.c.seeded_at)).first()
    finally:
        engine.dispose()
    if row is not None:
        return DemoRecord(row.seed, row.orders, row.seeded_at)
    if tables:
        raise ConflictError(
            f"{database} holds a database the demo did not make, and the demo never touches one: "
            "pass --database demo.db to run the demo in a file of its own"
        )
    return None


def mark_demo(engine: Engine, seed: int, orders: int, now: datetime) -> None:
    """Mark a new database as the demo's before seeding it, so an interrupted run is resumed, not refused."""
    with engine.begin() as connection:  # the table and its row together, or neither
        _bookkeeping.create_all(connection)
        connection.execute(insert(_demo), {"id": 1, "seed": seed, "orders": orders, "created_at": now})


def mark_seeded(engine: Engine, now: datetime) -> None:
    with engine.begin() as connection:
        connection.execute(update(_demo).values(seeded_at=now))


def renew_logins(container: Container) -> list[tuple[str, str, str]]:
    """(role, email, password) of each demo login, with a new password: created if missing, else only
    its password changes, so whatever the login did in the demo stays."""
    directory = container.tenant_directory()
    platform = directory.platform_by_slug("main")
    vendor = directory.vendor_by_slug("alpine-outfitters")
    wanted = [("admin@demo.example.com", Role.SUPER_ADMIN, None, None)]
    if platform is not None:
        wanted.append(("platform@demo.example.com", Role.PLATFORM_ADMIN, platform.id, None))
    if vendor is not None:
        wanted.append(("owner@demo.example.com", Role.VENDOR_OWNER, None, vendor.id))
    logins = []
    for email, role, platform_id, vendor_id in wanted:
        password = secrets.token_urlsafe(12)
        if not container.tenancy.user_service().set_password(SYSTEM, email, password):
            login = UserCreate(
                email=email, password=password, role=role, platform_id=platform_id, vendor_id=vendor_id
            )
            container.tenancy.user_service().create(SYSTEM, login)
        logins.append((role.value, email, password))
    return logins
