"""Deterministic demo tenants: platforms, vendors on one or several of them, users and domains.

One part, written at once (even `xlarge` has only a few thousand vendors); what the other
modules need from it is read back from the database, so a resumed run has it too.

Seeded accounts get an unusable password: `tessera demo` (or `tessera users create`) makes the
logins people actually use, so a seeded database never ships a known password.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from random import Random
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import Connection, func, insert, select

from contracts.seeding import SeedContext, SeededVendor
from kernel.errors import ConflictError
from modules.tenancy.models import Platform, TeamMember, User, Vendor, VendorDomain, VendorPlatform

__all__ = ("seed_tenancy",)

_PLATFORM_SLUGS = ("main", "eu-market", "outlet", "wholesale", "nordic", "artisan")
_FIRST = (
    "alpine", "bright", "copper", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper",
    "kestrel", "linden", "maple", "nova", "orchid", "pioneer", "quartz", "river", "sable", "tidal",
)  # fmt: skip
_SECOND = (
    "outfitters",
    "goods",
    "crafts",
    "supply",
    "studio",
    "market",
    "works",
    "trading",
    "atelier",
    "depot",
)

Row = dict[str, Any]


def _platform_slug(index: int) -> str:
    return _PLATFORM_SLUGS[index] if index < len(_PLATFORM_SLUGS) else f"platform-{index + 1}"


def _vendor_slug(index: int) -> str:
    first, second = _FIRST[index % len(_FIRST)], _SECOND[(index // len(_FIRST)) % len(_SECOND)]
    cycle = index // (len(_FIRST) * len(_SECOND))
    return f"{first}-{second}" if cycle == 0 else f"{first}-{second}-{cycle + 1}"


def _insert(connection: Connection, model: type[Any], rows: list[Row]) -> list[int]:
    """Bulk insert, returning the new ids in the rows' order."""
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(connection.scalars(statement, rows))


@dataclass(frozen=True, slots=True)
class _Part:
    connection: Connection
    rng: Random
    context: SeedContext


def _platforms(part: _Part) -> list[Row]:
    context = part.context
    opened = context.now - timedelta(days=context.size.days + 30)
    rows = [
        {
            "slug": slug,
            "name": slug.replace("-", " ").title(),
            "domain": f"{slug}.localhost",
            "created_at": opened,
        }
        for slug in map(_platform_slug, range(context.size.platforms))
    ]
    context.platform_ids = _insert(part.connection, Platform, rows)
    return rows


def _vendors(part: _Part) -> list[Row]:
    """Vendors joined over the seeded period; about one in ten inactive, six in ten verified. Each
    has a home platform and joins about two others (fewer when there are few)."""
    context, rng = part.context, part.rng
    rows: list[Row] = [
        {
            "slug": _vendor_slug(i),
            "name": _vendor_slug(i).replace("-", " ").title(),
            "is_active": rng.random() > 0.1,
            "is_verified": rng.random() < 0.6,
            "created_at": context.now - timedelta(days=rng.uniform(0, context.size.days)),
        }
        for i in range(context.size.vendors)
    ]
    platform_ids = context.platform_ids
    joins = min(0.3, 2 / max(1, len(platform_ids) - 1))
    for i, (vendor_id, row) in enumerate(zip(_insert(part.connection, Vendor, rows), rows, strict=True)):
        home = platform_ids[i % len(platform_ids)]
        extra = [p for p in platform_ids if p != home and rng.random() < joins]
        context.vendors.append(SeededVendor(vendor_id, row["slug"], (home, *extra)))
    memberships = [
        {"vendor_id": v.id, "platform_id": p, "is_active": p == v.platform_ids[0] or rng.random() > 0.2,
         "created_at": row["created_at"]}
        for v, row in zip(context.vendors, rows, strict=True)
        for p in v.platform_ids
    ]  # fmt: skip
    part.connection.execute(insert(VendorPlatform), memberships)
    return rows


def _users(part: _Part, platforms: list[Row]) -> int:
    """An admin per platform, an owner and up to two staff per vendor, each vendor user with a seat."""
    context = part.context
    since = context.now - timedelta(days=context.size.days)
    common = {
        "password_hash": PasswordHasher().hash(secrets.token_urlsafe(32)),
        "is_active": True,
        "created_at": since,
    }
    users: list[Row] = [
        {**common, "email": f"admin@{row['slug']}.example.com", "role": "platform_admin", "platform_id": pid,
         "vendor_id": None}
        for row, pid in zip(platforms, context.platform_ids, strict=True)
    ]  # fmt: skip
    for vendor in context.vendors:
        staff = [("owner", "vendor_owner")] + [
            (f"staff{n}", "vendor_member") for n in range(part.rng.randint(0, 2))
        ]
        users += [
            {**common, "email": f"{name}@{vendor.slug}.example.com", "role": role, "platform_id": None,
             "vendor_id": vendor.id}
            for name, role in staff
        ]  # fmt: skip
    seats = [
        {"vendor_id": user["vendor_id"], "user_id": user_id, "is_active": True, "created_at": since,
         "role": "owner" if user["role"] == "vendor_owner" else "member"}
        for user, user_id in zip(users, _insert(part.connection, User, users), strict=True)
        if user["vendor_id"] is not None
    ]  # fmt: skip
    part.connection.execute(insert(TeamMember), seats)
    return len(users)


def _write(part: _Part) -> None:
    if part.connection.scalar(select(Platform.id).limit(1)) is not None:
        raise ConflictError("the database already has platforms: seed an empty database (a new file or URL)")
    platforms = _platforms(part)
    _vendors(part)
    _users(part, platforms)
    domains = [
        {"vendor_id": vendor.id, "domain": f"www.{vendor.slug}.example", "created_at": part.context.now}
        for vendor in part.context.vendors
        if part.rng.random() < 0.2
    ]
    _insert(part.connection, VendorDomain, domains)


def _read_back(context: SeedContext) -> None:
    context.platform_ids = [row.id for row in context.read(select(Platform.id).order_by(Platform.id))]
    joined: dict[int, list[int]] = {}
    for row in context.read(
        select(VendorPlatform.vendor_id, VendorPlatform.platform_id).order_by(VendorPlatform.platform_id)
    ):
        joined.setdefault(row.vendor_id, []).append(row.platform_id)
    context.vendors = [
        SeededVendor(row.id, row.slug, tuple(joined.get(row.id, ())))
        for row in context.read(select(Vendor.id, Vendor.slug).order_by(Vendor.id))
    ]
    users = context.read(select(func.count()).select_from(User))[0][0]
    context.counts.update(platforms=len(context.platform_ids), vendors=len(context.vendors), users=users)


def seed_tenancy(context: SeedContext) -> None:
    for part in context.parts("tenancy", total=1, per_part=1):
        _write(_Part(part.connection, part.rng, context))
    context.vendors.clear()
    _read_back(context)
