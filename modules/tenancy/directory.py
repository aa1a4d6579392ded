"""Tenancy's side of the tenancy contracts: vendor filters for SQL, and cached tenant look-ups.

Host look-ups run on nearly every request, so results are cached, and every process drops them
when any process commits a change to them (`contracts.change_notices`: a tenancy change drops them
all, an account change that account): the next request reads them again. `platform.host_cache_ttl_s`
only bounds how long a lost message leaves an answer stale. Answers that name nothing ("no such
platform", a host naming no tenant) are kept at most `NOT_FOUND_TTL_S`, so that a flood of unknown
hosts costs one look-up per second per host, and a row written around the services (SQL by hand)
is found within a second.

A look-up that was reading while a change was told may have read the rows from before it: its
answer is returned but not kept (`_epoch`), or it would stay for the whole TTL.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from cachetools import TTLCache
from sqlalchemy import ColumnElement, Select, select, true
from sqlalchemy.orm import Session, sessionmaker

from contracts.cache_only import refuse_to_block
from contracts.change_notices import Change
from contracts.tenancy import HostMatch, PlatformRef, VendorRef, VendorStanding
from kernel.identity import Principal, Role
from modules.tenancy.models import Platform, User, Vendor, VendorDomain, VendorPlatform

__all__ = (
    "NOT_FOUND_TTL_S",
    "CachedTenantDirectory",
    "active_memberships",
    "active_vendor_ids",
    "normalise_host",
)

T = TypeVar("T")
_MISSING = object()
NOT_FOUND_TTL_S = 1.0
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def normalise_host(host: str) -> str:
    """`Shop.Example.com:8443.` is `shop.example.com`; anything that is not a host name is ""."""
    name = host.strip().lower().rsplit(":", 1)[0].rstrip(".")
    return name if len(name) <= 253 and _HOST.match(name) else ""


def active_memberships() -> Select[int, int]:
    """`(vendor_id, platform_id)` of each membership a vendor counts on: active, of an active vendor.
    The ledger's writes, its rebuild and its days computed again must all count by this one rule, or
    a rebuild would move figures between platforms."""
    return (
        select(VendorPlatform.vendor_id, VendorPlatform.platform_id)
        .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
        .where(VendorPlatform.is_active == true(), Vendor.is_active == true())
    )


def active_vendor_ids(platform_id: int | ColumnElement[int]) -> Select[Any]:
    """Vendors active on the platform: active themselves, and with an active membership of it."""
    members = active_memberships().where(VendorPlatform.platform_id == platform_id)
    return members.with_only_columns(VendorPlatform.vendor_id)


def _platform_ref(platform: Platform | None) -> PlatformRef | None:
    if platform is None:
        return None
    return PlatformRef(
        platform.id, platform.slug, platform.name, platform.domain, platform.timezone, platform.currency
    )


def _vendor_ref(vendor: Vendor | None) -> VendorRef | None:
    if vendor is None:
        return None
    return VendorRef(vendor.id, vendor.slug, vendor.name, vendor.is_active, vendor.timezone, vendor.currency)


def _resolve(session: Session, host: str) -> HostMatch:
    """Custom domains first; then a platform's own domain; then `<vendor-slug>.<platform domain>`,
    which names the vendor only if it belongs to that platform. Domains are kept from nesting
    (see `domains.py`), so at most one of these can match."""
    if not host:
        return HostMatch()
    custom = session.scalar(
        select(Vendor)
        .join(VendorDomain, VendorDomain.vendor_id == Vendor.id)
        .where(VendorDomain.domain == host)
    )
    if custom is not None:
        return HostMatch(vendor=_vendor_ref(custom))
    platform = session.scalar(select(Platform).where(Platform.domain == host))
    if platform is not None or "." not in host:
        return HostMatch(platform=_platform_ref(platform))
    slug, _, parent = host.partition(".")
    platform = session.scalar(select(Platform).where(Platform.domain == parent))
    if platform is None:
        return HostMatch()
    member = session.scalar(
        select(Vendor)
        .join(VendorPlatform, VendorPlatform.vendor_id == Vendor.id)
        .where(Vendor.slug == slug, VendorPlatform.platform_id == platform.id)
    )
    return HostMatch(platform=_platform_ref(platform), vendor=_vendor_ref(member))


def _account(session: Session, user_id: int) -> Principal | None:
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        return None
    return Principal(user.id, Role(user.role), user.platform_id, user.vendor_id)


def _vendor_standing(session: Session, vendor_id: int) -> VendorStanding | None:
    vendor = _vendor_ref(session.get(Vendor, vendor_id))
    if vendor is None:
        return None
    memberships = select(VendorPlatform.platform_id).where(
        VendorPlatform.vendor_id == vendor_id, VendorPlatform.is_active == true()
    )
    return VendorStanding(vendor, tuple(session.scalars(memberships.order_by(VendorPlatform.platform_id))))


def _names_nothing(value: object) -> bool:
    return value is None or value == HostMatch()


class CachedTenantDirectory:
    """Implements `TenantDirectory`, and hears changes as a `ChangeListener`."""

    def __init__(
        self, sessions: sessionmaker[Session], ttl_s: float, timer: Callable[[], float] = time.monotonic
    ) -> None:
        self._sessions = sessions
        self._found: TTLCache[Hashable, Any] | None = None
        self._not_found: TTLCache[Hashable, Any] | None = None
        if ttl_s > 0:
            self._found = TTLCache(maxsize=8192, ttl=ttl_s, timer=timer)
            self._not_found = TTLCache(maxsize=8192, ttl=min(ttl_s, NOT_FOUND_TTL_S), timer=timer)
        self._lock = threading.Lock()
        self._epoch = 0

    def changed(self, change: Change) -> None:
        if change.kind in ("tenancy", "all"):
            self.forget()
        elif change.kind == "account":
            self._drop([("account", user_id) for user_id in change.ids("user")])

    def forget(self) -> None:
        with self._lock:
            self._epoch += 1
            for cache in (self._found, self._not_found):
                if cache is not None:
                    cache.clear()

    def _drop(self, keys: list[Hashable]) -> None:
        with self._lock:
            self._epoch += 1
            for cache in (self._found, self._not_found):
                for key in keys:
                    if cache is not None:
                        cache.pop(key, None)

    def _cached(self, key: Hashable, load: Callable[[Session], T]) -> T:
        if self._found is None or self._not_found is None:
            refuse_to_block()
            with self._sessions() as session:
                return load(session)
        with self._lock:
            epoch = self._epoch
            found = self._found.get(key, _MISSING)
            if found is _MISSING:
                found = self._not_found.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        refuse_to_block()
        with self._sessions() as session:
            value = load(session)
        with self._lock:
            if self._epoch == epoch:  # no change told while it was read
                (self._not_found if _names_nothing(value) else self._found)[key] = value
        return value

    def platform_by_id(self, platform_id: int) -> PlatformRef | None:
        return self._cached(
            ("platform-id", platform_id), lambda s: _platform_ref(s.get(Platform, platform_id))
        )

    def platform_by_slug(self, slug: str) -> PlatformRef | None:
        return self._cached(
            ("platform-slug", slug),
            lambda s: _platform_ref(s.scalar(select(Platform).where(Platform.slug == slug))),
        )

    def vendor_by_slug(self, slug: str) -> VendorRef | None:
        return self._cached(
            ("vendor-slug", slug), lambda s: _vendor_ref(s.scalar(select(Vendor).where(Vendor.slug == slug)))
        )

    def platforms(self, limit: int) -> list[PlatformRef]:
        """The first `limit` platforms by id (a super admin's picker on every admin page view), kept
        like the other look-ups: dropped when any process creates or changes a platform."""

        def load(session: Session) -> list[PlatformRef]:
            rows = session.scalars(select(Platform).order_by(Platform.id).limit(limit))
            return [ref for ref in map(_platform_ref, rows) if ref is not None]

        return self._cached(("platforms", limit), load)

    def resolve_host(self, host: str) -> HostMatch:
        name = normalise_host(host)
        return self._cached(("host", name), lambda s: _resolve(s, name)) if name else HostMatch()

    def account(self, user_id: int) -> Principal | None:
        return self._cached(("account", user_id), lambda s: _account(s, user_id))

    def vendor_standing(self, vendor_id: int) -> VendorStanding | None:
        return self._cached(("standing", vendor_id), lambda s: _vendor_standing(s, vendor_id))
