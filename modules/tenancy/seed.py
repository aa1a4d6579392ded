"""Deterministic demo tenants: platforms, vendors on one or several of them, users and domains.

Seeded accounts get an unusable password: `tessera demo` (or `tessera users create`) makes the
logins people actually use, so a seeded database never ships a known password.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from sqlalchemy import insert, select

from kernel.errors import ConflictError
from kernel.seeding import SeedContext, SeededVendor
from modules.tenancy.models import Platform, TeamMember, User, Vendor, VendorDomain, VendorPlatform

__all__ = ("platform_slug", "seed_tenancy")

_PLATFORM_SLUGS = ("main", "eu-market", "outlet", "wholesale", "nordic", "artisan")
_FIRST = (
    "alpine",
    "bright",
    "copper",
    "delta",
    "ember",
    "fjord",
    "granite",
    "harbor",
    "indigo",
    "juniper",
    "kestrel",
    "linden",
    "maple",
    "nova",
    "orchid",
    "pioneer",
    "quartz",
    "river",
    "sable",
    "tidal",
)
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


def platform_slug(index: int) -> str:
    return _PLATFORM_SLUGS[index] if index < len(_PLATFORM_SLUGS) else f"platform-{index + 1}"


def _vendor_slug(index: int) -> str:
    first, second = _FIRST[index % len(_FIRST)], _SECOND[(index // len(_FIRST)) % len(_SECOND)]
    cycle = index // (len(_FIRST) * len(_SECOND))
    return f"{first}-{second}" if cycle == 0 else f"{first}-{second}-{cycle + 1}"


def seed_tenancy(context: SeedContext) -> None:
    rng, now, size, db = context.rng, context.now, context.size, context.connection
    if db.scalar(select(Platform.id).limit(1)) is not None:
        raise ConflictError("the database already has platforms: seed an empty database (a new file or URL)")
    platform_rows = [
        {
            "slug": platform_slug(i),
            "name": platform_slug(i).replace("-", " ").title(),
            "domain": f"{platform_slug(i)}.localhost",
            "created_at": now - timedelta(days=size.days + 30),
        }
        for i in range(size.platforms)
    ]
    context.platform_ids = list(
        db.scalars(insert(Platform).returning(Platform.id, sort_by_parameter_order=True), platform_rows)
    )
    unusable = PasswordHasher().hash(secrets.token_urlsafe(32))
    users: list[dict[str, object]] = [
        {
            "email": f"admin@{row['slug']}.example.com",
            "platform_id": pid,
            "vendor_id": None,
            "role": "platform_admin",
        }
        for row, pid in zip(platform_rows, context.platform_ids, strict=True)
    ]
    vendor_rows = []
    for i in range(size.vendors):
        created = now - timedelta(days=rng.uniform(0, size.days))
        vendor_rows.append(
            {
                "slug": _vendor_slug(i),
                "name": _vendor_slug(i).replace("-", " ").title(),
                "is_active": rng.random() > 0.1,
                "is_verified": rng.random() < 0.6,
                "created_at": created,
            }
        )
    vendor_ids = list(
        db.scalars(insert(Vendor).returning(Vendor.id, sort_by_parameter_order=True), vendor_rows)
    )
    memberships, domains = [], []
    for i, (vendor_id, row) in enumerate(zip(vendor_ids, vendor_rows, strict=True)):
        home = context.platform_ids[i % len(context.platform_ids)]
        extra = [p for p in context.platform_ids if p != home and rng.random() < 0.3]
        platform_ids = (home, *extra)
        memberships += [
            {
                "vendor_id": vendor_id,
                "platform_id": p,
                "is_active": p == home or rng.random() > 0.2,
                "created_at": row["created_at"],
            }
            for p in platform_ids
        ]
        context.vendors.append(SeededVendor(vendor_id, str(row["slug"]), platform_ids))
        users.append(
            {
                "email": f"owner@{row['slug']}.example.com",
                "vendor_id": vendor_id,
                "platform_id": None,
                "role": "vendor_owner",
            }
        )
        users += [
            {
                "email": f"staff{n}@{row['slug']}.example.com",
                "vendor_id": vendor_id,
                "platform_id": None,
                "role": "vendor_member",
            }
            for n in range(rng.randint(0, 2))
        ]
        if rng.random() < 0.2:
            domains.append(
                {"vendor_id": vendor_id, "domain": f"www.{row['slug']}.example", "created_at": now}
            )
    if memberships:
        db.execute(insert(VendorPlatform), memberships)
    for user in users:
        user.update(password_hash=unusable, is_active=True, created_at=now - timedelta(days=size.days))
    user_ids = list(db.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), users))
    team = [
        {
            "vendor_id": user["vendor_id"],
            "user_id": user_id,
            "is_active": True,
            "created_at": user["created_at"],
            "role": "owner" if user["role"] == "vendor_owner" else "member",
        }
        for user, user_id in zip(users, user_ids, strict=True)
        if user["vendor_id"] is not None
    ]
    if team:
        db.execute(insert(TeamMember), team)
    if domains:
        db.execute(insert(VendorDomain), domains)
    context.counts.update(platforms=len(platform_rows), vendors=len(vendor_rows), users=len(users))
