"""Platforms, and which vendors are on each."""

from __future__ import annotations

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from kernel.identity import Principal
from modules.tenancy.platform_service import PlatformService
from modules.tenancy.routes.params import DEFAULT_LIMIT, Limit, Offset, PathId
from modules.tenancy.schemas import (
    PlatformCreate,
    PlatformOut,
    PlatformPage,
    PlatformUpdate,
    VendorAttach,
    VendorOut,
)
from modules.tenancy.vendor_service import VendorService

__all__ = ("PlatformController",)


class PlatformController(Controller):
    path = "/admin/platforms"
    tags = ["platforms"]

    @post("/", summary="Create a platform", sync_to_thread=True)
    def create_platform(
        self,
        data: JSONBody[PlatformCreate],
        principal: NamedDependency[Principal],
        platform_service: NamedDependency[PlatformService],
    ) -> PlatformOut:
        """Create a platform (super_admin)."""
        return platform_service.create(principal, data)

    @get("/", summary="List platforms", sync_to_thread=True)
    def list_platforms(
        self,
        principal: NamedDependency[Principal],
        platform_service: NamedDependency[PlatformService],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> PlatformPage:
        """List platforms (super_admin)."""
        return platform_service.list(principal, limit=limit, offset=offset)

    @patch("/{platform_id:int}", summary="Rename a platform or change its time zone", sync_to_thread=True)
    def update_platform(
        self,
        platform_id: PathId,
        data: JSONBody[PlatformUpdate],
        principal: NamedDependency[Principal],
        platform_service: NamedDependency[PlatformService],
    ) -> PlatformOut:
        """Change the name or the time zone (super_admin, or this platform's admin); a new zone
        rebuilds the platform's day figures in it."""
        return platform_service.update(principal, platform_id, data)

    @post("/{platform_id:int}/vendors", summary="Put a vendor on a platform", sync_to_thread=True)
    def attach_vendor(
        self,
        platform_id: PathId,
        data: JSONBody[VendorAttach],
        principal: NamedDependency[Principal],
        vendor_service: NamedDependency[VendorService],
    ) -> VendorOut:
        """Put an existing vendor on this platform (super_admin, or this platform's admin)."""
        return vendor_service.attach(principal, platform_id, data.vendor_id)

    @delete(
        "/{platform_id:int}/vendors/{vendor_id:int}",
        summary="Take a vendor off a platform",
        status_code=200,
        sync_to_thread=True,
    )
    def detach_vendor(
        self,
        platform_id: PathId,
        vendor_id: PathId,
        principal: NamedDependency[Principal],
        vendor_service: NamedDependency[VendorService],
    ) -> VendorOut:
        """End a vendor's membership of this platform; its history stays."""
        return vendor_service.detach(principal, platform_id, vendor_id)
