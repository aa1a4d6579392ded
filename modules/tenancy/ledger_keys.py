"""What tenancy keeps in the ledger (`kernel.contracts.ledger`), and the same rows computed
from its raw tables.

A platform's dashboard used to count its memberships, the users of every vendor that ever joined it
and their domains at request time, so its cost grew with the vendors and users. Now each tenancy
change records what it changes, like any module's write.

Vendor rows (a vendor's own; the ledger adds them to the platforms the vendor is active on, and
moves them when it joins, leaves, or is switched off or on):
- `team_members`: active seats on the vendor's team whose user is active;
- `custom_domains`: the vendor's domains. On a platform that is "domains of the vendors active on
  it", which is exactly what the admin dashboard shows.

Platform rows (what a platform counts itself, written with `record_for_platform`):
- `vendors`: memberships of the platform, active or not, each at the moment it began (so on the
  platform's local day of it), so "new vendors in the period" is a sum of days and the all-time
  total is the vendors that joined;
- `vendors_active`: memberships that are active, of a vendor that is active;
- `vendors_verified`: memberships of a verified vendor, active or not;
- `users`, `users_active`: the platform's admins and the users of every vendor that ever joined it
  (a user counts once per platform even if both hold).
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    DateTime,
    SelectBase,
    String,
    func,
    literal,
    null,
    select,
    true,
    union,
    union_all,
)

from kernel.contracts.ledger import LedgerSource
from modules.tenancy.models import TeamMember, User, Vendor, VendorDomain, VendorPlatform

__all__ = (
    "CUSTOM_DOMAINS",
    "TEAM_MEMBERS",
    "USERS",
    "USERS_ACTIVE",
    "VENDORS",
    "VENDORS_ACTIVE",
    "VENDORS_VERIFIED",
    "TenancyLedgerSource",
)

TEAM_MEMBERS, CUSTOM_DOMAINS = "tenancy.team_members", "tenancy.custom_domains"
VENDORS, VENDORS_ACTIVE, VENDORS_VERIFIED, USERS, USERS_ACTIVE = (
    f"tenancy.{name}" for name in ("vendors", "vendors_active", "vendors_verified", "users", "users_active")
)


class TenancyLedgerSource(LedgerSource):
    def vendor_rows(self) -> SelectBase:
        seats = (
            select(TeamMember.vendor_id, literal(TEAM_MEMBERS, String), null().cast(DateTime), func.count())
            .join(User, User.id == TeamMember.user_id)
            .where(TeamMember.is_active == true(), User.is_active == true())
            .group_by(TeamMember.vendor_id)
        )
        domains = select(
            VendorDomain.vendor_id, literal(CUSTOM_DOMAINS, String), null().cast(DateTime), func.count()
        ).group_by(VendorDomain.vendor_id)
        return union_all(seats, domains)

    def platform_rows(self) -> SelectBase:
        """A plain SELECT over the union, not the union itself: the ledger puts these rows in a
        union of its own, and SQLite refuses a parenthesised union inside another."""
        return select(union_all(*_membership_rows(), *_user_rows()).subquery())


def _membership_rows() -> list[SelectBase]:
    at = VendorPlatform.created_at.label("at")
    platform = VendorPlatform.platform_id
    joined = select(platform, literal(VENDORS, String), at, func.count()).group_by(platform, at)

    def members(key: str, *only: ColumnElement[bool]) -> SelectBase:
        return (
            select(platform, literal(key, String), null().cast(DateTime), func.count())
            .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
            .where(*only)
            .group_by(platform)
        )

    active = members(VENDORS_ACTIVE, VendorPlatform.is_active == true(), Vendor.is_active == true())
    verified = members(VENDORS_VERIFIED, Vendor.is_verified == true())
    return [joined, active, verified]


def _user_rows() -> list[SelectBase]:
    """Each (user, platform) once: `union` drops a user counted both as the platform's and as one of
    its vendors'."""
    admins = select(User.id, User.is_active, User.platform_id.label("platform_id")).where(
        User.platform_id.is_not(None)
    )
    of_vendors = select(User.id, User.is_active, VendorPlatform.platform_id).join(
        VendorPlatform, VendorPlatform.vendor_id == User.vendor_id
    )
    counted = union(admins, of_vendors).subquery()
    return [
        select(counted.c.platform_id, literal(key, String), null().cast(DateTime), func.count())
        .where(*only)
        .group_by(counted.c.platform_id)
        for key, only in ((USERS, ()), (USERS_ACTIVE, (counted.c.is_active == true(),)))
    ]
