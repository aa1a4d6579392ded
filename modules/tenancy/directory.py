"""Tenancy's side of the tenancy contracts: vendor filters for SQL, and cached tenant look-ups.

Host look-ups run on nearly every request, so results (including "no such host") are cached for
`platform.host_cache_ttl_s` seconds and dropped at once when this process changes tenancy data.
Other worker processes see a change within the TTL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from cachetools import TTLCache
from sqlalchemy import Select, select, true
from sqlalchemy.orm import Session, sessionmaker

from kernel.contracts.tenancy import PlatformRef, VendorRef
from modules.tenancy.models import Platform, Vendor, VendorDomain, VendorPlatform

__all__ = ("CachedTenantDirectory", "SqlVendorDirectory", "normalise_host")

T = TypeVar("T")
_MISSING = object()


def normalise_host(host: str) -> str:
    """`Shop.Example.com:8443.` and `shop.example.com` are the same host."""
    host = host.strip().lower()
    if host.startswith("["):  # an IPv6 literal never names a tenant
        return host
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


class SqlVendorDirectory:
    def active_vendor_ids(self, platform_id: int) -> Select[Any]:
        return (
            select(VendorPlatform.vendor_id)
            .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
            .where(
                VendorPlatform.platform_id == platform_id,
                VendorPlatform.is_active == true(),
                Vendor.is_active == true(),
            )
        )


def _platform_ref(platform: Platform | None) -> PlatformRef | None:
    if platform is None:
        return None
    return PlatformRef(platform.id, platform.slug, platform.name, platform.domain)


def _vendor_ref(vendor: Vendor | None) -> VendorRef | None:
    if vendor is None:
        return None
    return VendorRef(vendor.id, vendor.slug, vendor.name, vendor.is_active)


class CachedTenantDirectory:
    def __init__(self, sessions: sessionmaker[Session], ttl_s: float) -> None:
        self._sessions = sessions
        self._cache: TTLCache[Hashable, Any] | None = TTLCache(maxsize=8192, ttl=ttl_s) if ttl_s > 0 else None
        self._lock = threading.Lock()

    def forget(self) -> None:
        if self._cache is not None:
            with self._lock:
                self._cache.clear()

    def _cached(self, key: Hashable, load: Callable[[Session], T]) -> T:
        if self._cache is not None:
            with self._lock:
                found = self._cache.get(key, _MISSING)
            if found is not _MISSING:
                return found  # type: ignore[no-any-return]
        with self._sessions() as session:
            value = load(session)
        if self._cache is not None:
            with self._lock:
                self._cache[key] = value
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

    def platform_by_host(self, host: str) -> PlatformRef | None:
        host = normalise_host(host)
        return self._cached(
            ("platform-host", host),
            lambda s: _platform_ref(s.scalar(select(Platform).where(Platform.domain == host))),
        )

    def vendor_by_slug(self, slug: str) -> VendorRef | None:
        return self._cached(
            ("vendor-slug", slug), lambda s: _vendor_ref(s.scalar(select(Vendor).where(Vendor.slug == slug)))
        )

    def vendor_by_host(self, host: str) -> VendorRef | None:
        return self._cached(
            ("vendor-host", normalise_host(host)), self._vendor_by_host_loader(normalise_host(host))
        )

    @staticmethod
    def _vendor_by_host_loader(host: str) -> Callable[[Session], VendorRef | None]:
        def load(session: Session) -> VendorRef | None:
            custom = session.scalar(
                select(Vendor)
                .join(VendorDomain, VendorDomain.vendor_id == Vendor.id)
                .where(VendorDomain.domain == host)
            )
            if custom is not None or "." not in host:
                return _vendor_ref(custom)
            slug, _, platform_domain = host.partition(".")
            member = session.scalar(
                select(Vendor)
                .join(VendorPlatform, VendorPlatform.vendor_id == Vendor.id)
                .join(Platform, Platform.id == VendorPlatform.platform_id)
                .where(Vendor.slug == slug, Platform.domain == platform_domain)
            )
            return _vendor_ref(member)

        return load
