"""What the core tenancy module offers every other module and the HTTP adapter.

Other modules never import tenancy's models. They ask this contract instead, to look tenants up by
host name or slug, and to know whether an account or a vendor still counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from kernel.identity import Principal

__all__ = ("HostMatch", "PlatformRef", "TenantDirectory", "VendorRef", "VendorStanding")


@dataclass(frozen=True, slots=True)
class PlatformRef:
    id: int
    slug: str
    name: str
    domain: str | None
    timezone: str = "UTC"  # IANA: the zone of the platform's days
    currency: str = "EUR"  # ISO 4217: its dashboards' reporting currency


@dataclass(frozen=True, slots=True)
class VendorRef:
    id: int
    slug: str
    name: str
    is_active: bool
    timezone: str = "UTC"  # IANA: the zone of the vendor's days
    currency: str = "EUR"  # ISO 4217: its dashboard's reporting currency


@dataclass(frozen=True, slots=True)
class VendorStanding:
    """Where a vendor may act now: the vendor itself, and the platforms whose membership is active,
    in the order it joined them (by platform id). The tenant rule reads this on every request."""

    vendor: VendorRef
    platform_ids: tuple[int, ...]

    def is_active_on(self, platform_id: int) -> bool:
        return self.vendor.is_active and platform_id in self.platform_ids


@dataclass(frozen=True, slots=True)
class HostMatch:
    """What a host name names: a platform (its domain, or the platform part of a vendor
    subdomain), a vendor (a custom domain, or `<vendor-slug>.<platform domain>`), both, or neither."""

    platform: PlatformRef | None = None
    vendor: VendorRef | None = None


@runtime_checkable
class TenantDirectory(Protocol):
    """Look-ups by the names people type (slugs, host names), and whether an account still counts."""

    def platform_by_id(self, platform_id: int) -> PlatformRef | None: ...

    def platform_by_slug(self, slug: str) -> PlatformRef | None: ...

    def vendor_by_slug(self, slug: str) -> VendorRef | None: ...

    def resolve_host(self, host: str) -> HostMatch: ...

    def account(self, user_id: int) -> Principal | None:
        """The account as it is now (role, platform, vendor), `None` once it is gone or switched off.
        Every token is checked against it, so switching an account off, changing its role or moving
        it takes effect without waiting for the token to expire: on every process's next request
        (the cache in front hears of the change, `contracts.change_notices`)."""
        ...

    def vendor_standing(self, vendor_id: int) -> VendorStanding | None:
        """The vendor as it stands now (`None` if there is no such vendor): checked on every request
        of its users, so ending a membership or switching the vendor off takes effect at once."""
        ...
